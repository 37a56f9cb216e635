import YAML

extension DaemonSetSync {
    /// `updateDaemonSetStatus` + `storeDaemonSetStatus`: per node that should run a pod,
    /// `desiredNumberScheduled`; with a pod there, `currentNumberScheduled`, and from its
    /// oldest pod `numberReady`, `numberAvailable` and `updatedNumberScheduled`; a pod on a
    /// node that should not run one is `numberMisscheduled`. Computed from the pods seen at the
    /// start of the sync, as upstream's informer would show them. Written when it changed,
    /// with `observedGeneration`. Fields with `omitempty` in apps/v1 `DaemonSetStatus` are
    /// left out at zero.
    mutating func writeStatus() {
        var desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0
        for node in nodes {
            let scheduled = !(byNode[node.name] ?? []).isEmpty
            if placement.shouldRun(on: node).run {
                desired += 1
                guard scheduled, let pod = byNode[node.name]?.sorted(by: DaemonSetSync.olderFirst).first else { continue }
                current += 1
                if PodRanking.isReady(pod.value) {
                    ready += 1
                    if isAvailable(pod) { available += 1 }
                }
                if isUpdated(pod) { updated += 1 }
            } else if scheduled {
                misscheduled += 1
            }
        }
        let old = ds.value["status"] ?? .mapping([])
        var st: Value = [
            "currentNumberScheduled": .int(Int64(current)), "desiredNumberScheduled": .int(Int64(desired)),
            "numberMisscheduled": .int(Int64(misscheduled)), "numberReady": .int(Int64(ready)),
        ]
        func optional(_ key: String, _ n: Int64) { if n != 0 { st.set(key, .int(n)) } }
        optional("numberAvailable", Int64(available))
        optional("numberUnavailable", Int64(desired - available))
        optional("observedGeneration", ds.value.generation)
        optional("updatedNumberScheduled", Int64(updated))
        for key in ["collisionCount", "conditions"] { if let v = old[key], !v.isNull { st.set(key, v) } }
        if st != old { actions.append(.updateStatus(ds.key, st)) }
        // Resync after minReadySeconds as a last line of defence (upstream: enqueueDaemonSetAfter).
        if minReady > 0 && ready != available { actions.append(.requeueAfter(.seconds(minReady))) }
    }
}
