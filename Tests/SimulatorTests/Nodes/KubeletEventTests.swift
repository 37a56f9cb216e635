import Testing
import KubeAPI
import YAML
@testable import Simulator

/// The kubelet's events name the container (`involvedObject.fieldPath`, from
/// pkg/kubelet/container/ref.go `GenerateContainerRef`) and the node whose kubelet records them
/// (`source.host` and `reportingInstance`: kubelet.go builds its recorder with
/// `EventSource{Component: "kubelet", Host: nodeName}`).
@Suite struct KubeletEventTests {
    /// Two containers of one image: each has its own `Pulling`, `Created`, `Started`, since the
    /// recorder's key (events_cache.go `getEventKey`) includes the fieldPath.
    @Test func eachContainerHasItsOwnEvents() throws {
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - {name: uno, image: "nginx:1.27"}
              - {name: dos, image: "nginx:1.27"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: roto}
            spec:
              nodeName: taller-worker
              volumes: [{name: datos, configMap: {name: falta}}]
              containers:
              - {name: web, image: "nginx:1.27"}
            """
        for result in try KubeDecoder().decodeAll(Array(yaml.utf8), file: "pods.yaml") { _ = try cluster.api.create(result.get()) }
        cluster.advance(by: .seconds(5))
        let events = cluster.api.list(Kinds.resolve("events")!, namespace: "default").map(\.value)
        let pod = try cluster.api.get(Kinds.resolve("pods")!, namespace: "default", name: "web").value
        let node = try #require(pod["spec"]?["nodeName"]?.string)
        func find(_ reason: String, _ path: String) -> [Value] {
            events.filter { $0["reason"]?.string == reason && $0["involvedObject"]?["fieldPath"]?.string == path }
        }
        for container in ["uno", "dos"] {
            let path = "spec.containers{\(container)}"
            let pulling = find("Pulling", path)
            #expect(pulling.count == 1, "\(path)")
            #expect(pulling.first?["count"]?.int == 1, "an event of its own, not a second count of the other container's")
            #expect(pulling.first?["source"] == ["component": "kubelet", "host": .string(node)])
            #expect(pulling.first?["reportingInstance"]?.string == node)
            #expect(find("Started", path).first?["message"]?.string == "Started container \(container)")
        }
        // A volume that cannot be mounted is about the pod: no fieldPath, still the node's kubelet.
        let mount = try #require(events.first { $0["reason"]?.string == "FailedMount" })
        #expect(mount["involvedObject"]?["fieldPath"] == nil)
        #expect(mount["source"]?["host"]?.string == node)
        // The scheduler's event names neither.
        let scheduled = try #require(events.first { $0["reason"]?.string == "Scheduled" })
        #expect(scheduled["involvedObject"]?["fieldPath"] == nil && scheduled["source"]?["host"] == nil)
    }
}
