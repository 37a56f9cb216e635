import KubeAPI
import YAML

// What `taller k` and `taller cluster` need from the simulator beyond the learner requests of
// APIServer+Requests.swift: a fresh interactive cluster with its nodes, and the writes
// kubectl's imperative verbs make (scale, label, annotate, set image, rollout …: a GET, an
// edit of the object, a PUT/PATCH of the whole object).

extension Cluster {
    /// The interactive cluster `taller cluster reiniciar` starts: `workers` worker nodes and
    /// a control-plane node carrying kubeadm's `NoSchedule` taint, named as kind names them
    /// (`taller-control-plane`, `taller-worker`, `taller-worker2`, …).
    ///
    /// Seam: the scheduler/kubelet work owns node lifecycle. Until it provides its own node
    /// setup, the nodes are registered here as plain Node objects with `Ready` status, and
    /// `CourseNodes.spec` is the one place their sizes live.
    public static func interactive(seed: UInt64 = CourseNodes.seed, workers: Int = CourseNodes.defaultWorkers) -> Cluster {
        var cluster = Cluster(seed: seed)
        for node in CourseNodes.nodes(workers: workers) { cluster.api.registerNode(node) }
        cluster.advance()
        return cluster
    }
}

/// The nodes of a fresh interactive cluster.
public enum CourseNodes {
    /// The seed of every cluster `taller cluster reiniciar` creates (written in the README).
    public static let seed: UInt64 = 2026
    public static let defaultWorkers = 3
    /// Control plane: 2 CPU, 4 GiB; workers: 4 CPU, 8 GiB; 110 pods each (the kubelet's default).
    public static let controlPlane = (cpu: "2", memory: "4Gi")
    public static let worker = (cpu: "4", memory: "8Gi")
    public static let kubeletVersion = "v1.32.0"

    public static func nodes(workers: Int) -> [Value] {
        var list = [node("taller-control-plane", controlPlane: true, ip: "172.18.0.2")]
        for i in 0..<max(0, workers) {
            list.append(node(i == 0 ? "taller-worker" : "taller-worker\(i + 1)", controlPlane: false, ip: "172.18.0.\(i + 3)"))
        }
        return list
    }

    static func node(_ name: String, controlPlane: Bool, ip: String) -> Value {
        let size = controlPlane ? CourseNodes.controlPlane : CourseNodes.worker
        var labels: [Value.Pair] = [
            .init("beta.kubernetes.io/arch", "amd64"), .init("beta.kubernetes.io/os", "linux"),
            .init("kubernetes.io/arch", "amd64"), .init("kubernetes.io/hostname", .string(name)),
            .init("kubernetes.io/os", "linux"),
        ]
        if controlPlane { labels.append(.init("node-role.kubernetes.io/control-plane", "")) }
        var spec: Value = ["podCIDR": .string("10.244.\(ip.split(separator: ".").last.map { Int($0)! - 2 } ?? 0).0/24")]
        if controlPlane {
            spec.set("taints", [["effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"]])
        }
        let resources: Value = ["cpu": .string(size.cpu), "ephemeral-storage": "100Gi", "memory": .string(size.memory), "pods": "110"]
        let status: Value = [
            "capacity": resources, "allocatable": resources,
            "conditions": [
                ["type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"],
                ["type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure", "message": "kubelet has no disk pressure"],
                ["type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID", "message": "kubelet has sufficient PID available"],
                ["type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"],
            ],
            "addresses": [["type": "InternalIP", "address": .string(ip)], ["type": "Hostname", "address": .string(name)]],
            "nodeInfo": ["architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.24", "kernelVersion": "6.8.0",
                         "kubeProxyVersion": .string(kubeletVersion), "kubeletVersion": .string(kubeletVersion),
                         "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)"],
        ]
        return ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name), "labels": .mapping(labels)],
                "spec": spec, "status": status]
    }
}

extension APIServer {
    /// Registers a node as the kubelet does (create, then a status write), with the
    /// condition times set to now.
    mutating func registerNode(_ node: Value) {
        guard let nodes = Kinds.resolve("nodes"),
              let created = try? createObject(node, resource: nodes, source: nil) else { return }
        var status = node["status"] ?? .mapping([])
        let now = Value.string(clock.now.rfc3339)
        if let conditions = status["conditions"]?.sequence {
            status.set("conditions", .sequence(conditions.map { c in
                var c = c
                c.set("lastHeartbeatTime", now)
                c.set("lastTransitionTime", now)
                return c
            }))
        }
        _ = try? updateStatus(created.key, status: status)
    }

    /// kubectl's read–modify–write verbs (`scale`, `label`, `annotate`, `set image`,
    /// `rollout …`): replaces the object at `key` with `value` as an update of the main
    /// resource (status kept, defaults, validation, immutable fields), keeping the object's
    /// source marks. Returns the stored object (or what it would be, for a dry run).
    @discardableResult
    public mutating func update(_ key: ObjectKey, _ value: Value, dryRun: DryRun = .none) throws(APIError) -> StoredObject? {
        if dryRun == .client { return StoredObject(key: key, value: value, source: store[key]?.source) }
        return try updateObject(key, value, dryRun: dryRun == .server)
    }

    /// `kubectl create deployment|service|…` (no file): the object kubectl builds, created
    /// through the same pipeline as `create -f` (no source marks).
    public mutating func createGenerated(_ value: Value, resource: APIResource, namespace: String, dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let value = APIServer.withNamespace(value, resource: resource, default: namespace)
        if dryRun == .client { return outcome(resource, value, .created, dryRun) }
        let stored = try createObject(value, resource: resource, source: nil, dryRun: dryRun == .server)
        return outcome(resource, stored.value, .created, dryRun)
    }
}

extension Cluster {
    /// The log lines of a container, oldest first, as the kubelet keeps them (`previous`:
    /// the last terminated instance). nil when the simulator keeps no logs for it.
    ///
    /// Seam: the simulated kubelet stores logs; until then there are none and `taller k
    /// logs` answers from the container's status (waiting, not yet started …).
    public func containerLog(namespace: String, pod: String, container: String, previous: Bool) -> [String]? {
        nil
    }
}

extension APIError {
    /// The Spanish explanation printed after kubectl's text.
    public var explanation: String { Messages.explanation(self) }
}
