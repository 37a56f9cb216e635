import KubeAPI
import YAML

extension Cluster {
    /// A cluster with these nodes (default: kind's control plane and 3 workers) and every
    /// standard controller.
    public init(seed: UInt64 = 1, start: VirtualTime = .courseEpoch, nodes: [NodeSpec]) {
        self.init(seed: seed, start: start)
        addNodes(nodes)
        bootstrapNetworking() // Networking/Cluster+Networking.swift
        bootstrapStorage() // Storage/Cluster+Storage.swift
        bootstrapIngress() // Ingress/Cluster+Ingress.swift
        bootstrapRBAC() // Auth/Cluster+RBAC.swift
    }

    /// A control plane and `workers` workers.
    public init(seed: UInt64 = 1, workers: Int) {
        self.init(seed: seed, nodes: NodeSpec.kind(workers: workers))
    }

    /// Registers nodes (their podCIDRs continue the numbering of the nodes already there).
    public mutating func addNodes(_ nodes: [NodeSpec]) {
        var index = api.store.count("nodes")
        for spec in nodes {
            api.registerNode(spec.object(index: index, now: api.now))
            index += 1
        }
    }

    /// Stops a node's kubelet (`docker stop` of a kind node): it stops posting status; the
    /// node lifecycle controller notices after the grace period.
    public mutating func nodeDown(_ name: String) {
        editNode(name) { $0.setAnnotation(SchedulerCache.kubeletStoppedAnnotation, $1.rfc3339) }
    }

    /// Starts a node's kubelet again: it posts `Ready=True` at once.
    public mutating func nodeUp(_ name: String) {
        editNode(name) { node, now in
            node.setAnnotation(SchedulerCache.kubeletStoppedAnnotation, nil)
            node.edit("status") { status in
                let conditions = (status["conditions"]?.sequence ?? []).map { c -> Value in
                    var c = c
                    let healthy: [String: (String, String, String)] = [
                        "MemoryPressure": ("False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                        "DiskPressure": ("False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                        "PIDPressure": ("False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                        "Ready": ("True", "KubeletReady", "kubelet is posting ready status")]
                    if let (s, r, m) = healthy[c["type"]?.string ?? ""] {
                        if c["status"]?.string != s { c.set("lastTransitionTime", .string(now.rfc3339)) }
                        c.set("status", .string(s)); c.set("reason", .string(r)); c.set("message", .string(m))
                        c.set("lastHeartbeatTime", .string(now.rfc3339))
                    }
                    return c
                }
                status.set("conditions", .sequence(conditions))
            }
        }
    }

    /// kubelet's node lease renewal interval: a quarter of the 40 s lease
    /// (pkg/kubelet/kubelet.go `nodeLeaseRenewIntervalFraction` 0.25, `NodeLeaseDurationSeconds`).
    static let nodeLeaseRenewInterval: Int64 = 10_000

    /// The node's Lease in `kube-node-lease` as its kubelet keeps it
    /// (k8s.io/component-helpers/apimachinery/lease controller.go `newLease`): held by the
    /// node, 40 s long, no acquireTime, renewed every 10 s since the node registered and no
    /// longer once its kubelet stopped. The store has no Lease objects; `describe node`
    /// reads this one. Example: a node registered at 00:00:00 and stopped at 00:01:05
    /// keeps `renewTime` 00:01:00.
    public func nodeLease(_ name: String) -> Value? {
        guard let node = api.store[ObjectKey(resource: "nodes", namespace: "", name: name)],
              let created = node.value["metadata"]?["creationTimestamp"]?.string.flatMap(VirtualTime.init(rfc3339:)) else { return nil }
        var end = now
        if let stopped = node.value.annotation(SchedulerCache.kubeletStoppedAnnotation).flatMap(VirtualTime.init(rfc3339:)), stopped < end {
            end = stopped
        }
        let step = Cluster.nodeLeaseRenewInterval
        let renewed = VirtualTime(milliseconds: created.milliseconds + max(0, end.milliseconds - created.milliseconds) / step * step)
        let micro = String(renewed.rfc3339.dropLast()) + ".000000Z"
        return ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(name), "namespace": "kube-node-lease"],
                "spec": ["holderIdentity": .string(name), "leaseDurationSeconds": 40, "renewTime": .string(micro)]]
    }

    mutating func editNode(_ name: String, _ body: (inout Value, VirtualTime) -> Void) {
        let key = ObjectKey(resource: "nodes", namespace: "", name: name)
        guard let node = api.store[key] else { return }
        var v = node.value
        body(&v, api.now)
        v.editMetadata { $0.set("resourceVersion", .string(api.store.nextResourceVersion())) }
        api.store.put(StoredObject(key: key, value: v, source: node.source))
    }
}
