import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The default roles of a fresh kind cluster (bootstrappolicy/policy.go) and their aggregation
/// (clusterroleaggregation_controller.go).
@Suite struct BootstrapPolicyTests {
    static let clusterRoles = "clusterroles.rbac.authorization.k8s.io"

    func rules(_ cluster: Cluster, _ name: String) -> [PolicyRule] {
        let role = cluster.api.store[ObjectKey(resource: Self.clusterRoles, namespace: "", name: name)]
        return (role?.value["rules"]?.sequence ?? []).map(PolicyRule.init)
    }

    @Test func freshClusterHasTheDefaultRolesAndBindings() {
        let cluster = Cluster(seed: 3, workers: 1)
        for name in ["cluster-admin", "admin", "edit", "view", "system:basic-user", "system:discovery", "system:public-info-viewer"] {
            #expect(cluster.api.store[ObjectKey(resource: Self.clusterRoles, namespace: "", name: name)] != nil, "\(name)")
        }
        let binding = cluster.api.store[ObjectKey(resource: "clusterrolebindings.rbac.authorization.k8s.io", namespace: "", name: "kubeadm:cluster-admins")]
        #expect(binding?.value.at("roleRef", "name")?.string == "cluster-admin")
        #expect(binding?.value.seq("subjects").first?.str("name") == "kubeadm:cluster-admins")
        // Written without advancing the revision: every later resourceVersion is as before.
        let view = cluster.api.store[ObjectKey(resource: Self.clusterRoles, namespace: "", name: "view")]
        #expect(view?.resourceVersion == String(cluster.api.store.revision))
        cluster.api.store.checkInvariants()
    }

    @Test func aggregatedRolesAreTheUnionInNameOrder() {
        let cluster = Cluster(seed: 3, workers: 1)
        #expect(rules(cluster, "view") == BootstrapPolicy.aggregateToView)
        // edit: system:aggregate-to-edit, then view ("s" < "v").
        #expect(rules(cluster, "edit") == BootstrapPolicy.aggregateToEdit + BootstrapPolicy.aggregateToView)
        // admin: edit, then system:aggregate-to-admin.
        #expect(rules(cluster, "admin") == BootstrapPolicy.aggregateToEdit + BootstrapPolicy.aggregateToView + BootstrapPolicy.aggregateToAdmin)
    }

    struct Case: CustomStringConvertible, Sendable {
        var role: String
        var verb: String
        var group = ""
        var resource: String
        var subresource = ""
        var allowed: Bool
        var description: String { "\(role): \(verb) \(resource)\(subresource.isEmpty ? "" : "/" + subresource) → \(allowed)" }
    }

    static let cases: [Case] = [
        Case(role: "view", verb: "get", resource: "pods", allowed: true),
        Case(role: "view", verb: "get", resource: "pods", subresource: "log", allowed: true),
        Case(role: "view", verb: "get", resource: "secrets", allowed: false),
        Case(role: "view", verb: "create", resource: "pods", subresource: "exec", allowed: false),
        Case(role: "view", verb: "list", group: "policy", resource: "poddisruptionbudgets", allowed: true),
        Case(role: "edit", verb: "get", resource: "secrets", allowed: true),
        Case(role: "edit", verb: "create", resource: "pods", subresource: "exec", allowed: true),
        Case(role: "edit", verb: "create", resource: "pods", subresource: "eviction", allowed: true),
        Case(role: "edit", verb: "patch", group: "apps", resource: "deployments", subresource: "scale", allowed: true),
        Case(role: "edit", verb: "create", group: "rbac.authorization.k8s.io", resource: "rolebindings", allowed: false),
        Case(role: "admin", verb: "create", group: "rbac.authorization.k8s.io", resource: "rolebindings", allowed: true),
        Case(role: "admin", verb: "create", group: "rbac.authorization.k8s.io", resource: "clusterroles", allowed: false),
        Case(role: "admin", verb: "delete", resource: "nodes", allowed: false),
        Case(role: "cluster-admin", verb: "delete", resource: "nodes", allowed: true),
    ]

    /// Each default role bound in namespace `default` to a user of its own name.
    @Test(arguments: cases) func defaultRoles(_ c: Case) throws {
        var cluster = Cluster(seed: 3, workers: 1)
        _ = try cluster.api.apply(decoded("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: \(c.role), namespace: default}
        subjects: [{kind: User, name: "u-\(c.role)", apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: ClusterRole, name: \(c.role), apiGroup: rbac.authorization.k8s.io}
        """))
        let a = AuthorizationAttributes(user: .impersonating("u-\(c.role)", groups: []), verb: c.verb, namespace: "default",
                                        apiGroup: c.group, resource: c.resource, subresource: c.subresource, name: "x")
        #expect(ClusterAuthorizer(store: cluster.api.store).authorize(a).allowed == c.allowed)
    }

    @Test func aLabelledClusterRoleJoinsViewEditAndAdmin() throws {
        var cluster = Cluster(seed: 3, workers: 1)
        _ = try cluster.api.apply(decoded("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ver-widgets
          labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
        rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get, list]}]
        """))
        cluster.advance()
        let widgets = PolicyRule(verbs: ["get", "list"], apiGroups: ["example.com"], resources: ["widgets"])
        #expect(rules(cluster, "view").last == widgets)
        #expect(rules(cluster, "edit").last == widgets)
        #expect(rules(cluster, "admin").contains(widgets))
        #expect(ClusterRoleAggregationController().reconcile(
            key: ObjectKey(resource: Self.clusterRoles, namespace: "", name: "view"), state: ClusterState(store: cluster.api.store),
            now: cluster.now).isEmpty)
    }
}
