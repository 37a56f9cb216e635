extension YAML {
    /// Every document of `bytes` as a value under `schema`.
    ///
    /// With `.kubernetes` this is what kubectl makes of a manifest file before sending it:
    /// - the stream is cut into documents at `---` lines and go-yaml reads only the first
    ///   document of each piece (k8s.io/apimachinery pkg/util/yaml/decoder.go `YAMLReader`,
    ///   then sigs.k8s.io/yaml `Unmarshal`), so text after a `...` that no `---` follows is
    ///   ignored, as kubectl ignores it;
    /// - an empty document gives `.null` here (kubectl skips those: kubectl's resource
    ///   builder, visitor.go `StreamVisitor.Visit`, drops `null` documents).
    ///
    /// `.core` gives one value per document of the YAML 1.2 stream.
    public static func load(_ bytes: [UInt8], file: String = "", schema: Schema = .kubernetes, limits: YAMLLimits = .standard) throws(YAMLError) -> [Value] {
        let documents = try compose(bytes, file: file, limits: limits)
        var values: [Value] = []
        values.reserveCapacity(documents.count)
        var afterExplicitEnd = false
        for document in documents {
            let ignored = schema == .kubernetes && afterExplicitEnd && !document.explicitStart
            afterExplicitEnd = document.explicitEnd || ignored
            if ignored { continue }
            values.append(try Value(node: document.root, schema: schema, limits: limits))
        }
        return values
    }

    public static func load(_ text: String, file: String = "", schema: Schema = .kubernetes, limits: YAMLLimits = .standard) throws(YAMLError) -> [Value] {
        try load(Array(text.utf8), file: file, schema: schema, limits: limits)
    }
}

extension Value {
    /// The value of one node tree under `schema` (see `Resolver` for the rules).
    public init(node: Node, schema: Schema = .kubernetes, limits: YAMLLimits = .standard) throws(YAMLError) {
        var resolver = Resolver(schema: schema, limits: limits)
        self = try resolver.value(node)
    }
}
