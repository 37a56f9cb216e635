import KubeAPI
import YAML

/// NetworkPolicy as the API defines it (staging/src/k8s.io/api/networking/v1/types.go, the
/// comments of `NetworkPolicySpec`, `NetworkPolicyPeer`, `NetworkPolicyPort`, `IPBlock`) and
/// as CNIs that enforce it (Calico, Cilium, kindnet ≥ 0.24) apply it.
///
/// A pod is isolated for ingress when any policy of its namespace selects it (`podSelector`)
/// and lists `Ingress` in `policyTypes`; likewise for egress. An isolated pod accepts only
/// what some rule of some of those policies allows: the rules of all policies add up, and a
/// policy with `ingress: []` (or none) allows nothing. A connection needs both the egress of
/// its source and the ingress of its destination. A rule with no `from`/`to` matches every
/// peer; with no `ports` every port. A peer is an `ipBlock` (CIDR minus `except`), a
/// `podSelector` (pods of the policy's namespace), a `namespaceSelector` (every pod of the
/// matching namespaces) or both (those pods of those namespaces). A port is a number (with
/// `endPort`, a range), a name (the destination pod's container port of that name) or absent
/// (every port of the protocol, TCP when unset). `policyTypes` left out means `Ingress`, plus
/// `Egress` when the policy has egress rules (pkg/apis/networking/v1/defaults.go, also applied
/// at create).
///
/// Example: `solo-frontend` selects `app=api` with `ingress: [{from: [{podSelector:
/// {matchLabels: {app: frontend}}}], ports: [{port: 8080}]}]`. A frontend pod reaches api:8080;
/// a pod labelled `app=otro` is dropped (its connection times out); the api pod's own egress
/// is untouched (no `Egress` in `policyTypes`).
public struct NetworkPolicyEvaluator: Sendable {
    public enum Direction: String, Sendable {
        case ingress = "Ingress"
        case egress = "Egress"
    }

    /// Whether the connection passes, and if not which side's policies dropped it.
    public struct Verdict: Sendable, Equatable {
        public var allowed: Bool
        public var blockedBy: Direction?
        /// The policies isolating the side that dropped it (namespace/name).
        public var policies: [String]

        public static let allow = Verdict(allowed: true, blockedBy: nil, policies: [])
    }

    static let resource = "networkpolicies.networking.k8s.io"

    let state: ClusterState

    public init(state: ClusterState) {
        self.state = state
    }

    /// The verdict for a connection from `source` to `destination` on `port`/`proto`.
    public func verdict(from source: TrafficPeer, to destination: TrafficPeer, port: Int, proto: String = "TCP") -> Verdict {
        if source.isPod {
            let isolating = policies(selecting: source, .egress)
            if !isolating.isEmpty, !isolating.contains(where: { allows($0, .egress, peer: destination, port: port, proto: proto, destination: destination) }) {
                return Verdict(allowed: false, blockedBy: .egress, policies: isolating.map { "\($0.namespace)/\($0.name)" })
            }
        }
        if destination.isPod {
            let isolating = policies(selecting: destination, .ingress)
            if !isolating.isEmpty, !isolating.contains(where: { allows($0, .ingress, peer: source, port: port, proto: proto, destination: destination) }) {
                return Verdict(allowed: false, blockedBy: .ingress, policies: isolating.map { "\($0.namespace)/\($0.name)" })
            }
        }
        return .allow
    }

    /// The policies of the pod's namespace that select it for `direction`, by name.
    func policies(selecting pod: TrafficPeer, _ direction: Direction) -> [StoredObject] {
        guard let namespace = pod.namespace else { return [] }
        return state.list(NetworkPolicyEvaluator.resource, namespace: namespace).sorted { $0.key < $1.key }.filter { policy in
            guard NetworkPolicyEvaluator.policyTypes(policy.value).contains(direction.rawValue) else { return false }
            let selector = (try? LabelSelector(policy.value["spec"]?["podSelector"] ?? .mapping([]))) ?? .nothing
            return selector.matches(pod.labels)
        }
    }

    /// `spec.policyTypes`, or what the apiserver's defaulting would have set.
    static func policyTypes(_ policy: Value) -> [String] {
        let types = (policy["spec"]?["policyTypes"]?.sequence ?? []).compactMap(\.string)
        if !types.isEmpty { return types }
        return (policy["spec"]?["egress"]?.sequence ?? []).isEmpty ? ["Ingress"] : ["Ingress", "Egress"]
    }

    /// Whether some rule of `policy` for `direction` lets `peer` through on the port.
    func allows(_ policy: StoredObject, _ direction: Direction, peer: TrafficPeer, port: Int, proto: String, destination: TrafficPeer) -> Bool {
        let rules = policy.value["spec"]?[direction == .ingress ? "ingress" : "egress"]?.sequence ?? []
        let peersKey = direction == .ingress ? "from" : "to"
        return rules.contains { rule in
            let peers = rule[peersKey]?.sequence ?? []
            let ports = rule["ports"]?.sequence ?? []
            let peerOK = peers.isEmpty || peers.contains { matches($0, peer: peer, policyNamespace: policy.namespace) }
            let portOK = ports.isEmpty || ports.contains { NetworkPolicyEvaluator.portMatches($0, port: port, proto: proto, destination: destination) }
            return peerOK && portOK
        }
    }

    /// `NetworkPolicyPeer`: an ipBlock, or pod and namespace selectors.
    func matches(_ rulePeer: Value, peer: TrafficPeer, policyNamespace: String) -> Bool {
        if let block = rulePeer["ipBlock"], !block.isNull {
            return NetworkPolicyEvaluator.ipBlockMatches(block, ip: peer.ip)
        }
        guard let namespace = peer.namespace else { return false }
        let podSelector = rulePeer["podSelector"].flatMap { $0.isNull ? nil : $0 }
        if let nsSelector = rulePeer["namespaceSelector"], !nsSelector.isNull {
            guard ((try? LabelSelector(nsSelector)) ?? .nothing).matches(peer.namespaceLabels) else { return false }
        } else if namespace != policyNamespace {
            return false
        }
        guard let podSelector else { return true }
        return ((try? LabelSelector(podSelector)) ?? .nothing).matches(peer.labels)
    }

    /// `IPBlock`: inside `cidr` and outside every `except`.
    static func ipBlockMatches(_ block: Value, ip: String) -> Bool {
        guard let address = IPv4(ip), let cidr = IPv4Range(cidr: block["cidr"]?.string ?? ""), cidr.contains(address) else { return false }
        return !(block["except"]?.sequence ?? []).contains { IPv4Range(cidr: $0.string ?? "")?.contains(address) ?? false }
    }

    /// `NetworkPolicyPort` against the destination port (after DNAT: the container's port).
    static func portMatches(_ rule: Value, port: Int, proto: String, destination: TrafficPeer) -> Bool {
        guard (rule["protocol"]?.string ?? "TCP") == proto else { return false }
        guard let wanted = rule["port"], !wanted.isNull else { return true }
        if let number = wanted.int {
            let end = rule["endPort"]?.int ?? number
            return Int64(port) >= number && Int64(port) <= max(number, end)
        }
        guard let name = wanted.string, let named = destination.namedPorts[name] else { return false }
        return named.port == port && named.proto == proto
    }
}
