import KubeAPI
import YAML

/// The Filter plugins of the default profile, in its order
/// (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, NodeName,
/// TaintToleration, NodeAffinity, NodeResourcesFit, VolumeBinding, InterPodAffinity. A node's status is the
/// first plugin that rejects it (framework/runtime/framework.go `RunFilterPlugins`); a plugin
/// may give several reasons (NodeResourcesFit: `Too many pods`, `Insufficient cpu`,
/// `Insufficient memory`).
extension Scheduler {
    /// framework/interface.go `Code`: `Unschedulable` (preemption might help) or
    /// `UnschedulableAndUnresolvable` (it cannot).
    struct FilterStatus: Sendable {
        var resolvable: Bool
        var reasons: [String]
    }

    // Reason strings, exactly as upstream (pkg/scheduler/framework/plugins/...).
    /// nodeunschedulable/node_unschedulable.go `ErrReasonUnschedulable`.
    static let reasonUnschedulable = "node(s) were unschedulable"
    /// nodename/node_name.go `ErrReason`.
    static let reasonNodeName = "node(s) didn't match the requested node name"
    /// nodeaffinity/node_affinity.go `ErrReasonPod`.
    static let reasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector"
    /// noderesources/fit.go: `Too many pods` and `fmt.Sprintf("Insufficient %v", resource)`.
    static let reasonTooManyPods = "Too many pods"
    /// interpodaffinity/filtering.go `ErrReasonAffinityRulesNotMatch` and friends.
    static let reasonAffinity = "node(s) didn't match pod affinity rules"
    static let reasonAntiAffinity = "node(s) didn't match pod anti-affinity rules"
    static let reasonExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules"

    /// tainttoleration/taint_toleration.go: `node(s) had untolerated taint {key: value}`.
    static func reasonTaint(_ t: Taint) -> String { "node(s) had untolerated taint {\(t.key): \(t.value)}" }

    /// Runs the filters on one node; nil when the pod fits.
    static func filter(_ pod: PodSchedulingInfo, _ node: SchedulerCache.NodeInfo, affinity: AffinityState?,
                       volumes: VolumeBinding? = nil, state: ClusterState? = nil) -> FilterStatus? {
        withUnsafePointer(to: node) { filter(pod, $0, affinity: affinity, volumes: volumes, state: state) }
    }

    /// `filter` on a node read in place: the scheduler's loop over 5,000 nodes passes
    /// pointers into the cache's array, as passing `NodeInfo` values made the compiler copy
    /// each one (a retain and a release of every field) for every node of every attempt.
    static func filter(_ pod: PodSchedulingInfo, _ node: UnsafePointer<SchedulerCache.NodeInfo>, affinity: AffinityState?,
                       volumes: VolumeBinding? = nil, state: ClusterState? = nil) -> FilterStatus? {
        // NodeUnschedulable: a cordoned node, unless the pod tolerates its taint.
        if node.pointee.unschedulable && !pod.tolerations.tolerate(Taint(key: Taint.unschedulable, effect: "NoSchedule")) {
            return FilterStatus(resolvable: false, reasons: [reasonUnschedulable])
        }
        // NodeName
        if !pod.nodeName.isEmpty && pod.nodeName != node.pointee.name {
            return FilterStatus(resolvable: false, reasons: [reasonNodeName])
        }
        // TaintToleration: the first NoSchedule/NoExecute taint not tolerated.
        for t in node.pointee.taints where (t.effect == "NoSchedule" || t.effect == "NoExecute") && !pod.tolerations.tolerate(t) {
            return FilterStatus(resolvable: false, reasons: [reasonTaint(t)])
        }
        // NodeAffinity: nodeSelector and required terms (ORed).
        if !pod.nodeSelector.isEmpty {
            for (k, v) in pod.nodeSelector where node.pointee.labels[k] != v {
                return FilterStatus(resolvable: false, reasons: [reasonNodeAffinity])
            }
        }
        if let terms = pod.requiredTerms, !terms.contains(where: { $0.matches(labels: node.pointee.labels, nodeName: node.pointee.name) }) {
            return FilterStatus(resolvable: false, reasons: [reasonNodeAffinity])
        }
        // NodeResourcesFit (fit.go fitsRequest).
        if let reasons = insufficient(pod.requests, node) { return FilterStatus(resolvable: true, reasons: reasons) }
        // VolumeBinding (Scheduling/VolumeBinding.swift).
        if let volumes, let state, let reasons = volumes.filter(node.pointee, state: state) {
            return FilterStatus(resolvable: false, reasons: reasons)
        }
        // InterPodAffinity (filtering.go Filter: affinity, then anti-affinity, then existing anti-affinity).
        if let affinity, let status = affinity.filter(node.pointee) { return status }
        return nil
    }

