import KubeAPI
import YAML

// What `taller k` and `taller cluster` need from the simulator beyond the learner requests of
// APIServer+Requests.swift: a fresh interactive cluster with its nodes, and the writes
// kubectl's imperative verbs make (scale, label, annotate, set image, rollout …: a GET, an
// edit of the object, a PUT/PATCH of the whole object).

extension Cluster {
    /// The interactive cluster `taller cluster reiniciar` starts: `workers` worker nodes and
    /// a control-plane node carrying kubeadm's `NoSchedule` taint, named as kind names them
    /// (`taller-control-plane`, `taller-worker`, `taller-worker2`, …); sizes in `NodeSpec`.
    public static func interactive(seed: UInt64 = CourseNodes.seed, workers: Int = CourseNodes.defaultWorkers) -> Cluster {
        var cluster = Cluster(seed: seed, workers: workers)
        cluster.advance()
        return cluster
    }
}

/// The fixed facts of a fresh interactive cluster.
public enum CourseNodes {
    /// The seed of every cluster `taller cluster reiniciar` creates (written in the README).
    public static let seed: UInt64 = 2026
    public static let defaultWorkers = 3
    public static let kubeletVersion = NodeSpec.kubeletVersion
}

extension APIServer {
    /// kubectl's read–modify–write verbs (`scale`, `label`, `annotate`, `set image`,
    /// `rollout …`): replaces the object at `key` with `value` as an update of the main
    /// resource (status kept, defaults, validation, immutable fields), keeping the object's
    /// source marks. Returns the stored object (or what it would be, for a dry run). kubectl
    /// sends these as a PATCH, to `subresource` when there is one (`scale`).
    @discardableResult
    public mutating func update(_ key: ObjectKey, _ value: Value, dryRun: DryRun = .none, subresource: String = "") throws(APIError) -> StoredObject? {
        if let resource = key.apiResource { try authorize("patch", resource, namespace: key.namespace, name: key.name, subresource: subresource) }
        if dryRun == .client { return StoredObject(key: key, value: value, source: store[key]?.source) }
        return try updateObject(key, value, dryRun: dryRun == .server)
    }

    /// `kubectl create deployment|service|…` (no file): the object kubectl builds, created
    /// through the same pipeline as `create -f` (no source marks).
    public mutating func createGenerated(_ value: Value, resource: APIResource, namespace: String, dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let value = APIServer.withNamespace(value, resource: resource, default: namespace)
        try authorize("create", resource, namespace: value.objectNamespace)
        if dryRun == .client { return outcome(resource, value, .created, dryRun) }
        let stored = try createObject(value, resource: resource, source: nil, dryRun: dryRun == .server)
        return outcome(resource, stored.value, .created, dryRun)
    }
}

extension Cluster {
    /// The log lines of a container, oldest first, as the simulated kubelet computes them
    /// from what the container ran (`previous`: the last terminated instance). nil when the
    /// container never ran, so that `taller k logs` answers from its status instead.
    public func containerLog(namespace: String, pod: String, container: String, previous: Bool) -> [String]? {
        guard let pods = Kinds.resolve("pods"),
              let object = api.store[ObjectKey(pods, namespace: namespace, name: pod)] else { return nil }
        let kubelet = controllers.lazy.compactMap { $0 as? Kubelet }.first ?? Kubelet()
        guard let text = kubelet.logs(object, container: container, previous: previous, now: now, state: ClusterState(store: api.store)) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension APIError {
    /// The Spanish explanation printed after kubectl's text.
    public var explanation: String { Messages.explanation(self) }
}
