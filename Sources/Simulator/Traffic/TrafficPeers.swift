import KubeAPI
import YAML

/// The parties of a connection as NetworkPolicy sees them, including the system pods the
/// simulator does not run. Addresses are those of a fresh kind cluster: CoreDNS's first pod
/// on the control-plane node (10.244.0.2), the ingress-nginx controller there too (hostPort
/// 80/443, deploy/static/provider/kind/deploy.yaml), the host machine on kind's Docker
/// network (172.18.0.1, the bridge's gateway).
enum TrafficPeers {
    static let outsideIP = "172.18.0.1"
    static let coreDNSIP = "10.244.0.2"
    static let ingressControllerIP = "10.244.0.5"

    /// A pod: its address, labels, its namespace's labels and its named container ports.
    static func pod(_ pod: StoredObject, state: ClusterState) -> TrafficPeer {
        var named: [String: TrafficPeer.NamedPort] = [:]
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            for p in c["ports"]?.sequence ?? [] {
                guard let name = p["name"]?.string, let number = p["containerPort"]?.int else { continue }
                named[name] = TrafficPeer.NamedPort(port: Int(number), proto: p["protocol"]?.string ?? "TCP")
            }
        }
        return TrafficPeer(ip: pod.value["status"]?["podIP"]?.string ?? "", namespace: pod.namespace, name: pod.name,
                           labels: pod.labels, namespaceLabels: namespaceLabels(pod.namespace, state: state), namedPorts: named)
    }

    static func namespaceLabels(_ name: String, state: ClusterState) -> [String: String] {
        state[ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: name)]?.labels ?? ["kubernetes.io/metadata.name": name]
    }

    /// CoreDNS (kubeadm's `coredns` Deployment: `k8s-app: kube-dns` in `kube-system`).
    static func coreDNS(state: ClusterState) -> TrafficPeer {
        TrafficPeer(ip: coreDNSIP, namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
                    namespaceLabels: namespaceLabels("kube-system", state: state),
                    namedPorts: ["dns": .init(port: 53, proto: "UDP"), "dns-tcp": .init(port: 53, proto: "TCP")])
    }

    /// The ingress-nginx controller pod, with the labels and namespace of the kind manifest.
    static func ingressController(state: ClusterState) -> TrafficPeer {
        let ns = "ingress-nginx"
        let stored = state[ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: ns)]?.labels
        return TrafficPeer(ip: ingressControllerIP, namespace: ns, name: "ingress-nginx-controller",
                           labels: ["app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx",
                                    "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/part-of": "ingress-nginx",
                                    "app.kubernetes.io/version": "1.12.1"],
                           namespaceLabels: stored ?? ["kubernetes.io/metadata.name": ns, "app.kubernetes.io/instance": "ingress-nginx",
                                                       "app.kubernetes.io/name": "ingress-nginx"])
    }

    /// An address that is not a pod (a node after SNAT, the host machine).
    static func address(_ ip: String) -> TrafficPeer { TrafficPeer(ip: ip) }
}
