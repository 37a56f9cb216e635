import KubeAPI
import YAML

/// The Deployment controller (pkg/controller/deployment/deployment_controller.go
/// `syncDeployment`, sync.go, rolling.go, recreate.go, progress.go).
///
/// Example (rolling.go): `web` has 3 replicas of `nginx:1.25` in `web-<h1>`, all available;
/// the learner sets `nginx:1.26`. maxSurge 25% of 3 rounds **up** to 1, maxUnavailable 25%
/// rounds **down** to 0. The sync creates `web-<h2>` (a new `pod-template-hash`, revision
/// 2) with `NewRSNewReplicas` = min(3+1−3, 3−0) = 1 replica — event `Scaled up replica set
/// web-<h2> from 0 to 1` — and cannot scale the old one down: minAvailable = 3−0 = 3 and
/// `maxScaledDown` = 4 − 3 − 1 (the new pod, not yet available) = 0. When the new pod is
/// available, 4 − 3 − 0 = 1: `scaleDownOldReplicaSetsForRollingUpdate` takes `web-<h1>` to
/// 2 (`Scaled down replica set web-<h1> from 3 to 2`); the total is 3 again so the new one
/// grows to 2, and so on: sizes (old,new) go (3,0) → (3,1) → (2,1) → (2,2) → (1,2) → (1,3)
/// → (0,3). Status and the `Progressing`/`Available` conditions follow each step
/// (`DeploymentStatus+Sync.swift`).
///
/// Deviations: the controller is pure, so a sync that upstream writes in several requests
/// (status in `getNewReplicaSet`, then in `syncRolloutStatus`) ends in one status write;
/// `spec.rollbackTo` (extensions/v1beta1) does not exist in apps/v1 and `kubectl rollout
/// undo` is client-side (`DeploymentRollout.undo`); the `ReplicaFailure` condition is not set.
public struct DeploymentController: Controller {
    public let name = "deployment-controller"
    public var watchedResources: Set<String>? { [Workload.deployments, ObjectKey.replicaSets, ObjectKey.pods] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.deployments:
            return [change.key]
        case ObjectKey.replicaSets:
            return Workload.ownerKeys(change, kind: "Deployment", resource: Workload.deployments, state: state)
        case ObjectKey.pods where change.new == nil:
            // deletePod: a Recreate rollout waits for the old pods to be gone.
            guard let rsKey = Workload.controllerKey(of: change.old, kind: "ReplicaSet", resource: ObjectKey.replicaSets, namespace: change.key.namespace),
                  let rs = state[rsKey],
                  let d = Workload.controllerKey(of: rs.value, kind: "Deployment", resource: Workload.deployments, namespace: rs.namespace)
            else { return [] }
            return [d]
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let stored = state[key] else { return [] }
        var sync = DeploymentSync(stored: stored, state: state, now: now)
        sync.run()
        return sync.actions
    }
}

/// One `syncDeployment`: a working copy of the Deployment (status and annotations) and of
/// its ReplicaSets, and the actions decided so far.
struct DeploymentSync {
    let stored: StoredObject
    let state: ClusterState
    let now: VirtualTime
    var d: Value
    var replicaSets: [DeploymentReplicaSet] = []
    /// The selector and the uids of the ReplicaSets claimed at the start of the sync, for
    /// `podMap()` (`getPodMapForDeployment`).
    var podSelector: LabelSelector = .everything
    var claimedUIDs: Set<String> = []
    var actions: [Action] = []
    var component: String { "deployment-controller" }

    init(stored: StoredObject, state: ClusterState, now: VirtualTime) {
        self.stored = stored
        self.state = state
        self.now = now
        d = stored.value
        if d["status"]?.isNull ?? true { d.set("status", .mapping([])) }
    }

    var key: ObjectKey { stored.key }
    var desired: Int { DeploymentUtil.replicas(d) }

