import YAML

/// The object a client-side `kubectl apply` leaves on the server: the live object patched
/// with the three-way strategic merge patch of (original = last applied, modified = new
/// manifest, current = live), as k8s.io/apimachinery/pkg/util/strategicpatch
/// `CreateThreeWayMergePatch` computes it and the apiserver applies it, collapsed into one
/// step:
///
/// - mappings: fields in `modified` are merged recursively into `current`; fields in
///   `original` but no longer in `modified` are deleted; fields only in `current` (set by
///   defaults, controllers or imperative commands) are kept; a `null` in `modified` deletes;
/// - lists with a patch merge key (the `patchMergeKey` tags of k8s.io/api: containers,
///   volumes, env and imagePullSecrets by `name`, container ports by `containerPort`,
///   service ports by `port`, volumeMounts by `mountPath`, ownerReferences by `uid`) merge
///   element by element, in `modified`'s order (`$setElementOrder`), then the live elements
///   the learner never applied;
/// - other lists and scalars are replaced by `modified`'s.
///
/// Simplification: the patch strategy is chosen by field name and element shape, not by the
/// OpenAPI schema; `$retainKeys` and `$deleteFromPrimitiveList` directives are not modelled.
enum ThreeWayMerge {
    static func merge(original: Value?, modified: Value, current: Value) -> Value {
        mergeValue(original, modified, current, field: "")
    }

    static func mergeValue(_ original: Value?, _ modified: Value, _ current: Value?, field: String) -> Value {
        switch (modified, current) {
        case (.mapping(let m), .mapping(let c)?):
            return .mapping(mergeMaps(original?.mapping, m, c))
        case (.sequence(let m), .sequence(let c)?):
            guard let key = mergeKey(field: field, elements: m + c) else { return modified }
            return .sequence(mergeLists(original?.sequence, m, c, key: key))
        default:
            return modified
        }
    }

    static func mergeMaps(_ original: [Value.Pair]?, _ modified: [Value.Pair], _ current: [Value.Pair]) -> [Value.Pair] {
        let modifiedKeys = Set(modified.map(\.key))
        let deleted = Set((original ?? []).map(\.key)).subtracting(modifiedKeys)
        var result: [Value.Pair] = []
        var done: Set<Value> = []
        for pair in current where !deleted.contains(pair.key) {
            if let m = modified.last(where: { $0.key == pair.key }) {
                done.insert(pair.key)
                if m.value.isNull { continue }
                let o = original?.last(where: { $0.key == pair.key })?.value
                result.append(Value.Pair(key: pair.key, value: mergeValue(o, m.value, pair.value, field: pair.key.string ?? "")))
            } else {
                result.append(pair)
            }
        }
        for m in modified where !done.contains(m.key) && !m.value.isNull {
            done.insert(m.key)
            result.append(m)
        }
        return result
    }

    static func mergeLists(_ original: [Value]?, _ modified: [Value], _ current: [Value], key: String) -> [Value] {
        func id(_ v: Value) -> Value? { v[key] }
        let modifiedIDs = Set(modified.compactMap(id))
        let originalIDs = Set((original ?? []).compactMap(id))
        var result: [Value] = []
        for m in modified {
            let c = current.first { id($0) != nil && id($0) == id(m) }
            let o = original?.first { id($0) != nil && id($0) == id(m) }
            result.append(c.map { mergeValue(o, m, $0, field: "") } ?? m)
        }
        for c in current {
            guard let i = id(c), !modifiedIDs.contains(i), !originalIDs.contains(i) else { continue }
            result.append(c)
        }
        return result
    }

    /// The merge key of a list field, when upstream declares one.
    static func mergeKey(field: String, elements: [Value]) -> String? {
        guard elements.allSatisfy({ $0.mapping != nil }) else { return nil }
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets":
            return "name"
        case "ports":
            return elements.contains { $0["containerPort"] != nil } ? "containerPort" : "port"
        case "volumeMounts": return "mountPath"
        case "ownerReferences": return "uid"
        case "hostAliases": return "ip"
        default: return nil
        }
    }
}
