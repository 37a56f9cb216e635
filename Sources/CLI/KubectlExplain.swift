import KubeAPI
import Simulator

/// `kubectl explain RESOURCE[.field.path] [--recursive]` in the layout of kubectl 1.32's
/// plaintext template (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): GROUP, KIND,
/// VERSION, FIELD with its type, DESCRIPTION, FIELDS with `<type>` and `-required-`. Types
/// come from the KubeAPI schema; descriptions are Spanish (`KubectlExplainDocs`), so this is
/// the one verb whose text differs from kubectl's on purpose.
enum KubectlExplain {
    static func run(_ c: KubectlContext) throws(KubectlError) -> KubectlOutput {
        guard let target = c.args.first else {
            throw .message("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.")
        }
        let parts = target.split(separator: ".").map(String.init)
        var resource: APIResource?
        var consumed = 0
        for n in stride(from: min(parts.count, 3), through: 1, by: -1) {
            if let r = Kinds.resolve(parts[0..<n].joined(separator: ".")) { resource = r; consumed = n; break }
        }
        if let version = c.flags.value("api-version"), let r = resource {
            resource = Kinds.all.first { $0.kind == r.kind && $0.apiVersion == version } ?? r
        }
        guard let resource else {
            throw .message("error: the server doesn't have a resource type \"\(parts.first ?? target)\"\n" + KubectlMessages.unknownType(parts.first ?? target))
        }
        let schema = Schema.kubernetes
        var type = resource.typeSchema
        var fieldType: FieldType?
        var path: [String] = []
        for name in parts.dropFirst(consumed) {
            guard let field = type.field(name) else {
                throw .message("error: field \(GoText.quote(name)) does not exist")
            }
            path.append(name)
            fieldType = field.type
            guard let id = objectID(field.type), let next = schema[id] else { type = TypeSchema(id: "", goPackage: "", goName: "", fields: []); continue }
            type = next
        }
        var out = resource.group.isEmpty ? "" : "GROUP:      \(resource.group)\n"
        out += "KIND:       \(resource.kind)\nVERSION:    \(resource.version)\n\n"
        let docKey = ([resource.kind] + path).joined(separator: ".")
        if let fieldType {
            out += "FIELD: \(path.last ?? "") <\(typeName(fieldType, schema))>\n\n"
        }
        out += "DESCRIPTION:\n    \(KubectlExplainDocs.description(docKey, field: path.last ?? ""))\n"
        if !type.fields.isEmpty {
            out += "    \nFIELDS:\n"
            for field in type.fields {
                out += "  \(field.name)\t<\(typeName(field.type, schema))>\(field.required ? " -required-" : "")\n"
                if c.flags.bool("recursive") { continue }
                out += "    \(KubectlExplainDocs.description(docKey + "." + field.name, field: field.name))\n\n"
            }
        }
        return KubectlOutput(out: out + (out.hasSuffix("\n\n") ? "" : "\n"))
    }

    static func objectID(_ type: FieldType) -> String? {
        switch type {
        case .object(let id): id
        case .list(let element), .map(let element): objectID(element)
        default: nil
        }
    }

    /// kubectl's type names: `string`, `integer`, `boolean`, `Object` names, `[]Container`,
    /// `map[string]string`, `Quantity`, `IntOrString`, `Time`.
    static func typeName(_ type: FieldType, _ schema: Schema) -> String {
        switch type {
        case .string, .bytes: "string"
        case .int32, .int64: "integer"
        case .bool: "boolean"
        case .float64: "number"
        case .quantity: "Quantity"
        case .intOrString: "IntOrString"
        case .time, .microTime: "string"
        case .any: "Object"
        case .list(let e): "[]" + typeName(e, schema)
        case .map(let e): "map[string]" + typeName(e, schema)
        case .object(let id): schema[id]?.goName ?? id
        }
    }
}
