import KubeAPI
import Testing
import YAML
@testable import Simulator

let servicesResource = Kinds.resolve("services")!

func serviceYAML(_ name: String, type: String = "ClusterIP", clusterIP: String? = nil, port: Int = 80,
                 nodePort: Int? = nil, targetPort: String = "80", selector: String = "{app: web}", extra: String = "") -> String {
    """
    apiVersion: v1
    kind: Service
    metadata: {name: \(name), namespace: default}
    spec:
      type: \(type)
      selector: \(selector)
    \(clusterIP.map { "  clusterIP: \($0)" } ?? "")
      ports:
      - port: \(port)
        targetPort: \(targetPort)
    \(nodePort.map { "    nodePort: \($0)" } ?? "")
    \(extra)
    """
}

/// The API error creating this object gives, or nil when it is created.
func creationError(_ c: inout Cluster, _ yaml: String) throws -> APIError? {
    let object = try decoded(yaml)
    do throws(APIError) {
        _ = try c.api.create(object)
        return nil
    } catch {
        return error
    }
}

func fieldErrors(_ error: APIError?) -> [String] {
    guard case .invalid(_, _, let errors, _)? = error else { return ["not invalid: \(String(describing: error))"] }
    return errors.map(\.description)
}

func service(_ c: Cluster, _ name: String, namespace: String = "default") throws -> Value {
    try c.api.get(servicesResource, namespace: namespace, name: name).value
}

/// pkg/registry/core/service/storage/alloc.go: ClusterIPs from 10.96.0.0/12, NodePorts from
/// 30000–32767, requested values honoured or rejected with upstream's texts.
@Suite struct ServiceAllocatorTests {
    @Test func freshClusterHasKubernetesAndKubeDNS() throws {
        let c = Cluster(workers: 1)
        let k = try service(c, "kubernetes")
        #expect(k["spec"]?["clusterIP"]?.string == "10.96.0.1")
        #expect(k["spec"]?["clusterIPs"] == ["10.96.0.1"])
        let dns = try service(c, "kube-dns", namespace: "kube-system")
        #expect(dns["spec"]?["clusterIP"]?.string == "10.96.0.10")
        #expect(dns["metadata"]?["labels"]?["k8s-app"]?.string == "kube-dns")
        #expect(c.readyEndpoints(service: "kubernetes", namespace: "default").map { "\($0.ip):\($0.port)" } == ["172.18.0.2:6443"])
    }

    @Test func clusterIPIsAllocatedAboveTheStaticBandDeterministically() throws {
        var a = Cluster(workers: 1)
        var b = Cluster(workers: 1)
        var seen: Set<String> = []
        for name in ["web", "api", "db", "cache", "front"] {
            _ = try a.api.create(decoded(serviceYAML(name)))
            _ = try b.api.create(decoded(serviceYAML(name)))
            let ipA = try #require(try service(a, name)["spec"]?["clusterIP"]?.string)
            #expect(ipA == (try service(b, name)["spec"]?["clusterIP"]?.string))
            let ip = try #require(IPv4(ipA))
            #expect(ServiceAllocation.serviceCIDR.contains(ip))
            #expect(ip.value >= IPv4("10.96.1.0")!.value)
            #expect(try service(a, name)["spec"]?["clusterIPs"] == .sequence([.string(ipA)]))
            #expect(seen.insert(ipA).inserted)
        }
        a.advance()
    }

