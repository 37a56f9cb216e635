import KubeAPI
import YAML

/// Helpers shared by the workload controllers: reading spec integers, conditions in
/// upstream's shape, pods from templates, and claiming dependents by labels
/// (pkg/controller/controller_ref_manager.go).
enum Workload {
    static let deployments = "deployments.apps"
    static let statefulSets = "statefulsets.apps"
    static let daemonSets = "daemonsets.apps"
    static let jobs = "jobs.batch"
    static let cronJobs = "cronjobs.batch"
    static let controllerRevisions = "controllerrevisions.apps"
    static let claims = "persistentvolumeclaims"
    static let nodes = "nodes"

    /// An integer field (`spec.replicas`), `fallback` when absent.
    static func int(_ v: Value?, _ fallback: Int = 0) -> Int {
        v?.int.map { Int($0) } ?? fallback
    }

    static func time(_ v: Value?) -> VirtualTime? { v?.string.flatMap { VirtualTime(rfc3339: $0) } }

    static func creation(_ o: StoredObject) -> VirtualTime {
        time(o.value["metadata"]?["creationTimestamp"]) ?? VirtualTime(milliseconds: 0)
    }

    /// `controller.ReplicaSetsByCreationTimestamp` and friends: older first, then by name.
    static func olderFirst(_ a: StoredObject, _ b: StoredObject) -> Bool {
        let ta = creation(a), tb = creation(b)
        if ta != tb { return ta < tb }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }

    // MARK: Conditions (the shape every apps/batch condition has)

    static func conditions(_ status: Value?) -> [Value] { status?["conditions"]?.sequence ?? [] }

    static func condition(_ status: Value?, _ type: String) -> Value? {
        conditions(status).first { $0["type"]?.string == type }
    }

    /// Replaces the conditions list (omitted when empty, as Go's omitempty).
    static func setConditions(_ status: inout Value, _ list: [Value]) {
        if list.isEmpty { status.remove("conditions") } else { status.set("conditions", .sequence(list)) }
    }

    static func removeCondition(_ status: inout Value, _ type: String) {
        setConditions(&status, conditions(status).filter { $0["type"]?.string != type })
    }

    // MARK: Pods from templates

    /// `controller.GetPodFromTemplate` (pkg/controller/controller_utils.go): labels,
    /// annotations and finalizers of the template, the controller reference, the spec.
    /// `name` for a fixed name (StatefulSet), else `generateName` `<prefix>`.
    static func pod(from template: Value?, owner: StoredObject, name: String? = nil, generatePrefix: String? = nil) -> Value {
        let template = template ?? .mapping([])
        var metadata: Value = ["namespace": .string(owner.namespace)]
        if let name { metadata.set("name", .string(name)) }
        if let prefix = generatePrefix ?? (name == nil ? owner.name + "-" : nil) {
            let valid = NameRules.podNamePrefixErrors(prefix).isEmpty
            metadata.set("generateName", .string(valid ? prefix : owner.name))
        }
        for field in ["labels", "annotations", "finalizers"] {
            if let v = template["metadata"]?[field], !v.isNull { metadata.set(field, v) }
        }
        metadata.set("ownerReferences", [ReplicaSetController.controllerRef(owner)])
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": template["spec"] ?? .mapping([])]
    }

    // MARK: Claiming

    /// `ClaimObjects` of controller_ref_manager.go over `candidates`: owned and matching →
    /// kept; owned and not matching → released (owner reference removed); orphan and
    /// matching → adopted. Objects owned by another controller are skipped.
    static func claim(_ owner: StoredObject, candidates: Candidates, actions: inout [Action]) -> [StoredObject] {
        var claimed: [StoredObject] = []
        for o in candidates.objects {
            let matches = candidates.matches(o)
            if let controller = o.controllerUID {
                guard controller == owner.uid else { continue }
                if matches { claimed.append(o); continue }
                if owner.isBeingDeleted || o.isBeingDeleted { continue }
                var v = o.value
                v.setOwnerReferences(v.ownerReferences.filter { $0["uid"]?.string != owner.uid })
                actions.append(.update(o.key, v))
            } else {
                guard !owner.isBeingDeleted, !o.isBeingDeleted, matches else { continue }
                var v = o.value
                v.setOwnerReferences(v.ownerReferences + [ReplicaSetController.controllerRef(owner)])
                actions.append(.update(o.key, v))
                claimed.append(StoredObject(key: o.key, value: v, source: o.source))
            }
        }
        return claimed
    }