    mutating func run() {
        let selectorValue = d["spec"]?["selector"]
        if selectorValue?.mapping?.isEmpty ?? true {
            event(.warning, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.")
            if observedGeneration < stored.value.generation { d.edit("status") { $0.set("observedGeneration", .int(stored.value.generation)) } }
            finish()
            return
        }
        guard let selector = try? LabelSelector(selectorValue) else { return }
        let candidates = Workload.candidates(ObjectKey.replicaSets, of: stored, selector: selector, state: state)
        replicaSets = Workload.claim(stored, candidates: candidates, actions: &actions).map(DeploymentReplicaSet.init)
        podSelector = selector
        claimedUIDs = Set(replicaSets.map(\.uid))
        defer { finish() }
        if stored.isBeingDeleted {
            let (new, old) = allReplicaSetsAndSyncRevision(create: false)
            syncDeploymentStatus(new: new, old: old)
            return
        }
        checkPausedConditions()
        if d["spec"]?["paused"]?.bool == true || isScalingEvent() {
            sync()
            return
        }
        if DeploymentUtil.isRollingUpdate(d) { rolloutRolling() } else { rolloutRecreate() }
    }

    /// Pods by the uid of the claimed ReplicaSet that controls them (`getPodMapForDeployment`).
    /// Upstream lists them on every sync; only the Recreate strategy reads them
    /// (`oldPodsRunning`), so they are listed when it asks. `state` is the sync's snapshot,
    /// so the answer is the one a list at the start would give.
    func podMap() -> [String: [StoredObject]] {
        var map: [String: [StoredObject]] = [:]
        for pod in state.list(ObjectKey.pods, namespace: stored.namespace, selector: podSelector) {
            if let uid = pod.value.controllerRef?["uid"]?.string, claimedUIDs.contains(uid) { map[uid, default: []].append(pod) }
        }
        return map
    }

    var observedGeneration: Int64 { d["status"]?["observedGeneration"]?.int ?? 0 }

    /// Writes the Deployment's status (and revision annotation) when the sync changed them.
    mutating func finish() {
        if d != stored.value { actions.append(.updateStatusObject(key, d)) }
    }

    mutating func event(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
        actions.append(.event(EventSpec(involved: key, type: type, reason: reason, message: message, component: component)))
    }

    /// `checkPausedConditions`: a paused Deployment gets `Progressing=Unknown/DeploymentPaused`,
    /// a resumed one `DeploymentResumed`, unless it already timed out.
    mutating func checkPausedConditions() {
        guard DeploymentUtil.progressDeadline(d) != nil else { return }
        let cond = Workload.condition(d["status"], "Progressing")
        if cond?["reason"]?.string == DeploymentUtil.timedOutReason { return }
        let pausedExists = cond?["reason"]?.string == DeploymentUtil.pausedReason
        let paused = d["spec"]?["paused"]?.bool == true
        if paused && !pausedExists {
            setCondition("Progressing", "Unknown", DeploymentUtil.pausedReason, "Deployment is paused")
        } else if !paused && pausedExists {
            setCondition("Progressing", "Unknown", DeploymentUtil.resumedReason, "Deployment is resumed")
        }
    }

    /// `isScalingEvent`: an active ReplicaSet whose desired-replicas annotation differs from
    /// the Deployment's replicas.
    func isScalingEvent() -> Bool {
        for rs in DeploymentUtil.active(replicaSets) {
            guard let desiredAnnotation = Int(rs.annotations[DeploymentUtil.desiredReplicasAnnotation] ?? "") else { continue }
            if desiredAnnotation != desired { return true }
        }
        return false
    }

    // MARK: Conditions

    /// `NewDeploymentCondition` + `SetDeploymentCondition`: same status and reason → no
    /// change; same status → keep lastTransitionTime; the condition moves to the end.
    mutating func setCondition(_ type: String, _ status: String, _ reason: String, _ message: String, keepTransition: String? = nil) {
        var st = d["status"] ?? .mapping([])
        let current = Workload.condition(st, type)
        if let current, current["status"]?.string == status, current["reason"]?.string == reason { return }
        var transition = keepTransition ?? now.rfc3339
        if let current, current["status"]?.string == status, let t = current["lastTransitionTime"]?.string { transition = t }
        let condition: Value = [
            "type": .string(type), "status": .string(status), "lastUpdateTime": .string(now.rfc3339),
            "lastTransitionTime": .string(transition), "reason": .string(reason), "message": .string(message),
        ]
        Workload.setConditions(&st, Workload.conditions(st).filter { $0["type"]?.string != type } + [condition])
        d.set("status", st)
    }
}
