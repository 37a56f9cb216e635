/// Turns one composed node tree into a `Value` under a `Schema`.
///
/// Walks the tree once, depth-first. Besides the scalar rules (`Schema+Core.swift`,
/// `Schema+Kubernetes.swift`) it owns the mapping rules:
///
/// - **Duplicate keys** are an error in both schemas (`.duplicateKey(key, first:)`), as in
///   go-yaml's strict mode (goyaml.v2/decode.go `setMapIndex`: `line N: key "a" already set
///   in map`, the text the API server reports with `fieldValidation=Strict` for YAML bodies).
///   Note: kubectl 1.32 itself does *not* reject them on `-f`: its stream visitor uses the
///   non-strict sigs.k8s.io/yaml `Unmarshal` and the last value wins (checked with
///   `kubectl label --local -f`; kubernetes/kubernetes#125885). The course flags them
///   because they are always a mistake.
/// - **Merge keys** (`<<`, kubernetes schema only; goyaml.v2/decode.go `isMerge`, `merge`):
///   the value must be a mapping or a sequence of mappings (earlier ones win: merged
///   back to front); merged entries are written at the point where `<<` appears, so an
///   explicit key written *after* `<<` overrides, and one written *before* is overridden
///   (go-yaml v2 writes into the same Go map in order). Merged keys never count as
///   duplicates.
/// - **Keys** in the kubernetes schema become strings as sigs.k8s.io/yaml's
///   `convertToJSONableObject` does (yaml.go): ints in decimal, floats with
///   `FormatFloat(k, 'g', -1, 32)`, bools as `true`/`false`; null, collection and
///   out-of-int64 keys are `.unsupportedKey`.
/// - **Alias expansion** is bounded: `limits.maxExpandedNodes` nodes may be produced under
///   aliases, and in the kubernetes schema go-yaml's ratio rule applies too
///   (decode.go `allowedAliasRatio`: "document contains excessive aliasing").
struct Resolver {
    let schema: Schema
    let limits: YAMLLimits
    private var decodeCount = 0
    private var aliasCount = 0
    private var aliasDepth = 0

    init(schema: Schema, limits: YAMLLimits) {
        self.schema = schema
        self.limits = limits
    }

