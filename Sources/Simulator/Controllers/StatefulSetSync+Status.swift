import YAML

extension StatefulSetSync {
    /// The status `updateStatefulSet` computes from the pods seen at the start of the sync
    /// (stateful_set_control.go `computeReplicaStatus`, `completeRollingUpdate`).
    func status() -> Value {
        var created = 0, ready = 0, available = 0, current = 0, updated = 0
        let update = updateRevision, currentRev = currentRevision
        for pod in pods {
            created += 1
            if isRunningAndReady(pod) && !pod.isBeingDeleted {
                ready += 1
                if PodRanking.isAvailable(pod.value, minReadySeconds: minReady, now: now) { available += 1 }
            }
            if pod.isBeingDeleted { continue }
            if revision(pod) == currentRev { current += 1 }
            if revision(pod) == update { updated += 1 }
        }
        var currentRevisionName = currentRev, currentReplicas = current
        if strategy == "RollingUpdate" && updated == replicas && ready == replicas && created == replicas {
            currentRevisionName = update
            currentReplicas = updated
        }
        var st: Value = ["observedGeneration": .int(sts.value.generation), "replicas": .int(Int64(created))]
        if ready > 0 { st.set("readyReplicas", .int(Int64(ready))) }
        if currentReplicas > 0 { st.set("currentReplicas", .int(Int64(currentReplicas))) }
        if updated > 0 { st.set("updatedReplicas", .int(Int64(updated))) }
        st.set("currentRevision", .string(currentRevisionName))
        st.set("updateRevision", .string(update))
        st.set("collisionCount", .int(sts.value["status"]?["collisionCount"]?.int ?? 0))
        st.set("availableReplicas", .int(Int64(available)))
        return st
    }
}