    @Test func requestedClusterIPHonouredOrRejected() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("fixed", clusterIP: "10.96.100.100")))
        #expect(try service(c, "fixed")["spec"]?["clusterIPs"] == ["10.96.100.100"])
        let taken = try creationError(&c, serviceYAML("taken", clusterIP: "10.96.0.1"))
        #expect(fieldErrors(taken) == [#"spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated"#])
        #expect(taken?.statusMessage.contains(#"Service "taken" is invalid: spec.clusterIPs"#) == true)
        #expect(fieldErrors(try creationError(&c, serviceYAML("outside", clusterIP: "10.0.0.5"))) == [
            #"spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12"#])
    }

    @Test func headlessAndExternalNameGetNoAddress() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("headless", clusterIP: "None")))
        #expect(try service(c, "headless")["spec"]?["clusterIPs"] == ["None"])
        _ = try c.api.create(decoded("""
        apiVersion: v1
        kind: Service
        metadata: {name: ext, namespace: default}
        spec: {type: ExternalName, externalName: db.example.com}
        """))
        #expect(try service(c, "ext")["spec"]?["clusterIP"] == nil)
    }

    @Test func clusterIPIsKeptOnUpdateAndImmutable() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("web", type: "NodePort")))
        let before = try service(c, "web")
        // A replace without clusterIP or nodePort keeps the allocated ones (patchAllocatedValues).
        _ = try c.api.update(ObjectKey(resource: "services", namespace: "default", name: "web"),
                             try decoded(serviceYAML("web", type: "NodePort", port: 80)).value)
        let after = try service(c, "web")
        #expect(after["spec"]?["clusterIP"] == before["spec"]?["clusterIP"])
        #expect(after["spec"]?["ports"]?[0]?["nodePort"] == before["spec"]?["ports"]?[0]?["nodePort"])
        var changed = after
        changed.edit("spec") { $0.set("clusterIP", "10.96.200.200"); $0.set("clusterIPs", ["10.96.200.200"]) }
        #expect(throws: APIError.self) { _ = try c.api.update(ObjectKey(resource: "services", namespace: "default", name: "web"), changed) }
    }

    /// strategy.go dropTypeDependentFields: NodePort → ClusterIP drops the allocated NodePort
    /// and externalTrafficPolicy the user left as they were; back to NodePort allocates again.
    @Test func typeChangeDropsAndReallocatesNodePorts() throws {
        var c = Cluster(workers: 1)
        let key = ObjectKey(resource: "services", namespace: "default", name: "np")
        _ = try c.api.create(decoded(serviceYAML("np", type: "NodePort")))
        var v = try service(c, "np")
        v.edit("spec") { $0.set("type", "ClusterIP") }
        _ = try c.api.update(key, v)
        v = try service(c, "np")
        #expect(v["spec"]?["ports"]?[0]?["nodePort"] == nil)
        #expect(v["spec"]?["externalTrafficPolicy"] == nil)
        v.edit("spec") { $0.set("type", "NodePort") }
        _ = try c.api.update(key, v)
        #expect(try service(c, "np")["spec"]?["ports"]?[0]?["nodePort"]?.int != nil)
    }

    @Test func nodePortsAllocatedConflictsRejectedAndReleasedOnDelete() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("auto", type: "NodePort")))
        let auto = try #require(try service(c, "auto")["spec"]?["ports"]?[0]?["nodePort"]?.int)
        #expect((30086...32767).contains(Int(auto)))
        _ = try c.api.create(decoded(serviceYAML("fixed", type: "NodePort", nodePort: 30080)))
        #expect(try service(c, "fixed")["spec"]?["ports"]?[0]?["nodePort"]?.int == 30080)
        #expect(fieldErrors(try creationError(&c, serviceYAML("again", type: "NodePort", nodePort: 30080))) ==
                ["spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"])
        _ = try c.api.delete(servicesResource, namespace: "default", name: "fixed")
        c.advance()
        _ = try c.api.create(decoded(serviceYAML("again", type: "NodePort", nodePort: 30080)))
        #expect(try service(c, "again")["spec"]?["ports"]?[0]?["nodePort"]?.int == 30080)
        // A ClusterIP service gets none.
        _ = try c.api.create(decoded(serviceYAML("internal")))
        #expect(try service(c, "internal")["spec"]?["ports"]?[0]?["nodePort"] == nil)
    }

    @Test func loadBalancerPendingUntilEnabled() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("lb", type: "LoadBalancer")))
        _ = try c.api.create(decoded(serviceYAML("lb2", type: "LoadBalancer", port: 8080)))
        c.advance(by: .seconds(5))
        #expect(try service(c, "lb")["status"]?["loadBalancer"] == .mapping([]))
        #expect(try service(c, "lb")["spec"]?["ports"]?[0]?["nodePort"]?.int != nil)
        #expect(!c.loadBalancerEnabled)
        c.setLoadBalancer(enabled: true)
        #expect(c.loadBalancerEnabled)
        let ips = try ["lb", "lb2"].map { try service(c, $0)["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.string ?? "" }
        #expect(Set(ips) == ["172.18.255.200", "172.18.255.201"])
        #expect(try service(c, "lb")["status"]?["loadBalancer"]?["ingress"]?[0]?["ipMode"]?.string == "VIP")
        _ = try c.api.create(decoded(serviceYAML("lb3", type: "LoadBalancer", port: 9090)))
        c.advance()
        #expect(try service(c, "lb3")["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.string == "172.18.255.202")
        c.setLoadBalancer(enabled: false)
        #expect(try service(c, "lb")["status"]?["loadBalancer"] == .mapping([]))
    }
}
