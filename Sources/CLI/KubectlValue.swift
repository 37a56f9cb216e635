import YAML

// Small path edits on API objects for the CLI's read–modify–write verbs. Mappings keep
// their key order; a new key goes at the end (printers sort as Go does).
extension Value {
    /// The value at a path of mapping keys.
    func at(_ path: [String]) -> Value? {
        var v: Value? = self
        for key in path { v = v?[key] }
        return v
    }

    /// A copy with the value at `path` replaced (nil: removed), creating mappings on the way.
    func setting(_ path: [String], _ newValue: Value?) -> Value {
        guard let key = path.first else { return newValue ?? .null }
        var pairs: [Pair] = mapping ?? []
        let index = pairs.firstIndex { $0.key.string == key }
        if path.count == 1 {
            if let newValue {
                if let index { pairs[index].value = newValue } else { pairs.append(Pair(key, newValue)) }
            } else if let index {
                pairs.remove(at: index)
            }
            return .mapping(pairs)
        }
        let child = index.map { pairs[$0].value } ?? .mapping([])
        let updated = (child.isNull ? Value.mapping([]) : child).setting(Array(path.dropFirst()), newValue)
        if let index { pairs[index].value = updated } else { pairs.append(Pair(key, updated)) }
        return .mapping(pairs)
    }

    var text: String { string ?? "" }
}
