import YAML

// Reading and editing API objects held as `Value` trees: the metadata fields the store,
// the API server and the controllers need. Mappings keep their key order; new keys go at the
// end (printers sort them as Go does).
extension Value {
    var metadata: Value { self["metadata"] ?? .mapping([]) }
    var objectName: String { self["metadata"]?["name"]?.string ?? "" }
    var objectNamespace: String { self["metadata"]?["namespace"]?.string ?? "" }
    var uid: String { self["metadata"]?["uid"]?.string ?? "" }
    var labelMap: [String: String] { Value.strings(self["metadata"]?["labels"]) }
    var annotationMap: [String: String] { Value.strings(self["metadata"]?["annotations"]) }
    /// `annotationMap[key]` without building the map.
    func annotation(_ key: String) -> String? { self["metadata"]?["annotations"]?[key]?.string }
    var finalizers: [String] { (self["metadata"]?["finalizers"]?.sequence ?? []).compactMap(\.string) }
    var ownerReferences: [Value] { self["metadata"]?["ownerReferences"]?.sequence ?? [] }
    var isBeingDeleted: Bool { !(self["metadata"]?["deletionTimestamp"]?.isNull ?? true) }
    var generation: Int64 { self["metadata"]?["generation"]?.int ?? 0 }

    /// The owner reference with `controller: true` (`metav1.GetControllerOf`).
    var controllerRef: Value? { ownerReferences.first { $0["controller"]?.bool == true } }

    static func strings(_ value: Value?) -> [String: String] {
        guard let pairs = value?.mapping else { return [:] }
        var out: [String: String] = [:]
        for p in pairs { if let k = p.key.string, let v = p.value.string { out[k] = v } }
        return out
    }


    /// Removes `key` from a mapping (nothing for other values).
    mutating func remove(_ key: String) {
        guard case .mapping(var pairs) = self else { return }
        guard Value.lastIndex(of: key, in: pairs) != nil else { return }
        self = .null
        pairs.removeAll { if case .string(let k) = $0.key { return k == key } else { return false } }
        self = .mapping(pairs)
    }

    /// Edits the value under `key` in place, starting from an empty mapping when missing.
    mutating func edit(_ key: String, _ body: (inout Value) -> Void) {
        guard case .mapping(var pairs) = self, let i = Value.lastIndex(of: key, in: pairs) else {
            var child = Value.mapping([])
            body(&child)
            set(key, child)
            return
        }
        // Same result as reading the child, editing it and `set`ting it back, without copies.
        self = .null
        var child = pairs[i].value
        pairs[i].value = .null
        if child.isNull { child = .mapping([]) }
        body(&child)
        pairs[i].value = child
        self = .mapping(pairs)
    }

    /// Edits `metadata`.
    mutating func editMetadata(_ body: (inout Value) -> Void) { edit("metadata", body) }

    /// Sets or removes (`nil`) one annotation; an emptied `annotations` map is removed.
    mutating func setAnnotation(_ key: String, _ value: String?) {
        editMetadata { meta in
            var annotations = meta["annotations"] ?? .mapping([])
            if let value { annotations.set(key, .string(value)) } else { annotations.remove(key) }
            if annotations.mapping?.isEmpty ?? true { meta.remove("annotations") } else { meta.set("annotations", annotations) }
        }
    }

    /// Replaces `metadata.finalizers` (removing the field when empty, as Go's omitempty).
    mutating func setFinalizers(_ list: [String]) {
        editMetadata { meta in
            if list.isEmpty { meta.remove("finalizers") } else { meta.set("finalizers", .sequence(list.map { .string($0) })) }
        }
    }

    /// Replaces `metadata.ownerReferences` (removing the field when empty).
    mutating func setOwnerReferences(_ refs: [Value]) {
        editMetadata { meta in
            if refs.isEmpty { meta.remove("ownerReferences") } else { meta.set("ownerReferences", .sequence(refs)) }
        }
    }
}
