import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The HorizontalPodAutoscaler against upstream's arithmetic (horizontal.go,
/// replica_calculator.go), on the interactive cluster with the real simulated kubelet and the
/// `registry.k8s.io/hpa-example` image of the catalog (about 10m of CPU per request/s).
@Suite struct HPAControllerTests {
    static let hpas = Kinds.resource(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler")!
    static let deployments = Kinds.resource(apiVersion: "apps/v1", kind: "Deployment")!

    static func phpApache(behavior: String = "", target: Int = 50,
                          resources: String = "{limits: {cpu: 500m}, requests: {cpu: 200m}}") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: php-apache}
        spec:
          selector: {matchLabels: {run: php-apache}}
          template:
            metadata: {labels: {run: php-apache}}
            spec:
              containers:
              - name: php-apache
                image: registry.k8s.io/hpa-example
                ports: [{containerPort: 80}]
                resources: \(resources)
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: php-apache}
        spec:
          ports: [{port: 80}]
          selector: {run: php-apache}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: php-apache}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
          minReplicas: 1
          maxReplicas: 10
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: \(target)}}
        \(behavior)
        """
    }

    static func cluster(_ yaml: String) throws -> Cluster {
        var cluster = Cluster.interactive()
        for document in yaml.components(separatedBy: "\n---\n") { try cluster.apply(document) }
        cluster.advance(by: .seconds(60))
        return cluster
    }

    static func replicas(_ cluster: Cluster) -> Int64 {
        cluster.object(deployments, "php-apache")?["spec"]?["replicas"]?.int ?? -1
    }

    /// `True/ScaleUpLimit`: a condition's status and reason.
    static func condition(_ cluster: Cluster, _ type: String) -> String? {
        let c = cluster.object(hpas, "php-apache")?["status"]?["conditions"]?.sequence?.first { $0["type"]?.string == type }
        return c.map { "\($0["status"]?.string ?? "")/\($0["reason"]?.string ?? "")" }
    }

    /// At rest: 1m of 200m is 0 %, one replica, ValidMetricFound, DesiredWithinRange.
    @Test func idleDeploymentStaysAtOneReplica() throws {
        let cluster = try Self.cluster(Self.phpApache())
        #expect(Self.replicas(cluster) == 1)
        let status = try #require(cluster.object(Self.hpas, "php-apache")?["status"])
        #expect(status["currentMetrics"]?[0]?["resource"]?["current"]?["averageUtilization"] == 0)
        #expect(status["currentMetrics"]?[0]?["resource"]?["current"]?["averageValue"] == "1m")
        #expect(Self.condition(cluster, "ScalingActive") == "True/ValidMetricFound")
        #expect(Self.condition(cluster, "ScalingLimited") == "False/DesiredWithinRange")
    }

    /// The walkthrough: its generator's 66.7 requests/s cost about 667m; one pod is throttled at its 500m limit
    /// (250 % of 200m) → ratio 5, but without `behavior` at most max(2·1, 4) = 4 (ScaleUpLimit);
    /// then more as the new pods count, settling at 7 pods near 50 %.
    @Test func loadScalesOutWithTheScaleUpLimit() throws {
        var cluster = try Self.cluster(Self.phpApache())
        let found = cluster.setLoad(service: "php-apache", namespace: "default", rps: 66.7, duration: nil)
        #expect(found)
        cluster.advance(by: .seconds(16))
        #expect(Self.replicas(cluster) == 4)
        #expect(cluster.eventMessages("php-apache", reason: "SuccessfulRescale").first
                == "New size: 4; reason: cpu resource utilization (percentage of request) above target")
        #expect(Self.condition(cluster, "ScalingLimited") == "True/ScaleUpLimit")
        cluster.advance(by: .seconds(180))
        #expect(Self.replicas(cluster) == 7)
        let utilization = cluster.object(Self.hpas, "php-apache")?["status"]?["currentMetrics"]?[0]?["resource"]?["current"]?["averageUtilization"]?.int ?? 0
        #expect(abs(utilization - 50) <= 5)
    }

    /// Without load the recommendation drops to 1 at once, but the 5-minute downscale
    /// stabilization keeps the highest recent recommendation: 7 stays until the window passes.
    @Test func scaleDownWaitsForTheStabilizationWindow() throws {
        var cluster = try Self.cluster(Self.phpApache())
        _ = cluster.setLoad(service: "php-apache", namespace: "default", rps: 66.7, duration: .seconds(240))
        cluster.advance(by: .seconds(240))
        #expect(Self.replicas(cluster) == 7)
        cluster.advance(by: .seconds(240))
        #expect(Self.replicas(cluster) == 7)
        #expect(Self.condition(cluster, "AbleToScale") == "True/ScaleDownStabilized")
        cluster.advance(by: .seconds(120))
        #expect(Self.replicas(cluster) == 1)
        #expect(cluster.eventMessages("php-apache", reason: "SuccessfulRescale").last == "New size: 1; reason: All metrics below target")
    }

    /// Inside the 0.1 tolerance nothing moves: 7 pods at about 50 % with a 46 % target
    /// (ratio ≈ 1.08) stay 7.
    @Test func changesInsideTheToleranceAreIgnored() throws {
        var cluster = try Self.cluster(Self.phpApache(target: 46))
        _ = cluster.setLoad(service: "php-apache", namespace: "default", rps: 66.7, duration: nil)
        cluster.advance(by: .seconds(300))
        let replicas = Self.replicas(cluster)
        let u = cluster.object(Self.hpas, "php-apache")?["status"]?["currentMetrics"]?[0]?["resource"]?["current"]?["averageUtilization"]?.int ?? 0
        #expect(abs(Double(u) / 46 - 1) <= 0.1)
        cluster.advance(by: .seconds(120))
        #expect(Self.replicas(cluster) == replicas)
    }

    /// `behavior` with one pod per minute: the Pods policy limits each step (ScaleUpLimit);
    /// a scale-down window of 0 lets it shrink at the next sync.
    @Test func behaviorPoliciesLimitTheRate() throws {
        let behavior = """
          behavior:
            scaleUp:
              policies: [{type: Pods, value: 1, periodSeconds: 60}]
            scaleDown:
              stabilizationWindowSeconds: 0
        """
        var cluster = try Self.cluster(Self.phpApache(behavior: behavior))
        let hpa = try #require(cluster.object(Self.hpas, "php-apache"))
        #expect(hpa["spec"]?["behavior"]?["scaleUp"]?["selectPolicy"] == "Max")
        #expect(hpa["spec"]?["behavior"]?["scaleDown"]?["policies"] == [["type": "Percent", "value": 100, "periodSeconds": 15]])
        _ = cluster.setLoad(service: "php-apache", namespace: "default", rps: 66.7, duration: .seconds(170))
        cluster.advance(by: .seconds(16))
        #expect(Self.replicas(cluster) == 2)
        #expect(Self.condition(cluster, "ScalingLimited") == "True/ScaleUpLimit")
        cluster.advance(by: .seconds(30))
        #expect(Self.replicas(cluster) == 2)
        cluster.advance(by: .seconds(45))
        #expect(Self.replicas(cluster) == 3)
        cluster.advance(by: .seconds(120))
        #expect(Self.replicas(cluster) == 1)
    }

    /// A container without a cpu request cannot be measured against one: FailedGetResourceMetric
    /// with replica_calculator.go's text, ScalingActive False.
    @Test func missingRequestIsReported() throws {
        let cluster = try Self.cluster(Self.phpApache(resources: "{}"))
        let pod = try #require(cluster.api.list(Kinds.resolve("pods")!, namespace: "default").first).name
        #expect(cluster.eventMessages("php-apache", reason: "FailedGetResourceMetric").last
                == "failed to get cpu utilization: missing request for cpu in container php-apache of Pod \(pod)")
        #expect(Self.condition(cluster, "ScalingActive") == "False/FailedGetResourceMetric")
        #expect(Self.replicas(cluster) == 1)
    }

    /// The controller's memory (recent recommendations) is saved with the cluster: a cluster
    /// saved and loaded mid-window behaves byte for byte like one that never stopped.
    @Test func savedClusterKeepsTheRecommendations() throws {
        var a = try Self.cluster(Self.phpApache())
        _ = a.setLoad(service: "php-apache", namespace: "default", rps: 66.7, duration: .seconds(120))
        a.advance(by: .seconds(200))
        var b = try Cluster(decoding: a.encodedState())
        a.advance(by: .seconds(400))
        b.advance(by: .seconds(400))
        #expect(a.encodedState() == b.encodedState())
        #expect(Self.replicas(b) == 1)
    }
}

@Suite struct LoadTests {
    @Test func walkthroughLoadGeneratorIsRecognised() {
        let g = Load.Generator("while sleep 0.01; do wget -q -O- http://php-apache; done")
        #expect(g?.host == "php-apache")
        #expect(abs((g?.rps ?? 0) - 1000.0 / 15) < 0.001)
        #expect(Load.Generator("while true; do curl -s web.prod.svc.cluster.local:8080/; sleep 1; done")?.host == "web.prod.svc.cluster.local")
        #expect(Load.Generator("wget -q -O- http://php-apache") == nil)
        #expect(Load.Generator("while true; do echo hola; sleep 1; done") == nil)
    }

    @Test func clusterDNSNamesResolveToServices() {
        #expect(Load.resolve("web", from: "dev").map { "\($0.service).\($0.namespace)" } == "web.dev")
        #expect(Load.resolve("web.prod", from: "dev").map { "\($0.service).\($0.namespace)" } == "web.prod")
        #expect(Load.resolve("web.prod.svc", from: "dev").map { "\($0.service).\($0.namespace)" } == "web.prod")
        #expect(Load.resolve("web.prod.svc.cluster.local", from: "dev").map { "\($0.service).\($0.namespace)" } == "web.prod")
        #expect(Load.resolve("example.com.ar", from: "dev") == nil)
    }

    @Test func milliQuantitiesPrintLikeDecimalSI() {
        #expect(HPASync.milliQuantity(250) == "250m")
        #expect(HPASync.milliQuantity(1000) == "1")
        #expect(HPASync.milliQuantity(1500) == "1500m")
        #expect(HPASync.milliQuantity(12_000_000) == "12k")
        #expect(HPASync.milliQuantity(0) == "0")
    }
}
