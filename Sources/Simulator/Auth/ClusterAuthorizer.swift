/// The authorizer chain of a kubeadm (kind) apiserver, `--authorization-mode=Node,RBAC`
/// (pkg/kubeapiserver/authorizer/config.go): first the privileged-groups authorizer that lets
/// `system:masters` do anything (k8s.io/apiserver/pkg/authorization/authorizerfactory
/// `NewPrivilegedGroups`), then Node (no opinion on users that are not nodes, and the
/// simulator has no kubelet credentials, so it is left out), then RBAC. The union stops at
/// the first authorizer that allows; the reasons of those that did not are joined.
public struct ClusterAuthorizer: Sendable {
    public static let privilegedGroup = "system:masters"

    let rbac: RBACAuthorizer

    public init(store: Store) {
        rbac = RBACAuthorizer(store: store)
    }

    public func authorize(_ a: AuthorizationAttributes) -> RBACAuthorizer.Decision {
        if a.user.groups.contains(ClusterAuthorizer.privilegedGroup) { return .init(allowed: true, reason: "") }
        return rbac.authorize(a)
    }

    /// What a SelfSubjectRulesReview returns (pkg/registry/authorization/selfsubjectrulesreview):
    /// the rules of every authorizer, the privileged group's `*` first; a rule with both
    /// resources and non-resource URLs comes back as two (`RBACAuthorizer.RulesFor`).
    public func rules(for user: UserInfo, namespace: String) -> (resource: [PolicyRule], nonResource: [PolicyRule], errors: [String]) {
        var resource: [PolicyRule] = [], nonResource: [PolicyRule] = []
        if user.groups.contains(ClusterAuthorizer.privilegedGroup) {
            resource.append(PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]))
            nonResource.append(PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]))
        }
        let (rules, errors) = rbac.rules(for: user, namespace: namespace)
        for r in rules {
            if !r.resources.isEmpty {
                resource.append(PolicyRule(verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames))
            }
            if !r.nonResourceURLs.isEmpty { nonResource.append(PolicyRule(verbs: r.verbs, nonResourceURLs: r.nonResourceURLs)) }
        }
        return (resource, nonResource, errors)
    }
}
