import KubeAPI
import YAML

/// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go) over the rule resolver of
/// pkg/registry/rbac/validation/rule.go `DefaultRuleResolver`, reading the store.
///
/// `visitRules` walks every rule that applies to a user in a namespace: first the
/// ClusterRoleBindings whose subjects include the user (by name), one of its groups, or —
/// for a service account user `system:serviceaccount:NS:NAME` — a `ServiceAccount` subject
/// with that name and namespace; then, when the request has a namespace, the RoleBindings of
/// that namespace (a ServiceAccount subject without a namespace means the binding's own). A
/// binding's `roleRef` gives the rules: a `Role` in the binding's namespace or a
/// `ClusterRole` (a RoleBinding to a ClusterRole grants its rules in that namespace only).
/// A binding whose role does not exist contributes an error instead.
///
/// `authorize` allows as soon as one rule matches (`RBAC: allowed by …`); otherwise it has no
/// opinion — RBAC never denies outright, the request is forbidden because nothing allowed it
/// — and its reason lists the resolution errors: `RBAC: role.rbac.authorization.k8s.io
/// "lectora" not found`.
///
/// Example: Role `default/lector` allows `get`, `list` on `pods`; RoleBinding
/// `default/lector-ana` binds it to User `ana`. `ana` may `list pods` in `default` (allowed by
/// `RoleBinding "lector-ana/default" of Role "lector" to User "ana"`), not in `kube-system`
/// (no RoleBinding there) and not across namespaces (`-A` has no namespace, so only
/// ClusterRoleBindings count).
public struct RBACAuthorizer: Sendable {
    public struct Decision: Sendable, Hashable {
        public var allowed: Bool
        public var reason: String
    }

    static let roles = "roles.rbac.authorization.k8s.io"
    static let roleBindings = "rolebindings.rbac.authorization.k8s.io"
    static let clusterRoles = "clusterroles.rbac.authorization.k8s.io"
    static let clusterRoleBindings = "clusterrolebindings.rbac.authorization.k8s.io"

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// `RBACAuthorizer.Authorize`.
    public func authorize(_ a: AuthorizationAttributes) -> Decision {
        var allowedBy: String?
        var errors: [String] = []
        visitRules(user: a.user, namespace: a.namespace) { source, rule, error in
            if let rule, rule.allows(a) {
                allowedBy = source
                return false
            }
            if let error { errors.append(error) }
            return true
        }
        if let allowedBy { return Decision(allowed: true, reason: "RBAC: allowed by \(allowedBy)") }
        return Decision(allowed: false, reason: errors.isEmpty ? "" : "RBAC: " + RBACAuthorizer.aggregate(errors))
    }

    /// `RulesFor`: every rule that applies, and the resolution errors.
    public func rules(for user: UserInfo, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        var rules: [PolicyRule] = []
        var errors: [String] = []
        visitRules(user: user, namespace: namespace) { _, rule, error in
            if let rule { rules.append(rule) }
            if let error { errors.append(error) }
            return true
        }
        return (rules, errors)
    }

    /// `VisitRulesFor`: the visitor gets a description of the binding, the rule or an error,
    /// and returns false to stop.
    func visitRules(user: UserInfo, namespace: String, _ visitor: (String?, PolicyRule?, String?) -> Bool) {
        for binding in store.list(RBACAuthorizer.clusterRoleBindings, namespace: nil) {
            guard let subject = RBACAuthorizer.appliesTo(user, binding.value["subjects"]?.sequence ?? [], namespace: "") else { continue }
            let roleRef = binding.value["roleRef"] ?? .null
            switch roleRules(roleRef, namespace: "") {
            case .failure(let error):
                if !visitor(nil, nil, error.text) { return }
            case .success(let rules):
                let source = "ClusterRoleBinding \(quote(binding.name)) of \(roleRef.str("kind")) \(quote(roleRef.str("name"))) to \(describe(subject, namespace: ""))"
                for rule in rules where !visitor(source, rule, nil) { return }
            }
        }
        guard !namespace.isEmpty else { return }
        for binding in store.list(RBACAuthorizer.roleBindings, namespace: namespace) {
            guard let subject = RBACAuthorizer.appliesTo(user, binding.value["subjects"]?.sequence ?? [], namespace: namespace) else { continue }
            let roleRef = binding.value["roleRef"] ?? .null
            switch roleRules(roleRef, namespace: namespace) {
            case .failure(let error):
                if !visitor(nil, nil, error.text) { return }
            case .success(let rules):
                let source = "RoleBinding \(quote(binding.name + "/" + namespace)) of \(roleRef.str("kind")) \(quote(roleRef.str("name"))) to \(describe(subject, namespace: namespace))"
                for rule in rules where !visitor(source, rule, nil) { return }
            }
        }
    }

    struct ResolutionError: Error {
        var text: String
    }

    /// `GetRoleReferenceRules`; the listers' NotFound errors name the singular resource
    /// (`role.rbac.authorization.k8s.io "x" not found`).
    func roleRules(_ roleRef: Value, namespace: String) -> Result<[PolicyRule], ResolutionError> {
        let name = roleRef.str("name")
        let key: ObjectKey
        switch roleRef.str("kind") {
        case "Role": key = ObjectKey(resource: RBACAuthorizer.roles, namespace: namespace, name: name)
        case "ClusterRole": key = ObjectKey(resource: RBACAuthorizer.clusterRoles, namespace: "", name: name)
        case let kind: return .failure(ResolutionError(text: "unsupported role reference kind: \(quote(kind))"))
        }
        guard let role = store[key] else {
            let singular = roleRef.str("kind").lowercased()
            return .failure(ResolutionError(text: "\(singular).rbac.authorization.k8s.io \(quote(name)) not found"))
        }
        return .success((role.value["rules"]?.sequence ?? []).map(PolicyRule.init))
    }

    /// `appliesTo`: the first subject that is the user.
    static func appliesTo(_ user: UserInfo, _ subjects: [Value], namespace: String) -> Value? {
        subjects.first { subject in
            switch subject.str("kind") {
            case "User": return user.name == subject.str("name")
            case "Group": return user.groups.contains(subject.str("name"))
            case "ServiceAccount":
                let saNamespace = subject.str("namespace").isEmpty ? namespace : subject.str("namespace")
                guard !saNamespace.isEmpty else { return false }
                return user.name == ServiceAccountUser(namespace: saNamespace, name: subject.str("name")).username
            default: return false
            }
        }
    }

    /// `describeSubject`.
    func describe(_ s: Value, namespace: String) -> String {
        guard s.str("kind") == "ServiceAccount" else { return "\(s.str("kind")) \(quote(s.str("name")))" }
        let ns = s.str("namespace").isEmpty ? namespace : s.str("namespace")
        return "ServiceAccount \(quote(s.str("name") + "/" + ns))"
    }

    func quote(_ s: String) -> String { GoValue.quote(s) }

    /// k8s.io/apimachinery/pkg/util/errors `aggregate.Error()`: one message as is; several,
    /// without repeats, as `[a, b]`.
    static func aggregate(_ messages: [String]) -> String {
        var seen: [String] = []
        for m in messages where !seen.contains(m) { seen.append(m) }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }
}
