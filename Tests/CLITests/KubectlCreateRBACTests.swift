import Testing
@testable import CLI

/// `taller k create serviceaccount|role|clusterrole|rolebinding|clusterrolebinding`
/// (kubectl cmd/create/create_role.go, create_rolebinding.go, create_serviceaccount.go).
@Suite struct KubectlCreateRBACTests {
    @Test func roleRulesOnePerGroup() {
        let h = KubectlHarness()
        let yaml = h.k("create", "role", "lector", "--verb=get,list", "--verb=get", "--resource=pods,deploy.apps,pods/log",
                       "--resource-name=web", "--dry-run=client", "-o", "yaml").out
        #expect(yaml == """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          creationTimestamp: null
          name: lector
        rules:
        - apiGroups:
          - ""
          resourceNames:
          - web
          resources:
          - pods
          - pods/log
          verbs:
          - get
          - list
        - apiGroups:
          - apps
          resourceNames:
          - web
          resources:
          - deployments
          verbs:
          - get
          - list

        """)
    }

    @Test func bindingsGrantWhatTheRoleSays() {
        let h = KubectlHarness()
        #expect(h.k("create", "serviceaccount", "robot").out == "serviceaccount/robot created\n")
        #expect(h.k("create", "role", "lector", "--verb=get,list", "--resource=pods").out == "role.rbac.authorization.k8s.io/lector created\n")
        #expect(h.k("create", "rolebinding", "lector", "--role=lector", "--user=ana", "--serviceaccount=default:robot").out
                == "rolebinding.rbac.authorization.k8s.io/lector created\n")
        #expect(h.k("auth", "can-i", "list", "pods", "--as", "system:serviceaccount:default:robot").out == "yes\n")
        #expect(h.k("auth", "can-i", "list", "pods", "--as", "ana").out == "yes\n")
        #expect(h.k("create", "clusterrolebinding", "ver-todo", "--clusterrole=view", "--group=auditores").code == 0)
        #expect(h.k("auth", "can-i", "list", "deployments", "-A", "--as", "luis", "--as-group", "auditores").out == "yes\n")
    }

    struct Failure: CustomStringConvertible, Sendable {
        var args: [String]
        var err: String
        var description: String { args.joined(separator: " ") }
    }

    static let failures: [Failure] = [
        Failure(args: ["role", "x", "--resource=pods"], err: "error: at least one verb must be specified\n"),
        Failure(args: ["role", "x", "--verb=get"], err: "error: at least one resource must be specified\n"),
        Failure(args: ["role", "x", "--verb=get", "--resource=gatos"], err: "error: the server doesn't have a resource type \"gatos\"\n"),
        Failure(args: ["role", "x", "--verb=bind", "--resource=pods"], err: "error: can not perform 'bind' on 'pods' in group ''\n"),
        Failure(args: ["rolebinding", "x", "--user=ana"], err: "error: exactly one of clusterrole or role must be specified\n"),
        Failure(args: ["clusterrolebinding", "x", "--user=ana"], err: "error: clusterrole must be specified\n"),
        Failure(args: ["rolebinding", "x", "--role=r", "--serviceaccount=robot"], err: "error: serviceaccount must be <namespace>:<name>\n"),
    ]

    @Test(arguments: failures) func refusals(_ f: Failure) {
        let r = KubectlHarness().run(["k", "create"] + f.args)
        #expect(r.err == f.err)
        #expect(r.code == 1)
    }

    @Test func unknownVerbsOnlyWarn() {
        let r = KubectlHarness().k("create", "role", "x", "--verb=mirar", "--resource=pods")
        #expect(r.out == "role.rbac.authorization.k8s.io/x created\n")
        #expect(r.err == "Warning: 'mirar' is not a standard resource verb\n")
    }
}
