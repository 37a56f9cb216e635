extension Value {
    /// Sets `key` to `value` in a mapping, replacing an existing entry in place (the last
    /// one, if the key repeats) or appending a new one. A non-mapping becomes a mapping.
    /// (`self` is emptied while the pairs are edited, so they are edited in place, not copied.)
    public mutating func set(_ key: String, _ value: Value) {
        guard case .mapping(var pairs) = self else {
            self = .mapping([Pair(key, value)])
            return
        }
        self = .null
        if let i = Value.lastIndex(of: key, in: pairs) {
            pairs[i].value = value
        } else {
            pairs.append(Pair(key, value))
        }
        self = .mapping(pairs)
    }
}
