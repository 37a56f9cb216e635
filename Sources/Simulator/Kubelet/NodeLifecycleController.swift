import KubeAPI
import YAML

/// The node lifecycle controller and the taint-eviction controller
/// (pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/tainteviction/taint_eviction.go).
///
/// Example: `taller-worker2` stops at t=0 (`Cluster.nodeDown`). At t=40 s
/// (`--node-monitor-grace-period`) its conditions turn `Unknown` (`NodeStatusUnknown`,
/// `Kubelet stopped posting node status.`), it gets `node.kubernetes.io/unreachable:NoSchedule`
/// and `node.kubernetes.io/unreachable:NoExecute` (with `timeAdded`), its pods' `Ready`
/// condition turns False (`MarkPodsNotReady`, event `NodeNotReady`: `Node is not ready`). Pods
/// tolerate the NoExecute taint for 300 s (DefaultTolerationSeconds), so at t=340 s each gets
/// `TaintManagerEviction` (`Marking for deletion Pod default/web-abc`), the condition
/// `DisruptionTarget` and a delete; with the kubelet gone they stay Terminating, and their
/// ReplicaSet replaces them elsewhere. A cordoned node (`spec.unschedulable`) gets
/// `node.kubernetes.io/unschedulable:NoSchedule` (TaintNodesByCondition).
public struct NodeLifecycleController: Controller {
    public let name = "node-controller"
    public var watchedResources: Set<String>? { ["nodes"] }
    /// `--node-monitor-grace-period` (40 s up to v1.31, the value kind's 1.32 clusters keep).
    static let gracePeriod = Duration.seconds(40)

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        change.key.resource == "nodes" ? [change.key] : []
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let node = state[key] else { return [] }
        var value = node.value
        var actions: [Action] = []
        var taints = Taint.list(value["spec"]?["taints"])
        let unschedulable = value["spec"]?["unschedulable"]?.bool ?? false
        let hasCordonTaint = taints.contains { $0.key == Taint.unschedulable }
        if unschedulable && !hasCordonTaint { taints.append(Taint(key: Taint.unschedulable, effect: "NoSchedule", timeAdded: now.rfc3339)) }
        if !unschedulable && hasCordonTaint { taints.removeAll { $0.key == Taint.unschedulable } }
        var wake: VirtualTime?
        if let stopped = value.annotation(SchedulerCache.kubeletStoppedAnnotation).flatMap(VirtualTime.init(rfc3339:)) {
            let deadline = stopped + NodeLifecycleController.gracePeriod
            if now < deadline {
                wake = deadline
            } else if !taints.contains(where: { $0.key == Taint.unreachable }) {
                taints.append(Taint(key: Taint.unreachable, effect: "NoSchedule", timeAdded: now.rfc3339))
                taints.append(Taint(key: Taint.unreachable, effect: "NoExecute", timeAdded: now.rfc3339))
                value.edit("status") { status in
                    let conditions = (status["conditions"]?.sequence ?? []).map { c -> Value in
                        var c = c
                        c.set("status", "Unknown"); c.set("reason", "NodeStatusUnknown"); c.set("message", "Kubelet stopped posting node status.")
                        c.set("lastTransitionTime", .string(now.rfc3339))
                        return c
                    }
                    status.set("conditions", .sequence(conditions))
                }
                actions.append(.updateStatus(key, value["status"] ?? .null))
                actions.append(.event(EventSpec(involved: key, type: .normal, reason: "NodeNotReady",
                                                message: "Node \(key.name) status is now: NodeNotReady", component: name)))
                actions += markPodsNotReady(key.name, state: state, now: now)
            }
        } else if taints.contains(where: { $0.key == Taint.unreachable }) {
            taints.removeAll { $0.key == Taint.unreachable }
        }
        let newTaints = taints.map(\.value_)
        if newTaints != (value["spec"]?["taints"]?.sequence ?? []) {
            var updated = node.value
            updated.edit("spec") { spec in if newTaints.isEmpty { spec.remove("taints") } else { spec.set("taints", .sequence(newTaints)) } }
            actions.append(.update(key, updated))
        }
        let (evictions, next) = evict(key.name, taints: taints, state: state, now: now)
        actions += evictions
        if let next, wake.map({ next < $0 }) ?? true { wake = next }
        if let wake, wake > now { actions.append(.requeueAfter(wake.since(now))) }
        return actions
    }

    /// pkg/controller/util/node `MarkPodsNotReady`.
    func markPodsNotReady(_ node: String, state: ClusterState, now: VirtualTime) -> [Action] {
        var actions: [Action] = []
        for key in (state.store.scheduling.node(node)?.pods ?? []).sorted() {
            guard let pod = state[key], var status = pod.value["status"], !status.isNull else { continue }
            let conditions = (status["conditions"]?.sequence ?? []).map { c -> Value in
                guard c["type"]?.string == "Ready", c["status"]?.string != "False" else { return c }
                var c = c
                c.set("status", "False"); c.set("lastTransitionTime", .string(now.rfc3339))
                return c
            }
            status.set("conditions", .sequence(conditions))
            actions.append(.updateStatus(key, status))
            actions.append(.event(EventSpec(involved: key, type: .warning, reason: "NodeNotReady", message: "Node is not ready", component: name)))
        }
        return actions
    }

    /// taint_eviction.go `processPodOnNode`: a pod that does not tolerate every NoExecute taint
    /// goes now; otherwise at the earliest `timeAdded + tolerationSeconds`.
    func evict(_ node: String, taints: [Taint], state: ClusterState, now: VirtualTime) -> ([Action], VirtualTime?) {
        let noExecute = taints.filter { $0.effect == "NoExecute" }
        guard !noExecute.isEmpty else { return ([], nil) }
        var actions: [Action] = [], next: VirtualTime?
        for key in (state.store.scheduling.node(node)?.pods ?? []).sorted() {
            guard let pod = state[key], !pod.isBeingDeleted else { continue }
            let tolerations = Toleration.list(pod.value["spec"]?["tolerations"])
            var due: VirtualTime? = nil, forever = true
            for taint in noExecute {
                let added = taint.timeAdded.flatMap(VirtualTime.init(rfc3339:)) ?? now
                let matching = tolerations.filter { $0.tolerates(taint) }
                if matching.isEmpty { due = now; forever = false; break }
                if let seconds = matching.compactMap(\.seconds).min() {
                    forever = false
                    let at = added + .seconds(max(seconds, 0))
                    if due.map({ at < $0 }) ?? true { due = at }
                }
            }
            guard !forever, let due else { continue }
            if due > now { if next.map({ due < $0 }) ?? true { next = due }; continue }
            var status = pod.value["status"] ?? .mapping([])
            var conditions = (status["conditions"]?.sequence ?? []).filter { $0["type"]?.string != "DisruptionTarget" }
            conditions.append(["lastProbeTime": nil, "lastTransitionTime": .string(now.rfc3339), "message": "Taint manager: deleting due to NoExecute taint",
                               "reason": "DeletionByTaintManager", "status": "True", "type": "DisruptionTarget"])
            status.set("conditions", .sequence(conditions))
            actions.append(.event(EventSpec(involved: key, type: .normal, reason: "TaintManagerEviction",
                                            message: "Marking for deletion Pod \(key.namespace)/\(key.name)", component: "taint-eviction-controller")))
            actions.append(.updateStatus(key, status))
            actions.append(.delete(key, .background))
        }
        return (actions, next)
    }
}
