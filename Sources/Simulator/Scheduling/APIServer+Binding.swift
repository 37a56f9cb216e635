import KubeAPI
import YAML

extension APIServer {
    /// The `pods/binding` subresource (pkg/registry/core/pod/storage/storage.go
    /// `assignPod`/`setPodNodeAndMetadata`): the pod must exist, not be terminating and not be
    /// bound yet; it gets `spec.nodeName` and the condition `PodScheduled=True`. No defaulting
    /// or validation pass runs (the binding is validated, not the pod), which keeps binding
    /// cheap at 150,000 pods.
    @discardableResult
    mutating func bindPod(_ key: ObjectKey, node: String) -> Bool {
        // Upstream answers Conflict (`pod x is already assigned to node "y"`, `pod x is being
        // deleted, cannot be assigned to a host`); the scheduler then forgets the pod.
        guard let old = store[key], !old.isBeingDeleted, (old.value["spec"]?["nodeName"]?.string ?? "").isEmpty else { return false }
        var pod = old.value
        pod.edit("spec") { $0.set("nodeName", .string(node)) }
        let condition: Value = ["lastProbeTime": nil, "lastTransitionTime": .string(clock.now.rfc3339), "status": "True", "type": "PodScheduled"]
        pod.edit("status") { status in
            var conditions = (status["conditions"]?.sequence ?? []).filter { $0["type"]?.string != "PodScheduled" }
            conditions.append(condition)
            status.set("conditions", .sequence(conditions))
        }
        pod.editMetadata { $0.set("resourceVersion", .string(store.nextResourceVersion())) }
        store.put(StoredObject(key: key, value: pod, source: old.source, replacing: old))
        return true
    }
}
