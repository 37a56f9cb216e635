extension Schema {
    /// Parses the generator's line format (see `scripts/gen-kube-schema.py`):
    ///
    ///     =<ClassName> <goPackage>.<GoName>     a type
    ///     <jsonName> <type>[ !]                 a field of the type above; `!` = required
    ///
    /// The data is generated and checked by the tests, so a malformed line is a
    /// programming error and stops the process.
    init(parsing text: String) {
        var types: [String: TypeSchema] = [:]
        var current: (id: String, package: String, name: String)?
        var fields: [FieldSchema] = []
        func flush() {
            if let c = current {
                types[c.id] = TypeSchema(id: c.id, goPackage: c.package, goName: c.name, fields: fields)
            }
            fields = []
        }
        // Split on the UTF-8 bytes: the schema is ASCII, and splitting Characters (grapheme
        // breaking) over ~100 KB costs every `taller` command a few milliseconds at start.
        for lineBytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = Substring(lineBytes)
            if lineBytes.first == UInt8(ascii: "#") { continue }
            let parts = lineBytes.split(separator: 0x20).map { Substring($0) }
            if line.hasPrefix("=") {
                flush()
                precondition(parts.count == 2, "schema: bad type line \(line)")
                let goType = parts[1].split(separator: ".", maxSplits: 1)
                current = (String(parts[0].dropFirst()), String(goType[0]), String(goType[1]))
            } else {
                precondition(parts.count >= 2 && current != nil, "schema: bad field line \(line)")
                let type = Schema.parseType(parts[1])
                fields.append(FieldSchema(name: String(parts[0]), type: type, required: parts.count > 2))
            }
        }
        flush()
        self.types = types
    }

    static func parseType(_ text: Substring) -> FieldType {
        if text.hasPrefix("[]") { return .list(parseType(text.dropFirst(2))) }
        if text.hasPrefix("{}") { return .map(parseType(text.dropFirst(2))) }
        if text.hasPrefix("@") { return .object(String(text.dropFirst())) }
        switch text {
        case "string": return .string
        case "int32": return .int32
        case "int64": return .int64
        case "bool": return .bool
        case "float64": return .float64
        case "Quantity": return .quantity
        case "IntOrString": return .intOrString
        case "Time": return .time
        case "MicroTime": return .microTime
        case "bytes": return .bytes
        case "any": return .any
        default: preconditionFailure("schema: unknown type \(text)")
        }
    }
}
