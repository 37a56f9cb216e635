import YAML

/// `kubectl -o custom-columns=HEADER:path,...` (k8s.io/cli-runtime/pkg/printers/customcolumn.go
/// and `RelaxedJSONPathExpression` in jsonpath.go): headers as written, one row per item,
/// every jsonpath result printed with Go's `%v` and joined by `,`, `<none>` when nothing
/// matches; aligned by kubectl's table tabwriter.
public struct CustomColumns: Sendable {
    public struct Column: Sendable {
        public var header: String
        let path: JSONPath
    }

    public let columns: [Column]

    public init(_ spec: String) throws(CustomColumnsError) {
        var columns: [Column] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw .badSpec(String(part)) }
            let expression = try CustomColumns.relaxed(String(pieces[1]))
            do {
                columns.append(Column(header: String(pieces[0]), path: try JSONPath(expression)))
            } catch {
                throw .jsonPath(error)
            }
        }
        self.columns = columns
    }

    /// `RelaxedJSONPathExpression`: `name`, `.name`, `{name}`, `{.name}` all become `{.name}`.
    public static func relaxed(_ path: String) throws(CustomColumnsError) -> String {
        if path.isEmpty { return path }
        var body = Substring(path)
        if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else { throw .badPath }
        return "{.\(body)}"
    }

    /// Header and one row per item, as kubectl prints them.
    public func string(_ items: [Value], noHeaders: Bool = false) throws(CustomColumnsError) -> String {
        var w = TabWriter.table()
        if !noHeaders { w.write(columns.map(\.header).joined(separator: "\t") + "\n") }
        for item in items {
            var cells: [String] = []
            for column in columns {
                let groups: [[Value]]
                do { groups = try column.path.findResults(item) } catch { throw .jsonPath(error) }
                let values = groups.flatMap { $0 }.map(CustomColumns.goV)
                cells.append(values.isEmpty ? "<none>" : values.joined(separator: ","))
            }
            w.write(cells.joined(separator: "\t") + "\n")
        }
        return w.finish()
    }

    /// Go's `fmt.Sprintf("%v", v)` for unstructured values: `map[k:v]` (sorted keys), `[a b]`.
    static func goV(_ v: Value) -> String {
        switch v {
        case .mapping(let pairs):
            let sorted = pairs.sorted { JSONWriter.keyText($0.key).utf8.lexicographicallyPrecedes(JSONWriter.keyText($1.key).utf8) }
            return "map[" + sorted.map { "\(JSONWriter.keyText($0.key)):\(goV($0.value))" }.joined(separator: " ") + "]"
        case .sequence(let items): return "[" + items.map(goV).joined(separator: " ") + "]"
        default: return Value.scalarText(v)
        }
    }
}

public enum CustomColumnsError: Error, Sendable, Hashable, CustomStringConvertible {
    case badSpec(String)
    case badPath
    case jsonPath(JSONPathError)

    public var description: String {
        switch self {
        case .badSpec(let part): return "unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>"
        case .badPath: return "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        case .jsonPath(let e): return e.description
        }
    }
}