    static func insufficient(_ r: PodResources, _ node: UnsafePointer<SchedulerCache.NodeInfo>) -> [String]? {
        var reasons: [String] = []
        if node.pointee.podCount + 1 > node.pointee.allocatablePods { reasons.append(reasonTooManyPods) }
        if r.milliCPU > 0 && r.milliCPU > node.pointee.allocatableMilliCPU - node.pointee.requested.milliCPU { reasons.append("Insufficient cpu") }
        if r.memory > 0 && r.memory > node.pointee.allocatableMemory - node.pointee.requested.memory { reasons.append("Insufficient memory") }
        return reasons.isEmpty ? nil : reasons
    }
}

/// InterPodAffinity's PreFilter state (interpodaffinity/filtering.go `preFilterState`): for
/// each term, how many matching pods each topology value holds.
struct AffinityState: Sendable {
    struct Domain: Hashable, Sendable {
        var key: String
        var value: String
    }

    var existingAntiAffinity: [Domain: Int] = [:]
    var affinity: [Domain: Int] = [:]
    var antiAffinity: [Domain: Int] = [:]
    var affinityTerms: [PodAffinityTerm]
    var antiAffinityTerms: [PodAffinityTerm]
    var noPodMatchesAffinity = false
    var podMatchesOwnAffinity = false

    /// nil when neither the pod nor any existing pod has required inter-pod terms.
    static func make(_ pod: PodSchedulingInfo, state: ClusterState) -> AffinityState? {
        let cache = state.store.scheduling
        if pod.affinityTerms.isEmpty && pod.antiAffinityTerms.isEmpty && cache.podsWithRequiredAntiAffinity.isEmpty { return nil }
        var s = AffinityState(affinityTerms: pod.affinityTerms, antiAffinityTerms: pod.antiAffinityTerms)
        func nodeLabels(_ pod: StoredObject) -> [String: String]? {
            guard let n = pod.value["spec"]?["nodeName"]?.string else { return nil }
            return cache.node(n)?.labels
        }
        for key in cache.podsWithRequiredAntiAffinity.sorted() {
            guard let existing = state[key], let labels = nodeLabels(existing) else { continue }
            for term in (existing.value["spec"]?["affinity"]?["podAntiAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?.sequence ?? [])
                .map({ PodAffinityTerm($0, namespace: key.namespace) }) where term.matches(namespace: pod.key.namespace, labels: pod.labels) {
                if let v = labels[term.topologyKey] { s.existingAntiAffinity[Domain(key: term.topologyKey, value: v), default: 0] += 1 }
            }
        }
        func count(_ terms: [PodAffinityTerm], into map: inout [Domain: Int]) -> Int {
            var matched = 0
            for term in terms {
                for ns in term.namespaces.sorted() {
                    for other in state.list("pods", namespace: ns, selector: term.selector) where SchedulerCache.boundNode(other.value) != nil {
                        guard let labels = nodeLabels(other), let v = labels[term.topologyKey] else { continue }
                        map[Domain(key: term.topologyKey, value: v), default: 0] += 1
                        matched += 1
                    }
                }
            }
            return matched
        }
        let matchedAffinity = count(pod.affinityTerms, into: &s.affinity)
        _ = count(pod.antiAffinityTerms, into: &s.antiAffinity)
        s.noPodMatchesAffinity = matchedAffinity == 0
        s.podMatchesOwnAffinity = pod.affinityTerms.allSatisfy { $0.matches(namespace: pod.key.namespace, labels: pod.labels) }
        return s
    }

    /// filtering.go `Filter`: the pod's affinity (unresolvable), then its anti-affinity, then
    /// the existing pods' anti-affinity; the first that fails names the node's reason.
    func filter(_ node: SchedulerCache.NodeInfo) -> Scheduler.FilterStatus? {
        if !affinityTerms.isEmpty {
            let all = affinityTerms.allSatisfy { t in node.labels[t.topologyKey].map { affinity[Domain(key: t.topologyKey, value: $0), default: 0] > 0 } ?? false }
            // The first pod of a group that matches its own terms may go anywhere the topology keys exist.
            let selfMatch = noPodMatchesAffinity && podMatchesOwnAffinity && affinityTerms.allSatisfy { node.labels[$0.topologyKey] != nil }
            if !all && !selfMatch { return .init(resolvable: false, reasons: [Scheduler.reasonAffinity]) }
        }
        for t in antiAffinityTerms {
            if let v = node.labels[t.topologyKey], antiAffinity[Domain(key: t.topologyKey, value: v), default: 0] > 0 {
                return .init(resolvable: true, reasons: [Scheduler.reasonAntiAffinity])
            }
        }
        for (domain, n) in existingAntiAffinity where n > 0 && node.labels[domain.key] == domain.value {
            return .init(resolvable: true, reasons: [Scheduler.reasonExistingAntiAffinity])
        }
        return nil
    }
}
