import YAML

/// The default ClusterRoles and ClusterRoleBindings of a fresh kind cluster: the apiserver's
/// bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, the expanded
/// form in its testdata/cluster-roles.yaml and cluster-role-bindings.yaml) as the
/// `rbac/bootstrap-roles` post-start hook writes it, plus kubeadm's binding of its admin group
/// (cmd/kubeadm/app/phases/kubeconfig: ClusterRoleBinding `kubeadm:cluster-admins` →
/// `cluster-admin`).
///
/// Only the roles a learner meets are here: `cluster-admin`; the user-facing `admin`, `edit`
/// and `view`, aggregated (their `aggregationRule` selects `system:aggregate-to-*`, and
/// `ClusterRoleAggregationController` fills their rules, so they are created already
/// expanded); `system:basic-user`, `system:discovery`, `system:public-info-viewer` (what every
/// authenticated user may do: the first rows of `auth can-i --list`) and
/// `system:service-account-issuer-discovery`. The controllers' and nodes' roles
/// (`system:controller:*`, `system:node`, …) are left out.
enum BootstrapPolicy {
    static let autoupdate = "rbac.authorization.kubernetes.io/autoupdate"
    static let bootstrapping = "kubernetes.io/bootstrapping"
    static let aggregateLabel = "rbac.authorization.k8s.io/aggregate-to-"

    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]
    static let readWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    static func rule(_ verbs: [String], _ groups: [String], _ resources: [String], names: [String] = []) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    static func urls(_ paths: [String], verbs: [String] = ["get"]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: paths)
    }

    /// A bootstrap ClusterRole; `aggregateTo` adds the labels that feed `admin`/`edit`/`view`,
    /// `aggregates` the `aggregationRule` of an aggregated role.
    static func clusterRole(_ name: String, _ rules: [PolicyRule], aggregateTo: String? = nil, aggregates: String? = nil) -> Value {
        var labels: [Value.Pair] = [.init(bootstrapping, "rbac-defaults")]
        if let aggregateTo { labels.append(.init(aggregateLabel + aggregateTo, "true")) }
        var role: Value = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": ["annotations": .mapping([.init(autoupdate, "true")]), "labels": .mapping(labels), "name": .string(name)],
        ]
        if let aggregates {
            role.set("aggregationRule", ["clusterRoleSelectors": [["matchLabels": .mapping([.init(aggregateLabel + aggregates, "true")])]]])
        }
        role.set("rules", .sequence(rules.map(\.value)))
        return role
    }

    static func binding(_ name: String, role: String, groups: [String], bootstrap: Bool = true) -> Value {
        var metadata: Value = ["name": .string(name)]
        if bootstrap {
            metadata = ["annotations": .mapping([.init(autoupdate, "true")]),
                        "labels": .mapping([.init(bootstrapping, "rbac-defaults")]), "name": .string(name)]
        }
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": metadata,
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)],
            "subjects": .sequence(groups.map { ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string($0)] }),
        ]
    }

    /// Every bootstrap ClusterRole, the aggregated ones with their rules filled in.
    static var clusterRoles: [Value] {
        let base: [Value] = [
            clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], verbs: ["*"])]),
            clusterRole("system:aggregate-to-admin", aggregateToAdmin, aggregateTo: "admin"),
            clusterRole("system:aggregate-to-edit", aggregateToEdit, aggregateTo: "edit"),
            clusterRole("system:aggregate-to-view", aggregateToView, aggregateTo: "view"),
            clusterRole("system:basic-user", [
                rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ]),
            clusterRole("system:discovery", [urls(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
                                                   "/openapi/*", "/readyz", "/version", "/version/"])]),
            clusterRole("system:public-info-viewer", [urls(["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
            clusterRole("system:service-account-issuer-discovery", [urls(["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
        ]
        var roles = base
        // Aggregated in dependency order: view feeds edit, edit feeds admin.
        for (name, label, to) in [("view", "view", "edit"), ("edit", "edit", "admin"), ("admin", "admin", nil as String?)] {
            var role = clusterRole(name, [], aggregateTo: to, aggregates: label)
            role.set("rules", .sequence(ClusterRoleAggregationController.aggregatedRules(for: role, among: roles).map(\.value)))
            roles.append(role)
        }
        return roles
    }

    static var clusterRoleBindings: [Value] {
        [
            binding("cluster-admin", role: "cluster-admin", groups: ["system:masters"]),
            binding(UserInfo.clusterAdminsGroup, role: "cluster-admin", groups: [UserInfo.clusterAdminsGroup], bootstrap: false),
            binding("system:basic-user", role: "system:basic-user", groups: [UserInfo.allAuthenticated]),
            binding("system:discovery", role: "system:discovery", groups: [UserInfo.allAuthenticated]),
            binding("system:public-info-viewer", role: "system:public-info-viewer",
                    groups: [UserInfo.allAuthenticated, UserInfo.allUnauthenticated]),
            binding("system:service-account-issuer-discovery", role: "system:service-account-issuer-discovery",
                    groups: [ServiceAccountUser.allGroup]),
        ]
    }
}
