import YAML

// Small in-place editing helpers for `Value` mappings, used by defaulting. Keys keep their
// written order; new keys go at the end (`YAMLWriter`/`JSONWriter` sort them like Go anyway).
extension Value {

    /// Sets `key` only when it is absent or `null` (Go's "nil pointer / zero value" test).
    mutating func setFieldIfMissing(_ key: String, _ value: Value) {
        if let existing = self[key], !existing.isNull { return }
        set(key, value)
    }

    /// Sets `key` when it is absent, `null`, `""` or `0`, as Go's `if x == ""` / `if x == 0`
    /// defaulting of non-pointer fields does.
    mutating func setFieldIfZero(_ key: String, _ value: Value) {
        if let existing = self[key], !existing.isZeroScalar { return }
        set(key, value)
    }

    /// Edits the value under `key` in place; a missing key starts as an empty mapping when
    /// `create` is true, and is left alone otherwise.
    ///
    /// A child the edit left as it was (`Value.isIdentical`: defaulting an object already
    /// defaulted changes nothing) is not written back, so the parent keeps sharing its storage
    /// instead of being copied.
    mutating func editField(_ key: String, create: Bool = false, _ body: (inout Value) -> Void) {
        var child: Value
        if let existing = self[key], !existing.isNull {
            child = existing
            body(&child)
            if child.isIdentical(to: existing) { return }
        } else if create {
            child = .mapping([])
            body(&child)
        } else {
            return
        }
        set(key, child)
    }

    /// Edits every element of the sequence under `key` (nothing if it is not a sequence). As
    /// in `editField`, the sequence is written back only when an element changed.
    mutating func editEach(_ key: String, _ body: (inout Value) -> Void) {
        guard case .sequence(let original)? = self[key] else { return }
        var items = original, changed = false
        for i in original.indices {
            var item = original[i]
            body(&item)
            if !item.isIdentical(to: original[i]) {
                items[i] = item
                changed = true
            }
        }
        if changed { set(key, .sequence(items)) }
    }

    /// Edits the value at a path of keys, creating empty mappings on the way when `create`.
    mutating func editPath(_ keys: [String], create: Bool = false, _ body: (inout Value) -> Void) {
        guard let first = keys.first else {
            body(&self)
            return
        }
        editField(first, create: create) { $0.editPath(Array(keys.dropFirst()), create: create, body) }
    }

    /// `null`, `""`, `0` or `false`: what Go's zero-value tests treat as "not set".
    var isZeroScalar: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .float(let d): return d == 0
        case .bool(let b): return !b
        default: return false
        }
    }

    /// The string keys of a mapping, in written order.
    var mappingKeys: [String] {
        (mapping ?? []).compactMap { $0.key.string }
    }

    /// A mapping of string values as a dictionary (non-string values are skipped, as the
    /// decoder would already have rejected them).
    var stringMap: [String: String]? {
        guard let pairs = mapping else { return nil }
        var out: [String: String] = [:]
        for p in pairs {
            if let k = p.key.string, let v = p.value.string { out[k] = v }
        }
        return out
    }

    /// True for a missing-equivalent value: `null`, an empty mapping or an empty sequence.
    var isEmptyCollection: Bool {
        switch self {
        case .null: return true
        case .mapping(let p): return p.isEmpty
        case .sequence(let s): return s.isEmpty
        default: return false
        }
    }
}
