import KubeAPI
import Testing
import YAML
@testable import Simulator

/// ingress-nginx's routing with networking/v1's matching rules.
@Suite struct IngressRouterTests {
    @Test(arguments: [
        ("app.example.com", "app.example.com", true),
        ("*.example.com", "app.example.com", true),
        ("*.example.com", "example.com", false),
        ("*.example.com", "a.b.example.com", false),
        ("*.example.com", "APP.Example.com", true),
        ("app.example.com", "api.example.com", false),
        ("", "lo-que-sea", true),
    ]) func hosts(_ pattern: String, _ host: String, _ expected: Bool) {
        #expect(IngressRouter.hostMatches(pattern: pattern, host: host) == expected)
    }

    @Test(arguments: [
        ("Prefix", "/", "/cualquier/cosa", true),
        ("Prefix", "/foo", "/foo", true),
        ("Prefix", "/foo", "/foo/", true),
        ("Prefix", "/foo", "/foo/bar", true),
        ("Prefix", "/foo", "/foobar", false),
        ("Prefix", "/foo/", "/foo", true),
        ("Prefix", "/aaa/bb", "/aaa/bbb", false),
        ("Exact", "/foo", "/foo", true),
        ("Exact", "/foo", "/foo/", false),
        ("ImplementationSpecific", "/foo", "/foobar", true),
        ("ImplementationSpecific", "/foo", "/bar", false),
    ]) func paths(_ type: String, _ rule: String, _ path: String, _ expected: Bool) {
        #expect(IngressRouter.pathMatches(type: type, rulePath: rule, path: path) == expected)
    }

    static let ingresses = """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: tienda, namespace: default}
    spec:
      defaultBackend: {service: {name: portada, port: {number: 80}}}
      tls: [{hosts: [tienda.example.com], secretName: tienda-tls}]
      rules:
      - host: tienda.example.com
        http:
          paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
          - {path: /api/v2, pathType: Prefix, backend: {service: {name: api-v2, port: {number: 80}}}}
          - {path: /api/salud, pathType: Exact, backend: {service: {name: salud, port: {number: 80}}}}
      - host: "*.example.com"
        http:
          paths: [{path: /, pathType: Prefix, backend: {service: {name: comodin, port: {number: 80}}}}]
      - http:
          paths: [{path: /estado, pathType: Exact, backend: {service: {name: estado, port: {number: 80}}}}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: otra-clase, namespace: default}
    spec:
      ingressClassName: traefik
      rules: [{host: otra.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: x, port: {number: 80}}}}]}}]
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: tienda-tls, namespace: default}
    type: kubernetes.io/tls
    data: {tls.crt: Y2VydA==, tls.key: a2V5}
    """

    func route(_ host: String, _ path: String, https: Bool = true) throws -> IngressRouter.Decision {
        let c = try trafficCluster(Self.ingresses, settle: .zero)
        return IngressRouter(state: ClusterState(store: c.api.store)).route(host: host, path: path, https: https)
    }

    func backend(_ host: String, _ path: String) throws -> String? {
        if case .service(_, let name, _, _) = try route(host, path) { return name }
        return nil
    }

    @Test func longestPathWinsAndExactFirst() throws {
        #expect(try backend("tienda.example.com", "/") == "web")
        #expect(try backend("tienda.example.com", "/carrito") == "web")
        #expect(try backend("tienda.example.com", "/api/pedidos") == "api")
        #expect(try backend("tienda.example.com", "/api/v2/pedidos") == "api-v2")
        #expect(try backend("tienda.example.com", "/api/salud") == "salud")
        #expect(try backend("tienda.example.com", "/api/salud/x") == "api")
        #expect(try backend("TIENDA.example.com", "/api?x=1") == "api")
    }

    @Test func wildcardAndDefaultServer() throws {
        #expect(try backend("blog.example.com", "/") == "comodin")
        // No host matches: the default server, whose rules have no host…
        #expect(try backend("localhost", "/estado") == "estado")
        // …and then the defaultBackend.
        #expect(try backend("localhost", "/otra") == "portada")
        #expect(try backend("a.b.example.com", "/") == "portada")
    }

    @Test func classAndAdmission() throws {
        let c = try trafficCluster(Self.ingresses, settle: .zero)
        let router = IngressRouter(state: ClusterState(store: c.api.store))
        #expect(router.handled().map(\.name) == ["tienda"])
        // DefaultIngressClass filled in the class of the one that had none.
        let tienda = try #require(c.api.store[ObjectKey(resource: IngressRouter.resource, namespace: "default", name: "tienda")])
        #expect(tienda.value["spec"]?["ingressClassName"]?.string == "nginx")
        let nginx = try #require(c.api.store[ObjectKey(resource: IngressRouter.classResource, namespace: "", name: "nginx")])
        #expect(nginx.value["spec"]?["controller"]?.string == "k8s.io/ingress-nginx")
    }

    @Test func tlsRedirectAndCertificates() throws {
        #expect(try route("tienda.example.com", "/carrito", https: false) == .redirect("https://tienda.example.com/carrito"))
        // No TLS for the wildcard server: plain HTTP is served.
        if case .service = try route("blog.example.com", "/", https: false) {} else { Issue.record("blog por http") }
        let c = try trafficCluster(Self.ingresses, settle: .zero)
        let router = IngressRouter(state: ClusterState(store: c.api.store))
        #expect(router.certificate(host: "tienda.example.com") == .secret(namespace: "default", name: "tienda-tls"))
        #expect(router.certificate(host: "blog.example.com") == .fake)
    }

    @Test func statusLocalhostAfterTheNextSync() throws {
        var c = try trafficCluster(Self.ingresses, settle: .seconds(10))
        let key = ObjectKey(resource: IngressRouter.resource, namespace: "default", name: "tienda")
        #expect(c.api.store[key]?.value["status"]?["loadBalancer"]?["ingress"] == nil)
        c.advance(by: .seconds(50))
        #expect(c.api.store[key]?.value["status"]?["loadBalancer"]?["ingress"] == [["hostname": "localhost"]])
        let other = ObjectKey(resource: IngressRouter.resource, namespace: "default", name: "otra-clase")
        #expect(c.api.store[other]?.value["status"]?["loadBalancer"]?["ingress"] == nil)
        let syncs = c.api.store.list("events", namespace: "default").filter { $0.value["reason"]?.string == "Sync" }
        #expect(syncs.first?.value["count"]?.int == 2)
        #expect(syncs.first?.value["message"]?.string == "Scheduled for sync")
    }
}
