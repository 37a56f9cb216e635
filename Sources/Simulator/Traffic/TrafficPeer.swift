import KubeAPI
import YAML

/// One end of a connection as NetworkPolicy sees it: after kube-proxy's DNAT, so a Service's
/// ClusterIP has already become the chosen pod. `namespace` is nil for an address that is not
/// a pod (a node, the machine outside the cluster), which only `ipBlock` rules can match.
public struct TrafficPeer: Sendable, Equatable {
    public var ip: String
    public var namespace: String?
    public var name: String
    public var labels: [String: String]
    public var namespaceLabels: [String: String]
    /// The pod's container ports by name (`name` → port and protocol), for named ports.
    public var namedPorts: [String: NamedPort]

    public struct NamedPort: Sendable, Equatable {
        public var port: Int
        public var proto: String
    }

    public init(ip: String, namespace: String? = nil, name: String = "", labels: [String: String] = [:],
                namespaceLabels: [String: String] = [:], namedPorts: [String: NamedPort] = [:]) {
        self.ip = ip
        self.namespace = namespace
        self.name = name
        self.labels = labels
        self.namespaceLabels = namespaceLabels
        self.namedPorts = namedPorts
    }

    public var isPod: Bool { namespace != nil }
}
