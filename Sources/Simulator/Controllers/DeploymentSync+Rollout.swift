import KubeAPI
import YAML

// The two strategies (pkg/controller/deployment/rolling.go, recreate.go).
extension DeploymentSync {
    /// `rolloutRolling`: scale the new ReplicaSet up if we can; else the old ones down if
    /// we can; once complete, clean up history. Then `syncRolloutStatus`.
    mutating func rolloutRolling() {
        let (newIndex, old) = allReplicaSetsAndSyncRevision(create: true)
        guard let newIndex else {
            // A hash collision: the status write requeues the Deployment.
            return
        }
        if reconcileNewReplicaSet(newIndex, old: old) || reconcileOldReplicaSets(newIndex, old: old) {
            syncRolloutStatus(new: newIndex, old: old)
            return
        }
        if deploymentComplete(d["status"] ?? .null) { cleanup(old: old) }
        syncRolloutStatus(new: newIndex, old: old)
    }

    /// `reconcileNewReplicaSet`.
    mutating func reconcileNewReplicaSet(_ newIndex: Int, old: [Int]) -> Bool {
        let newRS = replicaSets[newIndex]
        if newRS.replicas == desired { return false }
        if newRS.replicas > desired { return scaleAndRecord(newIndex, to: desired) }
        let count = DeploymentUtil.newRSNewReplicas(d, all: old.map { replicaSets[$0] } + [newRS], new: newRS)
        return scaleAndRecord(newIndex, to: count)
    }

    /// `reconcileOldReplicaSets`: maxScaledDown = all pods − minAvailable − new pods not yet
    /// available; unhealthy old replicas go first (`cleanupUnhealthyReplicas`), then
    /// available ones down to minAvailable (`scaleDownOldReplicaSetsForRollingUpdate`).
    mutating func reconcileOldReplicaSets(_ newIndex: Int, old: [Int]) -> Bool {
        let activeOld = old.filter { replicaSets[$0].replicas > 0 }
        let oldPods = activeOld.reduce(0) { $0 + replicaSets[$1].replicas }
        if oldPods == 0 { return false }
        let allPods = (activeOld + [newIndex]).reduce(0) { $0 + replicaSets[$1].replicas }
        let minAvailable = desired - DeploymentUtil.maxUnavailable(d)
        let newRS = replicaSets[newIndex]
        let newUnavailable = newRS.replicas - newRS.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return false }
        let sortedOld = activeOld.sorted { DeploymentUtil.olderFirst(replicaSets[$0], replicaSets[$1]) }
        let cleaned = cleanupUnhealthyReplicas(sortedOld, maxCleanup: maxScaledDown)
        let scaledDown = scaleDownOldForRollingUpdate(sortedOld, newIndex: newIndex)
        return cleaned + scaledDown > 0
    }

    /// `cleanupUnhealthyReplicas`: old ReplicaSets lose their not-available replicas first.
    mutating func cleanupUnhealthyReplicas(_ old: [Int], maxCleanup: Int) -> Int {
        var total = 0
        for i in old {
            if total >= maxCleanup { break }
            let rs = replicaSets[i]
            if rs.replicas == 0 || rs.replicas == rs.availableReplicas { continue }
            let count = min(maxCleanup - total, rs.replicas - rs.availableReplicas)
            scaleAndRecord(i, to: rs.replicas - count)
            total += count
        }
        return total
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`: available pods above minAvailable go,
    /// oldest ReplicaSet first.
    mutating func scaleDownOldForRollingUpdate(_ old: [Int], newIndex: Int) -> Int {
        let minAvailable = desired - DeploymentUtil.maxUnavailable(d)
        let available = (old + [newIndex]).reduce(0) { $0 + replicaSets[$1].availableReplicas }
        if available <= minAvailable { return 0 }
        let target = available - minAvailable
        var total = 0
        for i in old {
            if total >= target { break }
            let rs = replicaSets[i]
            if rs.replicas == 0 { continue }
            let count = min(rs.replicas, target - total)
            scaleAndRecord(i, to: rs.replicas - count)
            total += count
        }
        return total
    }

    /// `rolloutRecreate`: old ReplicaSets to 0; wait until no old pod runs; then create
    /// (or scale) the new one to the full size.
    mutating func rolloutRecreate() {
        var (newIndex, old) = allReplicaSetsAndSyncRevision(create: false)
        var scaledDown = false
        for i in old where replicaSets[i].replicas > 0 {
            if scaleAndRecord(i, to: 0) { scaledDown = true }
        }
        if scaledDown || oldPodsRunning(newIndex: newIndex, old: old) {
            syncRolloutStatus(new: newIndex, old: old)
            return
        }
        if newIndex == nil {
            (newIndex, old) = allReplicaSetsAndSyncRevision(create: true)
            guard newIndex != nil else { return }
        }
        if let newIndex { scaleAndRecord(newIndex, to: desired) }
        if deploymentComplete(d["status"] ?? .null) { cleanup(old: old) }
        syncRolloutStatus(new: newIndex, old: old)
    }

    /// `oldPodsRunning`: old ReplicaSets still report pods, or some pod of theirs has not
    /// finished (any phase but Succeeded/Failed).
    func oldPodsRunning(newIndex: Int?, old: [Int]) -> Bool {
        if old.reduce(0, { $0 + replicaSets[$1].statusReplicas }) > 0 { return true }
        let newUID = newIndex.map { replicaSets[$0].uid }
        for (uid, pods) in podMap() where uid != newUID {
            for pod in pods {
                let phase = pod.value["status"]?["phase"]?.string ?? ""
                if phase != "Succeeded" && phase != "Failed" { return true }
            }
        }
        return false
    }
}
