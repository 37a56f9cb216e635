import KubeAPI
import Testing
import YAML
@testable import Simulator

/// NetworkPolicy decisions (staging/src/k8s.io/api/networking/v1/types.go semantics).
@Suite struct NetworkPolicyEvaluatorTests {
    /// One case: the policies in namespace `app` (besides the namespaces), a source and a
    /// destination, the port, and whether it passes (and which side drops it).
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var policies: String
        var from: TrafficPeer
        var to: TrafficPeer
        var port = 80
        var proto = "TCP"
        var expected: NetworkPolicyEvaluator.Direction?
        var testDescription: String { name }
    }

    static func pod(_ name: String, _ labels: [String: String], ns: String = "app", team: String = "a", ip: String = "10.244.1.2") -> TrafficPeer {
        TrafficPeer(ip: ip, namespace: ns, name: name, labels: labels,
                    namespaceLabels: ["kubernetes.io/metadata.name": ns, "team": team],
                    namedPorts: ["http": .init(port: 8080, proto: "TCP"), "dns": .init(port: 53, proto: "UDP")])
    }

    static let api = pod("api", ["app": "api"], ip: "10.244.1.10")
    static let frontend = pod("frontend", ["app": "frontend"], ip: "10.244.2.20")
    static let other = pod("otro", ["app": "otro"], ip: "10.244.2.21")
    static let frontendElsewhere = pod("frontend", ["app": "frontend"], ns: "b", team: "b", ip: "10.244.3.30")
    static let monitor = pod("prometheus", ["app": "prometheus"], ns: "monitoring", team: "ops", ip: "10.244.3.31")
    static let outside = TrafficPeer(ip: "172.18.0.1")
    static let node = TrafficPeer(ip: "172.18.0.3")

    static func policy(_ name: String, _ spec: String) -> String {
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \(name), namespace: app}\nspec:\n\(spec)\n---\n"
    }

    static let denyAll = policy("deny-all", "  podSelector: {}\n  policyTypes: [Ingress]")
    static let fromFrontend = policy("from-frontend", """
      podSelector: {matchLabels: {app: api}}
      ingress:
      - from: [{podSelector: {matchLabels: {app: frontend}}}]
    """)

    static let cases: [Case] = [
        Case(name: "sin políticas, todo pasa", policies: "", from: other, to: api, expected: nil),
        Case(name: "deny-all de entrada aísla", policies: denyAll, from: frontend, to: api, expected: .ingress),
        Case(name: "deny-all no toca la salida", policies: denyAll, from: api, to: frontendElsewhere, expected: nil),
        Case(name: "podSelector permite a frontend", policies: fromFrontend, from: frontend, to: api, expected: nil),
        Case(name: "podSelector rechaza a otro", policies: fromFrontend, from: other, to: api, expected: .ingress),
        Case(name: "podSelector solo mira el namespace de la política", policies: fromFrontend, from: frontendElsewhere, to: api, expected: .ingress),
        Case(name: "un pod no seleccionado no está aislado", policies: fromFrontend, from: other, to: frontend, expected: nil),
        Case(name: "las reglas de varias políticas se suman", policies: denyAll + fromFrontend, from: frontend, to: api, expected: nil),
        Case(name: "namespaceSelector: cualquier pod de esos namespaces", policies: policy("ns", """
          podSelector: {}
          ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
        """), from: monitor, to: api, expected: nil),
        Case(name: "namespaceSelector y podSelector juntos: los dos", policies: policy("ambos", """
          podSelector: {}
          ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: otro}}}]}]
        """), from: frontendElsewhere, to: api, expected: .ingress),
        Case(name: "namespaceSelector y podSelector por separado: cualquiera", policies: policy("separados", """
          podSelector: {}
          ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}, {podSelector: {matchLabels: {app: otro}}}]}]
        """), from: frontendElsewhere, to: api, expected: nil),
        Case(name: "ipBlock permite la red del host", policies: policy("ip", """
          podSelector: {}
          ingress: [{from: [{ipBlock: {cidr: 172.18.0.0/16, except: [172.18.0.3/32]}}]}]
        """), from: outside, to: api, expected: nil),
        Case(name: "ipBlock except excluye un nodo", policies: policy("ip", """
          podSelector: {}
          ingress: [{from: [{ipBlock: {cidr: 172.18.0.0/16, except: [172.18.0.3/32]}}]}]
        """), from: node, to: api, expected: .ingress),
        Case(name: "podSelector no casa con una IP de fuera", policies: fromFrontend, from: outside, to: api, expected: .ingress),
        Case(name: "puerto por número", policies: policy("puerto", "  podSelector: {}\n  ingress: [{ports: [{port: 8080}]}]"),
             from: other, to: api, port: 8080, expected: nil),
        Case(name: "otro puerto no pasa", policies: policy("puerto", "  podSelector: {}\n  ingress: [{ports: [{port: 8080}]}]"),
             from: other, to: api, port: 9090, expected: .ingress),
        Case(name: "puerto por nombre: el del contenedor de destino", policies: policy("nombre", "  podSelector: {}\n  ingress: [{ports: [{port: http}]}]"),
             from: other, to: api, port: 8080, expected: nil),
        Case(name: "endPort: un rango", policies: policy("rango", "  podSelector: {}\n  ingress: [{ports: [{port: 8000, endPort: 8100}]}]"),
             from: other, to: api, port: 8080, expected: nil),
        Case(name: "protocolo: TCP por omisión, UDP no pasa", policies: policy("udp", "  podSelector: {}\n  ingress: [{ports: [{port: 53}]}]"),
             from: other, to: api, port: 53, proto: "UDP", expected: .ingress),
        Case(name: "egress vacío deniega toda salida", policies: policy("sin-salida", "  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]"),
             from: api, to: frontend, expected: .egress),
        Case(name: "egress con reglas: policyTypes incluye Egress", policies: policy("salida-dns", """
          podSelector: {matchLabels: {app: api}}
          egress: [{ports: [{port: 53, protocol: UDP}]}]
        """), from: api, to: frontend, port: 80, expected: .egress),
        Case(name: "egress permite DNS", policies: policy("salida-dns", """
          podSelector: {matchLabels: {app: api}}
          egress: [{ports: [{port: 53, protocol: UDP}]}]
        """), from: api, to: frontend, port: 53, proto: "UDP", expected: nil),
        Case(name: "salida permitida pero entrada del destino aislada", policies: fromFrontend + policy("todo-fuera", """
          podSelector: {matchLabels: {app: otro}}
          egress: [{}]
        """), from: other, to: api, expected: .ingress),
    ]

    @Test(arguments: cases) func decision(_ c: Case) throws {
        var cluster = Cluster(workers: 1)
        try cluster.createAll("apiVersion: v1\nkind: Namespace\nmetadata: {name: app}\n---\n" + c.policies)
        let verdict = NetworkPolicyEvaluator(state: ClusterState(store: cluster.api.store)).verdict(from: c.from, to: c.to, port: c.port, proto: c.proto)
        #expect(verdict.allowed == (c.expected == nil))
        #expect(verdict.blockedBy == c.expected)
    }

    @Test func policyTypesDefaults() {
        #expect(NetworkPolicyEvaluator.policyTypes(["spec": ["podSelector": [:]]]) == ["Ingress"])
        #expect(NetworkPolicyEvaluator.policyTypes(["spec": ["egress": [[:]]]]) == ["Ingress", "Egress"])
        #expect(NetworkPolicyEvaluator.policyTypes(["spec": ["policyTypes": ["Egress"]]]) == ["Egress"])
    }

    @Test func ipBlocks() {
        let block: Value = ["cidr": "10.0.0.0/8", "except": ["10.244.0.0/16"]]
        #expect(NetworkPolicyEvaluator.ipBlockMatches(block, ip: "10.96.0.1"))
        #expect(!NetworkPolicyEvaluator.ipBlockMatches(block, ip: "10.244.1.2"))
        #expect(!NetworkPolicyEvaluator.ipBlockMatches(block, ip: "172.18.0.1"))
        #expect(NetworkPolicyEvaluator.ipBlockMatches(["cidr": "0.0.0.0/0"], ip: "8.8.8.8"))
        #expect(IPv4Range(cidr: "10.1.2.3/24")?.description == "10.1.2.0/24")
    }
}
