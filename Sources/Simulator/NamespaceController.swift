import YAML

/// The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go).
///
/// Example: `kubectl delete namespace tienda`. The apiserver sets `deletionTimestamp` and
/// `status.phase: Terminating`, and keeps the namespace because `spec.finalizers` holds
/// `kubernetes`; from then on it refuses new objects there (`… because it is being
/// terminated`). This controller deletes everything inside (Background propagation, as
/// `deleteCollection` does); when nothing is left it removes the `kubernetes` finalizer
/// (the `/finalize` subresource) and the apiserver removes the namespace. Pods still
/// terminating gracefully make it look again after their grace period.
///
/// Not modelled: the `NamespaceDeletionContentFailure`/`NamespaceContentRemaining`/…
/// status conditions.
public struct NamespaceController: Controller {
    public let name = "namespace-controller"

    public init() {}

    /// Every object, Events included (`Controller.watchesEvents`).
    public var watchesEvents: Bool { true }

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        if change.key.resource == ObjectKey.namespaces {
            return change.new?.isBeingDeleted == true ? [change.key] : []
        }
        guard change.isRemoval, !change.key.namespace.isEmpty else { return [] }
        let namespace = ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: change.key.namespace)
        return state[namespace]?.isBeingDeleted == true ? [namespace] : []
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let namespace = state[key], namespace.isBeingDeleted else { return [] }
        let specFinalizers = (namespace.value["spec"]?["finalizers"]?.sequence ?? []).compactMap(\.string)
        guard specFinalizers.contains(Finalizers.kubernetes) else { return [] }
        let contents = state.store.contents(of: key.name)
        if contents.isEmpty {
            var v = namespace.value
            v.edit("spec") { $0.set("finalizers", .sequence(specFinalizers.filter { $0 != Finalizers.kubernetes }.map { .string($0) })) }
            return [.update(key, v)]
        }
        var actions: [Action] = []
        var estimate: Int64 = 0
        for content in contents {
            guard let o = state[content] else { continue }
            if o.isBeingDeleted {
                estimate = max(estimate, o.value["metadata"]?["deletionGracePeriodSeconds"]?.int ?? 0)
            } else {
                actions.append(.delete(content, .background))
            }
        }
        if estimate > 0 { actions.append(.requeueAfter(.seconds(estimate))) }
        return actions
    }
}
