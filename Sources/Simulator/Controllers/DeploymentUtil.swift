import KubeAPI
import YAML

/// A ReplicaSet as the Deployment controller sees it during one sync: a working copy that
/// the sync edits (scales, annotates) and that is written back with one action.
struct DeploymentReplicaSet: Sendable {
    var key: ObjectKey
    var value: Value
    let uid: String
    let created: VirtualTime

    init(_ o: StoredObject) {
        key = o.key
        value = o.value
        uid = o.uid
        created = Workload.creation(o)
    }

    init(key: ObjectKey, value: Value, created: VirtualTime) {
        self.key = key
        self.value = value
        uid = ""
        self.created = created
    }

    var name: String { key.name }
    var replicas: Int {
        get { Workload.int(value["spec"]?["replicas"], 1) }
        set { value.edit("spec") { $0.set("replicas", .int(Int64(newValue))) } }
    }
    var statusReplicas: Int { Workload.int(value["status"]?["replicas"]) }
    var readyReplicas: Int { Workload.int(value["status"]?["readyReplicas"]) }
    var availableReplicas: Int { Workload.int(value["status"]?["availableReplicas"]) }
    var annotations: [String: String] { value.annotationMap }
    var template: Value { value["spec"]?["template"] ?? .mapping([]) }
    /// `deploymentutil.Revision`: 0 when missing or not a number.
    var revision: Int64 { Int64(annotations[DeploymentUtil.revisionAnnotation] ?? "") ?? 0 }
    var isBeingDeleted: Bool { value.isBeingDeleted }
    var generation: Int64 { value.generation }
    var observedGeneration: Int64 { value["status"]?["observedGeneration"]?.int ?? 0 }
}

/// pkg/controller/deployment/util/deployment_util.go: constants, fenceposts, annotations.
enum DeploymentUtil {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
    static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
    static let changeCauseAnnotation = "kubernetes.io/change-cause"
    static let restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt"
    /// apps.DefaultDeploymentUniqueLabelKey.
    static let podTemplateHashLabel = "pod-template-hash"
    /// deployment_controller.go `maxRevHistoryLengthInChars`.
    static let maxRevisionHistoryLengthInChars = 2000
    /// `annotationsToSkip` (apps.DeprecatedRollbackTo included).
    static let annotationsToSkip: Set<String> = [
        lastAppliedAnnotation, revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation,
        maxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ]

    // Reasons (deployment_util.go).
    static let newRSReason = "NewReplicaSetCreated"
    static let foundNewRSReason = "FoundNewReplicaSet"
    static let replicaSetUpdatedReason = "ReplicaSetUpdated"
    static let newRSAvailableReason = "NewReplicaSetAvailable"
    static let timedOutReason = "ProgressDeadlineExceeded"
    static let pausedReason = "DeploymentPaused"
    static let resumedReason = "DeploymentResumed"
    static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"

    static func replicas(_ d: Value) -> Int { Workload.int(d["spec"]?["replicas"], 1) }
    static func isRollingUpdate(_ d: Value) -> Bool { (d["spec"]?["strategy"]?["type"]?.string ?? "RollingUpdate") == "RollingUpdate" }

