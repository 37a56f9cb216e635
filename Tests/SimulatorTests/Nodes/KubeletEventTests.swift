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

/// Node addresses and pod ranges past kind's 256 nodes (NodeSpec.swift): each node keeps a real,
/// distinct /24 and InternalIP, and its pods real addresses inside it.
@Suite struct LargeClusterAddressTests {
    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in Int(p).map { (0...255).contains($0) && String($0) == p } ?? false }
    }

    @Test func everyNodeHasARealRangeAndAddress() {
        let cidrs = (0..<5001).map(NodeSpec.podCIDR(index:))
        let ips = (0..<5001).map(NodeSpec.internalIP(index:))
        #expect(Set(cidrs).count == 5001 && Set(ips).count == 5001)
        for c in cidrs {
            let parts = c.split(separator: "/")
            #expect(parts.count == 2 && parts[1] == "24" && Self.isIPv4(String(parts[0])) && parts[0].hasSuffix(".0"), "\(c)")
        }
        #expect(ips.allSatisfy(Self.isIPv4))
        // kind's own numbering for the clusters of the course.
        #expect(NodeSpec.podCIDR(index: 3) == "10.244.3.0/24" && NodeSpec.internalIP(index: 3) == "172.18.0.5")
        #expect(NodeSpec.podCIDR(index: 300) == "10.129.44.0/24" && NodeSpec.internalIP(index: 300) == "172.18.1.46")
    }

    @Test func podsOnANodePastTheFirst256GetAddressesInItsRange() throws {
        var cluster = Cluster(nodes: (0..<300).map { NodeSpec(name: "nodo-\($0)") })
        cluster.advance()
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              nodeName: nodo-299
              containers: [{name: web, image: "nginx:1.27"}]
            """
        _ = try cluster.api.create(decoded(yaml, file: "pod.yaml"))
        cluster.advance(by: .seconds(5))
        let pod = try cluster.api.get(Kinds.resolve("pods")!, namespace: "default", name: "web").value
        #expect(pod["status"]?["podIP"]?.string == "10.129.43.2")
        #expect(pod["status"]?["hostIP"]?.string == "172.18.1.45")
    }
}
