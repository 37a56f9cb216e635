import KubeAPI
import YAML

/// The scheduler's cache (pkg/scheduler/backend/cache/cache.go and framework/types.go
/// `NodeInfo`), kept by the store itself on every write so that it is always the store's
/// exact image and is rebuilt for free when a saved cluster is loaded:
///
/// - one `NodeInfo` per node, in creation order (upstream's node tree lists nodes in the order
///   they were added, zone by zone), with allocatable parsed once and the pods' requests
///   summed incrementally (no decision ever scans pods);
/// - the keys of pods waiting for the default scheduler (`pending`: unbound, not finished,
///   not being deleted), which cluster events move back to the active queue;
/// - the bound pods that carry required pod anti-affinity (`podsWithRequiredAntiAffinity`).
///
/// A pod counts on its node from binding until it finishes (`Succeeded`/`Failed`) or is
/// removed; a terminating pod still counts, as upstream.
public struct SchedulerCache: Sendable {
    public struct NodeInfo: Sendable {
        public var name: String
        public var exists = false
        public var labels: [String: String] = [:]
        public var taints: [Taint] = []
        public var unschedulable = false
        public var allocatableMilliCPU: Int64 = 0
        public var allocatableMemory: Int64 = 0
        public var allocatablePods: Int64 = 0
        public var requested = PodResources()
        public var pods: Set<ObjectKey> = [] { didSet { podCount = Int64(pods.count) } }
        /// `pods.count`, kept beside the other figures the filters read for each of the
        /// hundreds of nodes a pod is tried on (the set's storage is elsewhere in memory).
        public private(set) var podCount: Int64 = 0
        /// `status.podIP` of each pod in `pods` that has one (the kubelet's IPAM reads it).
        public var podIPs: [ObjectKey: String] = [:]
        /// The node's kubelet is stopped (`Cluster.nodeDown`).
        public var kubeletStopped = false
    }

    public private(set) var nodes: [NodeInfo] = []
    public private(set) var slots: [String: Int] = [:]
    public private(set) var nodeCount = 0
    public private(set) var pending: Set<ObjectKey> = []
    public private(set) var podsWithRequiredAntiAffinity: Set<ObjectKey> = []

    public init() {}

    public func node(_ name: String) -> NodeInfo? {
        guard let i = slots[name], nodes[i].exists else { return nil }
        return nodes[i]
    }

    /// Whether node `name` exists (without copying its `NodeInfo`).
    public func hasNode(_ name: String) -> Bool {
        guard let i = slots[name] else { return false }
        return nodes[i].exists
    }

    /// `status.podIP` of the pods counted on node `name` (read in place: `node(_:)` copies the
    /// whole `NodeInfo`, and the kubelet asks once per pod it starts).
    public func podIPs(on name: String) -> [ObjectKey: String] {
        guard let i = slots[name], nodes[i].exists else { return [:] }
        return nodes[i].podIPs
    }

    /// Existing nodes, in creation order.
    public var existingNodes: [NodeInfo] { nodes.filter(\.exists) }

    /// Annotation that marks a node whose kubelet stopped (set by `Cluster.nodeDown`), with
    /// the instant it stopped posting status.
    public static let kubeletStoppedAnnotation = "simulador.taller.dev/kubelet-detenido"

    // MARK: Store hook

    mutating func update(_ key: ObjectKey, old: Value?, new: Value?) {
        if key.resource == "pods" {
            updatePod(key, old: old, new: new)
        } else if key.resource == "nodes" {
            updateNode(key.name, new)
        }
    }

    static let defaultScheduler = "default-scheduler"

    static func isTerminal(_ pod: Value) -> Bool {
        let phase = pod["status"]?["phase"]?.string
        return phase == "Succeeded" || phase == "Failed"
    }

    static func boundNode(_ pod: Value?) -> String? {
        guard let pod, let node = pod["spec"]?["nodeName"]?.string, !node.isEmpty, !isTerminal(pod) else { return nil }
        return node
    }

    static func isPending(_ pod: Value?) -> Bool {
        // The bound pods, most of those asked about, answer at the first test (`nodeName` is
        // the last key of their spec, where a lookup starts).
        guard let pod else { return false }
        let spec = pod["spec"]
        guard (spec?["nodeName"]?.string ?? "").isEmpty, !isTerminal(pod), !pod.isBeingDeleted else { return false }
        return (spec?["schedulerName"]?.string ?? defaultScheduler) == defaultScheduler
    }

    static func hasRequiredAntiAffinity(_ pod: Value) -> Bool {
        !(pod["spec"]?["affinity"]?["podAntiAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?.sequence?.isEmpty ?? true)
    }

    private mutating func updatePod(_ key: ObjectKey, old: Value?, new: Value?) {
        let wasPending = SchedulerCache.isPending(old), isPending = SchedulerCache.isPending(new)
        if wasPending != isPending {
            if isPending { pending.insert(key) } else { pending.remove(key) }
        }
        let oldNode = SchedulerCache.boundNode(old), newNode = SchedulerCache.boundNode(new)
        if oldNode == newNode {
            if let newNode, let i = slots[newNode] { nodes[i].podIPs[key] = SchedulerCache.podIP(new) }
            return
        }
        if let oldNode, let old, let i = slots[oldNode] {
            nodes[i].requested.add(PodResources(spec: old["spec"] ?? .null), sign: -1)
            nodes[i].pods.remove(key)
            nodes[i].podIPs[key] = nil
            podsWithRequiredAntiAffinity.remove(key)
        }
        if let newNode, let new {
            let i = slot(newNode)
            nodes[i].requested.add(PodResources(spec: new["spec"] ?? .null))
            nodes[i].pods.insert(key)
            nodes[i].podIPs[key] = SchedulerCache.podIP(new)
            if SchedulerCache.hasRequiredAntiAffinity(new) { podsWithRequiredAntiAffinity.insert(key) }
        }
    }

    static func podIP(_ pod: Value?) -> String? {
        guard let ip = pod?["status"]?["podIP"]?.string, !ip.isEmpty else { return nil }
        return ip
    }

    private mutating func slot(_ name: String) -> Int {
        if let i = slots[name] { return i }
        nodes.append(NodeInfo(name: name))
        slots[name] = nodes.count - 1
        return nodes.count - 1
    }

    private mutating func updateNode(_ name: String, _ node: Value?) {
        let i = slot(name)
        guard let node else {
            if nodes[i].exists { nodeCount -= 1 }
            nodes[i].exists = false
            return
        }
        if !nodes[i].exists { nodeCount += 1 }
        nodes[i].exists = true
        nodes[i].labels = node.labelMap
        nodes[i].taints = Taint.list(node["spec"]?["taints"])
        nodes[i].unschedulable = node["spec"]?["unschedulable"]?.bool ?? false
        let allocatable = node["status"]?["allocatable"]
        nodes[i].allocatableMilliCPU = PodResources.milli(allocatable?["cpu"])
        nodes[i].allocatableMemory = PodResources.units(allocatable?["memory"])
        nodes[i].allocatablePods = PodResources.units(allocatable?["pods"])
        nodes[i].kubeletStopped = node.annotation(SchedulerCache.kubeletStoppedAnnotation) != nil
    }
}
