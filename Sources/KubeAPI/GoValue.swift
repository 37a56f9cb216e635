import YAML

/// A bad value as Go's `ErrorBody` prints it: `%q` for strings, `%v` for numbers and bools,
/// `%#v` for maps and slices, `String()` for types that have one (the protobuf-generated
/// `&LabelSelector{…}`). Cases hold the data; `rendered` does the printing.
public enum GoValue: Sendable, Hashable {
    /// `field.Required`, `Forbidden`, `TooLong`: no value is printed.
    case omitted
    case string(String)
    case int(Int64)
    case bool(Bool)
    /// `map[string]string{"a":"b"}`, keys sorted; `nil` prints `map[string]string(nil)`.
    case stringMap([String: String]?)
    /// `[]string{"a", "b"}`; `nil` prints `[]string(nil)`.
    case stringSlice([String]?)
    /// Already in Go syntax (structs such as `core.ServicePort{…}`).
    case raw(String)

    public var rendered: String {
        switch self {
        case .omitted: return ""
        case .string(let s): return GoValue.quote(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .stringMap(nil): return "map[string]string(nil)"
        case .stringMap(let m?):
            let items = m.keys.sorted(by: GoValue.goLess).map { GoValue.quote($0) + ":" + GoValue.quote(m[$0]!) }
            return "map[string]string{" + items.joined(separator: ", ") + "}"
        case .stringSlice(nil): return "[]string(nil)"
        case .stringSlice(let s?): return "[]string{" + s.map(GoValue.quote).joined(separator: ", ") + "}"
        case .raw(let r): return r
        }
    }

    /// Go's `strconv.Quote` (`goQuote` of the YAML module).
    public static func quote(_ s: String) -> String { goQuote(s) }

    /// Go sorts strings bytewise (UTF-8), not by Swift's Unicode ordering.
    static func goLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A label selector as its protobuf-generated `String()` prints it (the `ErrorBody` path
    /// taken since `*metav1.LabelSelector` implements `fmt.Stringer`):
    /// `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
    static func labelSelector(_ selector: Value?) -> GoValue {
        guard let selector, !selector.isNull else { return .raw("null") }
        let labels = selector["matchLabels"]?.stringMap ?? [:]
        let labelText = labels.keys.sorted(by: goLess).map { "\($0): \(labels[$0]!)," }.joined()
        var expressions = ""
        for e in selector["matchExpressions"]?.sequence ?? [] {
            let values = (e["values"]?.sequence ?? []).compactMap(\.string).joined(separator: " ")
            expressions += "LabelSelectorRequirement{Key:\(e["key"]?.string ?? ""),Operator:\(e["operator"]?.string ?? ""),Values:[\(values)],},"
        }
        return .raw("&LabelSelector{MatchLabels:map[string]string{\(labelText)},MatchExpressions:[]LabelSelectorRequirement{\(expressions)},}")
    }
}
