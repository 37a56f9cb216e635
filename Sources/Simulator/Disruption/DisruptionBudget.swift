import KubeAPI
import YAML

/// PodDisruptionBudget helpers shared by the disruption controller and the Eviction API
/// (k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go, policy/v1 types).
enum DisruptionBudget {
    static let resource = "poddisruptionbudgets.policy"
    /// policy/v1 `DisruptionAllowedCondition` and its reasons.
    static let allowedCondition = "DisruptionAllowed"
    static let sufficientPods = "SufficientPods"
    static let insufficientPods = "InsufficientPods"
    static let syncFailed = "SyncFailed"

    /// The budgets of `namespace` whose selector matches the labels. A budget without a
    /// selector, or with an empty one, matches nothing here (eviction.go
    /// `getPodDisruptionBudgets`: "it should match nothing, not everything").
    static func budgets(matching labels: [String: String], namespace: String, store: Store) -> [StoredObject] {
        store.list(resource, namespace: namespace).filter { pdb in
            guard let selector = try? LabelSelector(pdb.value["spec"]?["selector"]), !selector.isEmpty else { return false }
            return selector.matches(labels)
        }
    }

    /// `UpdateDisruptionAllowedCondition`: `DisruptionAllowed` True/`SufficientPods` when
    /// disruptions are allowed, else False/`InsufficientPods`, through `SetStatusCondition`
    /// (the transition time moves only when the status changes).
    static func updateAllowedCondition(_ status: inout Value, now: VirtualTime) {
        let allowed = status.int("disruptionsAllowed") > 0
        setCondition(&status, status: allowed ? "True" : "False", reason: allowed ? sufficientPods : insufficientPods,
                     message: "", now: now)
    }

    /// apimachinery meta `SetStatusCondition` for `DisruptionAllowed`.
    static func setCondition(_ status: inout Value, status conditionStatus: String, reason: String, message: String, now: VirtualTime) {
        var conditions = status["conditions"]?.sequence ?? []
        let observed = status["observedGeneration"] ?? 0
        if let i = conditions.firstIndex(where: { $0.str("type") == allowedCondition }) {
            var c = conditions[i]
            if c.str("status") != conditionStatus { c.set("lastTransitionTime", .string(now.rfc3339)) }
            c.set("status", .string(conditionStatus))
            c.set("reason", .string(reason))
            c.set("message", .string(message))
            c.set("observedGeneration", observed)
            conditions[i] = c
        } else {
            conditions.append(["type": .string(allowedCondition), "status": .string(conditionStatus), "observedGeneration": observed,
                               "lastTransitionTime": .string(now.rfc3339), "reason": .string(reason), "message": .string(message)])
        }
        status.set("conditions", .sequence(conditions))
    }

    /// `ConditionsAreUpToDate`.
    static func conditionsUpToDate(_ pdb: Value) -> Bool {
        guard let c = pdb.seq("status", "conditions").first(where: { $0.str("type") == allowedCondition }) else { return false }
        guard pdb.int("status", "observedGeneration") == pdb.generation else { return false }
        if pdb.int("status", "disruptionsAllowed") > 0 { return c.str("status") == "True" && c.str("reason") == sufficientPods }
        return c.str("status") == "False" && c.str("reason") == insufficientPods
    }
}