    /// The objects a controller looks at when it claims, in key order, and which of them its
    /// selector does not select (owned objects whose labels moved away).
    struct Candidates {
        var objects: [StoredObject]
        var unselected: Set<ObjectKey> = []

        /// Whether the selector selects `o`: the store's selection is exact, so only the
        /// owned objects merged in can fail it (and the set is nearly always empty).
        func matches(_ o: StoredObject) -> Bool { unselected.isEmpty || !unselected.contains(o.key) }
    }

    /// Objects of `resource` owned by `owner` or matched by `selector`, in key order, each once.
    /// The owned ones are nearly always among the selected (which come in key order): only
    /// the others are fetched and sorted, then merged in.
    static func candidates(_ resource: String, of owner: StoredObject, selector: LabelSelector, state: ClusterState) -> Candidates {
        let selected = state.list(resource, namespace: owner.namespace, selector: selector)
        var owned = state.dependentKeys(of: owner.uid)
        if owned.isEmpty { return Candidates(objects: selected) }
        // The usual case, told without hashing any key: as many selected objects name the
        // owner as there are owned objects of the resource, so all of those are selected.
        // Upstream lists the owner's namespace only: an owner reference from another
        // namespace is not a candidate.
        let ownedHere = owned.count { $0.resource == resource && $0.namespace == owner.namespace }
        var ownedAndSelected = 0
        for o in selected where o.ownerUIDs.contains(owner.uid) { ownedAndSelected += 1 }
        if ownedAndSelected == ownedHere { return Candidates(objects: selected) }
        let selectedKeys = Set(selected.map(\.key))
        owned = owned.filter { $0.resource == resource && $0.namespace == owner.namespace && !selectedKeys.contains($0) }
        if owned.isEmpty { return Candidates(objects: selected) }
        return Candidates(objects: ReplicaSetController.union(owned.sorted().compactMap { state[$0] }, selected), unselected: owned)
    }

    /// The key of `object`'s controller when it is of `kind`.
    static func controllerKey(of object: Value?, kind: String, resource: String, namespace: String) -> ObjectKey? {
        guard let ref = object?.controllerRef, ref["kind"]?.string == kind, let name = ref["name"]?.string else { return nil }
        return ObjectKey(resource: resource, namespace: namespace, name: name)
    }

    /// Keys of the owners of kind `kind` of an object that changed, plus, for orphans, every
    /// owner in the namespace whose selector matches (the informers' `getXForY`).
    static func ownerKeys(_ change: StoreChange, kind: String, resource: String, state: ClusterState,
                          selectorPath: [String] = ["spec", "selector"]) -> [ObjectKey] {
        // No owner of that kind in the namespace: neither a controller reference nor an
        // orphan's labels can name one (a reference to a missing owner reconciles to nothing).
        guard state.count(resource, namespace: change.key.namespace) > 0 else { return [] }
        var keys: [ObjectKey] = []
        var orphans: [[String: String]] = []
        // A status write leaves metadata (owner, labels) as it was: the new side says it all.
        for o in (change.statusOnly ? [change.new] : [change.old, change.new]).compactMap({ $0 }) {
            if let key = controllerKey(of: o, kind: kind, resource: resource, namespace: change.key.namespace) {
                keys.append(key)
            } else if o.controllerRef == nil {
                orphans.append(o.labelMap)
            }
        }
        guard !orphans.isEmpty else { return keys }
        for owner in state.list(resource, namespace: change.key.namespace) {
            var sel: Value? = owner.value
            for p in selectorPath { sel = sel?[p] }
            guard let selector = try? LabelSelector(sel), !selector.isEmpty else { continue }
            if orphans.contains(where: { selector.matches($0) }) { keys.append(owner.key) }
        }
        return keys
    }
}
