import Testing
@testable import CLI
@testable import Simulator

/// `taller k auth can-i` (kubectl cmd/auth/cani.go) and `--as` on other verbs.
@Suite struct KubectlAuthTests {
    static let rbac = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: lector}
    rules:
    - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}
    - {apiGroups: [""], resources: [configmaps], resourceNames: [app], verbs: [get, update]}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: lector}
    subjects: [{kind: User, name: ana, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: Role, name: lector, apiGroup: rbac.authorization.k8s.io}

    """

    static func harness() -> KubectlHarness {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("rbac.yaml", rbac))
        return h
    }

    struct Case: CustomStringConvertible, Sendable {
        var args: [String]
        var out: String
        var err = ""
        var code: Int32
        var description: String { args.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(args: ["list", "pods", "--as", "ana"], out: "yes\n", code: 0),
        Case(args: ["delete", "pods", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["get", "pods/web", "--as", "ana"], out: "yes\n", code: 0),
        Case(args: ["get", "pods", "--subresource=log", "--as", "ana"], out: "yes\n", code: 0),
        Case(args: ["create", "pods", "--subresource=exec", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["get", "configmaps/app", "--as", "ana"], out: "yes\n", code: 0),
        Case(args: ["get", "configmaps/otro", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["list", "pods", "-A", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["list", "pods", "-n", "kube-system", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["list", "pods", "--as", "ana", "-q"], out: "", code: 0),
        Case(args: ["*", "*"], out: "yes\n", code: 0),
        Case(args: ["delete", "nodes", "-A"], out: "yes\n", code: 0),
        Case(args: ["get", "/healthz", "--as", "ana"], out: "yes\n", code: 0),
        Case(args: ["get", "/metrics", "--as", "ana"], out: "no\n", code: 1),
        Case(args: ["list", "deploy", "--as", "ana", "--as-group", "system:masters"], out: "yes\n", code: 0),
        Case(args: ["get", "nodes", "--as", "ana"], out: "no\n", err: "Warning: resource 'nodes' is not namespace scoped\n\n", code: 1),
        Case(args: ["get", "gatos", "--as", "ana"], out: "no\n", err: "Warning: the server doesn't have a resource type 'gatos'\n\n", code: 1),
        Case(args: ["get", "gatos.example.com", "--as", "ana"], out: "no\n", err: "Warning: the server doesn't have a resource type 'gatos' in group 'example.com'\n\n", code: 1),
        Case(args: ["mirar", "pods", "--as", "ana"], out: "no\n", err: "Warning: verb 'mirar' is not a known verb\n\n", code: 1),
        Case(args: ["impersonate", "users"], out: "yes\n", code: 0),
    ]

    @Test(arguments: cases) func canI(_ c: Case) {
        let h = Self.harness()
        let r = h.run(["k", "auth", "can-i"] + c.args)
        #expect(r.out == c.out)
        #expect(r.err == c.err)
        #expect(r.code == c.code)
    }

    @Test func canIErrors() {
        let h = Self.harness()
        #expect(h.k("auth", "can-i", "get").err.hasPrefix("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n"))
        #expect(h.k("auth", "can-i", "--list", "pods").err == "error: list option must be specified with no arguments\n")
        #expect(h.k("auth", "can-i", "--list", "-A").err == "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n")
        #expect(h.k("auth", "can-i", "get", "pods", "--no-headers").err == "error: --no-headers cannot be set without --list specified\n")
        #expect(h.k("auth", "can-i", "get", "/healthz", "--subresource=log").err == "error: --subresource can not be used with NonResourceURL\n")
        #expect(h.k("get", "pods", "--as-group", "dev").code == 1)
        // A binding to a missing role: the reason follows `no`.
        h.k("apply", "-f", h.file("huerfano.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: huerfano}
        subjects: [{kind: User, name: eva, apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: Role, name: no-existe, apiGroup: rbac.authorization.k8s.io}

        """))
        #expect(h.k("auth", "can-i", "list", "pods", "--as", "eva").out == "no - RBAC: role.rbac.authorization.k8s.io \"no-existe\" not found\n")
    }

    @Test func listTable() {
        let h = Self.harness()
        let table = h.k("auth", "can-i", "--list", "--as", "ana", "--no-headers").out
        let rows = table.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.first == "selfsubjectreviews.authentication.k8s.io [] [] [create]")
        // `[get list]` sorts before `[get update]` and before `[get]`; `pods/log` before `pods`.
        #expect(Array(rows[3...5]) == ["pods/log [] [] [get list]", "pods [] [] [get list]", "configmaps [] [app] [get update]"])
        #expect(rows.last == "[/version] [] [get]")
        let admin = h.k("auth", "can-i", "--list").out.split(separator: "\n").map(String.init)
        #expect(admin[0] == "Resources                                       Non-Resource URLs   Resource Names   Verbs")
        #expect(admin[1] == "*.*                                             []                  []               [*]")
    }

    /// kubectl/pkg/util/rbac: BreakdownRule, CompactRules, and the sort on the generated String().
    @Test func ruleCompaction() {
        let rules = [PolicyRule(verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["deployments/scale"]),
                     PolicyRule(verbs: ["watch"], apiGroups: [""], resources: ["deployments/scale"]),
                     PolicyRule(verbs: ["get"], nonResourceURLs: ["/a", "/b"])]
        #expect(PolicyRuleTable.breakdown(rules[0]).count == 4)
        #expect(PolicyRuleTable.compact(rules.flatMap(PolicyRuleTable.breakdown)) == [
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/a"]), PolicyRule(verbs: ["get"], nonResourceURLs: ["/b"]),
            PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["deployments/scale"]),
            PolicyRule(verbs: ["get", "list"], apiGroups: ["apps"], resources: ["deployments/scale"]),
        ])
        #expect(PolicyRuleTable.combine(["deployments/scale"], ["apps"]) == "deployments.apps/scale")
        #expect(PolicyRuleTable.text(rules, headers: false) == """
        deployments/scale        []     []    [get list watch]
        deployments.apps/scale   []     []    [get list]
                                 [/a]   []    [get]
                                 [/b]   []    [get]

        """)
    }

    @Test func forbiddenOnOtherVerbs() {
        let h = Self.harness()
        h.k("create", "deployment", "web", "--image=nginx:1.27")
        h.run(["cluster", "avanzar", "10s"])
        let web = h.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {a: b}\n")
        // apply: the GET is allowed (resourceNames), the create is not (a create has no name).
        let apply = h.k("apply", "-f", web, "--as", "ana")
        #expect(apply.code == 1)
        #expect(apply.err.hasPrefix("Error from server (Forbidden): error when creating \"\(web)\": configmaps is forbidden: User \"ana\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"\n  El usuario «ana»"))
        let get = h.k("apply", "-f", h.file("otro.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: otro}\n"), "--as", "ana")
        #expect(get.err.hasPrefix("Error from server (Forbidden): error when retrieving current configuration of:\nResource: \"/v1, Resource=configmaps\", GroupVersionKind: \"/v1, Kind=ConfigMap\"\nName: \"otro\", Namespace: \"default\"\nfrom server for: \"\(h.workDirectory)/otro.yaml\": configmaps \"otro\" is forbidden: User \"ana\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"default\""))
        let pod = h.k("get", "pods", "-o", "name").out.split(separator: "\n")[0].dropFirst("pod/".count)
        #expect(h.k("logs", String(pod), "--as", "ana").code == 0)
        #expect(h.k("exec", String(pod), "--as", "ana", "--", "hostname").err.hasPrefix("Error from server (Forbidden): pods \"\(pod)\" is forbidden: User \"ana\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"default\"\n"))
        #expect(h.k("delete", "pod", String(pod), "--as", "ana").err.hasPrefix("Error from server (Forbidden): pods \"\(pod)\" is forbidden: User \"ana\" cannot delete resource \"pods\""))
        #expect(h.k("describe", "deployment", "web", "--as", "ana").err.hasPrefix("Error from server (Forbidden): deployments.apps \"web\" is forbidden: User \"ana\" cannot get resource \"deployments\""))
        #expect(h.k("get", "events", "-A", "--as", "ana").err.hasPrefix("Error from server (Forbidden): events is forbidden: User \"ana\" cannot list resource \"events\" in API group \"\" at the cluster scope\n"))
        #expect(h.k("scale", "deployment", "web", "--replicas=2", "--as", "x", "--as-group", "system:masters").code == 0)
        // Without --as, nothing changes: kind's admin may do it all.
        #expect(h.k("delete", "pod", String(pod)).code == 0)
    }
}
