import YAML

/// Which pods a ReplicaSet deletes first: `controller.ActivePodsWithRanks.Less`
/// (pkg/controller/controller_utils.go) with the `PodDeletionCost` and
/// `LogarithmicScaleDown` feature gates on (their defaults since 1.22), and
/// `getPodsRankedByRelatedPodsOnSameNode` (replica_set.go) for the ranks.
enum PodRanking {
    /// `getPodsToDelete`: sorted only when not all go.
    static func podsToDelete(_ pods: [StoredObject], related: [StoredObject], count: Int, now: VirtualTime) -> [StoredObject] {
        if count >= pods.count { return Array(pods.prefix(count)) }
        var onNode: [String: Int] = [:]
        for pod in related where ReplicaSetController.isActive(pod.value) { onNode[nodeName(pod.value), default: 0] += 1 }
        let ranked = pods.map { (pod: $0, rank: onNode[nodeName($0.value)] ?? 0) }
        // sort.Sort is not stable; ties keep key order here.
        let sorted = ranked.enumerated().sorted { a, b in
            if less(a.element, b.element, now: now) { return true }
            if less(b.element, a.element, now: now) { return false }
            return a.offset < b.offset
        }
        return sorted.prefix(count).map(\.element.pod)
    }

    static func less(_ a: (pod: StoredObject, rank: Int), _ b: (pod: StoredObject, rank: Int), now: VirtualTime) -> Bool {
        let pi = a.pod.value, pj = b.pod.value
        // 1. Unassigned < assigned
        let ni = nodeName(pi), nj = nodeName(pj)
        if ni != nj && (ni.isEmpty || nj.isEmpty) { return ni.isEmpty }
        // 2. PodPending < PodUnknown < PodRunning
        if phaseOrdinal(pi) != phaseOrdinal(pj) { return phaseOrdinal(pi) < phaseOrdinal(pj) }
        // 3. Not ready < ready
        if isReady(pi) != isReady(pj) { return !isReady(pi) }
        // 4. lower pod-deletion-cost < higher pod-deletion cost
        if deletionCost(pi) != deletionCost(pj) { return deletionCost(pi) < deletionCost(pj) }
        // 5. Doubled up < not doubled up
        if a.rank != b.rank { return a.rank > b.rank }
        // 6. Been ready for empty time < less time < more time
        if isReady(pi) && isReady(pj) {
            let ti = readyTime(pi), tj = readyTime(pj)
            if ti != tj { return newerFirst(ti, tj, a.pod.uid, b.pod.uid, now: now) }
        }
        // 7. Pods with containers with higher restart counts < lower restart counts
        if maxRestarts(pi) != maxRestarts(pj) { return maxRestarts(pi) > maxRestarts(pj) }
        // 8. Empty creation time pods < newer pods < older pods
        let ci = time(pi["metadata"]?["creationTimestamp"]), cj = time(pj["metadata"]?["creationTimestamp"])
        if ci != cj { return newerFirst(ci, cj, a.pod.uid, b.pod.uid, now: now) }
        return false
    }

    /// `afterOrZero`, or with logarithmic scale-down `logarithmicRankDiff` (floor of log2 of
    /// the nanoseconds elapsed), ties broken by uid.
    static func newerFirst(_ t1: VirtualTime?, _ t2: VirtualTime?, _ uid1: String, _ uid2: String, now: VirtualTime) -> Bool {
        guard let t1, let t2 else { return t1 == nil }
        func bucket(_ t: VirtualTime) -> Int64 {
            let d = (now.milliseconds - t.milliseconds) * 1_000_000
            return d > 0 ? Int64(63 - d.leadingZeroBitCount) : -1
        }
        let diff = bucket(t1) - bucket(t2)
        if diff == 0 { return uid1.utf8.lexicographicallyPrecedes(uid2.utf8) }
        return diff < 0
    }

    static func nodeName(_ pod: Value) -> String { pod["spec"]?["nodeName"]?.string ?? "" }

    static func phaseOrdinal(_ pod: Value) -> Int {
        switch pod["status"]?["phase"]?.string ?? "" {
        case "Unknown": 1
        case "Running": 2
        default: 0
        }
    }

    static func readyCondition(_ pod: Value) -> Value? {
        pod["status"]?["conditions"]?.sequence?.first { $0["type"]?.string == "Ready" }
    }

    /// `podutil.IsPodReady`.
    static func isReady(_ pod: Value) -> Bool { readyCondition(pod)?["status"]?.string == "True" }

    /// `podutil.IsPodAvailable`: ready for at least `minReadySeconds`.
    static func isAvailable(_ pod: Value, minReadySeconds: Int64, now: VirtualTime) -> Bool {
        guard let condition = readyCondition(pod), condition["status"]?.string == "True" else { return false }
        return isAvailable(readyCondition: condition, minReadySeconds: minReadySeconds, now: now)
    }

    /// The same, given the pod's Ready condition, already known to be True.
    static func isAvailable(readyCondition condition: Value, minReadySeconds: Int64, now: VirtualTime) -> Bool {
        if minReadySeconds == 0 { return true }
        guard let since = time(condition["lastTransitionTime"]) else { return false }
        return since.milliseconds + minReadySeconds * 1000 < now.milliseconds
    }

    static func readyTime(_ pod: Value) -> VirtualTime? { time(readyCondition(pod)?["lastTransitionTime"]) }

    static func time(_ v: Value?) -> VirtualTime? { v?.string.flatMap { VirtualTime(rfc3339: $0) } }

    /// `GetDeletionCostFromPodAnnotations`: an int32, 0 when absent or invalid.
    static func deletionCost(_ pod: Value) -> Int32 {
        Int32(pod.annotation("controller.kubernetes.io/pod-deletion-cost") ?? "") ?? 0
    }

    static func maxRestarts(_ pod: Value) -> Int64 {
        (pod["status"]?["containerStatuses"]?.sequence ?? []).map { $0["restartCount"]?.int ?? 0 }.max() ?? 0
    }
}
