import KubeAPI
import YAML

extension APIServer {
    /// The apiserver's delete (k8s.io/apiserver/pkg/registry/generic/registry/store.go
    /// `Delete`): the propagation policy becomes finalizers (`deletionFinalizersForGarbageCollection`:
    /// Orphan → `orphan`, Foreground → `foregroundDeletion`, Background → neither); an object
    /// with finalizers, or a pod on a node (graceful deletion, pkg/registry/core/pod/strategy.go
    /// `CheckGracefulDelete`), gets `deletionTimestamp` and stays; anything else is removed now.
    /// Namespaces keep `spec.finalizers: [kubernetes]` and turn `Terminating` until the
    /// namespace controller empties them.
    ///
    /// Returns the object left in place, or nil when it was removed. `gracePeriod` is the
    /// request's `gracePeriodSeconds` (kubectl's `--grace-period`), which replaces the pod's own.
    @discardableResult
    mutating func deleteObject(_ key: ObjectKey, propagation: PropagationPolicy = .background, dryRun: Bool = false,
                               gracePeriod: Int64? = nil) throws(APIError) -> StoredObject? {
        guard let old = store[key] else { throw .notFound(resource: key.resource, name: key.name) }
        if key.resource == ObjectKey.namespaces && APIServer.immortalNamespaces.contains(key.name) {
            throw .forbidden(resource: "namespaces", name: key.name, reason: "this namespace may not be deleted")
        }
        var o = old.value
        var finalizers = o.finalizers
        switch propagation {
        case .orphan:
            finalizers.removeAll { $0 == Finalizers.foreground }
            if !finalizers.contains(Finalizers.orphan) { finalizers.append(Finalizers.orphan) }
        case .foreground:
            finalizers.removeAll { $0 == Finalizers.orphan }
            if !finalizers.contains(Finalizers.foreground) { finalizers.append(Finalizers.foreground) }
        case .background:
            finalizers.removeAll { $0 == Finalizers.orphan || $0 == Finalizers.foreground }
        }
        let grace = self.gracePeriod(o, requested: gracePeriod)
        let namespaceHeld = key.resource == ObjectKey.namespaces && !(o["spec"]?["finalizers"]?.sequence?.isEmpty ?? true)
        if finalizers.isEmpty && grace == 0 && !namespaceHeld {
            if dryRun { return nil }
            store.remove(key)
            return nil
        }
        if o.isBeingDeleted && o.finalizers == finalizers { return old }
        let deletionTime = clock.now + .seconds(grace)
        o.setFinalizers(finalizers)
        o.editMetadata { meta in
            if meta["deletionTimestamp"]?.isNull ?? true {
                meta.set("deletionTimestamp", .string(deletionTime.rfc3339))
                meta.set("deletionGracePeriodSeconds", .int(grace))
                // rest.BeforeDelete: objects that track generation get a new one.
                if let generation = meta["generation"]?.int, generation > 0 { meta.set("generation", .int(generation + 1)) }
            }
        }
        if key.resource == ObjectKey.namespaces { o.edit("status") { $0.set("phase", "Terminating") } }
        if dryRun { return StoredObject(key: key, value: o, source: old.source) }
        let resourceVersion = store.nextResourceVersion()
        o.editMetadata { $0.set("resourceVersion", .string(resourceVersion)) }
        let stored = StoredObject(key: key, value: o, source: old.source)
        store.put(stored)
        return stored
    }

    /// Seconds of graceful deletion: pods bound to a node and not finished get the requested
    /// period, else `terminationGracePeriodSeconds` (default 30); everything else 0.
    func gracePeriod(_ o: Value, requested: Int64? = nil) -> Int64 {
        guard o["kind"]?.string == "Pod", !(o["spec"]?["nodeName"]?.string ?? "").isEmpty else { return 0 }
        let phase = o["status"]?["phase"]?.string ?? ""
        if phase == "Succeeded" || phase == "Failed" { return 0 }
        if let requested, requested >= 0 { return requested }
        return o["spec"]?["terminationGracePeriodSeconds"]?.int ?? 30
    }

    /// Removes a pod for good once its kubelet has stopped it (the kubelet's delete with
    /// grace period 0). The seam a simulated kubelet calls.
    mutating func finishPodDeletion(_ key: ObjectKey) {
        guard let o = store[key], o.isBeingDeleted else { return }
        if o.finalizers.isEmpty {
            store.remove(key)
        } else {
            var v = o.value
            v.editMetadata { $0.set("deletionGracePeriodSeconds", 0) }
            _ = try? updateObject(key, v, statusOnly: false)
        }
    }
}

/// Finalizer names the garbage collector and namespace controller use
/// (k8s.io/apimachinery/pkg/apis/meta/v1/types.go `FinalizerOrphanDependents`,
/// `FinalizerDeleteDependents`; core/v1 `FinalizerKubernetes`).
public enum Finalizers {
    public static let orphan = "orphan"
    public static let foreground = "foregroundDeletion"
    public static let kubernetes = "kubernetes"
}
