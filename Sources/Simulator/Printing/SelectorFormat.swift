import YAML

/// metav1.FormatLabelSelector and labels.Selector.String
/// (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go, pkg/labels/selector.go).
enum SelectorFormat {
    /// `FormatLabelSelector`: `<none>` for nil or empty; requirements sorted by key.
    static func format(_ selector: Value?) -> String {
        guard let selector, !selector.isNull else { return "<none>" }
        let s = string(selector)
        return s.isEmpty ? "<none>" : s
    }

    /// `LabelSelectorAsSelector(...).String()`: `""` for an empty selector, `<none>`-free.
    static func string(_ selector: Value) -> String {
        var requirements: [(key: String, text: String)] = []
        for (k, v) in selector.stringMap("matchLabels") { requirements.append((k, "\(k)=\(v)")) }
        for e in selector.seq("matchExpressions") {
            let key = e.str("key")
            let values = e.seq("values").compactMap(\.string).sorted()
            switch e.str("operator") {
            case "In": requirements.append((key, "\(key) in (\(values.joined(separator: ",")))"))
            case "NotIn": requirements.append((key, "\(key) notin (\(values.joined(separator: ",")))"))
            case "Exists": requirements.append((key, key))
            case "DoesNotExist": requirements.append((key, "!\(key)"))
            default: continue
            }
        }
        return requirements.enumerated()
            .sorted { a, b in
                a.element.key == b.element.key ? a.offset < b.offset : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
            }
            .map(\.element.text).joined(separator: ",")
    }
}