    /// `ResolveFenceposts`: maxSurge rounded up, maxUnavailable rounded down, both against
    /// the desired replicas; both 0 → maxUnavailable 1. Example: 10 replicas, 25%/25% →
    /// surge 3 (2.5 up), unavailable 2 (2.5 down).
    static func resolveFenceposts(_ d: Value) -> (surge: Int, unavailable: Int) {
        let desired = replicas(d)
        let ru = d["spec"]?["strategy"]?["rollingUpdate"]
        func scaled(_ v: Value?, up: Bool) -> Int {
            guard let v, let ios = IntOrString(v) else { return 0 }
            return (try? ios.scaledValue(total: desired, roundUp: up)) ?? 0
        }
        let surge = scaled(ru?["maxSurge"], up: true)
        var unavailable = scaled(ru?["maxUnavailable"], up: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `MaxSurge`: 0 unless RollingUpdate.
    static func maxSurge(_ d: Value) -> Int { isRollingUpdate(d) ? resolveFenceposts(d).surge : 0 }

    /// `MaxUnavailable`: 0 unless RollingUpdate with replicas; never above replicas.
    static func maxUnavailable(_ d: Value) -> Int {
        let desired = replicas(d)
        guard isRollingUpdate(d), desired != 0 else { return 0 }
        return min(resolveFenceposts(d).unavailable, desired)
    }

    /// `NewRSNewReplicas`: RollingUpdate scales the new RS up to maxSurge above desired;
    /// Recreate jumps to desired.
    static func newRSNewReplicas(_ d: Value, all: [DeploymentReplicaSet], new: DeploymentReplicaSet) -> Int {
        guard isRollingUpdate(d) else { return replicas(d) }
        let surge = resolveFenceposts(d).surge
        let current = all.reduce(0) { $0 + $1.replicas }
        let maxTotal = replicas(d) + surge
        if current >= maxTotal { return new.replicas }
        let scaleUp = min(maxTotal - current, replicas(d) - new.replicas)
        return new.replicas + scaleUp
    }

    /// `EqualIgnoreHash`: templates equal once the pod-template-hash label is removed.
    static func equalIgnoringHash(_ a: Value, _ b: Value) -> Bool {
        func strip(_ t: Value) -> Value {
            var t = t
            t.editMetadata { meta in
                var labels = meta["labels"] ?? .mapping([])
                labels.remove(podTemplateHashLabel)
                if labels.mapping?.isEmpty ?? true { meta.remove("labels") } else { meta.set("labels", labels) }
                if meta.mapping?.isEmpty ?? false { meta.remove("creationTimestamp") }
            }
            if t["metadata"]?.mapping?.isEmpty ?? false { t.remove("metadata") }
            return t
        }
        return strip(a) == strip(b)
    }

    /// `FindNewReplicaSet`: the oldest RS whose template equals the deployment's.
    static func findNew(_ d: Value, _ list: [DeploymentReplicaSet]) -> DeploymentReplicaSet? {
        let template = d["spec"]?["template"] ?? .mapping([])
        return list.sorted(by: olderFirst).first { equalIgnoringHash($0.template, template) }
    }

    static func olderFirst(_ a: DeploymentReplicaSet, _ b: DeploymentReplicaSet) -> Bool {
        if a.created != b.created { return a.created < b.created }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }

    /// `FilterActiveReplicaSets`: spec.replicas > 0.
    static func active(_ list: [DeploymentReplicaSet]) -> [DeploymentReplicaSet] { list.filter { $0.replicas > 0 } }

    /// `FindActiveOrLatest`: the only active RS, or the newest when none is active.
    static func activeOrLatest(new: DeploymentReplicaSet?, old: [DeploymentReplicaSet]) -> DeploymentReplicaSet? {
        if new == nil && old.isEmpty { return nil }
        let sortedOld = old.sorted { olderFirst($1, $0) }
        let all = active(sortedOld + (new.map { [$0] } ?? []))
        switch all.count {
        case 0: return new ?? sortedOld.first
        case 1: return all[0]
        default: return nil
        }
    }

    /// `IsSaturated`: the new RS has all replicas, the desired annotation agrees, all available.
    static func isSaturated(_ d: Value, _ rs: DeploymentReplicaSet?) -> Bool {
        guard let rs, let desired = Int(rs.annotations[desiredReplicasAnnotation] ?? "") else { return false }
        let n = replicas(d)
        return rs.replicas == n && desired == n && rs.availableReplicas == n
    }

    /// `SetReplicasAnnotations`: desired-replicas and max-replicas; true when changed.
    @discardableResult
    static func setReplicasAnnotations(_ rs: inout DeploymentReplicaSet, desired: Int, max: Int) -> Bool {
        let a = rs.annotations
        guard a[desiredReplicasAnnotation] != String(desired) || a[maxReplicasAnnotation] != String(max) else { return false }
        rs.value.setAnnotation(desiredReplicasAnnotation, String(desired))
        rs.value.setAnnotation(maxReplicasAnnotation, String(max))
        return true
    }

    /// `SetNewReplicaSetAnnotations`: copy the deployment's annotations (but `annotationsToSkip`),
    /// raise the revision, keep the revision history on a roll back, and on creation add
    /// the replicas annotations. True when something changed.
    static func setNewReplicaSetAnnotations(_ d: Value, _ rs: inout DeploymentReplicaSet, newRevision: Int64, exists: Bool) -> Bool {
        var changed = false
        let current = rs.annotations
        for (k, v) in d.annotationMap.sorted(by: { $0.key < $1.key }) where !annotationsToSkip.contains(k) && current[k] != v {
            rs.value.setAnnotation(k, v)
            changed = true
        }
        let oldText = current[revisionAnnotation]
        var oldRevision: Int64 = 0
        if let oldText { guard let n = Int64(oldText) else { return changed }; oldRevision = n }
        if oldRevision < newRevision {
            rs.value.setAnnotation(revisionAnnotation, String(newRevision))
            changed = true
            if let oldText {
                let history = current[revisionHistoryAnnotation] ?? ""
                if history.isEmpty {
                    rs.value.setAnnotation(revisionHistoryAnnotation, oldText)
                } else {
                    var parts = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    var total = history.count + oldText.count + 1
                    var start = 0
                    while total > maxRevisionHistoryLengthInChars && start < parts.count {
                        total -= parts[start].count + 1
                        start += 1
                    }
                    if total <= maxRevisionHistoryLengthInChars {
                        parts = Array(parts[start...]) + [oldText]
                        rs.value.setAnnotation(revisionHistoryAnnotation, parts.joined(separator: ","))
                    }
                }
            }
        }
        if !exists && setReplicasAnnotations(&rs, desired: replicas(d), max: replicas(d) + maxSurge(d)) { changed = true }
        return changed
    }

    /// `getReplicaSetFraction` and `GetProportion` (proportional scaling): each active RS
    /// gets its share of the change by the size it had under the old max-replicas
    /// (`deployment.kubernetes.io/max-replicas`), rounded half away from zero, never more
    /// than is left to add (or remove).
    static func proportion(_ rs: DeploymentReplicaSet, _ d: Value, toAdd: Int, added: Int) -> Int {
        if rs.replicas == 0 || toAdd == 0 || toAdd == added { return 0 }
        let fraction: Int
        if replicas(d) == 0 {
            fraction = -rs.replicas
        } else {
            let maxNow = replicas(d) + maxSurge(d)
            var before = Int(rs.annotations[maxReplicasAnnotation] ?? "") ?? 0
            if before == 0 { before = Workload.int(d["status"]?["replicas"]) }
            let size = Double(rs.replicas * maxNow) / Double(before)
            fraction = Int(size.rounded(.toNearestOrAwayFromZero)) - rs.replicas
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// `ReplicaSetsBySizeNewer` / `ReplicaSetsBySizeOlder`: larger first, ties newer / older first.
    static func bySize(_ list: [DeploymentReplicaSet], newerFirst: Bool) -> [DeploymentReplicaSet] {
        list.sorted { a, b in
            if a.replicas != b.replicas { return a.replicas > b.replicas }
            return newerFirst ? olderFirst(b, a) : olderFirst(a, b)
        }
    }

    /// `HasProgressDeadline`: set and not MaxInt32.
    static func progressDeadline(_ d: Value) -> Int64? {
        guard let s = d["spec"]?["progressDeadlineSeconds"]?.int, s != Int64(Int32.max) else { return nil }
        return s
    }
}
