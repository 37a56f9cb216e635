import YAML

/// The apiserver's strict JSON decoding of one object, replayed over a `Value` tree and
/// its YAML nodes (sigs.k8s.io/json internal/golang/encoding/json/decode.go, `object`,
/// `array`, `literalStore`; kubernetes_patch.go for the strict additions).
///
/// Go's decoder has two kinds of failure, and so does this walk:
/// - *saved* errors (`d.saveError`): type mismatches and bad base64; decoding goes on and
///   the first one saved is reported;
/// - *returned* errors from a type's own `UnmarshalJSON` (Quantity, IntOrString, Time):
///   decoding stops at once and that error wins over anything saved before.
/// Unknown fields are collected (at most 100, no repeats) and reported only when nothing
/// else failed.
struct SchemaWalker {
    let schema: Schema
    let resource: APIResource
    private(set) var marks: [String: FieldMarks] = [:]
    private var unknown: [UnknownField] = []
    private var saved: DecodeError?
    private let nodes = NodeIndex()

    init(schema: Schema, resource: APIResource) {
        self.schema = schema
        self.resource = resource
    }

    mutating func run(_ value: Value, node: Node) throws(DecodeError) {
        marks[""] = FieldMarks(key: nil, value: nodes.mark(node))
        try walk(value, node: node, as: .object(resource.typeID), at: DecodePath())
        if let saved { throw saved }
        if !unknown.isEmpty { throw .strictDecoding(resource: resource, fields: unknown) }
    }

    private mutating func walk(_ value: Value, node: Node?, as type: FieldType, at path: DecodePath) throws(DecodeError) {
        if case .null = value { return }
        switch type {
        case .object(let id):
            guard let pairs = value.mapping else { return mismatch(value, node, type, path) }
            guard let object = schema[id] else { return }
            let nodePairs = node.map { nodes.pairs(of: $0) } ?? [:]
            for pair in sortedPairs(pairs) {
                let key = pair.key.string ?? ""
                let written = nodePairs[key]
                let child = path.key(key)
                record(child.path, written)
                guard let field = object.field(key) else {
                    addUnknown(child.path, written.map { nodes.mark($0.key) } ?? mark(node))
                    continue
                }
                try walk(pair.value, node: written?.value, as: field.type, at: path.field(key, of: object.goName))
            }
        case .map(let element):
            guard let pairs = value.mapping else { return mismatch(value, node, type, path) }
            let nodePairs = node.map { nodes.pairs(of: $0) } ?? [:]
            for pair in sortedPairs(pairs) {
                let key = pair.key.string ?? ""
                let written = nodePairs[key]
                let child = path.key(key)
                record(child.path, written)
                try walk(pair.value, node: written?.value, as: element, at: child)
            }
        case .list(let element):
            guard let items = value.sequence else { return mismatch(value, node, type, path) }
            let itemNodes = node?.sequence
            for (i, item) in items.enumerated() {
                let itemNode = itemNodes.flatMap { i < $0.count ? $0[i] : nil }
                let child = path.index(i)
                if let itemNode { marks[child.path] = FieldMarks(key: nil, value: nodes.mark(itemNode)) }
                try walk(item, node: itemNode, as: element, at: child)
            }
        case .any:
            recordAll(value, node: node, at: path)
        default:
            try scalar(value, node: node, as: type, at: path)
        }
    }

