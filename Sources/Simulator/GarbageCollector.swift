import YAML

/// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go), reconciling
/// one object at a time from the owner index instead of upstream's dependency graph.
///
/// Example: `kubectl delete deployment web` (Background). The apiserver removes `web` at
/// once. Its ReplicaSet `web-7d4b9c8f5` now names an owner uid that resolves to nothing — a
/// *dangling* owner and no *solid* one — so `attemptToDeleteItem` deletes it (Background
/// again), and its pods follow the same way. With `--cascade=foreground` the Deployment
/// instead keeps `deletionTimestamp` and the `foregroundDeletion` finalizer; the collector
/// deletes the dependents that block it (`blockOwnerDeletion: true`, which controllers set)
/// and removes the finalizer once none is left (`processDeletingDependentsItem`), so the
/// Deployment disappears last. With `--cascade=orphan` the `orphan` finalizer makes the
/// collector strip the owner reference from every dependent (`orphanDependents`) and then
/// remove the finalizer: the ReplicaSet and its pods survive, ownerless.
public struct GarbageCollector: Controller {
    public let name = "garbage-collector-controller"

    public init() {}

    /// Every object, Events included (`Controller.watchesEvents`).
    public var watchesEvents: Bool { true }

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        // A compact Event has no owner references, finalizers or deletion timestamp: of the
        // cases below only "an owner went away" can apply to it.
        if change.isCompactEvent {
            return change.isRemoval && !change.uid.isEmpty ? state.dependents(of: change.uid).map(\.key) : []
        }
        // A status write leaves metadata as it was: owner references, deletion timestamp and
        // finalizers are unchanged, so only an object already deleting with a finalizer of
        // ours is looked at again (the second case below).
        if change.statusOnly, let new = change.new {
            let waiting = new.isBeingDeleted && (new.finalizers.contains(Finalizers.orphan) || new.finalizers.contains(Finalizers.foreground))
            return waiting ? [change.key] : []
        }
        var keys: [ObjectKey] = []
        if let new = change.new {
            // graph_builder.go processGraphChanges: a dependent is looked at when it appears
            // or its owner references change (`referencesDiffs`); an update that leaves them
            // alone changes nothing the collector decides on (owners going away wake their
            // dependents below).
            // Owners already in the graph ask nothing either: only a reference to an owner
            // that is missing (a virtual node upstream), renamed or being deleted makes
            // `attemptToDelete` act.
            let refs = new.ownerReferences
            if !refs.isEmpty && (change.old.map { $0.ownerReferences != refs } ?? true)
                && refs.contains(where: { !GarbageCollector.isSolid($0, state) }) {
                keys.append(change.key)
            }
            if new.isBeingDeleted, new.finalizers.contains(Finalizers.orphan) || new.finalizers.contains(Finalizers.foreground) {
                keys.append(change.key)
            }
        }
        // An owner that went away or started deleting: its dependents must be looked at.
        let startedDeleting = change.new?.isBeingDeleted == true && change.old?.isBeingDeleted != true
        if change.new == nil || startedDeleting, let uid = (change.old ?? change.new)?.uid, !uid.isEmpty {
            keys += state.dependents(of: uid).map(\.key)
        }
        // A dependent that went away may unblock an owner waiting in foreground.
        if change.new == nil, let old = change.old {
            for ref in old.ownerReferences {
                if let uid = ref["uid"]?.string, let owner = state.object(uid: uid), owner.isBeingDeleted { keys.append(owner.key) }
            }
        }
        return keys
    }

    /// An owner reference `attemptToDelete` counts as solid: the owner exists under that
    /// name and is not waiting for its dependents' deletion.
    static func isSolid(_ ref: Value, _ state: ClusterState) -> Bool {
        guard let owner = state.object(uid: ref["uid"]?.string ?? ""), owner.name == ref["name"]?.string else { return false }
        return !owner.isBeingDeleted
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let item = state[key] else { return [] }
        if item.isBeingDeleted {
            if item.finalizers.contains(Finalizers.orphan) { return orphanDependents(item, state) }
            if item.finalizers.contains(Finalizers.foreground) { return deleteBlockingDependents(item, state) }
        }
        return attemptToDelete(item, state)
    }

    /// `attemptToDeleteItem`: classify owners as solid, dangling or waiting for dependents'
    /// deletion, and act.
    func attemptToDelete(_ item: StoredObject, _ state: ClusterState) -> [Action] {
        let refs = item.value.ownerReferences
        guard !refs.isEmpty, !item.isBeingDeleted else { return [] }
        var solid: [Value] = [], dangling: [Value] = [], waiting: [Value] = []
        for ref in refs {
            let uid = ref["uid"]?.string ?? ""
            guard let owner = state.object(uid: uid), owner.name == ref["name"]?.string else {
                dangling.append(ref)
                continue
            }
            if owner.isBeingDeleted && owner.finalizers.contains(Finalizers.foreground) {
                waiting.append(ref)
            } else {
                solid.append(ref)
            }
        }
        if !solid.isEmpty {
            guard !dangling.isEmpty || !waiting.isEmpty else { return [] }
            // Remove the references to owners that are gone or waiting (a patch upstream).
            var v = item.value
            v.setOwnerReferences(solid)
            return [.update(item.key, v)]
        }
        if !waiting.isEmpty && !state.dependentKeys(of: item.uid).isEmpty {
            return [.delete(item.key, .foreground)]
        }
        let policy: PropagationPolicy = item.finalizers.contains(Finalizers.orphan) ? .orphan
            : item.finalizers.contains(Finalizers.foreground) ? .foreground : .background
        return [.delete(item.key, policy)]
    }

    /// `orphanDependents`, then removal of the `orphan` finalizer.
    func orphanDependents(_ owner: StoredObject, _ state: ClusterState) -> [Action] {
        var actions: [Action] = []
        for dependent in state.dependents(of: owner.uid) {
            var v = dependent.value
            v.setOwnerReferences(v.ownerReferences.filter { $0["uid"]?.string != owner.uid })
            actions.append(.update(dependent.key, v))
        }
        var v = owner.value
        v.setFinalizers(owner.finalizers.filter { $0 != Finalizers.orphan })
        actions.append(.update(owner.key, v))
        return actions
    }

    /// `processDeletingDependentsItem`: delete the blocking dependents; with none left,
    /// remove the `foregroundDeletion` finalizer.
    func deleteBlockingDependents(_ owner: StoredObject, _ state: ClusterState) -> [Action] {
        let blocking = state.dependents(of: owner.uid).filter { dependent in
            dependent.value.ownerReferences.contains { $0["uid"]?.string == owner.uid && $0["blockOwnerDeletion"]?.bool == true }
        }
        if blocking.isEmpty {
            var v = owner.value
            v.setFinalizers(owner.finalizers.filter { $0 != Finalizers.foreground })
            return [.update(owner.key, v)]
        }
        return blocking.filter { !$0.isBeingDeleted }.map { dependent in
            .delete(dependent.key, state.dependentKeys(of: dependent.uid).isEmpty ? .background : .foreground)
        }
    }
}
