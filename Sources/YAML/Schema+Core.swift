/// The YAML 1.2 core schema (YAML spec 1.2.2, §10.3.2 "Tag Resolution"):
///
/// | tag    | plain forms                                                    |
/// |--------|----------------------------------------------------------------|
/// | null   | `null` `Null` `NULL` `~` and the empty scalar                   |
/// | bool   | `true` `True` `TRUE` `false` `False` `FALSE`                    |
/// | int    | `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`                     |
/// | float  | `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)` |
/// | str    | everything else                                                |
///
/// Only plain scalars are resolved. Quoted and block scalars, `!` and any tag the schema
/// does not know (`!local`, `!e!foo`, `!!binary`) give the text as a string, as the
/// yaml-test-suite's `in.json` files expect (cases 6CK3, CUP7, 565N). Explicit `!!int`,
/// `!!float`, `!!bool`, `!!null` must match their forms or the scalar is an error.
enum CoreSchema {
    /// The value of a plain, untagged scalar. Decides on the first byte before any parsing.
    static func resolvePlain(_ text: String) -> Value {
        var text = text
        return text.withUTF8 { resolve(ArraySlice($0)) } ?? .string(text)
    }

    /// nil when the scalar is a string.
    static func resolve(_ s: ArraySlice<UInt8>) -> Value? {
        guard let first = s.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isOneOf(s, "~", "null", "Null", "NULL") ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return isOneOf(s, "true", "True", "TRUE") ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return isOneOf(s, "false", "False", "FALSE") ? .bool(false) : nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(s)
        default:
            return nil
        }
    }

    private static func number(_ s: ArraySlice<UInt8>) -> Value? {
        if let int = integer(s) { return int }
        if isOneOf(s, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF") { return .float(.infinity) }
        if isOneOf(s, "-.inf", "-.Inf", "-.INF") { return .float(-.infinity) }
        if isOneOf(s, ".nan", ".NaN", ".NAN") { return .float(.nan) }
        if GoNumber.isYAMLFloat(s), let d = Double(String(decoding: s, as: UTF8.self)) { return .float(d) }
        return nil
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; too large for Int64 gives a float.
    private static func integer(_ s: ArraySlice<UInt8>) -> Value? {
        let start = s.startIndex
        if s.count > 2, s[start] == UInt8(ascii: "0") {
            let marker = s[start + 1]
            let base = marker == UInt8(ascii: "o") ? 8 : marker == UInt8(ascii: "x") ? 16 : 0
            if base != 0 {
                switch GoNumber.parseUint(s[(start + 2)...], base: base) {
                case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .float(Double(u))
                case .range: return .float(.infinity)
                default: return nil
                }
            }
        }
        var i = start
        if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < s.endIndex, s[i...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if case .int(let v) = GoNumber.parseInt(s, base: 10) { return .int(v) }
        return Double(String(decoding: s, as: UTF8.self)).map(Value.float)
    }

    /// A scalar with an explicit tag (or a quoted scalar, tag `!`).
    static func construct(tag: String, text: String, mark: Mark) throws(YAMLError) -> Value {
        let resolved = { resolvePlain(text) }
        switch tag {
        case Tag.null:
            if case .null = resolved() { return .null }
        case Tag.bool:
            if case .bool(let b) = resolved() { return .bool(b) }
        case Tag.int:
            let v = resolved()
            if case .int = v { return v }
            if case .float = v, isIntegerSyntax(text) { return v }
        case Tag.float:
            switch resolved() {
            case .int(let i): return .float(Double(i))
            case .float(let d): return .float(d)
            default: break
            }
        default:
            return .string(text)
        }
        throw YAMLError(.invalidValue(tag: tag, value: text), at: mark, stage: .resolver)
    }

    private static func isIntegerSyntax(_ text: String) -> Bool {
        !text.utf8.contains(UInt8(ascii: ".")) && !text.utf8.contains(where: { $0 | 0x20 == UInt8(ascii: "e") })
            || text.hasPrefix("0x")
    }

    static func isOneOf(_ s: ArraySlice<UInt8>, _ options: StaticString...) -> Bool {
        for option in options {
            let count = option.utf8CodeUnitCount
            if count == s.count,
                option.withUTF8Buffer({ buffer in buffer.elementsEqual(s) })
            {
                return true
            }
        }
        return false
    }
}
