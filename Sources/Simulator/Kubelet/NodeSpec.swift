import KubeAPI
import YAML

/// A node of the simulated cluster, as kind creates them (kind's `taller-control-plane`,
/// `taller-worker`, `taller-worker2`, …). Default size: 4 CPU, 8Gi, 110 pods
/// (kubelet's `maxPods` default), written in the README.
public struct NodeSpec: Sendable, Hashable {
    public var name: String
    public var cpu: String
    public var memory: String
    public var pods: Int
    public var labels: [String: String]
    public var taints: [Taint]
    public var controlPlane: Bool

    public init(name: String, cpu: String = "4", memory: String = "8Gi", pods: Int = 110,
                labels: [String: String] = [:], taints: [Taint] = [], controlPlane: Bool = false) {
        self.name = name
        self.cpu = cpu
        self.memory = memory
        self.pods = pods
        self.labels = labels
        self.taints = taints
        self.controlPlane = controlPlane
    }

    /// kind's control-plane node: label `node-role.kubernetes.io/control-plane` and taint
    /// `node-role.kubernetes.io/control-plane:NoSchedule` (kubeadm's markcontrolplane phase).
    public static func controlPlane(_ name: String = "taller-control-plane") -> NodeSpec {
        NodeSpec(name: name, labels: [Taint.controlPlane: "", "node.kubernetes.io/exclude-from-external-load-balancers": ""],
                 taints: [Taint(key: Taint.controlPlane, effect: "NoSchedule")], controlPlane: true)
    }

    /// A control plane and `workers` workers named as kind names them.
    public static func kind(workers: Int) -> [NodeSpec] {
        [controlPlane()] + (0..<workers).map { NodeSpec(name: $0 == 0 ? "taller-worker" : "taller-worker\($0 + 1)") }
    }

    /// The default cluster: a control plane and 3 workers.
    public static let defaultCluster = kind(workers: 3)

    /// kubeletVersion of every node: the kubectl on the course machine is v1.32.4.
    public static let kubeletVersion = "v1.32.4"

    /// The podCIDR of node number `index`: kind's pod subnet, 10.244.0.0/16, split in /24s by
    /// kube-controller-manager's range allocator (`--node-cidr-mask-size` 24) in order, which
    /// is room for 256 nodes. A bigger cluster (the scale benchmarks' 5,000 nodes) is taken as
    /// set up with a larger pod subnet, 10.128.0.0/9, from its second /16 on: every node keeps
    /// a real /24 and every pod a real address.
    static func podCIDR(index: Int) -> String {
        index < 256 ? "10.244.\(index).0/24" : "10.\(128 + index / 256).\(index % 256).0/24"
    }

    /// The InternalIP of node number `index`: docker hands kind's node containers consecutive
    /// addresses of its network, 172.18.0.0/16, from .2 (172.18.0.255, then 172.18.1.0…).
    static func internalIP(index: Int) -> String {
        let host = index + 2
        return "172.18.\(host / 256).\(host % 256)"
    }

    /// The Node object the kubelet registers (pkg/kubelet/kubelet_node_status.go
    /// `initialNode` + `setNodeStatus`), `index` numbering its podCIDR and address
    /// (`podCIDR(index:)`, `internalIP(index:)`).
    func object(index: Int, now: VirtualTime) -> Value {
        var labels: Value = ["beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                             "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux"]
        for (k, v) in self.labels.sorted(by: { $0.key < $1.key }) { labels.set(k, .string(v)) }
        let cidr = NodeSpec.podCIDR(index: index)
        var spec: Value = ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)], "providerID": .string("kind://docker/taller/\(name)")]
        if !taints.isEmpty { spec.set("taints", .sequence(taints.map(\.value_))) }
        let resources: Value = ["cpu": .string(cpu), "ephemeral-storage": "100Gi", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                                "memory": .string(memory), "pods": .string(String(pods))]
        let t = Value.string(now.rfc3339)
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> Value {
            ["lastHeartbeatTime": t, "lastTransitionTime": t, "message": .string(message), "reason": .string(reason), "status": .string(status), "type": .string(type)]
        }
        let status: Value = [
            "addresses": [["address": .string(NodeSpec.internalIP(index: index)), "type": "InternalIP"], ["address": .string(name), "type": "Hostname"]],
            "allocatable": resources, "capacity": resources,
            "conditions": [condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                           condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                           condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                           condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
            "images": .sequence([]),
            "nodeInfo": ["architecture": "amd64", "bootID": .string(NodeSpec.uuid(name + "/boot")), "containerRuntimeVersion": "containerd://2.0.3",
                         "kernelVersion": "6.8.0-57-generic", "kubeProxyVersion": "", "kubeletVersion": .string(NodeSpec.kubeletVersion),
                         "machineID": .string(PodSync.digest(name).prefix(32).description), "operatingSystem": "linux",
                         "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": .string(NodeSpec.uuid(name + "/system"))],
        ]
        return ["apiVersion": "v1", "kind": "Node",
                "metadata": ["annotations": ["kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                                             "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"],
                             "labels": labels, "name": .string(name)],
                "spec": spec, "status": status]
    }

    static func uuid(_ seed: String) -> String {
        let h = Array(PodSync.digest(seed).prefix(32))
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-4" + String(h[13..<16]) + "-a" + String(h[17..<20]) + "-" + String(h[20..<32])
    }
}

extension APIServer {
    /// The kubelet's node registration: defaults, then stored with a uid drawn from the node's
    /// name (not from the cluster's generator, so adding nodes never changes later pod names).
    mutating func registerNode(_ value: Value) {
        let resource = Kinds.resolve("nodes")!
        var o = Defaults.apply(to: value, kind: "Node", apiVersion: "v1")
        let key = ObjectKey(resource, namespace: "", name: o.objectName)
        guard store[key] == nil else { return }
        let now = clock.now.rfc3339, name = o.objectName
        let resourceVersion = store.nextResourceVersion()
        o.editMetadata { meta in
            meta.set("uid", .string(NodeSpec.uuid(name + "/uid")))
            meta.set("creationTimestamp", .string(now))
            meta.set("resourceVersion", .string(resourceVersion))
        }
        store.put(StoredObject(key: key, value: o, source: nil))
    }
}
