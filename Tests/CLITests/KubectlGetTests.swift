import Testing
@testable import CLI

/// `taller k get|describe|events|api-resources|version|explain` and the flag parser.
struct KubectlGetTests {
    func cluster() -> KubectlHarness {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("web.yaml", deploymentManifest()))
        h.k("create", "service", "clusterip", "web", "--tcp=80:8080")
        h.k("create", "namespace", "dev")
        h.k("create", "configmap", "cfg", "-n", "dev", "--from-literal=a=1")
        return h
    }

    @Test func tablesNamesAndErrors() {
        let h = cluster()
        // The Deployment controller has already created the ReplicaSet; no pod is ready yet.
        #expect(h.k("get", "deploy").out == "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    0/3     3            0           0s\n")
        #expect(h.k("get", "deployment/web", "-o", "name").out == "deployment.apps/web\n")
        #expect(h.k("get", "deploy,cm", "-o", "name").out == "deployment.apps/web\nconfigmap/kube-root-ca.crt\n")
        let missing = h.k("get", "deploy", "x")
        #expect(missing.code == 1)
        #expect(missing.err == "Error from server (NotFound): deployments.apps \"x\" not found\n")
        let unknown = h.k("get", "deploymnet")
        #expect(unknown.code == 1)
        #expect(unknown.err.hasPrefix("error: the server doesn't have a resource type \"deploymnet\"\n  pista: ¿querías decir «deployments»?"))
        #expect(h.k("get", "pods").out.components(separatedBy: "ContainerCreating").count == 4)
        #expect(h.k("get", "pods", "-n", "kube-public").err == "No resources found in kube-public namespace.\n")
        #expect(h.k("get", "pods", "-n", "dev").err == "No resources found in dev namespace.\n")
        #expect(h.k("get", "cm", "-A", "-o", "name").out.contains("configmap/cfg"))
        #expect(h.k("get", "cm", "-n", "dev", "-o", "jsonpath={.items[0].data.a}").out == "1")
        #expect(h.k("get", "cm", "cfg", "-ndev", "-o=jsonpath={.data}").out == "{\"a\":\"1\"}")
        #expect(h.k("get", "deploy", "-l", "app=web", "-o", "custom-columns=N:.metadata.name,R:.spec.replicas").out == "N     R\nweb   3\n")
        #expect(h.k("get", "deploy", "--show-labels").out.contains("app=web"))
        let wrongFormat = h.k("get", "deploy", "-o", "xml")
        #expect(wrongFormat.err.hasPrefix("error: unable to match a printer suitable for the output format \"xml\""))
        #expect(h.k("get").err.hasPrefix("You must specify the type of resource to get."))
    }

    @Test func yamlOfOneObjectAndListOfMany() {
        let h = cluster()
        let one = h.k("get", "deploy", "web", "-o", "yaml").out
        #expect(one.hasPrefix("apiVersion: apps/v1\nkind: Deployment\n"))
        let list = h.k("get", "deploy", "-o", "yaml").out
        #expect(list.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n"))
        #expect(list.hasSuffix("kind: List\nmetadata:\n  resourceVersion: \"\"\n"))
    }

    @Test func allAndSeveralKinds() {
        let h = cluster()
        let all = h.k("get", "all").out
        #expect(all.contains("service/web"))
        #expect(all.contains("deployment.apps/web"))
        #expect(h.k("get", "svc,deploy").out.contains("\n\nNAME                  READY"))
    }

    @Test func describeWithPrefixMatching() {
        let h = cluster()
        let d = h.k("describe", "deploy", "we")
        #expect(d.code == 0)
        #expect(d.out.hasPrefix("Name:                   web\nNamespace:              default\n"))
        #expect(d.out.contains("Events:"))
        #expect(h.k("describe", "deploy", "zz").err == "Error from server (NotFound): deployments.apps \"zz\" not found\n")
        #expect(h.k("describe", "ns", "dev").out.hasPrefix("Name:         dev\n"))
    }

    @Test func flagsFollowPflag() throws {
        let f = try KubectlFlags.parse(["-Ao", "wide", "get", "pods", "-lapp=web", "--dry-run", "--", "echo", "-n"])
        #expect(f.positionals == ["get", "pods"])
        #expect(f.allNamespaces)
        #expect(f.value("output") == "wide")
        #expect(f.value("selector") == "app=web")
        #expect(f.value("dry-run") == "client")
        #expect(f.command == ["echo", "-n"])
        let logs = try KubectlFlags.parse(["logs", "-f", "web"])
        #expect(logs.bool("follow"))
        let h = KubectlHarness()
        #expect(h.k("get", "pods", "--nope").err == "error: unknown flag: --nope\nSee 'kubectl get --help' for usage.\n")
        #expect(h.k("get", "pods", "-x").err == "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n")
        #expect(h.k("get", "pods", "-n").err == "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n")
        #expect(h.k("gte", "pods").err.hasPrefix("error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n"))
    }

    @Test func infoVerbs() {
        let h = KubectlHarness()
        #expect(h.k("version").out == "Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n")
        let resources = h.k("api-resources").out
        #expect(resources.hasPrefix("NAME                       SHORTNAMES   APIVERSION                     NAMESPACED   KIND\nconfigmaps                 cm           v1                             true         ConfigMap\n"))
        #expect(resources.contains("\ndeployments                deploy       apps/v1                        true         Deployment\n"))
        let explain = h.k("explain", "deploy.spec.replicas")
        #expect(explain.out.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\nDESCRIPTION:\n    Cuántos Pods"))
        #expect(h.k("explain", "pods.spec").out.contains("  containers\t<[]Container> -required-\n"))
        #expect(h.k("explain", "pods.spec.nada").err == "error: field \"nada\" does not exist\n")
    }
}
