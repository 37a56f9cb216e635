#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import CLI

/// `taller cluster reiniciar|avanzar|estado`, the state folder and the wall clock.
struct ClusterCommandTests {
    @Test func stateSurvivesBetweenInvocations() {
        let h = KubectlHarness()
        h.k("create", "configmap", "cfg", "--from-literal=a=1")
        #expect(h.k("get", "cm", "cfg", "-o", "name").out == "configmap/cfg\n")
        // A second harness on the same folder is a new process as far as the state goes.
        var other = h
        other.wallClock = nil
        #expect(other.k("get", "cm", "cfg", "-o", "jsonpath={.data.a}").out == "1")
    }

    /// `get` of other kinds leaves the saved events encoded; when that same read moves the
    /// clock far enough to run controllers and save, the events are all still there after.
    @Test func getWithDeferredEventsKeepsThem() {
        var h = KubectlHarness(wallClock: 1_000_000)
        h.k("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3")
        h.wallClock = 1_000_000 + 30_000
        let before = h.k("get", "events", "-o", "name").out
        #expect(before.split(separator: "\n").count >= 15)
        #expect(KubectlCommand.readsEvents("get", ["pods"]) == false)
        #expect(KubectlCommand.readsEvents("get", ["deploy/web", "pod/x"]) == false)
        for args in [["events"], ["ev"], ["pods,events"], ["all"], ["nadaquesea"], []] {
            #expect(KubectlCommand.readsEvents("get", args), "\(args)")
        }
        #expect(KubectlCommand.readsEvents("describe", ["pods"]))
        #expect(h.k("get", "pods", "--no-headers").out.split(separator: "\n").count == 3)
        // Scale down as the clock jumps: the read sees it settle, and saves.
        h.k("scale", "deployment", "web", "--replicas=1")
        h.wallClock = 1_000_000 + 90_000
        #expect(h.k("get", "pods", "--no-headers").out.split(separator: "\n").count == 1)
        let after = h.k("get", "events", "-o", "name").out
        for line in before.split(separator: "\n") { #expect(after.contains(line), "\(line)") }
        #expect(after.contains("Killing") || h.k("get", "events").out.contains("Killing"))
    }

    @Test func freshClusterHasTheCourseNodes() {
        let h = KubectlHarness()
        let nodes = h.k("get", "nodes")
        #expect(nodes.out == """
        NAME                   STATUS   ROLES           AGE   VERSION
        taller-control-plane   Ready    control-plane   0s    v1.32.4
        taller-worker          Ready    <none>          0s    v1.32.4
        taller-worker2         Ready    <none>          0s    v1.32.4
        taller-worker3         Ready    <none>          0s    v1.32.4

        """)
        let reset = h.run(["cluster", "reiniciar", "--nodos", "1"])
        #expect(reset.code == 0)
        #expect(reset.out.hasPrefix("Clúster nuevo en \(h.folder): un nodo de control (taller-control-plane) y 1 nodo de trabajo."))
        #expect(h.k("get", "nodes", "-o", "name").out == "node/taller-control-plane\nnode/taller-worker\n")
    }

    @Test func advanceMovesTheClock() {
        let h = KubectlHarness()
        h.k("create", "configmap", "cfg")
        #expect(h.run(["cluster", "avanzar", "1h30m"]).out == "Reloj del clúster: 2026-01-01T00:00:00Z → 2026-01-01T01:30:00Z\n")
        #expect(h.k("get", "cm", "cfg").out.contains("90m"))
        for bad in ["5", "5x", "-1m", "abc", ""] {
            let r = h.run(["cluster", "avanzar", bad])
            #expect(r.code == 2, "\(bad)")
            #expect(r.err.hasPrefix("error: "), "\(bad)")
        }
        #expect((try? GoDuration.parse("1.5h").get()) == 5_400_000)
        #expect((try? GoDuration.parse("300ms").get()) == 300)
        let status = h.run(["cluster", "estado"])
        #expect(status.out.contains("Hora virtual: 2026-01-01T01:30:00Z (90m desde que empezó)"))
        #expect(status.out.contains("Nodos: 4 (4 Ready)"))
    }

    @Test func wallClockAdvancesTheClusterWithACap() {
        var h = KubectlHarness(wallClock: 1_000_000)
        h.k("create", "configmap", "cfg")
        h.wallClock = 1_000_000 + 42_000
        #expect(h.k("get", "cm", "cfg").out.contains("42s"))
        // The read above saved nothing: the jump counts from the last save, capped at 1 h.
        h.wallClock = 1_000_000 + 42_000 + 86_400_000
        #expect(h.run(["cluster", "estado"]).out.contains("Hora virtual: 2026-01-01T01:00:00Z"))
    }

    @Test func damagedStateSaysHowToGetOut() {
        let h = KubectlHarness()
        h.k("create", "configmap", "cfg")
        let path = h.folder + "/cluster.estado"
        let fd = open(path, O_WRONLY | O_TRUNC)
        _ = "basura".withCString { write(fd, $0, 6) }
        close(fd)
        let r = h.k("get", "pods")
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("está dañado"))
        #expect(r.err.contains("taller cluster reiniciar"))
        #expect(h.run(["cluster", "reiniciar"]).code == 0)
        #expect(h.k("get", "cm", "cfg").code == 1)
    }
}

/// Services through `taller k`: CLUSTER-IP, EXTERNAL-IP `<pending>` until the simulated load
/// balancer is on, PORT(S) with the NodePort.
struct ServiceNetworkingCLITests {
    @Test func getServicesAndEndpoints() {
        let h = KubectlHarness()
        let file = h.file("app.yaml", deploymentManifest(replicas: 2) + """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          type: LoadBalancer
          selector: {app: web}
          ports: [{port: 80}]

        """)
        #expect(h.k("apply", "-f", file).out == "deployment.apps/web created\nservice/web created\n")
        h.run(["cluster", "avanzar", "10s"])
        let out = h.k("get", "svc,ep").out
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let columns = { (line: String) in line.split(separator: " ").map(String.init) }
        #expect(columns(lines[0]) == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"])
        #expect(columns(lines[1]) == ["service/kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "10s"])
        let web = columns(lines[2])
        #expect(web[0] == "service/web" && web[1] == "LoadBalancer" && web[3] == "<pending>")
        #expect(web[2].hasPrefix("10."))
        #expect(web[4].hasPrefix("80:3") && web[4].hasSuffix("/TCP"))
        #expect(out.contains("endpoints/kubernetes   172.18.0.2:6443"))
        #expect(out.contains("endpoints/web          10.244."))
        #expect(h.run(["cluster", "balanceador", "activar"]).code == 0)
        #expect(h.k("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").out == "172.18.255.200")
        #expect(h.run(["cluster", "balanceador", "apagar"]).code != 0)
        h.run(["cluster", "balanceador", "desactivar"])
        #expect(h.k("get", "svc", "web").out.contains("<pending>"))
    }
}

/// `taller k cordon|uncordon` (kubectl drain.go RunCordonOrUncordon) and `taller cluster nodo
/// caer|levantar` (the kubelet stopping and starting, for the node lifecycle controller).
struct NodeCLITests {
    @Test func cordonAndUncordon() {
        let h = KubectlHarness()
        #expect(h.k("cordon", "taller-worker").out == "node/taller-worker cordoned\n")
        #expect(h.k("cordon", "taller-worker").out == "node/taller-worker already cordoned\n")
        #expect(h.k("get", "node", "taller-worker", "-o", "custom-columns=U:.spec.unschedulable,T:.spec.taints[0].key,E:.spec.taints[0].effect").out
                == "U      T                                  E\ntrue   node.kubernetes.io/unschedulable   NoSchedule\n")
        #expect(h.k("get", "nodes").out.contains("taller-worker          Ready,SchedulingDisabled   <none>"))
        #expect(h.k("uncordon", "taller-worker", "--dry-run=client").out == "node/taller-worker uncordoned (dry run)\n")
        #expect(h.k("uncordon", "taller-worker").out == "node/taller-worker uncordoned\n")
        #expect(h.k("uncordon", "taller-worker").out == "node/taller-worker already uncordoned\n")
        #expect(h.k("get", "node", "taller-worker", "-o", "custom-columns=T:.spec.taints").out == "T\n<none>\n")
        #expect(h.k("cordon").err == "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n")
        #expect(h.k("cordon", "nadie").err == "Error from server (NotFound): nodes \"nadie\" not found\n")
    }

    @Test func nodeDownAndUp() {
        let h = KubectlHarness()
        #expect(h.run(["cluster", "nodo", "caer", "taller-worker2"]).out.hasPrefix("El nodo taller-worker2 ha caído"))
        #expect(h.run(["cluster", "nodo", "caer", "taller-worker2"]).out == "El nodo taller-worker2 ya estaba caído.\n")
        h.run(["cluster", "avanzar", "41s"])
        #expect(h.k("get", "nodes").out.contains("taller-worker2         NotReady"))
        #expect(h.run(["cluster", "nodo", "levantar", "taller-worker2"]).code == 0)
        #expect(h.k("get", "nodes").out.contains("taller-worker2         Ready"))
        let unknown = h.run(["cluster", "nodo", "caer", "nadie"])
        #expect(unknown.code == 1 && unknown.err.contains("no hay ningún nodo «nadie»"))
        #expect(h.run(["cluster", "nodo", "romper", "taller-worker"]).code == 2)
    }
}
