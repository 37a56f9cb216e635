import KubeAPI
import Testing
import YAML
@testable import Simulator

/// plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/registry/rbac/validation/rule.go: which
/// requests the bindings of `RBACFixture` allow, on a cluster with kind's bootstrap policy.
@Suite struct RBACAuthorizerTests {
    struct Case: CustomStringConvertible, Sendable {
        var user: String
        var groups: [String] = []
        var verb: String
        var group = ""
        var resource: String
        var subresource = ""
        var namespace = "default"
        var name = ""
        var allowed: Bool
        var description: String {
            "\(user) \(verb) \(group.isEmpty ? "" : group + "/")\(resource)\(subresource.isEmpty ? "" : "/" + subresource) \(name) en «\(namespace)» → \(allowed)"
        }
    }

    static let cases: [Case] = [
        // A Role bound to a user: its verbs, its resource, its namespace only.
        Case(user: "ana", verb: "list", resource: "pods", allowed: true),
        Case(user: "ana", verb: "get", resource: "pods", name: "web", allowed: true),
        Case(user: "ana", verb: "delete", resource: "pods", name: "web", allowed: false),
        Case(user: "ana", verb: "list", resource: "pods", namespace: "kube-system", allowed: false),
        Case(user: "ana", verb: "list", resource: "pods", namespace: "", allowed: false),
        Case(user: "ana", verb: "list", resource: "services", allowed: false),
        // Subresources: `pods/log` is granted on its own; `pods` does not cover `pods/exec`.
        Case(user: "ana", verb: "get", resource: "pods", subresource: "log", name: "web", allowed: true),
        Case(user: "ana", verb: "create", resource: "pods", subresource: "exec", name: "web", allowed: false),
        // resourceNames: only that name, so never a list.
        Case(user: "ana", verb: "get", resource: "configmaps", name: "app-config", allowed: true),
        Case(user: "ana", verb: "get", resource: "configmaps", name: "otra", allowed: false),
        Case(user: "ana", verb: "list", resource: "configmaps", allowed: false),
        // apiGroups must match: deployments are in `apps`; `*/scale` covers any scale.
        Case(user: "ana", verb: "patch", group: "apps", resource: "deployments", subresource: "scale", name: "web", allowed: true),
        Case(user: "ana", verb: "patch", group: "apps", resource: "statefulsets", subresource: "scale", name: "db", allowed: true),
        Case(user: "ana", verb: "patch", group: "apps", resource: "deployments", name: "web", allowed: false),
        Case(user: "ana", verb: "patch", resource: "deployments", subresource: "scale", name: "web", allowed: false),
        // Wildcards: verbs, groups and resources `*` in one namespace.
        Case(user: "max", verb: "deletecollection", group: "batch", resource: "jobs", namespace: "juegos", allowed: true),
        Case(user: "max", verb: "create", resource: "secrets", namespace: "juegos", allowed: true),
        Case(user: "max", verb: "create", resource: "secrets", namespace: "default", allowed: false),
        // A ClusterRoleBinding to a group: everywhere, and at the cluster scope.
        Case(user: "luis", groups: ["operaciones"], verb: "list", resource: "nodes", namespace: "", allowed: true),
        Case(user: "luis", verb: "list", resource: "nodes", namespace: "", allowed: false),
        // A RoleBinding to the ClusterRole `view` for a service account: its namespace only.
        Case(user: "system:serviceaccount:dev:robot", verb: "list", group: "apps", resource: "deployments", namespace: "dev", allowed: true),
        Case(user: "system:serviceaccount:dev:robot", verb: "list", resource: "secrets", namespace: "dev", allowed: false),
        Case(user: "system:serviceaccount:dev:robot", verb: "list", group: "apps", resource: "deployments", namespace: "default", allowed: false),
        Case(user: "system:serviceaccount:default:robot", verb: "list", group: "apps", resource: "deployments", namespace: "dev", allowed: false),
        // Every service account of `juegos` through its group, bound to `edit`.
        Case(user: "system:serviceaccount:juegos:otro", verb: "create", group: "apps", resource: "deployments", namespace: "juegos", allowed: true),
        Case(user: "system:serviceaccount:juegos:otro", verb: "get", resource: "secrets", namespace: "juegos", name: "s", allowed: true),
        Case(user: "system:serviceaccount:juegos:otro", verb: "create", resource: "pods", subresource: "exec", namespace: "juegos", name: "p", allowed: true),
        Case(user: "system:serviceaccount:juegos:otro", verb: "create", group: "rbac.authorization.k8s.io", resource: "roles", namespace: "juegos", allowed: false),
        Case(user: "system:serviceaccount:dev:otro", verb: "create", group: "apps", resource: "deployments", namespace: "juegos", allowed: false),
        // The bootstrap policy: kind's admin, system:masters, what any authenticated user may do.
        Case(user: "kubernetes-admin", groups: ["kubeadm:cluster-admins"], verb: "delete", resource: "nodes", namespace: "", name: "x", allowed: true),
        Case(user: "root", groups: ["system:masters"], verb: "escalate", group: "rbac.authorization.k8s.io", resource: "clusterroles", namespace: "", allowed: true),
        Case(user: "nadie", verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews", namespace: "", allowed: true),
        Case(user: "nadie", verb: "get", resource: "namespaces", namespace: "", name: "default", allowed: false),
    ]

    @Test(arguments: cases) func resourceRequests(_ c: Case) throws {
        let cluster = try RBACFixture.cluster()
        let user = c.groups.isEmpty ? UserInfo.impersonating(c.user, groups: []) : UserInfo(name: c.user, groups: c.groups + [UserInfo.allAuthenticated])
        let a = AuthorizationAttributes(user: user, verb: c.verb, namespace: c.namespace, apiGroup: c.group, resource: c.resource,
                                        subresource: c.subresource, name: c.name)
        #expect(ClusterAuthorizer(store: cluster.api.store).authorize(a).allowed == c.allowed)
    }

    @Test func nonResourceURLs() throws {
        let cluster = try RBACFixture.cluster()
        let authorizer = ClusterAuthorizer(store: cluster.api.store)
        func can(_ user: String, _ path: String) -> Bool {
            authorizer.authorize(AuthorizationAttributes(user: .impersonating(user, groups: []), verb: "get", path: path)).allowed
        }
        #expect(can("nadie", "/healthz"))            // system:public-info-viewer
        #expect(can("nadie", "/apis/apps"))          // system:discovery, `/apis/*`
        #expect(!can("nadie", "/metrics"))
        #expect(can("mon", "/metrics"))
        #expect(can("mon", "/logs/kube-apiserver.log")) // `/logs/*` is a prefix
        #expect(!can("mon", "/logsx"))
    }

    @Test func reasonsAndSources() throws {
        let cluster = try RBACFixture.cluster()
        let authorizer = RBACAuthorizer(store: cluster.api.store)
        let allowed = authorizer.authorize(AuthorizationAttributes(user: .impersonating("ana", groups: []), verb: "list", namespace: "default", resource: "pods"))
        #expect(allowed.reason == "RBAC: allowed by RoleBinding \"lectores/default\" of Role \"lector-pods\" to User \"ana\"")
        // A binding to a role that does not exist: no opinion, with the error as the reason.
        let orphan = authorizer.authorize(AuthorizationAttributes(user: .impersonating("eva", groups: []), verb: "list", namespace: "default", resource: "pods"))
        #expect(!orphan.allowed && orphan.reason == "RBAC: role.rbac.authorization.k8s.io \"no-existe\" not found")
        let a = AuthorizationAttributes(user: .impersonating("eva", groups: []), verb: "list", namespace: "default", resource: "pods")
        #expect(APIError.unauthorized(a, reason: orphan.reason).kubectlMessage()
                == "Error from server (Forbidden): pods is forbidden: User \"eva\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\": RBAC: role.rbac.authorization.k8s.io \"no-existe\" not found")
    }