    /// Strings, numbers, booleans and the types with their own `UnmarshalJSON`.
    private mutating func scalar(_ value: Value, node: Node?, as type: FieldType, at path: DecodePath) throws(DecodeError) {
        switch (type, value) {
        case (.string, .string), (.bool, .bool), (.float64, .int), (.float64, .float):
            return
        case (.int32, .int(let n)), (.int64, .int(let n)):
            if type == .int32 && (n < Int64(Int32.min) || n > Int64(Int32.max)) {
                mismatch(value, node, type, path, jsonValue: "number \(n)")
            }
        case (.int32, .float), (.int64, .float):
            let text = JSONWriter.string(value)
            if let n = Int64(text), type == .int64 || Int32(exactly: n) != nil { return }
            mismatch(value, node, type, path, jsonValue: "number " + text)
        case (.bytes, .string(let text)):
            if let offset = GoBase64.corruptOffset(text) {
                saveFirst(.invalidValue(resource: resource, InvalidValue(
                    reason: .base64(offset: offset), path: path.path, text: text, mark: mark(node))))
            }
        case (.bytes, .sequence):
            // A JSON array into `[]byte` decodes element by element (rare; accepted).
            return
        case (.quantity, _):
            // quantity.go `UnmarshalJSON`: quotes stripped, spaces trimmed, then `ParseQuantity`.
            let text: String
            if case .string(let s) = value { text = s } else { text = JSONWriter.string(value) }
            do {
                _ = try Quantity(parsing: text.trimmingGoSpace())
            } catch {
                throw .invalidValue(resource: resource, InvalidValue(
                    reason: .quantity(error), path: path.path, text: text, mark: mark(node)))
            }
        case (.intOrString, .string):
            return
        case (.intOrString, _):
            // intstr.go `UnmarshalJSON`: anything but a string is unmarshalled into an int32;
            // the error comes back through the outer decoder, which adds its context.
            if case .int(let n) = value, Int32(exactly: n) != nil { return }
            if case .float = value, let n = Int64(JSONWriter.string(value)), Int32(exactly: n) != nil { return }
            throw .typeMismatch(resource: resource, typeMismatch(value, node, .intOrString, path, goType: "int32"))
        case (.time, .string(let text)), (.microTime, .string(let text)):
            if let message = GoTime.parseError(text, micro: type == .microTime) {
                throw .invalidValue(resource: resource, InvalidValue(
                    reason: .time(goMessage: message), path: path.path, text: text, mark: mark(node)))
            }
        case (.time, _), (.microTime, _):
            // metav1.Time `UnmarshalJSON` first unmarshals into a string.
            throw .typeMismatch(resource: resource, typeMismatch(value, node, type, path, goType: "string"))
        default:
            mismatch(value, node, type, path)
        }
    }

    // MARK: - Errors

    private mutating func mismatch(_ value: Value, _ node: Node?, _ type: FieldType, _ path: DecodePath,
                                   jsonValue: String? = nil) {
        saveFirst(.typeMismatch(resource: resource, typeMismatch(value, node, type, path, jsonValue: jsonValue)))
    }

    private func typeMismatch(_ value: Value, _ node: Node?, _ type: FieldType, _ path: DecodePath,
                              jsonValue: String? = nil, goType: String? = nil) -> TypeMismatch {
        TypeMismatch(jsonValue: jsonValue ?? SchemaWalker.jsonKind(value), goStruct: path.goStruct,
                     goFieldPath: path.goFieldPath, goType: goType ?? type.goTypeString(in: schema),
                     path: path.path, mark: mark(node), expected: type)
    }

    /// How encoding/json names a JSON value in `UnmarshalTypeError.Value`; numbers that
    /// cannot become the target integer add their text (`number 1.5`), handled by callers.
    static func jsonKind(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .float: "number"
        case .string: "string"
        case .sequence: "array"
        case .mapping: "object"
        }
    }

    private mutating func saveFirst(_ error: DecodeError) {
        if saved == nil { saved = error }
    }

    /// kubernetes_patch.go `saveStrictError`: at most 100, each message once.
    private mutating func addUnknown(_ path: String, _ mark: Mark) {
        guard unknown.count < 100, !unknown.contains(where: { $0.path == path }) else { return }
        unknown.append(UnknownField(path: path, mark: mark))
    }

    // MARK: - Marks

    private func mark(_ node: Node?) -> Mark {
        node.map { nodes.mark($0) } ?? marks[""]?.value ?? Mark()
    }

    private mutating func record(_ path: String, _ pair: Node.Pair?) {
        guard let pair else { return }
        marks[path] = FieldMarks(key: nodes.mark(pair.key), value: nodes.mark(pair.value))
    }

    private mutating func recordAll(_ value: Value, node: Node?, at path: DecodePath) {
        guard let node else { return }
        if let pairs = value.mapping {
            let nodePairs = nodes.pairs(of: node)
            for pair in pairs {
                let key = pair.key.string ?? ""
                let child = path.key(key)
                record(child.path, nodePairs[key])
                recordAll(pair.value, node: nodePairs[key]?.value, at: child)
            }
        } else if let items = value.sequence, let itemNodes = node.sequence, items.count == itemNodes.count {
            for (i, item) in items.enumerated() {
                let child = path.index(i)
                marks[child.path] = FieldMarks(key: nil, value: nodes.mark(itemNodes[i]))
                recordAll(item, node: itemNodes[i], at: child)
            }
        }
    }

    /// Keys in byte order, as Go's `json.Marshal` writes a map (what kubectl sends).
    private func sortedPairs(_ pairs: [Value.Pair]) -> [Value.Pair] {
        pairs.sorted { ($0.key.string ?? "").utf8.lexicographicallyPrecedes(($1.key.string ?? "").utf8) }
    }
}

extension String {
    /// Go's `strings.TrimSpace` (ASCII and Unicode white space).
    func trimmingGoSpace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
