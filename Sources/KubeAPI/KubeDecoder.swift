import YAML

/// Turns YAML documents into `DecodedObject`s, refusing them exactly where `kubectl apply`
/// and the apiserver would, with the same messages:
///
/// 1. YAML → value under kubectl's rules (`YAML.Value(node:)`);
/// 2. kubectl's client-side check of `apiVersion` and `kind` (`getObjectKind`);
/// 3. the REST mapping: is this kind served in this version?;
/// 4. the apiserver's strict JSON decoding against the schema (`KubeDecoder+Walk.swift`).
///
/// kubectl sends JSON with keys sorted (sigs.k8s.io/yaml marshals a Go map), so the walk
/// visits keys in byte order: that decides which type error is reported first and the
/// order of unknown fields, as on a real server.
public struct KubeDecoder: Sendable {
    public var schema: Schema

    public init(schema: Schema = .kubernetes) {
        self.schema = schema
    }

    /// Every non-empty document of a file, each decoded or refused (kubectl skips empty
    /// documents and documents after a `...` that no `---` follows; see `YAML.load`).
    public func decodeAll(_ bytes: [UInt8], file: String) throws(YAMLError) -> [Result<DecodedObject, DecodeError>] {
        let documents = try YAML.compose(bytes, file: file)
        var results: [Result<DecodedObject, DecodeError>] = []
        var afterExplicitEnd = false
        for document in documents {
            let ignored = afterExplicitEnd && !document.explicitStart
            afterExplicitEnd = document.explicitEnd || ignored
            if ignored { continue }
            do {
                if let object = try decode(document, file: file) { results.append(.success(object)) }
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// One document; nil when it is empty (`null`), which kubectl skips.
    public func decode(_ document: Document, file: String) throws(DecodeError) -> DecodedObject? {
        let value: Value
        do {
            value = try Value(node: document.root, schema: .kubernetes)
        } catch {
            throw .yaml(error)
        }
        if value.isNull { return nil }
        let root = document.root
        let (apiVersion, kind) = try typeInfo(value, root: root)
        let nodes = NodeIndex()
        guard let resource = Kinds.resource(apiVersion: apiVersion, kind: kind) else {
            let suggestion = Kinds.suggestion(apiVersion: apiVersion, kind: kind)
            var mark = nodes.valueMark(of: "kind", in: root) ?? root.mark
            if case .wrongVersion = suggestion { mark = nodes.valueMark(of: "apiVersion", in: root) ?? mark }
            if case .removedVersion = suggestion { mark = nodes.valueMark(of: "apiVersion", in: root) ?? mark }
            let metadata = value["metadata"]
            throw .noKindMatch(NoKindMatch(
                kind: kind, apiVersion: apiVersion,
                name: metadata?["name"]?.string ?? "", namespace: metadata?["namespace"]?.string ?? "",
                suggestion: suggestion, mark: mark))
        }
        var walker = SchemaWalker(schema: schema, resource: resource)
        try walker.run(value, node: root)
        return DecodedObject(value: value, kind: kind, apiVersion: apiVersion, resource: resource,
                             marks: walker.marks, file: file)
    }

    /// kubectl's `getObjectKind` (k8s.io/kubectl/pkg/validation/schema.go), then the
    /// unstructured decoder's check for an empty kind.
    private func typeInfo(_ value: Value, root: Node) throws(DecodeError) -> (String, String) {
        guard value.mapping != nil else { throw .invalidTypeInfo([.notAnObject], mark: root.mark) }
        var problems: [TypeInfoProblem] = []
        var apiVersion = ""
        switch value["apiVersion"] {
        case nil, .null?: problems.append(.apiVersionNotSet)
        case .string(let text)?:
            if text.filter({ $0 == "/" }).count > 1 && text != "/" {
                problems.append(.invalidGroupVersion(text))
            } else {
                apiVersion = text == "/" ? "" : text
            }
        default: problems.append(.apiVersionNotString)
        }
        var kind = ""
        switch value["kind"] {
        case nil, .null?: problems.append(.kindNotSet)
        case .string(let text)?: kind = text
        default: problems.append(.kindNotString)
        }
        if !problems.isEmpty {
            let nodes = NodeIndex()
            let mark = problems.contains(.kindNotString) ? nodes.valueMark(of: "kind", in: root)
                : problems.contains(.apiVersionNotString) ? nodes.valueMark(of: "apiVersion", in: root) : nil
            throw .invalidTypeInfo(problems, mark: mark ?? root.mark)
        }
        if kind.isEmpty {
            throw .kindMissing(json: JSONWriter.string(value), mark: NodeIndex().valueMark(of: "kind", in: root) ?? root.mark)
        }
        return (apiVersion, kind)
    }
}
