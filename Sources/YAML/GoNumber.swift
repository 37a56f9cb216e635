/// Go's `strconv` number syntax on UTF-8 bytes, as go-yaml v2's resolver uses it
/// (goyaml.v2/resolve.go `resolve`). No Foundation, no regular expressions: these run on
/// every plain scalar that starts with a digit or a sign.
enum GoNumber {
    enum IntResult: Equatable {
        case int(Int64)
        case uint(UInt64)
        case syntax
        case range
    }

    /// `strconv.ParseUint(s, base, 64)`; base 0 means "from the prefix": `0x`, `0o`, `0b`
    /// (either case), a lone leading `0` for octal, otherwise decimal (strconv/atoi.go).
    /// Underscores are already removed by the caller, as resolve.go does.
    static func parseUint(_ s: ArraySlice<UInt8>, base: Int) -> IntResult {
        guard !s.isEmpty else { return .syntax }
        var i = s.startIndex
        var radix = UInt64(base)
        if base == 0 {
            radix = 10
            if s[i] == UInt8(ascii: "0") {
                let next = s.index(after: i)
                if next < s.endIndex {
                    switch s[next] | 0x20 {
                    case UInt8(ascii: "x"): radix = 16; i = s.index(after: next)
                    case UInt8(ascii: "o"): radix = 8; i = s.index(after: next)
                    case UInt8(ascii: "b"): radix = 2; i = s.index(after: next)
                    default: radix = 8; i = next
                    }
                    if i == s.endIndex { return .syntax }
                }
            }
        }
        var value: UInt64 = 0
        var overflow = false
        while i < s.endIndex {
            guard let digit = digitValue(s[i]), digit < radix else { return .syntax }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { overflow = true }
            value = a
            i += 1
        }
        return overflow ? .range : .uint(value)
    }

    /// `strconv.ParseInt(s, base, 64)`: an optional sign, then `parseUint`.
    static func parseInt(_ s: ArraySlice<UInt8>, base: Int) -> IntResult {
        guard let first = s.first else { return .syntax }
        var body = s
        var negative = false
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = s.dropFirst()
        }
        switch parseUint(body, base: base) {
        case .uint(let u):
            if negative {
                if u <= UInt64(Int64.max) { return .int(-Int64(u)) }
                if u == UInt64(Int64.max) + 1 { return .int(Int64.min) }
                return .range
            }
            return u <= UInt64(Int64.max) ? .int(Int64(u)) : .range
        case let other: return other
        }
    }

    private static func digitValue(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt64(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(c - 55)
        default: return nil
        }
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`: go-yaml v2's `yamlStyleFloat`
    /// (goyaml.v2/resolve.go), which is also the YAML 1.2 core schema's float form.
    static func isYAMLFloat(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        let end = s.endIndex
        func digits() -> Int {
            let start = i
            while i < end, s[i] >= 48, s[i] <= 57 { i += 1 }
            return i - start
        }
        if i < end, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < end, s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < end, s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < end, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == end
    }

    /// `strconv.ParseFloat(s, 64)` for text already known to be decimal float syntax:
    /// nil when it overflows to ±Inf (Go reports ErrRange there; underflow to 0 is fine).
    static func parseFloat(_ s: ArraySlice<UInt8>) -> Double? {
        guard let d = Double(String(decoding: s, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }
}
