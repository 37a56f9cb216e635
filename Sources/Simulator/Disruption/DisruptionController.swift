import KubeAPI
import YAML

/// The disruption controller (pkg/controller/disruption/disruption.go `trySync`): keeps each
/// PodDisruptionBudget's status, which the Eviction API reads.
///
/// Example: Deployment `web` with 4 replicas, budget `maxUnavailable: 1` selecting `app=web`.
/// `expectedPods` is the scale of the pods' controllers (4: the Deployment's replicas, found
/// through each pod's ReplicaSet), `desiredHealthy` = 4 − 1 = 3, `currentHealthy` counts the
/// ready pods not being deleted (4), so `disruptionsAllowed` = 4 − 3 = 1 and the condition
/// `DisruptionAllowed` is True (`SufficientPods`). An eviction takes that one disruption and
/// lists its pod in `disruptedPods`; the pod, now terminating, no longer counts (3 healthy, 0
/// allowed, `InsufficientPods`) until its replacement is ready (4 healthy, 1 allowed again).
/// A pod listed in `disruptedPods` that is still not deleted after 2 minutes counts again
/// (`DeletionTimeout`; the budget is rechecked then).
///
/// With `minAvailable: 2` (an integer) `expectedPods` is simply the number of selected pods
/// and `desiredHealthy` 2; a percentage, or `maxUnavailable`, needs the controllers' scale
/// (Deployment, ReplicaSet, StatefulSet): pods without a controller are only reported
/// (`UnmanagedPods`), a controller without a scale (a Job, a DaemonSet) fails the sync, and
/// the budget then allows nothing (`SyncFailed`). No pods at all: `NoPods`, nothing allowed.
public struct DisruptionController: Controller {
    public let name = "controllermanager"
    public var watchedResources: Set<String>? { [DisruptionBudget.resource, ObjectKey.pods] }
    /// disruption.go `DeletionTimeout`.
    static let deletionTimeout = Duration.seconds(120)

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        if change.key.resource == DisruptionBudget.resource { return [change.key] }
        guard change.key.resource == "pods", state.count(DisruptionBudget.resource, namespace: change.key.namespace) > 0 else { return [] }
        let budgets = state.list(DisruptionBudget.resource, namespace: change.key.namespace)
        guard !budgets.isEmpty else { return [] }
        let labels = [change.old, change.new].compactMap { $0?.labelMap }
        return budgets
            .filter { pdb in labels.contains { DisruptionController.selects(pdb.value, $0) } }.map(\.key)
    }

    /// policy/v1 `GetPodPodDisruptionBudgets`: an empty selector selects every pod.
    static func selects(_ pdb: Value, _ labels: [String: String]) -> Bool {
        guard let selector = try? LabelSelector(pdb["spec"]?["selector"]) else { return false }
        return selector.matches(labels)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let pdb = state[key] else { return [] }
        let pods = state.list("pods", namespace: key.namespace).filter { DisruptionController.selects(pdb.value, $0.labels) }
        var actions: [Action] = []
        func event(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
            actions.append(.event(EventSpec(involved: key, type: type, reason: reason, message: message, component: name)))
        }
        if pods.isEmpty { event(.normal, "NoPods", "No matching pods found") }
        let expected: (count: Int64, desired: Int64, unmanaged: [String])
        switch DisruptionController.expectedPodCount(pdb.value, pods: pods, state: state) {
        case .failure(let error):
            event(.warning, "CalculateExpectedPodCountFailed", "Failed to calculate the number of expected pods: \(error.message)")
            return actions + failSafe(pdb, message: error.message, now: now)
        case .success(let value): expected = value
        }
        if !expected.unmanaged.isEmpty {
            event(.warning, "UnmanagedPods", DisruptionMessages.unmanaged(pdb.value["spec"]?["selector"]))
        }
        let (disrupted, recheck) = DisruptionController.disruptedPods(pdb.value, pods: pods, now: now)
        let healthy = Int64(pods.filter { pod in
            !pod.isBeingDeleted && disrupted[pod.name] == nil && PodRanking.isReady(pod.value)
        }.count)
        var allowed = healthy - expected.desired
        if expected.count <= 0 || allowed <= 0 { allowed = 0 }
        let old = pdb.value["status"] ?? .mapping([])
        let disruptedValue: Value = .mapping(disrupted.keys.sorted().map { .init($0, .string(disrupted[$0]!)) })
        let oldDisrupted: Value = old["disruptedPods"] ?? .mapping([])
        let unchanged = old.int("currentHealthy") == healthy && old.int("desiredHealthy") == expected.desired
            && old.int("expectedPods") == expected.count && old.int("disruptionsAllowed") == allowed
            && oldDisrupted == disruptedValue && old.int("observedGeneration") == pdb.value.generation
            && DisruptionBudget.conditionsUpToDate(pdb.value)
        if !unchanged {
            var status: Value = ["observedGeneration": .int(pdb.value.generation)]
            if !disrupted.isEmpty { status.set("disruptedPods", disruptedValue) }
            status.set("disruptionsAllowed", .int(allowed))
            status.set("currentHealthy", .int(healthy))
            status.set("desiredHealthy", .int(expected.desired))
            status.set("expectedPods", .int(expected.count))
            if let conditions = old["conditions"] { status.set("conditions", conditions) }
            DisruptionBudget.updateAllowedCondition(&status, now: now)
            actions.append(.updateStatus(key, status))
        }
        if let recheck { actions.append(.requeueAfter(recheck.since(now))) }
        return actions
    }

    /// `failSafe`: nothing allowed, `DisruptionAllowed` False with `SyncFailed` and the error.
    func failSafe(_ pdb: StoredObject, message: String, now: VirtualTime) -> [Action] {
        var status = pdb.value["status"] ?? .mapping([])
        status.set("disruptionsAllowed", 0)
        DisruptionBudget.setCondition(&status, status: "False", reason: DisruptionBudget.syncFailed, message: message, now: now)
        return [.updateStatus(pdb.key, status)]
    }

    /// `buildDisruptedPodMap`: the pods evicted less than `deletionTimeout` ago and not yet
    /// being deleted, and when the oldest of them expires.
    static func disruptedPods(_ pdb: Value, pods: [StoredObject], now: VirtualTime) -> ([String: String], VirtualTime?) {
        let listed = Value.strings(pdb["status"]?["disruptedPods"])
        var result: [String: String] = [:]
        var recheck: VirtualTime?
        for pod in pods where !pod.isBeingDeleted {
            guard let text = listed[pod.name], let time = VirtualTime(rfc3339: text) else { continue }
            let expires = time + deletionTimeout
            if expires < now { continue }
            if recheck == nil || expires < recheck! { recheck = expires }
            result[pod.name] = text
        }
        return (result, recheck)
    }
}
