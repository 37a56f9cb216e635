import KubeAPI
import Testing
import YAML
@testable import Simulator

/// Requests through kube-proxy, ports, readiness, policies and the Ingress controller.
@Suite struct TrafficEngineTests {
    static let web = trafficDeployment("web", replicas: 3) + trafficService("web", type: "NodePort") + trafficClient()

    @Test func clusterIPNamedTargetPortAndChoice() throws {
        var c = try trafficCluster(Self.web)
        let from = TrafficOrigin.pod(try #require(c.pod("cliente")).key)
        var answered: [String: Int] = [:]
        for _ in 0..<60 {
            let r = c.send(TrafficRequest(host: "web"), from: from)
            #expect(r.failure == nil && r.status == 200 && r.body.hasPrefix("<!DOCTYPE html>"))
            #expect(r.ip == c.serviceIP("web"))
            answered[r.pod?.name ?? "", default: 0] += 1
        }
        // Every ready pod gets some (uniform choice), none all.
        #expect(answered.count == 3 && answered.values.allSatisfy { $0 >= 10 })
        // Same cluster, same sequence of requests: same answers.
        var again = try trafficCluster(Self.web)
        var first: [String] = []
        for _ in 0..<5 { first.append(again.send(TrafficRequest(host: "web"), from: from).pod?.name ?? "") }
        var c2 = try trafficCluster(Self.web)
        #expect((0..<5).map { _ in c2.send(TrafficRequest(host: "web"), from: from).pod?.name ?? "" } == first)
        // An unknown path answers nginx's 404 with its version.
        let missing = c.send(TrafficRequest(host: "web", path: "/nada"), from: from)
        #expect(missing.status == 404 && missing.body.contains("<hr><center>nginx/1.27.4</center>"))
    }

    @Test func portsAndReadiness() throws {
        // targetPort 8080: nginx listens on 80 only → refused by the pod.
        var c = try trafficCluster(trafficDeployment("web", replicas: 1) + trafficService("web", targetPort: "8080") + trafficClient())
        let from = TrafficOrigin.pod(try #require(c.pod("cliente")).key)
        #expect(c.send(TrafficRequest(host: "web"), from: from).failure == .refused)
        // A port the Service does not expose: no rule for it, the packet is lost.
        #expect(c.send(TrafficRequest(host: "web", port: 81), from: from).failure == .timedOut)
        // The pod itself, on its port.
        let podIP = try #require(c.pod("web")?.value["status"]?["podIP"]?.string)
        #expect(c.send(TrafficRequest(host: podIP), from: from).status == 200)
        #expect(c.send(TrafficRequest(host: "10.244.1.250"), from: from).failure == .unreachable)
        #expect(c.send(TrafficRequest(host: "nadie"), from: from).failure == .badAddress)
        // Before the pods are ready: no endpoints, kube-proxy REJECTs.
        var early = try trafficCluster(trafficDeployment("web", replicas: 1) + trafficService("web") + trafficClient(), settle: .milliseconds(700))
        if let client = early.pod("cliente"), client.value["status"]?["podIP"] != nil {
            #expect(early.send(TrafficRequest(host: "web"), from: .pod(client.key)).failure == .refused)
        }
    }

    @Test func fromOutsideThroughNodePortAndLocalPolicy() throws {
        var c = try trafficCluster(trafficDeployment("web", replicas: 1) + trafficService("web", type: "NodePort", extra: "  externalTrafficPolicy: Local"))
        let svc = try #require(c.api.store[ObjectKey(resource: "services", namespace: "default", name: "web")])
        let nodePort = Int(try #require(svc.value["spec"]?["ports"]?[0]?["nodePort"]?.int))
        let pod = try #require(c.pod("web"))
        let here = try #require(pod.value["status"]?["hostIP"]?.string)
        let r = c.send(TrafficRequest(host: here, port: nodePort), from: .outside)
        #expect(r.status == 200 && r.pod == pod.key)
        #expect(r.hops.contains(.service(namespace: "default", name: "web", via: "NodePort")))
        // Another node has no pod of the Service: dropped.
        let other = ["172.18.0.3", "172.18.0.4"].first { $0 != here }!
        #expect(c.send(TrafficRequest(host: other, port: nodePort), from: .outside).failure == .timedOut)
        // Pod and ClusterIP addresses are not reachable from the host.
        #expect(c.send(TrafficRequest(host: c.serviceIP("web")), from: .outside).failure == .timedOut)
    }

    @Test func policyDropsAndDNSEgress() throws {
        let policies = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: solo-amigos, namespace: default}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress: [{from: [{podSelector: {matchLabels: {rol: amigo}}}], ports: [{port: http}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: sin-salida, namespace: default}
        spec:
          podSelector: {matchLabels: {app: aislado}}
          policyTypes: [Egress]
        ---

        """
        var c = try trafficCluster(trafficDeployment("web") + trafficService("web") + trafficClient("amigo", labels: "{rol: amigo}")
                                   + trafficClient("extrano", labels: "{rol: extrano}") + trafficClient("aislado", labels: "{app: aislado}") + policies)
        let amigo = c.send(TrafficRequest(host: "web"), from: .pod(try #require(c.pod("amigo")).key))
        #expect(amigo.status == 200)
        let extrano = c.send(TrafficRequest(host: "web"), from: .pod(try #require(c.pod("extrano")).key))
        #expect(extrano.failure == .timedOut)
        #expect(extrano.blockedBy?.blockedBy == .ingress && extrano.blockedBy?.policies == ["default/solo-amigos"])
        let aislado = c.send(TrafficRequest(host: "web"), from: .pod(try #require(c.pod("aislado")).key))
        #expect(aislado.failure == .dnsTimeout)
    }

    @Test func ingressRoutesTo503AndDefaultBackend() throws {
        let manifests = trafficDeployment("web") + trafficService("web") + trafficService("vacio", selector: "{app: nadie}") + """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: default}
        spec:
          rules:
          - host: web.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
              - {path: /vacio, pathType: Prefix, backend: {service: {name: vacio, port: {number: 80}}}}
        """
        var c = try trafficCluster(manifests)
        let ok = c.send(TrafficRequest(host: "web.example.com"), from: .outside)
        #expect(ok.status == 200 && ok.pod != nil)
        #expect(ok.hops.first == .hostsFile(name: "web.example.com"))
        var viaLocalhost = TrafficRequest(host: "localhost", path: "/")
        viaLocalhost.hostHeader = "web.example.com"
        #expect(c.send(viaLocalhost, from: .outside).status == 200)
        let empty = c.send(TrafficRequest(host: "web.example.com", path: "/vacio"), from: .outside)
        #expect(empty.status == 503 && empty.body.contains("503 Service Temporarily Unavailable"))
        let unknown = c.send(TrafficRequest(host: "localhost", path: "/"), from: .outside)
        #expect(unknown.status == 404 && unknown.body == HTTPText.page(404))
        let https = c.send(TrafficRequest(https: true, host: "web.example.com"), from: .outside)
        #expect(https.status == 200 && https.certificate == nil)
        // Round robin over the two endpoints.
        let pods = (0..<4).map { _ in c.send(TrafficRequest(host: "web.example.com"), from: .outside).pod?.name ?? "" }
        #expect(Set(pods).count == 2 && pods[0] == pods[2] && pods[1] == pods[3])
    }

    @Test func aStoppedNodeAnswersNothing() throws {
        var c = try trafficCluster(trafficDeployment("web", replicas: 1) + trafficClient())
        let pod = try #require(c.pod("web"))
        let ip = try #require(pod.value["status"]?["podIP"]?.string)
        let from = TrafficOrigin.pod(try #require(c.pod("cliente")).key)
        #expect(c.send(TrafficRequest(host: ip), from: from).status == 200)
        c.nodeDown(try #require(pod.value["spec"]?["nodeName"]?.string))
        #expect(c.send(TrafficRequest(host: ip), from: from).failure == .timedOut)
    }

    @Test func httpEchoAnswersItsText() throws {
        var c = try trafficCluster(trafficDeployment("eco", image: "hashicorp/http-echo:1.0", replicas: 1, ports: "[{name: http, containerPort: 8080}]",
                                                     args: "[-text=v2, -listen=:8080]") + trafficService("eco") + trafficClient())
        let r = c.send(TrafficRequest(host: "eco", path: "/cualquiera"), from: .pod(try #require(c.pod("cliente")).key))
        #expect(r.status == 200 && r.body == "v2\n")
    }
}
