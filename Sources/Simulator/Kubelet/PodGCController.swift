import KubeAPI
import YAML

/// The pod garbage collector's orphan sweep (pkg/controller/podgc/gc_controller.go
/// `gcOrphaned`, `markFailedAndDeletePodWithCondition`): a pod bound to a node that no longer
/// exists is marked `Failed` with the condition `DisruptionTarget` (reason `DeletionByPodGC`,
/// `PodGC: node no longer exists`) and deleted at once (no kubelet is left to stop it).
///
/// Example: `kubectl delete node taller-worker3`: its DaemonSet pod and any other pod bound
/// there disappear, and their controllers (a ReplicaSet, not a DaemonSet) replace them
/// elsewhere. Simplification: upstream waits out a 40 s quarantine, checked every 20 s; here
/// the pods go as soon as the node does.
public struct PodGCController: Controller {
    public let name = "pod-garbage-collector-controller"
    public var watchedResources: Set<String>? { [Workload.nodes, ObjectKey.pods] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.nodes:
            guard change.new == nil else { return [] }
            return [change.key]
        case ObjectKey.pods:
            // A cluster without nodes is the core-only setup of the store and controller
            // tests (pods bound to made-up nodes): stay quiet there, as the scheduler does.
            guard state.store.scheduling.nodeCount > 0, let node = SchedulerCache.boundNode(change.new), !state.store.scheduling.hasNode(node) else { return [] }
            return [ObjectKey(resource: Workload.nodes, namespace: "", name: node)]
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard state[key] == nil, state.store.scheduling.nodeCount > 0, let info = state.store.scheduling.nodes.first(where: { $0.name == key.name && !$0.exists }) else { return [] }
        var actions: [Action] = []
        for podKey in info.pods.sorted() {
            guard let pod = state[podKey] else { continue }
            var status = pod.value["status"] ?? .mapping([])
            if status.isNull { status = .mapping([]) }
            var conditions = (status["conditions"]?.sequence ?? []).filter { $0["type"]?.string != "DisruptionTarget" }
            conditions.append(["lastProbeTime": nil, "lastTransitionTime": .string(now.rfc3339), "message": "PodGC: node no longer exists",
                               "reason": "DeletionByPodGC", "status": "True", "type": "DisruptionTarget"])
            status.set("conditions", .sequence(conditions))
            status.set("phase", "Failed")
            actions.append(.updateStatus(podKey, status))
            actions.append(.delete(podKey, .background))
        }
        return actions
    }
}
