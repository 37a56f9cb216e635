import KubeAPI
import YAML

/// The ClusterRole aggregation controller
/// (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go
/// `syncClusterRole`): a ClusterRole with an `aggregationRule` gets as its rules those of
/// every ClusterRole its label selectors match, taken in name order, each distinct rule once;
/// the role itself is skipped. Any ClusterRole change re-checks every aggregated role.
///
/// Example: `view` selects `rbac.authorization.k8s.io/aggregate-to-view: "true"`, which
/// `system:aggregate-to-view` carries, so `view` holds its rules. `edit` selects
/// `aggregate-to-edit`: `system:aggregate-to-edit` and `view` (in that name order), so `edit`
/// is the editing rules followed by view's. A learner's ClusterRole labelled
/// `aggregate-to-view: "true"` adds its rules to `view`, then to `edit` and `admin`.
public struct ClusterRoleAggregationController: Controller {
    public let name = "clusterrole-aggregation-controller"
    public var watchedResources: Set<String>? { [RBACAuthorizer.clusterRoles] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        guard change.key.resource == RBACAuthorizer.clusterRoles else { return [] }
        return state.list(RBACAuthorizer.clusterRoles, namespace: nil)
            .filter { $0.value["aggregationRule"].map { !$0.isNull } ?? false }.map(\.key)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let role = state[key], let rule = role.value["aggregationRule"], !rule.isNull else { return [] }
        let roles = state.list(RBACAuthorizer.clusterRoles, namespace: nil).map(\.value)
        let rules = ClusterRoleAggregationController.aggregatedRules(for: role.value, among: roles)
        let current = (role.value["rules"]?.sequence ?? []).map(PolicyRule.init)
        guard rules != current else { return [] }
        var updated = role.value
        updated.set("rules", .sequence(rules.map(\.value)))
        return [.update(key, updated)]
    }

    /// The rules `role` aggregates from `roles`.
    static func aggregatedRules(for role: Value, among roles: [Value]) -> [PolicyRule] {
        var selected: [Value] = []
        for selector in role["aggregationRule"]?["clusterRoleSelectors"]?.sequence ?? [] {
            guard let s = try? LabelSelector(selector) else { continue }
            selected += roles.filter { s.matches($0.labelMap) }
        }
        selected.sort { $0.objectName.utf8.lexicographicallyPrecedes($1.objectName.utf8) }
        var rules: [PolicyRule] = []
        for other in selected where other.objectName != role.objectName {
            for r in (other["rules"]?.sequence ?? []).map(PolicyRule.init) where !rules.contains(r) { rules.append(r) }
        }
        return rules
    }
}
