import KubeAPI
import YAML

/// A pod's scheduling constraints, parsed once per scheduling cycle
/// (framework/types.go `PodInfo`, plus what PreFilter plugins compute).
struct PodSchedulingInfo: Sendable {
    var key: ObjectKey
    var labels: [String: String]
    var requests: PodResources
    var tolerations: [Toleration]
    var nodeName: String
    var nodeSelector: [String: String]
    /// `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` (ORed); nil when absent.
    var requiredTerms: [NodeSelectorTerm]?
    var preferredTerms: [(weight: Int64, term: NodeSelectorTerm)]
    var affinityTerms: [PodAffinityTerm]
    var antiAffinityTerms: [PodAffinityTerm]
    var priority: Int64
    var preemptionPolicy: String

    init(key: ObjectKey, pod: Value) {
        let spec = pod["spec"] ?? .null
        self.key = key
        labels = pod.labelMap
        requests = PodResources(spec: spec)
        tolerations = Toleration.list(spec["tolerations"])
        nodeName = spec["nodeName"]?.string ?? ""
        nodeSelector = Value.strings(spec["nodeSelector"])
        let affinity = spec["affinity"]
        let nodeAffinity = affinity?["nodeAffinity"]
        requiredTerms = nodeAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.sequence?.map(NodeSelectorTerm.init)
        preferredTerms = (nodeAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.sequence ?? []).map {
            (weight: $0["weight"]?.int ?? 0, term: NodeSelectorTerm($0["preference"] ?? .null))
        }
        let ns = key.namespace
        affinityTerms = (affinity?["podAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?.sequence ?? []).map { PodAffinityTerm($0, namespace: ns) }
        antiAffinityTerms = (affinity?["podAntiAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?.sequence ?? []).map { PodAffinityTerm($0, namespace: ns) }
        priority = spec["priority"]?.int ?? 0
        preemptionPolicy = spec["preemptionPolicy"]?.string ?? "PreemptLowerPriority"
    }
}

/// core/v1 `NodeSelectorTerm` and its matching (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
struct NodeSelectorTerm: Sendable {
    struct Requirement: Sendable {
        var key: String
        var op: String
        var values: [String]
    }

    var expressions: [Requirement]
    var fields: [Requirement]

    init(_ v: Value) {
        func parse(_ list: Value?) -> [Requirement] {
            (list?.sequence ?? []).map {
                Requirement(key: $0["key"]?.string ?? "", op: $0["operator"]?.string ?? "",
                            values: ($0["values"]?.sequence ?? []).compactMap { $0.string ?? $0.int.map(String.init) })
            }
        }
        expressions = parse(v["matchExpressions"])
        fields = parse(v["matchFields"])
    }

    /// A term with no requirements matches nothing (nodeaffinity.go `nodeSelectorTerm.match`).
    func matches(labels: [String: String], nodeName: String) -> Bool {
        if expressions.isEmpty && fields.isEmpty { return false }
        for r in expressions where !NodeSelectorTerm.matches(r, labels[r.key]) { return false }
        for r in fields {
            guard r.key == "metadata.name" else { return false }
            if !NodeSelectorTerm.matches(r, nodeName) { return false }
        }
        return true
    }

    static func matches(_ r: Requirement, _ value: String?) -> Bool {
        switch r.op {
        case "In": return value.map { r.values.contains($0) } ?? false
        case "NotIn": return value.map { !r.values.contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let value, let have = Int64(value), r.values.count == 1, let want = Int64(r.values[0]) else { return false }
            return r.op == "Gt" ? have > want : have < want
        default: return false
        }
    }
}

/// core/v1 `PodAffinityTerm` with the namespaces it applies to (framework/types.go
/// `AffinityTerm`; an empty `namespaces` list means the pod's own namespace).
struct PodAffinityTerm: Sendable {
    var selector: LabelSelector
    var namespaces: Set<String>
    var topologyKey: String

    init(_ v: Value, namespace: String) {
        selector = (try? LabelSelector(v["labelSelector"])) ?? .nothing
        if v["labelSelector"] == nil || v["labelSelector"]?.isNull == true { selector = .nothing }
        let list = (v["namespaces"]?.sequence ?? []).compactMap(\.string)
        namespaces = list.isEmpty ? [namespace] : Set(list)
        topologyKey = v["topologyKey"]?.string ?? ""
    }

    func matches(namespace: String, labels: [String: String]) -> Bool {
        namespaces.contains(namespace) && selector.matches(labels)
    }
}
