/// Go's float-to-text conversions, which kubectl's output depends on:
///
/// - `json(_:)`: encoding/json's float encoder (encoding/json/encode.go, `floatEncoder.encode`):
///   shortest round-trip digits, `%f` style for 1e-6 ≤ |x| < 1e21, `%e` otherwise, with
///   `e-07` cleaned up to `e-7`.
/// - `g(_:float32:)`: `strconv.FormatFloat(x, 'g', -1, 64 or 32)`, used by go-yaml v2's
///   encoder for floats (goyaml.v2/encode.go `floatv`) and by sigs.k8s.io/yaml to stringify
///   float map keys with bitSize 32 (yaml.go `convertToJSONableObject`).
///
/// The shortest digits come from Swift's own `description`, which (like Go's
/// strconv, ftoa.go `ryuFtoaShortest`) prints the shortest text that round-trips.
enum GoFloat {
    /// Shortest decimal digits of a finite value: value = 0.d₁d₂…dₙ × 10^dp (strconv's
    /// `decimalSlice` convention). Zero has no digits.
    struct Digits {
        var negative: Bool
        var digits: [UInt8]
        var dp: Int
    }

    static func digits(_ description: String) -> Digits {
        var bytes = Array(description.utf8)
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        }
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var sign = 1
            var i = e + 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                if bytes[i] == UInt8(ascii: "-") { sign = -1 }
                i += 1
            }
            while i < bytes.count { exponent = exponent * 10 + Int(bytes[i] - 48); i += 1 }
            exponent *= sign
            bytes.removeSubrange(e...)
        }
        var intLength = bytes.count
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            intLength = dot
            bytes.remove(at: dot)
        }
        var dp = intLength + exponent
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: "0") { start += 1; dp -= 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if start == end { return Digits(negative: negative, digits: [], dp: 0) }
        return Digits(negative: negative, digits: Array(bytes[start..<end]), dp: dp)
    }

    /// encoding/json's text for a finite Double.
    static func json(_ x: Double) -> String {
        let d = digits(x.description)
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            var s = formatE(d)
            // encoding/json: "clean up e-09 to e-9"
            let b = Array(s.utf8)
            let n = b.count
            if n >= 4, b[n - 4] == UInt8(ascii: "e"), b[n - 3] == UInt8(ascii: "-"), b[n - 2] == UInt8(ascii: "0") {
                s = String(decoding: b[..<(n - 2)] + [b[n - 1]], as: UTF8.self)
            }
            return s
        }
        return formatF(d)
    }

    /// `strconv.FormatFloat(x, 'g', -1, bitSize)` as go-yaml prints it: `.inf`, `-.inf`,
    /// `.nan` for the specials (goyaml.v2/encode.go `floatv`; sigs.k8s.io/yaml yaml.go).
    static func g(_ x: Double, float32: Bool = false) -> String {
        let v = float32 ? Double(Float(x)) : x
        if v.isNaN { return ".nan" }
        if v.isInfinite { return v < 0 ? "-.inf" : ".inf" }
        let d = digits(float32 ? Float(x).description : x.description)
        // strconv/ftoa.go `formatDigits`: for the shortest 'g', "use precision 6 for this
        // decision" (`if shortest { eprec = 6 }`): %e when exp < -4 || exp >= 6.
        let exp = d.dp - 1
        if !d.digits.isEmpty && (exp < -4 || exp >= 6) {
            return formatE(d)
        }
        return formatF(d)
    }

    /// `%e` with all the shortest digits: d.ddde±XX.
    static func formatE(_ d: Digits) -> String {
        var out: [UInt8] = d.negative ? [UInt8(ascii: "-")] : []
        let ds = d.digits.isEmpty ? [UInt8(ascii: "0")] : d.digits
        out.append(ds[0])
        if ds.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: ds[1...])
        }
        out.append(UInt8(ascii: "e"))
        var exp = d.digits.isEmpty ? 0 : d.dp - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(48 + exp))
        } else {
            out.append(contentsOf: Array(String(exp).utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%f` with exactly the digits needed: max(nd - dp, 0) decimals.
    static func formatF(_ d: Digits) -> String {
        var out: [UInt8] = d.negative ? [UInt8(ascii: "-")] : []
        let nd = d.digits.count
        if d.dp > 0 {
            for i in 0..<d.dp { out.append(i < nd ? d.digits[i] : UInt8(ascii: "0")) }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        let decimals = max(nd - d.dp, 0)
        if decimals > 0 {
            out.append(UInt8(ascii: "."))
            for i in 0..<decimals {
                let j = d.dp + i
                out.append(j >= 0 && j < nd ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
