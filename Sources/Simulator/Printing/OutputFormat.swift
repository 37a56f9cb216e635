import YAML

/// kubectl's `-o` values (k8s.io/cli-runtime/pkg/genericclioptions: JSONYamlPrintFlags,
/// NamePrintFlags, JSONPathPrintFlags, CustomColumnsPrintFlags, HumanPrintFlags).
public enum OutputFormat: Sendable, Hashable {
    case table
    case wide
    case yaml
    case json
    case name
    case jsonpath(String)
    case customColumns(String)

    /// nil for an unknown format (kubectl: `unable to match a printer suitable for the output format`).
    public init?(_ text: String) {
        switch text {
        case "": self = .table
        case "wide": self = .wide
        case "yaml": self = .yaml
        case "json": self = .json
        case "name": self = .name
        default:
            if let t = OutputFormat.argument(text, "jsonpath") { self = .jsonpath(t) }
            else if let t = OutputFormat.argument(text, "custom-columns") { self = .customColumns(t) }
            else { return nil }
        }
    }

    private static func argument(_ text: String, _ name: String) -> String? {
        guard text.hasPrefix(name + "=") else { return nil }
        return String(text.dropFirst(name.count + 1))
    }
}

/// `-o json|yaml|name` over API objects, as `kubectl get` prints them (get.go
/// `printGeneric`): one object when a single item was asked for by name or file, else a
/// `List` wrapping every item: `{"apiVersion":"v1","items":[...],"kind":"List",
/// "metadata":{"resourceVersion":""}}`.
public enum ObjectPrinter {
    public static func list(_ items: [Value]) -> Value {
        ["apiVersion": "v1", "items": .sequence(items), "kind": "List", "metadata": ["resourceVersion": ""]]
    }

    /// The value `-o json|yaml|jsonpath` work on.
    public static func subject(_ items: [Value], singleItemImplied: Bool) -> Value {
        singleItemImplied && items.count == 1 ? items[0] : list(items)
    }

    /// cli-runtime printers/json.go: `json.MarshalIndent(obj, "", "    ")` plus a newline.
    public static func json(_ items: [Value], singleItemImplied: Bool, sortKeys: Bool = true) -> String {
        JSONIndent.string(subject(items, singleItemImplied: singleItemImplied), sortKeys: sortKeys) + "\n"
    }

    /// cli-runtime printers/yaml.go over sigs.k8s.io/yaml.
    public static func yaml(_ items: [Value], singleItemImplied: Bool, sortKeys: Bool = true) -> String {
        YAMLWriter.string(subject(items, singleItemImplied: singleItemImplied), sortKeys: sortKeys)
    }

    /// cli-runtime printers/name.go: `kind.group/name` per object, lower-cased kind.
    public static func names(_ items: [Value]) -> String {
        items.map { name(of: $0) + "\n" }.joined()
    }

    public static func name(of object: Value) -> String {
        let apiVersion = object.str("apiVersion")
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return "\(GetPrinter.kindPrefix(group: group, kind: object.str("kind")))/\(object.name)"
    }
}