    mutating func value(_ node: Node, depth: Int = 0) throws(YAMLError) -> Value {
        try enter(node, depth: depth)
        defer { leave(node) }
        switch node.content {
        case .scalar(let text, let style):
            return try scalar(node, text, style)
        case .sequence(let items, _):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try value(item, depth: depth + 1)) }
            return .sequence(out)
        case .mapping(let pairs, _):
            var map = OrderedPairs()
            try fill(&map, pairs, depth: depth)
            return .mapping(map.pairs)
        }
    }

    // MARK: Scalars

    private func scalar(_ node: Node, _ text: String, _ style: ScalarStyle) throws(YAMLError) -> Value {
        switch schema {
        case .core:
            if node.tag == nil && style == .plain { return CoreSchema.resolvePlain(text) }
            return try CoreSchema.construct(tag: node.tag ?? Tag.nonSpecific, text: text, mark: node.mark)
        case .kubernetes:
            switch try KubernetesSchema.resolve(tag: node.tag, text: text, style: style, mark: node.mark) {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .bigInt(let d): return .float(d)
            case .string(let s): return .string(s)
            case .float(let d):
                // encoding/json/encode.go `floatEncoder.encode`: "json: unsupported value: +Inf".
                guard d.isFinite else {
                    throw YAMLError(.unsupportedValue(text), at: mark(node), stage: .resolver)
                }
                return .float(d)
            }
        }
    }

    // MARK: Mappings

    private mutating func fill(_ map: inout OrderedPairs, _ pairs: [Node.Pair], depth: Int) throws(YAMLError) {
        var written: [Value: Mark] = [:]
        for pair in pairs {
            if schema == .kubernetes, isMerge(pair.key) {
                try merge(&map, pair.value, depth: depth + 1)
                continue
            }
            let key = try self.key(pair.key, depth: depth + 1)
            if let first = written[key] {
                throw YAMLError(.duplicateKey(Resolver.keyText(key), first: first), at: mark(pair.key), stage: .resolver)
            }
            written[key] = mark(pair.key)
            map.set(key, try value(pair.value, depth: depth + 1))
        }
    }

    /// decode.go `isMerge`: a plain `<<` or a `!!merge`-tagged key.
    private func isMerge(_ key: Node) -> Bool {
        guard case .scalar(let text, let style) = key.content, text == "<<" else { return false }
        return (key.tag == nil && style == .plain) || key.tag == Tag.merge
    }

    /// decode.go `merge`: "map merge requires map or sequence of maps as the value".
    private mutating func merge(_ map: inout OrderedPairs, _ node: Node, depth: Int) throws(YAMLError) {
        try enter(node, depth: depth)
        defer { leave(node) }
        switch node.content {
        case .mapping(let pairs, _):
            try fill(&map, pairs, depth: depth)
        case .sequence(let items, _):
            for item in items.reversed() {
                guard case .mapping(let pairs, _) = item.content else {
                    throw YAMLError(.invalidValue(tag: Tag.merge, value: item.description), at: mark(item), stage: .resolver)
                }
                try enter(item, depth: depth + 1)
                defer { leave(item) }
                try fill(&map, pairs, depth: depth + 1)
            }
        case .scalar:
            throw YAMLError(.invalidValue(tag: Tag.merge, value: node.description), at: mark(node), stage: .resolver)
        }
    }

    private mutating func key(_ node: Node, depth: Int) throws(YAMLError) -> Value {
        guard schema == .kubernetes else { return try value(node, depth: depth) }
        try enter(node, depth: depth)
        defer { leave(node) }
        guard case .scalar(let text, let style) = node.content else {
            // decode.go `mapping`: "invalid map key: ..."
            throw YAMLError(.unsupportedKey(node.description), at: mark(node), stage: .resolver)
        }
        switch try KubernetesSchema.resolve(tag: node.tag, text: text, style: style, mark: node.mark) {
        case .string(let s): return .string(s)
        case .int(let i): return .string(String(i))
        case .bool(let b): return .string(b ? "true" : "false")
        case .float(let d): return .string(GoFloat.g(d, float32: true))
        case .null, .bigInt:
            // yaml.go `convertToJSONableObject`: "unsupported map key of type: <nil>" (or uint64, *big.Int).
            throw YAMLError(.unsupportedKey(text), at: mark(node), stage: .resolver)
        }
    }

    // MARK: Bookkeeping

    /// Where a node shows in the source: the alias when it is a copy, else the node.
    private func mark(_ node: Node) -> Mark { node.aliasMark ?? node.mark }

    /// decode.go `unmarshal`: one decode per node; those under an alias also count as alias
    /// expansion. An alias costs one decode for itself and one for its target, as upstream.
    private mutating func enter(_ node: Node, depth: Int) throws(YAMLError) {
        guard depth <= limits.maxDepth else {
            throw YAMLError(.depthExceeded(limit: limits.maxDepth), at: mark(node), stage: .resolver)
        }
        if node.aliasMark != nil {
            try tick(node)
            aliasDepth += 1
        }
        try tick(node)
    }

    private mutating func leave(_ node: Node) {
        if node.aliasMark != nil { aliasDepth -= 1 }
    }

    private mutating func tick(_ node: Node) throws(YAMLError) {
        decodeCount += 1
        guard aliasDepth > 0 else { return }
        aliasCount += 1
        let excessive = aliasCount > limits.maxExpandedNodes
            || (schema == .kubernetes && aliasCount > 100 && decodeCount > 1000
                && Double(aliasCount) / Double(decodeCount) > Resolver.allowedAliasRatio(decodeCount))
        if excessive {
            throw YAMLError(.aliasExpansionExceeded(limit: limits.maxExpandedNodes), at: mark(node), stage: .resolver)
        }
    }

    /// decode.go `allowedAliasRatio`: 99% of decodes may come from aliases up to 400,000
    /// decodes, scaling down to 10% at 4,000,000.
    static func allowedAliasRatio(_ decodeCount: Int) -> Double {
        let low = 400_000.0, high = 4_000_000.0
        let count = Double(decodeCount)
        if count <= low { return 0.99 }
        if count >= high { return 0.10 }
        return 0.99 - 0.89 * ((count - low) / (high - low))
    }

    static func keyText(_ key: Value) -> String { JSONWriter.keyString(key) }
}

/// A mapping under construction: written order plus an index, last write wins.
struct OrderedPairs {
    private(set) var pairs: [Value.Pair] = []
    private var index: [Value: Int] = [:]

    mutating func set(_ key: Value, _ value: Value) {
        if let i = index[key] {
            pairs[i].value = value
        } else {
            index[key] = pairs.count
            pairs.append(Value.Pair(key: key, value: value))
        }
    }
}
