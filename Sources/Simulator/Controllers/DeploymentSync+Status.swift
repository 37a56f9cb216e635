import KubeAPI
import YAML

// Status and progress (pkg/controller/deployment/sync.go `calculateStatus`,
// `syncDeploymentStatus`; progress.go `syncRolloutStatus`, `requeueStuckDeployment`;
// util/deployment_util.go `DeploymentComplete`, `DeploymentProgressing`, `DeploymentTimedOut`).
extension DeploymentSync {
    /// `calculateStatus`: counts from the ReplicaSets' statuses (`unavailableReplicas` from
    /// their specs), the conditions carried over, and `Available` set by minimum availability.
    func calculateStatus(new: Int?, old: [Int]) -> Value {
        let all = (old + (new.map { [$0] } ?? [])).map { replicaSets[$0] }
        let available = all.reduce(0) { $0 + $1.availableReplicas }
        let total = all.reduce(0) { $0 + $1.replicas }
        let fields: [(String, Int)] = [
            ("replicas", all.reduce(0) { $0 + $1.statusReplicas }),
            ("updatedReplicas", new.map { replicaSets[$0].statusReplicas } ?? 0),
            ("readyReplicas", all.reduce(0) { $0 + $1.readyReplicas }),
            ("availableReplicas", available),
            ("unavailableReplicas", max(0, total - available)),
        ]
        var status: Value = .mapping([])
        let generation = d.generation
        if generation != 0 { status.set("observedGeneration", .int(generation)) }
        for (field, n) in fields where n != 0 { status.set(field, .int(Int64(n))) }
        if let conditions = d["status"]?["conditions"], !conditions.isNull { status.set("conditions", conditions) }
        if let collisions = d["status"]?["collisionCount"], !collisions.isNull { status.set("collisionCount", collisions) }
        var sync = self
        sync.d.set("status", status)
        if available >= desired - DeploymentUtil.maxUnavailable(d) {
            sync.setCondition("Available", "True", DeploymentUtil.minimumReplicasAvailable, "Deployment has minimum availability.")
        } else {
            sync.setCondition("Available", "False", DeploymentUtil.minimumReplicasUnavailable, "Deployment does not have minimum availability.")
        }
        return sync.d["status"] ?? status
    }

    /// `syncDeploymentStatus` (scaling and paused syncs): just the new status.
    mutating func syncDeploymentStatus(new: Int?, old: [Int]) {
        d.set("status", calculateStatus(new: new, old: old))
    }

    /// `syncRolloutStatus`: the new status plus the `Progressing` condition —
    /// `NewReplicaSetAvailable` when complete, `ReplicaSetUpdated` on any progress (keeping
    /// lastTransitionTime), `ProgressDeadlineExceeded` when nothing moved for
    /// `progressDeadlineSeconds`; when nothing changed, requeue for the deadline.
    mutating func syncRolloutStatus(new: Int?, old: [Int]) {
        let oldStatus = d["status"] ?? .mapping([])
        var next = self
        next.d.set("status", calculateStatus(new: new, old: old))
        let hasDeadline = DeploymentUtil.progressDeadline(d) != nil
        if !hasDeadline { var st = next.d["status"] ?? .null; Workload.removeCondition(&st, "Progressing"); next.d.set("status", st) }
        let current = Workload.condition(oldStatus, "Progressing")
        let newStatus = next.d["status"] ?? .null
        let complete = int(newStatus, "replicas") == int(newStatus, "updatedReplicas")
            && current?["reason"]?.string == DeploymentUtil.newRSAvailableReason
        let rsName = new.map { replicaSets[$0].name }
        func subject() -> String { rsName.map { "ReplicaSet \(GoValue.quote($0))" } ?? "Deployment \(GoValue.quote(stored.name))" }
        if hasDeadline && !complete {
            if deploymentComplete(newStatus) {
                next.setCondition("Progressing", "True", DeploymentUtil.newRSAvailableReason, "\(subject()) has successfully progressed.")
            } else if progressing(old: oldStatus, new: newStatus) {
                var transition: String?
                if let current {
                    if current["status"]?.string == "True" { transition = current["lastTransitionTime"]?.string }
                    var st = next.d["status"] ?? .null
                    Workload.removeCondition(&st, "Progressing")
                    next.d.set("status", st)
                }
                next.setCondition("Progressing", "True", DeploymentUtil.replicaSetUpdatedReason, "\(subject()) is progressing.", keepTransition: transition)
            } else if timedOut(newStatus) {
                next.setCondition("Progressing", "False", DeploymentUtil.timedOutReason, "\(subject()) has timed out progressing.")
            }
        }
        if next.d["status"] == oldStatus { requeueStuck(newStatus) }
        d.set("status", next.d["status"] ?? .null)
    }

    func int(_ status: Value, _ field: String) -> Int { Workload.int(status[field]) }

    /// `DeploymentComplete`: every replica updated and available, generation observed.
    func deploymentComplete(_ status: Value) -> Bool {
        int(status, "updatedReplicas") == desired && int(status, "replicas") == desired
            && int(status, "availableReplicas") == desired && (status["observedGeneration"]?.int ?? 0) >= d.generation
    }

    /// `DeploymentProgressing`: more updated, ready or available replicas, or fewer old ones.
    func progressing(old: Value, new: Value) -> Bool {
        let oldOld = int(old, "replicas") - int(old, "updatedReplicas")
        let newOld = int(new, "replicas") - int(new, "updatedReplicas")
        return int(new, "updatedReplicas") > int(old, "updatedReplicas") || newOld < oldOld
            || int(new, "readyReplicas") > int(old, "readyReplicas") || int(new, "availableReplicas") > int(old, "availableReplicas")
    }

    /// `DeploymentTimedOut`: the Progressing condition's lastUpdateTime is older than the deadline.
    func timedOut(_ status: Value) -> Bool {
        guard let deadline = DeploymentUtil.progressDeadline(d), let cond = Workload.condition(status, "Progressing") else { return false }
        let reason = cond["reason"]?.string
        if reason == DeploymentUtil.newRSAvailableReason { return false }
        if reason == DeploymentUtil.timedOutReason { return true }
        guard let from = Workload.time(cond["lastUpdateTime"]) else { return false }
        return from + .seconds(deadline) < now
    }

    /// `requeueStuckDeployment`: check again when the deadline would pass
    /// (lastUpdateTime + progressDeadlineSeconds − now; under a second → right away).
    mutating func requeueStuck(_ newStatus: Value) {
        guard let deadline = DeploymentUtil.progressDeadline(d), let cond = Workload.condition(d["status"], "Progressing") else { return }
        if deploymentComplete(newStatus) || cond["reason"]?.string == DeploymentUtil.timedOutReason { return }
        guard let from = Workload.time(cond["lastUpdateTime"]) else { return }
        let after = (from + .seconds(deadline)).milliseconds - now.milliseconds
        // Under a second: `enqueueRateLimited` (deployment_controller.go requeueStuckDeployment).
        actions.append(after < 1000 ? .requeueRateLimited : .requeueAfter(.milliseconds(after)))
    }
}
