import KubeAPI
import YAML

/// One answer of `kubectl rollout status` (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go):
/// the line kubectl prints (with its newline) and whether it is done or failed.
public struct RolloutStatus: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case waiting
        case complete
        /// kubectl exits with `error: <line>`.
        case failed
    }

    public var state: State
    /// `Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n`,
    /// `deployment "web" successfully rolled out\n`, or the error text (no newline).
    public var line: String

    public init(_ state: State, _ line: String) {
        self.state = state
        self.line = line
    }

    /// `DeploymentStatusViewer.Status`.
    public static func deployment(_ d: Value) -> RolloutStatus {
        let name = d.objectName, st = d["status"] ?? .null
        func n(_ f: String) -> Int { Workload.int(st[f]) }
        guard d.generation <= (st["observedGeneration"]?.int ?? 0) else {
            return .init(.waiting, "Waiting for deployment spec update to be observed...\n")
        }
        if Workload.condition(st, "Progressing")?["reason"]?.string == DeploymentUtil.timedOutReason {
            return .init(.failed, "deployment \"\(name)\" exceeded its progress deadline")
        }
        let replicas = DeploymentUtil.replicas(d)
        if n("updatedReplicas") < replicas {
            return .init(.waiting, "Waiting for deployment \"\(name)\" rollout to finish: \(n("updatedReplicas")) out of \(replicas) new replicas have been updated...\n")
        }
        if n("replicas") > n("updatedReplicas") {
            return .init(.waiting, "Waiting for deployment \"\(name)\" rollout to finish: \(n("replicas") - n("updatedReplicas")) old replicas are pending termination...\n")
        }
        if n("availableReplicas") < n("updatedReplicas") {
            return .init(.waiting, "Waiting for deployment \"\(name)\" rollout to finish: \(n("availableReplicas")) of \(n("updatedReplicas")) updated replicas are available...\n")
        }
        return .init(.complete, "deployment \"\(name)\" successfully rolled out\n")
    }

    /// `StatefulSetStatusViewer.Status`.
    public static func statefulSet(_ s: Value) -> RolloutStatus {
        let st = s["status"] ?? .null
        func n(_ f: String) -> Int { Workload.int(st[f]) }
        let strategy = s["spec"]?["updateStrategy"]
        if strategy?["type"]?.string != "RollingUpdate" {
            return .init(.failed, "rollout status is only available for RollingUpdate strategy type")
        }
        let observed = st["observedGeneration"]?.int ?? 0
        if observed == 0 || s.generation > observed { return .init(.waiting, "Waiting for statefulset spec update to be observed...\n") }
        let replicas = Workload.int(s["spec"]?["replicas"], 1)
        if n("readyReplicas") < replicas { return .init(.waiting, "Waiting for \(replicas - n("readyReplicas")) pods to be ready...\n") }
        if let ru = strategy?["rollingUpdate"], !ru.isNull {
            if let partition = ru["partition"]?.int, n("updatedReplicas") < replicas - Int(partition) {
                return .init(.waiting, "Waiting for partitioned roll out to finish: \(n("updatedReplicas")) out of \(replicas - Int(partition)) new pods have been updated...\n")
            }
            return .init(.complete, "partitioned roll out complete: \(n("updatedReplicas")) new pods have been updated...\n")
        }
        let update = st["updateRevision"]?.string ?? "", current = st["currentRevision"]?.string ?? ""
        if update != current {
            return .init(.waiting, "waiting for statefulset rolling update to complete \(n("updatedReplicas")) pods at revision \(update)...\n")
        }
        return .init(.complete, "statefulset rolling update complete \(n("currentReplicas")) pods at revision \(current)...\n")
    }

    /// `DaemonSetStatusViewer.Status`.
    public static func daemonSet(_ ds: Value) -> RolloutStatus {
        let name = ds.objectName, st = ds["status"] ?? .null
        func n(_ f: String) -> Int { Workload.int(st[f]) }
        if ds["spec"]?["updateStrategy"]?["type"]?.string != "RollingUpdate" {
            return .init(.failed, "rollout status is only available for RollingUpdate strategy type")
        }
        guard ds.generation <= (st["observedGeneration"]?.int ?? 0) else {
            return .init(.waiting, "Waiting for daemon set spec update to be observed...\n")
        }
        if n("updatedNumberScheduled") < n("desiredNumberScheduled") {
            return .init(.waiting, "Waiting for daemon set \"\(name)\" rollout to finish: \(n("updatedNumberScheduled")) out of \(n("desiredNumberScheduled")) new pods have been updated...\n")
        }
        if n("numberAvailable") < n("desiredNumberScheduled") {
            return .init(.waiting, "Waiting for daemon set \"\(name)\" rollout to finish: \(n("numberAvailable")) of \(n("desiredNumberScheduled")) updated pods are available...\n")
        }
        return .init(.complete, "daemon set \"\(name)\" successfully rolled out\n")
    }

    /// The viewer for the object's kind (nil for kinds without one).
    public static func of(_ o: Value) -> RolloutStatus? {
        switch o["kind"]?.string {
        case "Deployment": deployment(o)
        case "StatefulSet": statefulSet(o)
        case "DaemonSet": daemonSet(o)
        default: nil
        }
    }
}

extension Cluster {
    /// `kubectl rollout status` as a watch: advances virtual time in `step`s (at most
    /// `timeout`), collecting each new line kubectl would print, until the rollout is
    /// complete or failed. The object must exist (else `.notFound`).
    public mutating func watchRollout(_ resource: APIResource, namespace: String, name: String,
                                      timeout: Duration = .seconds(600), step: Duration = .seconds(1)) throws(RolloutError) -> [RolloutStatus] {
        let key = ObjectKey(resource, namespace: namespace, name: name)
        var seen: [RolloutStatus] = []
        let deadline = now + timeout
        while true {
            advance()
            guard let o = api.store[key] else { throw .notFound(resource: key.resource, name: name) }
            guard let status = RolloutStatus.of(o.value) else { return seen }
            if seen.last != status { seen.append(status) }
            if status.state != .waiting || now >= deadline { return seen }
            advance(by: step)
        }
    }
}
