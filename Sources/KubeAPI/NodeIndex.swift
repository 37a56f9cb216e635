import YAML

/// Finds the node written for each key of a mapping node, as the resolver saw it: keys are
/// stringified as kubectl does, and merge keys (`<<`) contribute their entries unless the
/// mapping itself sets the key.
struct NodeIndex: Sendable {
    /// key → (key node, value node) for a mapping node.
    func pairs(of node: Node) -> [String: Node.Pair] {
        var result: [String: Node.Pair] = [:]
        var merged: [Node] = []
        for pair in node.mapping ?? [] {
            if isMerge(pair.key) {
                merged.append(pair.value)
                continue
            }
            result[keyText(pair.key)] = pair
        }
        for source in merged {
            let items = source.sequence ?? [source]
            for item in items where item.mapping != nil {
                for (key, pair) in pairs(of: item) where result[key] == nil { result[key] = pair }
            }
        }
        return result
    }

    func valueMark(of key: String, in node: Node) -> Mark? {
        pairs(of: node)[key].map { mark($0.value) }
    }

    /// Where a node was written: the alias for an aliased node.
    func mark(_ node: Node) -> Mark { node.aliasMark ?? node.mark }

    private func isMerge(_ key: Node) -> Bool {
        guard case .scalar(let text, let style) = key.content, text == "<<" else { return false }
        return style == .plain || key.tag == "tag:yaml.org,2002:merge"
    }

    private func keyText(_ key: Node) -> String {
        guard let value = try? Value(node: key, schema: .kubernetes) else { return key.scalar ?? "" }
        if case .string(let text) = value { return text }
        return JSONWriter.string(value)
    }
}
