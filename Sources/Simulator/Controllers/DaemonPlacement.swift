import KubeAPI
import YAML

/// Where a DaemonSet's pods belong, and the pod-spec edits that pin them there
/// (pkg/controller/daemon/daemon_controller.go `NodeShouldRunDaemonPod`, `predicates`, `NewPod`;
/// pkg/controller/daemon/util/daemonset_util.go `AddOrUpdateDaemonPodTolerations`,
/// `ReplaceDaemonSetPodNodeNameNodeAffinity`, `GetTargetNodeName`).
///
/// The check is made on the pod the DaemonSet *would* create: the template plus the
/// tolerations every daemon pod gets, so a cordoned node (`node.kubernetes.io/unschedulable`)
/// or a node under memory pressure still runs it, while kubeadm's control-plane taint
/// `node-role.kubernetes.io/control-plane:NoSchedule` keeps it away unless the template
/// tolerates it. Resources are not considered: since 1.12 the default scheduler places the
/// pods, and a node without room leaves its pod `Pending` with `FailedScheduling`.
struct DaemonPlacement: Sendable {
    let templateNodeName: String
    let nodeSelector: [String: String]
    let requiredTerms: [NodeSelectorTerm]?
    let tolerations: [Toleration]

    init(template: Value?) {
        var spec = template?["spec"] ?? .mapping([])
        DaemonPlacement.addDaemonTolerations(&spec)
        templateNodeName = spec["nodeName"]?.string ?? ""
        nodeSelector = Value.strings(spec["nodeSelector"])
        requiredTerms = spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?
            .sequence?.map(NodeSelectorTerm.init)
        tolerations = Toleration.list(spec["tolerations"])
    }

    /// `NodeShouldRunDaemonPod`: `run` — a pod should be created here; `keep` — a pod
    /// already here may stay (it fails only on NodeName, NodeAffinity or an untolerated
    /// `NoExecute` taint).
    func shouldRun(on node: SchedulerCache.NodeInfo) -> (run: Bool, keep: Bool) {
        if !templateNodeName.isEmpty && templateNodeName != node.name { return (false, false) }
        for (k, v) in nodeSelector where node.labels[k] != v { return (false, false) }
        if let terms = requiredTerms, !terms.contains(where: { $0.matches(labels: node.labels, nodeName: node.name) }) {
            return (false, false)
        }
        let untolerated = node.taints.filter { ($0.effect == "NoSchedule" || $0.effect == "NoExecute") && !tolerations.tolerate($0) }
        if untolerated.isEmpty { return (true, true) }
        return (false, !untolerated.contains { $0.effect == "NoExecute" })
    }

    /// The tolerations `AddOrUpdateDaemonPodTolerations` adds, in its order (well_known_taints.go
    /// names); the last one only for `hostNetwork` pods.
    static let daemonTolerations: [(key: String, effect: String)] = [
        (Taint.notReady, "NoExecute"),
        (Taint.unreachable, "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        (Taint.unschedulable, "NoSchedule"),
    ]
    static let networkUnavailable = "node.kubernetes.io/network-unavailable"

    /// `AddOrUpdateDaemonPodTolerations` over `v1helper.AddOrUpdateTolerationInPodSpec`: a
    /// toleration with the same key, operator, value and effect (`MatchToleration`) is
    /// replaced in place; otherwise the new one is appended.
    static func addDaemonTolerations(_ spec: inout Value) {
        var list = daemonTolerations
        if spec["hostNetwork"]?.bool == true { list.append((networkUnavailable, "NoSchedule")) }
        var tolerations = spec["tolerations"]?.sequence ?? []
        for (key, effect) in list {
            let toleration: Value = ["key": .string(key), "operator": "Exists", "effect": .string(effect)]
            let same = tolerations.firstIndex { t in
                t["key"]?.string ?? "" == key && t["operator"]?.string ?? "" == "Exists"
                    && t["value"]?.string ?? "" == "" && t["effect"]?.string ?? "" == effect
            }
            if let same { tolerations[same] = toleration } else { tolerations.append(toleration) }
        }
        spec.set("tolerations", .sequence(tolerations))
    }

    /// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required node affinity becomes the single
    /// term `matchFields: metadata.name In [node]` (the other required terms were already
    /// checked by `shouldRun`); preferred terms and pod (anti-)affinity stay.
    static func pinToNode(_ spec: inout Value, node: String) {
        let term: Value = ["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(node)]]]]
        spec.edit("affinity") { affinity in
            affinity.edit("nodeAffinity") { nodeAffinity in
                nodeAffinity.edit("requiredDuringSchedulingIgnoredDuringExecution") { $0.set("nodeSelectorTerms", [term]) }
            }
        }
    }

    /// `GetTargetNodeName`: `spec.nodeName`, or for a pod not yet scheduled the node of its
    /// `metadata.name In [node]` field term; nil when neither is there.
    static func targetNode(_ pod: Value) -> String? {
        if let node = pod["spec"]?["nodeName"]?.string, !node.isEmpty { return node }
        let terms = pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.sequence ?? []
        for term in terms {
            for r in term["matchFields"]?.sequence ?? [] where r["key"]?.string == "metadata.name" && r["operator"]?.string == "In" {
                let values = r["values"]?.sequence ?? []
                return values.count == 1 ? values[0].string : nil
            }
        }
        return nil
    }
}
