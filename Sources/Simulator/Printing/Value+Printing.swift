import YAML

/// Small read helpers over API objects as `Value` trees, shared by the printers.
extension Value {
    /// The value at a path of mapping keys: `obj.at("spec", "replicas")`.
    func at(_ keys: String...) -> Value? {
        var v: Value? = self
        for k in keys { v = v?[k] }
        return v
    }

    /// String at a path, or `""` (Go's zero value).
    func str(_ keys: String...) -> String {
        var v: Value? = self
        for k in keys { v = v?[k] }
        return v?.string ?? ""
    }

    /// Integer at a path, or 0 (Go's zero value).
    func int(_ keys: String...) -> Int64 {
        var v: Value? = self
        for k in keys { v = v?[k] }
        return v?.int ?? 0
    }

    /// Sequence at a path, or empty.
    func seq(_ keys: String...) -> [Value] {
        var v: Value? = self
        for k in keys { v = v?[k] }
        return v?.sequence ?? []
    }

    /// A string-to-string map (labels, selectors, data keys) in written order.
    func stringMap(_ keys: String...) -> [(key: String, value: String)] {
        var v: Value? = self
        for k in keys { v = v?[k] }
        return (v?.mapping ?? []).compactMap { p in
            guard case .string(let k) = p.key else { return nil }
            return (k, p.value.string ?? Value.scalarText(p.value))
        }
    }

    var name: String { str("metadata", "name") }
    var namespace: String { str("metadata", "namespace") }
    var creationTimestamp: Value? { at("metadata", "creationTimestamp") }
    var hasDeletionTimestamp: Bool { !(at("metadata", "deletionTimestamp")?.isNull ?? true) }

    /// Go's `fmt.Sprint` of a JSON scalar as decoded into `interface{}`.
    public static func scalarText(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return GoFormat.float(d)
        case .string(let s): return s
        default: return JSONWriter.string(v)
        }
    }
}

/// Go formatting helpers.
enum GoFormat {
    /// `fmt.Sprint(float64)`: strconv 'g' with the shortest digits, exponent form when the
    /// decimal exponent is < -4 or >= 6 (strconv/ftoa.go `eprec = 6` when shortest).
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let sign = d < 0 ? "-" : ""
        var (digits, dp) = shortestDigits(abs(d))
        let exp = dp - 1
        if exp < -4 || exp >= 6 {
            let first = digits.removeFirst()
            let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
            return sign + String(first) + (digits.isEmpty ? "" : "." + digits) + "e" + (exp < 0 ? "-" : "+") + e
        }
        if dp <= 0 { return sign + "0." + String(repeating: "0", count: -dp) + digits }
        if dp >= digits.count { return sign + digits + String(repeating: "0", count: dp - digits.count) }
        let i = digits.index(digits.startIndex, offsetBy: dp)
        return sign + digits[..<i] + "." + digits[i...]
    }

    /// Shortest round-tripping decimal digits of a positive double and the position of the
    /// decimal point (value = 0.digits × 10^dp), from Swift's own shortest printing.
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = "\(d)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let frac = parts.count > 1 ? String(parts[1]) : ""
        var all = intPart + frac
        var dp = intPart.count + exponent
        while all.hasPrefix("0") { all.removeFirst(); dp -= 1 }
        while all.hasSuffix("0") { all.removeLast() }
        return (all.isEmpty ? "0" : all, dp)
    }

    /// labels.FormatLabels / labels.Set.String: sorted `k=v` joined by `,`, `<none>` if empty.
    static func labels(_ pairs: [(key: String, value: String)]) -> String {
        if pairs.isEmpty { return "<none>" }
        return pairs.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
