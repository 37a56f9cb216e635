import KubeAPI
import YAML

/// kube-scheduler's default profile (pkg/scheduler/schedule_one.go `schedulePod`), one pod per
/// reconcile.
///
/// Example: 4 nodes (the control plane, tainted `NoSchedule`, and 3 workers with 4 CPU each,
/// 3.5 CPU already requested on each) and a pod asking for `cpu: 1`. Fewer than 100 nodes, so
/// every node is filtered (`numFeasibleNodesToFind`). The control plane fails TaintToleration,
/// the workers NodeResourcesFit; `FitError.Error` (framework/types.go) counts the reasons,
/// sorts the `"<count> <reason>"` strings and joins them: `0/4 nodes are available: 1 node(s)
/// had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.`
/// Then DefaultPreemption's PostFilter (framework/preemption/preemption.go): the tainted node is
/// `UnschedulableAndUnresolvable`, so `Preemption is not helpful for scheduling`; on the workers
/// there is no lower-priority pod to evict, so `No preemption victims found for incoming pod`;
/// default_preemption.go prefixes `preemption: ` and schedule_one.go appends it to the message.
/// The pod gets `PodScheduled=False`, reason `Unschedulable`, and a `FailedScheduling` event.
/// When the cluster changes (a node is added or changed, a bound pod leaves), pending pods are
/// retried after their back-off (1 s; upstream doubles it to 10 s per attempt).
///
/// With room, the feasible nodes (the first `numFeasibleNodesToFind`, starting at a rotating
/// index) are scored by NodeResourcesFit (LeastAllocated), NodeResourcesBalancedAllocation,
/// TaintToleration (PreferNoSchedule) and NodeAffinity (preferred terms) with the default
/// weights 1, 1, 3, 2; `selectHost` picks the best, ties broken by reservoir sampling with a
/// generator seeded from the pod's uid. Binding (`pods/binding`) sets `spec.nodeName` and
/// `PodScheduled=True`, and the event `Scheduled`: `Successfully assigned default/web-abc to
/// taller-worker`.
///
/// Claims are VolumeBinding's (VolumeBinding.swift). Deviations: no NodePorts, VolumeZone,
/// VolumeRestrictions or PodTopologySpread plugins (PodTopologySpread's default
/// spreading is approximated by LeastAllocated); preemption never evicts (a node where it could
/// reports `No preemption victims found for incoming pod`); the start index is derived from the
/// store's revision instead of being carried between cycles.
public struct Scheduler: Controller {
    public let name = "default-scheduler"
    public var watchedResources: Set<String>? { [ObjectKey.pods, VolumeUtil.claims, VolumeUtil.volumes, VolumeUtil.classes, "nodes"] }
    /// schedule_one.go `minFeasibleNodesToFind`, `minFeasibleNodesPercentageToFind`.
    static let minFeasibleNodesToFind = 100
    static let minFeasibleNodesPercentageToFind = 5
    /// scheduling_queue.go `DefaultPodInitialBackoffDuration` (1 s).
    static let initialBackoff = Duration.seconds(1)

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case "pods":
            if SchedulerCache.isPending(change.new) {
                if change.old == nil || change.old?["spec"] != change.new?["spec"] || change.old?["metadata"]?["labels"] != change.new?["metadata"]?["labels"] {
                    return [change.key]
                }
                return []
            }
            // A bound pod that leaves frees room: move the unschedulable pods back.
            if SchedulerCache.boundNode(change.old) != nil && SchedulerCache.boundNode(change.new) == nil {
                return state.store.scheduling.pending.sorted()
            }
            return []
        case VolumeUtil.claims:
            // VolumeBinding's events: a claim created, bound or changed moves the pending pods
            // that mount it back to the active queue.
            let name = change.key.name
            return state.store.scheduling.pending.filter { $0.namespace == change.key.namespace }.sorted()
                .filter { VolumeUtil.claimNames(state[$0]?.value).contains(name) }
        case VolumeUtil.volumes, VolumeUtil.classes:
            return state.store.scheduling.pending.sorted().filter { !VolumeUtil.claimNames(state[$0]?.value).isEmpty }
        case "nodes":
            if let old = change.old, let new = change.new, old["spec"] == new["spec"], old["metadata"]?["labels"] == new["metadata"]?["labels"],
               old["status"]?["allocatable"] == new["status"]?["allocatable"] {
                return []
            }
            return state.store.scheduling.pending.sorted()
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let pod = state[key], SchedulerCache.isPending(pod.value) else { return [] }
        // A cluster without any node is the core-only setup the store and controller tests
        // use: the scheduler stays silent there (upstream would report `no nodes available to
        // schedule pods`, and does so here as soon as a node has ever existed).
        if state.store.scheduling.nodes.isEmpty { return [] }
        // Back-off after a failed attempt.
        if let failed = Scheduler.condition(pod.value, "PodScheduled"), failed["status"]?.string == "False",
           let since = failed["lastTransitionTime"]?.string.flatMap(VirtualTime.init(rfc3339:)), now < since + Scheduler.initialBackoff {
            return [.requeueAfter((since + Scheduler.initialBackoff).since(now))]
        }
        let info = PodSchedulingInfo(key: key, pod: pod.value)
        var volumes: VolumeBinding?
        let outcome: Outcome
        switch VolumeBinding.preFilter(pod.value, namespace: key.namespace, state: state) {
        case .waiting:
            return []
        case .rejected(let message):
            // schedule_one.go checks ErrNoNodesAvailable before running any plugin.
            outcome = state.store.scheduling.nodeCount == 0 ? .failure("no nodes available to schedule pods")
                : .failure(Scheduler.preFilterError(info, message: message, state: state))
        case .skip:
            outcome = Scheduler.schedule(info, uid: pod.uid, state: state, volumes: nil)
        case .check(let binding):
            volumes = binding
            outcome = Scheduler.schedule(info, uid: pod.uid, state: state, volumes: binding)
        }
        switch outcome {
        case .success(let node):
            if let volumes, let nodeInfo = state.store.scheduling.node(node) {
                let preBind = volumes.preBind(nodeInfo, state: state)
                if !preBind.isEmpty { return preBind }
            }
            // schedule_one.go: `Eventf(assumed, nil, Normal, "Scheduled", "Binding", …)` about the
            // pod as the queue held it (its resourceVersion before the binding).
            var scheduled = EventSpec(involved: key, type: .normal, reason: "Scheduled",
                                      message: "Successfully assigned \(key.namespace)/\(key.name) to \(node)", component: name)
            scheduled.action = "Binding"
            scheduled.seenResourceVersion = pod.resourceVersion
            return [.bindPod(key, node: node), .event(scheduled)]
        case .failure(let message):
            // handleSchedulingFailure reports before it writes the pod's condition.
            var failed = EventSpec(involved: key, type: .warning, reason: "FailedScheduling", message: message, component: name)
            failed.action = "Scheduling"
            failed.seenResourceVersion = pod.resourceVersion
            var actions: [Action] = [.event(failed)]
            let status = Scheduler.unschedulableStatus(pod.value, message: message, now: now)
            if status != pod.value["status"] { actions.insert(.updateStatus(key, status), at: 0) }
            // Nothing in the cluster may change for this pod, and still it is tried again:
            // the unschedulable pods' leftover flush.
            actions.append(.requeueAfter(Scheduler.leftoverFlush(after: now).since(now)))
            return actions
        }
    }

    /// pkg/scheduler/internal/queue/scheduling_queue.go: `flushUnschedulablePodsLeftover`
    /// runs every 30 s (`wait.Until(…, 30*time.Second, …)`) and moves back to the active queue
    /// the pods that have been unschedulable for more than
    /// `DefaultPodMaxInUnschedulablePodsDuration` (5 min); their back-off (10 s at most) is
    /// long over by then, so they are tried at once. The ticks here fall on whole multiples
    /// of 30 s of the virtual clock: the first one more than 5 minutes after `failure`.
    static let flushInterval: Int64 = 30_000
    static let maxInUnschedulable: Int64 = 300_000

    static func leftoverFlush(after failure: VirtualTime) -> VirtualTime {
        let threshold = failure.milliseconds + maxInUnschedulable
        return VirtualTime(milliseconds: (threshold / flushInterval + 1) * flushInterval)
    }

    enum Outcome: Equatable {
        case success(String)
        case failure(String)
    }

    /// `schedulePod` + `findNodesThatFitPod` + `prioritizeNodes` + `selectHost`.
    static func schedule(_ pod: PodSchedulingInfo, uid: String, state: ClusterState, volumes: VolumeBinding? = nil) -> Outcome {
        let cache = state.store.scheduling
        let nodes = cache.nodes
        let all = cache.nodeCount
        // schedule_one.go ErrNoNodesAvailable.
        if all == 0 { return .failure("no nodes available to schedule pods") }
        let affinity = AffinityState.make(pod, state: state)
        let wanted = numFeasibleNodesToFind(all)
        var feasible: [Int] = []
        feasible.reserveCapacity(wanted)
        var statuses: [(Int, FilterStatus)] = []
        let start = Int(state.store.revision % UInt64(nodes.count))
        // Made optional once: wrapping the state for each node's call copied the whole store
        // struct 500 times per pod.
        let optionalState: ClusterState? = state
        // Nodes are read in place through the buffer: copying each NodeInfo out of the array
        // would retain and release all its fields, for every node of every attempt.
        return nodes.withUnsafeBufferPointer { nodes in
            let base = nodes.baseAddress!
            var i = start
            for _ in 0..<nodes.count {
                defer { i = i + 1 == nodes.count ? 0 : i + 1 }
                guard nodes[i].exists else { continue }
                if let status = filter(pod, base + i, affinity: affinity, volumes: volumes, state: optionalState) {
                    statuses.append((i, status))
                } else {
                    feasible.append(i)
                    if feasible.count >= wanted { break }
                }
            }
            if feasible.isEmpty {
                return .failure(fitError(all: all, statuses.map(\.1)) + " " + preemptionMessage(pod, all: all, statuses: statuses, state: state))
            }
            return .success(nodes[selectHost(pod, feasible, nodes: nodes, uid: uid)].name)
        }
    }

    /// schedule_one.go `numFeasibleNodesToFind` with the adaptive percentage
    /// (`50 - nodes/125`, at least 5%) and at least 100 nodes.
    static func numFeasibleNodesToFind(_ all: Int) -> Int {
        if all < minFeasibleNodesToFind { return all }
        let percentage = max(50 - all / 125, minFeasibleNodesPercentageToFind)
        return max(all * percentage / 100, minFeasibleNodesToFind)
    }

    /// `FitError.Error` when a PreFilter plugin rejected the pod: its message instead of the
    /// per-node reasons, and every node unresolvable for preemption.
    static func preFilterError(_ pod: PodSchedulingInfo, message: String, state: ClusterState) -> String {
        let cache = state.store.scheduling
        let statuses = cache.nodes.indices.filter { cache.nodes[$0].exists }
            .map { ($0, FilterStatus(resolvable: false, reasons: [message])) }
        return "0/\(cache.nodeCount) nodes are available: \(message). " + preemptionMessage(pod, all: cache.nodeCount, statuses: statuses, state: state)
    }

    /// framework/types.go `FitError.Error`: `0/N nodes are available: <count reason, …>.`
    static func fitError(all: Int, _ statuses: [FilterStatus]) -> String {
        var histogram: [String: Int] = [:]
        for s in statuses { for r in s.reasons { histogram[r, default: 0] += 1 } }
        let parts = histogram.map { "\($0.value) \($0.key)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return "0/\(all) nodes are available: \(parts.joined(separator: ", "))."
    }

    /// DefaultPreemption's PostFilter message (default_preemption.go, preemption.go
    /// `findCandidates`, `SelectVictimsOnNode`), prefixed `preemption: `.
    static func preemptionMessage(_ pod: PodSchedulingInfo, all: Int, statuses: [(Int, FilterStatus)], state: ClusterState) -> String {
        // default_preemption.go PodEligibleToPreemptOthers.
        if pod.preemptionPolicy == "Never" { return "preemption: not eligible due to preemptionPolicy=Never." }
        let nodes = state.store.scheduling.nodes
        var reasons: [FilterStatus] = []
        for (i, status) in statuses {
            guard status.resolvable else { reasons.append(.init(resolvable: false, reasons: ["Preemption is not helpful for scheduling"])); continue }
            var node = nodes[i]
            var victims = 0
            for key in node.pods.sorted() {
                guard let other = state[key], (other.value["spec"]?["priority"]?.int ?? 0) < pod.priority else { continue }
                victims += 1
                node.requested.add(PodResources(spec: other.value["spec"] ?? .null), sign: -1)
                node.pods.remove(key)
            }
            if victims == 0 { reasons.append(.init(resolvable: false, reasons: ["No preemption victims found for incoming pod"])); continue }
            reasons.append(filter(pod, node, affinity: nil) ?? .init(resolvable: false, reasons: ["No preemption victims found for incoming pod"]))
        }
        return "preemption: " + fitError(all: all, reasons)
    }

    /// `PodScheduled=False`, reason `Unschedulable` (schedule_one.go `handleSchedulingFailure`).
    static func unschedulableStatus(_ pod: Value, message: String, now: VirtualTime) -> Value {
        var status = pod["status"] ?? .mapping([])
        if status.isNull { status = .mapping([]) }
        let old = condition(pod, "PodScheduled")
        let transition = old?["status"]?.string == "False" ? (old?["lastTransitionTime"] ?? .string(now.rfc3339)) : .string(now.rfc3339)
        let condition: Value = ["lastProbeTime": nil, "lastTransitionTime": transition, "message": .string(message),
                                "reason": "Unschedulable", "status": "False", "type": "PodScheduled"]
        var conditions = (status["conditions"]?.sequence ?? []).filter { $0["type"]?.string != "PodScheduled" }
        conditions.append(condition)
        status.set("conditions", .sequence(conditions))
        return status
    }

    static func condition(_ pod: Value, _ type: String) -> Value? {
        pod["status"]?["conditions"]?.sequence?.first { $0["type"]?.string == type }
    }
}
