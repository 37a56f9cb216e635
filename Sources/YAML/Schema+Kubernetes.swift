/// The scalar rules of go-yaml v2 as kubectl runs them (sigs.k8s.io/yaml's fork,
/// `goyaml.v2/resolve.go` and `goyaml.v2/decode.go`), followed by what
/// sigs.k8s.io/yaml (`yaml.go`) and Go's encoding/json do to the result.
///
/// ```
/// replicas: 3        → int          on: yes   → "on": true  (both YAML 1.1 booleans)
/// port: 0x1F         → 31           mode: 0644 → 420 (leading-zero octal)
/// ratio: 1_000.5     → 1000.5       date: 2024-01-01 → "2024-01-01" (timestamps stay text)
/// size: .inf         → error: JSON cannot hold it (json: unsupported value: +Inf)
/// 1.5: x             → "1.5": "x"   (keys become strings, floats with 32-bit precision)
/// ```
enum KubernetesSchema {
    /// What go-yaml's `resolve` returns, before JSON conversion.
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        case int(Int64)
        /// Doesn't fit int64: go-yaml's uint64 or *big.Int.
        case bigInt(Double)
        case float(Double)
        case string(String)
    }

    /// `resolve(tag, in)` (goyaml.v2/resolve.go) plus `decoder.scalar` (decode.go): `tag` is
    /// nil for an untagged plain scalar; non-plain untagged scalars are strings.
    static func resolve(tag: String?, text: String, style: ScalarStyle, mark: Mark) throws(YAMLError) -> Resolved {
        guard let tag else {
            // decode.go `scalar`: `n.tag == "" && !n.implicit` (quoted, block) → !!str.
            if style != .plain { return .string(text) }
            var copy = text
            return copy.withUTF8 { implicit(ArraySlice($0)) } ?? .string(text)
        }
        switch tag {
        case Tag.str, Tag.nonSpecific:
            return .string(text)
        case Tag.binary:
            // decode.go `scalar`: "!!binary value contains invalid base64 data".
            let compact = text.filter { !$0.isWhitespace }
            guard let data = Base64.decode(compact) else {
                throw YAMLError(.invalidValue(tag: tag, value: text), at: mark, stage: .resolver)
            }
            return .string(String(decoding: data, as: UTF8.self))
        case Tag.bool, Tag.int, Tag.float, Tag.null, Tag.timestamp:
            break
        default:
            // resolve.go `resolvableTag`: any other tag (`!foo`, `!!seq` on a scalar) keeps the text.
            return .string(text)
        }
        var copy = text
        let resolved = copy.withUTF8 { implicit(ArraySlice($0)) } ?? .string(text)
        // resolve.go, the deferred check: the explicit tag must match what the text resolves
        // to, except that an int is accepted (and converted) as a !!float. Message upstream:
        // "cannot decode !!str `abc` as a !!int".
        switch (tag, resolved) {
        case (Tag.bool, .bool), (Tag.int, .int), (Tag.int, .bigInt), (Tag.float, .float), (Tag.null, .null):
            return resolved
        case (Tag.float, .int(let i)):
            return .float(Double(i))
        case (Tag.timestamp, .string) where timestampShape(copy.utf8):
            return resolved
        default:
            throw YAMLError(.invalidValue(tag: tag, value: text), at: mark, stage: .resolver)
        }
    }

    /// The implicit resolution of a plain scalar; nil means "a string".
    /// resolve.go `resolveTable`: only `+ - 0-9 y Y n N t T f F o O ~ .` and the empty
    /// scalar can be anything but a string, so most scalars stop at the first byte.
    static func implicit(_ s: ArraySlice<UInt8>) -> Resolved? {
        guard let first = s.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return fromMap(s)
        case UInt8(ascii: "."):
            if let v = fromMap(s) { return v }
            // resolve.go hint '.': strconv.ParseFloat(in, 64) on the text as written.
            return goDotFloat(s).map(Resolved.float)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if let v = fromMap(s) { return v }
            return number(s)
        default:
            return nil
        }
    }

    /// resolve.go `resolveMapList`: the exact spellings go-yaml v2 knows (YAML 1.1 booleans
    /// included; `<<` is handled by the resolver as a merge key, never as a value here).
    private static func fromMap(_ s: ArraySlice<UInt8>) -> Resolved? {
        let one = CoreSchema.isOneOf
        switch s.count {
        case 1:
            if one(s, "y", "Y") { return .bool(true) }
            if one(s, "n", "N") { return .bool(false) }
            if one(s, "~") { return .null }
        case 2:
            if one(s, "on", "On", "ON") { return .bool(true) }
            if one(s, "no", "No", "NO") { return .bool(false) }
        default:
            if one(s, "yes", "Yes", "YES", "true", "True", "TRUE") { return .bool(true) }
            if one(s, "off", "Off", "OFF", "false", "False", "FALSE") { return .bool(false) }
            if one(s, "null", "Null", "NULL") { return .null }
            if one(s, ".nan", ".NaN", ".NAN") { return .float(.nan) }
            if one(s, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF") { return .float(.infinity) }
            if one(s, "-.inf", "-.Inf", "-.INF") { return .float(-.infinity) }
        }
        return nil
    }

    /// resolve.go hint 'D'/'S', in upstream order: timestamp (only when untagged or
    /// `!!timestamp`; kept as text, decode.go `scalar` "for backward compatibility"), then
    /// with every `_` removed: ParseInt base 0, ParseUint base 0, `yamlStyleFloat`, `0b`/`-0b`,
    /// and big.Int for unsigned overflows.
    private static func number(_ s: ArraySlice<UInt8>) -> Resolved? {
        if timestampShape(s) {
            // parseTimestamp: strings starting `YYYY-` that time.Parse accepts are timestamps
            // and stay strings; those it rejects can't be numbers either (a '-' after 4 digits).
            return .string(String(decoding: s, as: UTF8.self))
        }
        let plain = s.contains(UInt8(ascii: "_")) ? ArraySlice(s.filter { $0 != UInt8(ascii: "_") }) : s
        switch GoNumber.parseInt(plain, base: 0) {
        case .int(let i): return .int(i)
        default: break
        }
        let unsigned = GoNumber.parseUint(plain, base: 0)
        if case .uint(let u) = unsigned { return .bigInt(Double(u)) }
        if GoNumber.isYAMLFloat(plain) {
            if let d = GoNumber.parseFloat(plain) { return .float(d) }
        }
        if plain.starts(with: Array("0b".utf8)) {
            // strconv.ParseInt(plain[2:], 2, 64): a sign may follow the prefix ("0b-1").
            switch GoNumber.parseInt(plain.dropFirst(2), base: 2) {
            case .int(let i): return .int(i)
            default:
                if case .uint(let u) = GoNumber.parseUint(plain.dropFirst(2), base: 2) { return .bigInt(Double(u)) }
            }
        } else if plain.starts(with: Array("-0b".utf8)) {
            if case .int(let i) = GoNumber.parseInt([UInt8(ascii: "-")] + plain.dropFirst(3), base: 2) { return .int(i) }
        }
        if unsigned == .range, let big = bigInteger(plain) { return .bigInt(big) }
        return nil
    }

    /// `new(big.Int).SetString(plain, 0)` for an unsigned overflow, as a Double: the API
    /// server reads any JSON integer beyond int64 as a float64 anyway (unstructured decoding).
    private static func bigInteger(_ s: ArraySlice<UInt8>) -> Double? {
        var digits = s
        var radix = 10.0
        if s.count > 2, s.first == UInt8(ascii: "0") {
            switch s[s.startIndex + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16; digits = s.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; digits = s.dropFirst(2)
            case UInt8(ascii: "b"): radix = 2; digits = s.dropFirst(2)
            default: radix = 8; digits = s.dropFirst(1)
            }
        }
        var value = 0.0
        for c in digits {
            let d: Int
            switch c {
            case 48...57: d = Int(c) - 48
            case 97...102: d = Int(c) - 87
            case 65...70: d = Int(c) - 55
            default: return nil
            }
            guard Double(d) < radix else { return nil }
            value = value * radix + Double(d)
        }
        return value
    }

    /// strconv.ParseFloat for text starting with '.': `.5`, `.5e3`, `.5_5`
    /// (underscores only between digits, strconv/atoi.go `underscoreOK`).
    private static func goDotFloat(_ s: ArraySlice<UInt8>) -> Double? {
        var previous: UInt8 = 0
        for c in s {
            if c == UInt8(ascii: "_"), !(previous >= 48 && previous <= 57) { return nil }
            if previous == UInt8(ascii: "_"), !(c >= 48 && c <= 57) { return nil }
            previous = c
        }
        if previous == UInt8(ascii: "_") { return nil }
        let plain = s.contains(UInt8(ascii: "_")) ? ArraySlice(s.filter { $0 != UInt8(ascii: "_") }) : s
        guard GoNumber.isYAMLFloat(plain) else { return nil }
        return GoNumber.parseFloat(plain)
    }

    /// parseTimestamp's quick check (resolve.go): four digits and a '-'. Everything with
    /// that shape is a string in kubectl's JSON whether or not time.Parse accepts it.
    static func timestampShape<C: Collection>(_ s: C) -> Bool where C.Element == UInt8 {
        var i = s.startIndex
        for _ in 0..<4 {
            guard i < s.endIndex, s[i] >= 48, s[i] <= 57 else { return false }
            i = s.index(after: i)
        }
        return i < s.endIndex && s[i] == UInt8(ascii: "-")
    }
}
