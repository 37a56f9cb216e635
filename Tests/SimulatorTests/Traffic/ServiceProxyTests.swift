import KubeAPI
import Testing
import YAML
@testable import Simulator

/// kube-proxy's part: which address leads where, the endpoints of a port, the choice.
@Suite struct ServiceProxyTests {
    static let manifests = trafficDeployment("web", replicas: 3, ports: "[{name: web, containerPort: 8080}]")
        + trafficService("web", targetPort: "web", type: "NodePort")

    @Test func addressesLeadToTheirTargets() throws {
        let c = try trafficCluster(Self.manifests)
        let proxy = ServiceProxy(state: ClusterState(store: c.api.store))
        let ip = c.serviceIP("web")
        let svc = try #require(c.api.store[ObjectKey(resource: "services", namespace: "default", name: "web")])
        let nodePort = Int(try #require(svc.value["spec"]?["ports"]?[0]?["nodePort"]?.int))
        guard case .service(let s, _, .clusterIP) = proxy.target(ip: ip, port: 80) else { Issue.record("ClusterIP"); return }
        #expect(s.name == "web")
        guard case .nowhere = proxy.target(ip: ip, port: 8080) else { Issue.record("puerto no expuesto"); return }
        guard case .service(_, _, .nodePort(let node)) = proxy.target(ip: "172.18.0.3", port: nodePort) else { Issue.record("NodePort"); return }
        #expect(node == "taller-worker")
        guard case .node = proxy.target(ip: "172.18.0.3", port: 80) else { Issue.record("nodo"); return }
        let podIP = try #require(c.pod("web")?.value["status"]?["podIP"]?.string)
        guard case .pod(let pod) = proxy.target(ip: podIP, port: 8080) else { Issue.record("pod"); return }
        #expect(pod.value["status"]?["podIP"]?.string == podIP)
        guard case .nowhere = proxy.target(ip: "8.8.8.8", port: 53) else { Issue.record("fuera"); return }
    }

    @Test func backendsUseTheNamedTargetPort() throws {
        let c = try trafficCluster(Self.manifests)
        let proxy = ServiceProxy(state: ClusterState(store: c.api.store))
        let svc = try #require(c.api.store[ObjectKey(resource: "services", namespace: "default", name: "web")])
        let port = try #require(svc.value["spec"]?["ports"]?[0])
        let backends = proxy.backends(svc, port: port)
        #expect(backends.count == 3 && backends.allSatisfy { $0.port == 8080 })
        #expect(Set(backends.map(\.pod.name)).count == 3)
        let node = backends[0].node
        #expect(proxy.backends(svc, port: port, onNode: node).allSatisfy { $0.node == node })
        #expect(proxy.backends(svc, port: ["name": "otro", "port": 90]).isEmpty)
    }

    @Test func choiceIsUniformOrStickyPerClient() throws {
        let c = try trafficCluster(Self.manifests)
        let proxy = ServiceProxy(state: ClusterState(store: c.api.store))
        var svc = try #require(c.api.store[ObjectKey(resource: "services", namespace: "default", name: "web")])
        let backends = proxy.backends(svc, port: svc.value["spec"]!["ports"]![0]!)
        var counts: [String: Int] = [:]
        for n in 0..<3000 {
            var random = SeededRandom(seed: UInt64(n))
            counts[ServiceProxy.choose(backends, service: svc, clientIP: "10.244.1.9", random: &random).ip, default: 0] += 1
        }
        #expect(counts.count == 3 && counts.values.allSatisfy { (900...1100).contains($0) })
        var value = svc.value
        value.edit("spec") { $0.set("sessionAffinity", "ClientIP") }
        svc = StoredObject(key: svc.key, value: value, source: nil)
        var picks = Set<String>()
        for n in 0..<50 {
            var random = SeededRandom(seed: UInt64(n))
            picks.insert(ServiceProxy.choose(backends, service: svc, clientIP: "10.244.1.9", random: &random).ip)
        }
        #expect(picks.count == 1)
    }
}
