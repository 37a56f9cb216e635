import YAML

/// Go's `json.MarshalIndent(v, prefix, indent)` (encoding/json/indent.go) over `Value`:
/// `{}` and `[]` stay on one line, `"key": value`, scalars as `JSONWriter` writes them
/// (HTML-escaped strings, Go float text). kubectl's JSON printer uses four spaces
/// (cli-runtime printers/json.go) and, for the unstructured objects `get` prints, map
/// keys sorted by bytes.
public enum JSONIndent {
    public static func string(_ value: Value, indent: String = "    ", sortKeys: Bool = true) -> String {
        var out = ""
        write(value, level: 0, indent: indent, sortKeys: sortKeys, to: &out)
        return out
    }

    static func write(_ value: Value, level: Int, indent: String, sortKeys: Bool, to out: inout String) {
        switch value {
        case .sequence(let items) where !items.isEmpty:
            out += "["
            for (i, item) in items.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: indent, count: level + 1)
                write(item, level: level + 1, indent: indent, sortKeys: sortKeys, to: &out)
            }
            out += "\n" + String(repeating: indent, count: level) + "]"
        case .mapping(let pairs) where !pairs.isEmpty:
            var entries = pairs.map { (key: $0.key.string ?? JSONWriter.string($0.key), value: $0.value) }
            if sortKeys { entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
            out += "{"
            for (i, entry) in entries.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: indent, count: level + 1)
                out += JSONWriter.string(.string(entry.key)) + ": "
                write(entry.value, level: level + 1, indent: indent, sortKeys: sortKeys, to: &out)
            }
            out += "\n" + String(repeating: indent, count: level) + "}"
        default:
            out += JSONWriter.string(value)
        }
    }
}