    @Test func forbiddenMessages() {
        let ana = UserInfo.impersonating("ana", groups: [])
        let named = AuthorizationAttributes(user: ana, verb: "get", namespace: "default", apiGroup: "apps", resource: "deployments", name: "web")
        #expect(named.forbiddenStatusMessage(reason: "") == "deployments.apps \"web\" is forbidden: User \"ana\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"default\"")
        let cluster = AuthorizationAttributes(user: ana, verb: "list", resource: "nodes")
        #expect(cluster.forbiddenStatusMessage(reason: "") == "nodes is forbidden: User \"ana\" cannot list resource \"nodes\" in API group \"\" at the cluster scope")
        let sub = AuthorizationAttributes(user: ana, verb: "create", namespace: "default", resource: "pods", subresource: "exec", name: "web")
        #expect(sub.forbiddenStatusMessage(reason: "") == "pods \"web\" is forbidden: User \"ana\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\"")
        let path = AuthorizationAttributes(user: ana, verb: "get", path: "/metrics")
        #expect(path.forbiddenStatusMessage(reason: "") == "forbidden: User \"ana\" cannot get path \"/metrics\"")
    }

    /// impersonation.go: the groups an impersonated user ends up with.
    @Test func impersonatedGroups() {
        #expect(UserInfo.impersonating("ana", groups: []).groups == ["system:authenticated"])
        #expect(UserInfo.impersonating("ana", groups: ["dev"]).groups == ["dev", "system:authenticated"])
        #expect(UserInfo.impersonating("ana", groups: ["system:authenticated"]).groups == ["system:authenticated"])
        #expect(UserInfo.impersonating("system:serviceaccount:dev:robot", groups: []).groups
                == ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"])
        #expect(UserInfo.impersonating("system:serviceaccount:dev:robot", groups: ["x"]).groups == ["x", "system:authenticated"])
        #expect(UserInfo.impersonating("system:anonymous", groups: []).groups == ["system:unauthenticated"])
        #expect(ServiceAccountUser(username: "system:serviceaccount:dev") == nil)
        #expect(ServiceAccountUser(username: "system:serviceaccount:dev:robot:x") == nil)
    }
}
