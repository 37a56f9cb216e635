import KubeAPI
import Testing
import YAML
@testable import Simulator

/// KEP-753 sidecars at the end of a pod (kuberuntime_manager.go computePodActions `KillPod`,
/// kuberuntime_termination_order.go): once the regular containers are done for good the
/// kubelet stops the sidecars, last first, and the pod completes.
@Suite struct SidecarStopTests {
    func pod(_ name: String, restartPolicy: String, main: String, sidecars: [(name: String, image: String)], grace: Int? = nil) -> String {
        let sidecarYAML = sidecars.map { s in
            s.image.hasPrefix("busybox")
                ? "  - {name: \(s.name), image: \(s.image), restartPolicy: Always, command: [sh, -c, 'while true; do echo \(s.name); sleep 10; done']}"
                : "  - {name: \(s.name), image: \(s.image), restartPolicy: Always}"
        }.joined(separator: "\n")
        return """
            apiVersion: v1
            kind: Pod
            metadata: {name: \(name), namespace: default}
            spec:
              restartPolicy: \(restartPolicy)
            \(grace.map { "  terminationGracePeriodSeconds: \($0)" } ?? "")
              initContainers:
            \(sidecarYAML)
              containers:
              - {name: main, image: busybox:1.36, command: [sh, -c, '\(main)']}
            """
    }

    /// A cluster with the pods created and `seconds` of virtual time run.
    func cluster(_ yamls: String..., advancing seconds: Int64) throws -> Cluster {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        for yaml in yamls { _ = try c.api.create(decoded(yaml)) }
        c.advance(by: .seconds(seconds))
        return c
    }

    func status(_ c: Cluster, _ name: String) throws -> Value {
        try #require(try c.api.get(pods, namespace: "default", name: name).value["status"])
    }

    func initState(_ s: Value, _ name: String) -> Value? {
        s["initContainerStatuses"]?.sequence?.first { $0["name"]?.string == name }?["state"]
    }

    @Test func aSidecarThatIgnoresSIGTERMIsKilledAfterTheGracePeriod() throws {
        // Both start once busybox is pulled (0.6 s; the status keeps whole seconds): main exits
        // 0 at 5 s and the stop begins.
        var c = try cluster(pod("tarea", restartPolicy: "Never", main: "sleep 5", sidecars: [("registros", "busybox:1.36")]), advancing: 7)
        var s = try status(c, "tarea")
        #expect(s["phase"] == "Running")
        #expect(initState(s, "registros")?["running"] != nil)
        #expect(podEvents(c, "tarea").last == "Killing: Stopping container registros")
        c.advance(by: .seconds(27))
        #expect(try status(c, "tarea")["phase"] == "Running")
        c.advance(by: .seconds(2))
        s = try status(c, "tarea")
        #expect(s["phase"] == "Succeeded")
        let terminated = try #require(initState(s, "registros")?["terminated"])
        #expect(terminated["exitCode"] == 137)
        #expect(terminated["reason"] == "Error")
        #expect(terminated["finishedAt"] == .string((VirtualTime.courseEpoch + .seconds(35)).rfc3339))
        #expect(s["initContainerStatuses"]?[0]?["ready"] == false)
        #expect(Scheduler.condition(["status": s], "Ready")?["reason"] == "PodCompleted")
        // Not started again, and the kubelet forgot the stop.
        c.advance(by: .seconds(60))
        #expect(podEvents(c, "tarea").filter { $0.hasPrefix("Started") }.count == 2)
        #expect(c.api.store.memory.keys.allSatisfy { !$0.hasPrefix("parada/") })
    }

    @Test func sidecarsStopLastFirstEachWithWhatIsLeftOfTheGracePeriod() throws {
        // nginx stops on SIGTERM in 0.2 s; busybox's shell ignores it.
        let c = try cluster(pod("tarea", restartPolicy: "OnFailure", main: "sleep 5",
                                sidecars: [("registros", "busybox:1.36"), ("proxy", "nginx:1.27")], grace: 10), advancing: 30)
        let s = try status(c, "tarea")
        #expect(s["phase"] == "Succeeded")
        let proxy = try #require(initState(s, "proxy")?["terminated"])
        let registros = try #require(initState(s, "registros")?["terminated"])
        #expect(proxy["exitCode"] == 0)
        #expect(proxy["reason"] == "Completed")
        #expect(registros["exitCode"] == 137)
        let mainEnd = try #require(s["containerStatuses"]?[0]?["state"]?["terminated"]?["finishedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)))
        let proxyEnd = try #require(proxy["finishedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)))
        let registrosEnd = try #require(registros["finishedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)))
        // proxy stops in 0.2 s; registros then gets the 9.8 s left and is killed.
        #expect(proxyEnd == mainEnd)
        #expect(registrosEnd == mainEnd + .seconds(10))
        let kills = podEvents(c, "tarea").filter { $0.hasPrefix("Killing") }
        #expect(kills == ["Killing: Stopping container proxy", "Killing: Stopping container registros"])
    }

    @Test func sidecarsKeepRunningWhileWorkRemains() throws {
        // OnFailure restarts a failed main container: the sidecar stays. Always (a plain pod, as
        // in a Deployment): never stopped.
        let c = try cluster(pod("reintenta", restartPolicy: "OnFailure", main: "sleep 2; exit 1", sidecars: [("registros", "busybox:1.36")]),
                            pod("siempre", restartPolicy: "Always", main: "sleep 2", sidecars: [("registros", "busybox:1.36")]), advancing: 60)
        for name in ["reintenta", "siempre"] {
            let s = try status(c, name)
            #expect(s["phase"] == "Running")
            #expect(initState(s, "registros")?["running"] != nil)
            #expect(!podEvents(c, name).contains { $0.hasPrefix("Killing") })
        }
    }

    @Test func aFailedMainContainerUnderNeverFailsThePodOnceTheSidecarIsGone() throws {
        let c = try cluster(pod("falla", restartPolicy: "Never", main: "exit 3", sidecars: [("proxy", "nginx:1.27")]), advancing: 10)
        let s = try status(c, "falla")
        #expect(s["phase"] == "Failed")
        #expect(initState(s, "proxy")?["terminated"]?["reason"] == "Completed")
    }
}
