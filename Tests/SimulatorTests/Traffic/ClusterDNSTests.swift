import KubeAPI
import Testing
import YAML
@testable import Simulator

/// CoreDNS's kubernetes plugin and the pods' resolver (search list, ndots:5).
@Suite struct ClusterDNSTests {
    static let manifests = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: prod}
    ---
    \(trafficDeployment("web", namespace: "prod"))\(trafficService("web", namespace: "prod"))apiVersion: v1
    kind: Service
    metadata: {name: db, namespace: prod}
    spec:
      clusterIP: None
      selector: {app: db}
      ports: [{port: 5432}]
    ---
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db, namespace: prod}
    spec:
      serviceName: db
      replicas: 2
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          containers:
          - name: db
            image: postgres:16
            env: [{name: POSTGRES_PASSWORD, value: secreto}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: externo, namespace: prod}
    spec: {type: ExternalName, externalName: api.example.com}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: alias, namespace: prod}
    spec: {type: ExternalName, externalName: web.prod.svc.cluster.local}
    """

    @Test func searchListAndCandidates() {
        #expect(ClusterDNS.searchList(namespace: "prod") == ["prod.svc.cluster.local", "svc.cluster.local", "cluster.local"])
        // Fewer dots than ndots: the search list first, the name as written last.
        #expect(ClusterDNS.candidates("web.prod", namespace: "default")
                == ["web.prod.default.svc.cluster.local", "web.prod.svc.cluster.local", "web.prod.cluster.local", "web.prod"])
        // A trailing dot: only as written.
        #expect(ClusterDNS.candidates("web.prod.svc.cluster.local.", namespace: "default") == ["web.prod.svc.cluster.local"])
        #expect(ClusterDNS.resolvConf(namespace: "prod") == "search prod.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n")
    }

    @Test func serviceNamesResolveFromEveryNamespace() throws {
        let c = try trafficCluster(Self.manifests)
        let dns = ClusterDNS(state: ClusterState(store: c.api.store))
        let ip = c.serviceIP("web", namespace: "prod")
        #expect(!ip.isEmpty)
        #expect(dns.resolve("web", from: "prod")?.name == "web.prod.svc.cluster.local")
        #expect(dns.resolve("web", from: "prod")?.addresses == [ip])
        #expect(dns.resolve("web", from: "default") == nil)
        for name in ["web.prod", "web.prod.svc", "web.prod.svc.cluster.local", "WEB.Prod"] {
            #expect(dns.resolve(name, from: "default")?.addresses == [ip], "\(name)")
        }
        #expect(dns.resolve("web.prod.", from: "default") == nil)
        #expect(dns.resolve("10.1.2.3", from: "default")?.addresses == ["10.1.2.3"])
        #expect(dns.resolve("kubernetes.default", from: "prod")?.addresses == ["10.96.0.1"])
        #expect(dns.query("nope.prod.svc.cluster.local") == .nxdomain)
        #expect(dns.query("example.com") == .nxdomain)
    }

    @Test func headlessServiceAndStatefulSetPods() throws {
        let c = try trafficCluster(Self.manifests)
        let dns = ClusterDNS(state: ClusterState(store: c.api.store))
        let db0 = try #require(c.pod("db-0", namespace: "prod")?.value["status"]?["podIP"]?.string)
        let db1 = try #require(c.pod("db-1", namespace: "prod")?.value["status"]?["podIP"]?.string)
        // A headless Service answers with its ready endpoints, each pod by its hostname.
        #expect(Set(dns.resolve("db", from: "prod")?.addresses ?? []) == [db0, db1])
        #expect(dns.resolve("db-0.db", from: "prod")?.addresses == [db0])
        #expect(dns.resolve("db-1.db.prod", from: "default")?.addresses == [db1])
        #expect(dns.query("db-2.db.prod.svc.cluster.local") == .nxdomain)
        // Pod records (`pods insecure`) and reverse records.
        #expect(dns.query("10-244-9-9.prod.pod.cluster.local") == .addresses(["10.244.9.9"]))
        #expect(dns.reverse(db0) == "db-0.db.prod.svc.cluster.local")
        #expect(dns.reverse(c.serviceIP("web", namespace: "prod")) == "web.prod.svc.cluster.local")
        #expect(dns.reverse("10.96.0.10") == "kube-dns.kube-system.svc.cluster.local")
    }

    @Test func externalNameIsACNAME() throws {
        let c = try trafficCluster(Self.manifests)
        let dns = ClusterDNS(state: ClusterState(store: c.api.store))
        // Outside the cluster the target does not resolve (the simulator has no upstream).
        #expect(dns.query("externo.prod.svc.cluster.local") == .alias("api.example.com", []))
        #expect(dns.resolve("externo.prod", from: "default") == nil)
        #expect(dns.query("alias.prod.svc.cluster.local") == .alias("web.prod.svc.cluster.local", [c.serviceIP("web", namespace: "prod")]))
        #expect(dns.resolve("alias", from: "prod")?.addresses == [c.serviceIP("web", namespace: "prod")])
    }

    @Test func notReadyPodsAreNotInHeadlessAnswers() throws {
        // Right after creation the pods have addresses but are not ready yet.
        let c = try trafficCluster(Self.manifests, settle: .seconds(2))
        let dns = ClusterDNS(state: ClusterState(store: c.api.store))
        #expect(dns.query("db.prod.svc.cluster.local") == .nxdomain)
    }
}
