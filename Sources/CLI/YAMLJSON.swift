import YAML

// ┌───────────────────────────────────────────────────────────────────────────────────────┐
// │ ADAPTADOR INTERINO. `Value`, los esquemas (`YAML.load(bytes, file:, schema:)`) y       │
// │ `JSONWriter` llegan en otra rama. Cuando se fusione, este archivo es el único que      │
// │ cambia: `lines` pasa a ser                                                            │
// │                                                                                       │
// │     try YAML.load(bytes, file: file, schema: schema == .core ? .core : .kubernetes)    │
// │         .map { JSONWriter.string($0) }            // o la API que tenga JSONWriter    │
// │                                                                                       │
// │ y todo lo que hay debajo de `lines` se borra. Hasta entonces, una resolución mínima   │
// │ de escalares sobre los nodos compuestos, suficiente para ver la forma del documento.  │
// └───────────────────────────────────────────────────────────────────────────────────────┘
enum YAMLJSON {
    enum Schema: Sendable { case core, kubernetes }

    /// One compact JSON text per document.
    static func lines(_ bytes: [UInt8], file: String, schema: Schema) throws(YAMLError) -> [String] {
        try YAML.compose(bytes, file: file).map { json($0.root, schema) }
    }

    // MARK: interim (delete on merge)

    static func json(_ node: Node, _ schema: Schema) -> String {
        switch node.content {
        case .scalar(let s, let style):
            return style == .plain && node.tag == nil ? plain(s, schema) : quote(s)
        case .sequence(let items, _):
            return "[" + items.map { json($0, schema) }.joined(separator: ",") + "]"
        case .mapping(let pairs, _):
            return "{" + pairs.map { quote($0.key.scalar ?? $0.key.description) + ":" + json($0.value, schema) }.joined(separator: ",") + "}"
        }
    }

    static func plain(_ s: String, _ schema: Schema) -> String {
        if ["", "~", "null", "Null", "NULL"].contains(s) { return "null" }
        var truths = ["true", "True", "TRUE"], lies = ["false", "False", "FALSE"]
        if schema == .kubernetes {
            truths += ["yes", "Yes", "YES", "on", "On", "ON", "y", "Y"]
            lies += ["no", "No", "NO", "off", "Off", "OFF", "n", "N"]
        }
        if truths.contains(s) { return "true" }
        if lies.contains(s) { return "false" }
        if let i = Int(s), !s.hasPrefix("+") { return String(i) }
        if let d = Double(s), d.isFinite, s.first?.isNumber == true || s.first == "-" || s.first == "." {
            return String(d)
        }
        return quote(s)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
