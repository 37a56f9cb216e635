import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/statefulset behaviours.
@Suite struct StatefulSetControllerTests {
    static let statefulSets = Kinds.resolve("sts")!
    static let claims = Kinds.resolve("pvc")!

    static func yaml(replicas: Int = 3, image: String = "ok:1", policy: String = "OrderedReady", partition: Int = 0) -> String {
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: web
        spec:
          serviceName: web
          replicas: \(replicas)
          podManagementPolicy: \(policy)
          updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: \(partition)}}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: \(image)
          volumeClaimTemplates:
          - metadata: {name: www}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        """
    }

    func podsByName(_ cluster: Cluster) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: cluster.api.list(pods, namespace: "default").map { ($0.name, $0.value) })
    }

    /// OrderedReady: web-1 only once web-0 is Running and Ready (2 s apart with the fake
    /// kubelet); stable names, per-pod claims `www-web-N`, identity labels.
    @Test func orderedStartWithClaims() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml())
        cluster.advance(by: .seconds(1))
        #expect(podsByName(cluster).keys.sorted() == ["web-0"])
        cluster.advance(by: .seconds(10))
        let pods = podsByName(cluster)
        #expect(pods.keys.sorted() == ["web-0", "web-1", "web-2"])
        #expect(pods["web-1"]?["metadata"]?["creationTimestamp"] == "2026-01-01T00:00:02Z")
        #expect(pods["web-2"]?["metadata"]?["creationTimestamp"] == "2026-01-01T00:00:04Z")
        let labels = pods["web-1"]?.labelMap ?? [:]
        #expect(labels["statefulset.kubernetes.io/pod-name"] == "web-1" && labels["apps.kubernetes.io/pod-index"] == "1")
        #expect(labels["controller-revision-hash"]?.hasPrefix("web-") == true)
        #expect(pods["web-1"]?["spec"]?["hostname"] == "web-1" && pods["web-1"]?["spec"]?["subdomain"] == "web")
        #expect(pods["web-1"]?["spec"]?["volumes"]?[0]?["persistentVolumeClaim"]?["claimName"] == "www-web-1")
        #expect(cluster.api.list(Self.claims, namespace: "default").map(\.name) == ["www-web-0", "www-web-1", "www-web-2"])
        #expect(cluster.object(Self.claims, "www-web-0")?.labelMap == ["app": "web"])
        #expect(cluster.eventMessages("web", reason: "SuccessfulCreate").prefix(2) == [
            "create Claim www-web-0 Pod web-0 in StatefulSet web success", "create Pod web-0 in StatefulSet web successful",
        ])
        let st = try #require(cluster.object(Self.statefulSets, "web")?["status"])
        #expect(st["replicas"] == 3 && st["readyReplicas"] == 3 && st["availableReplicas"] == 3)
        #expect(st["currentReplicas"] == 3 && st["updatedReplicas"] == 3 && st["currentRevision"] == st["updateRevision"])
    }

    /// Rolling update in reverse ordinal order down to `partition: 1`: web-2, then web-1;
    /// web-0 stays at the current revision.
    @Test func reverseRollingUpdateWithPartition() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(partition: 1))
        cluster.advance(by: .seconds(10))
        let oldRevision = cluster.object(Self.statefulSets, "web")?["status"]?["currentRevision"]?.string
        try cluster.apply(Self.yaml(image: "ok:2", partition: 1))
        let lines = try cluster.watchRollout(Self.statefulSets, namespace: "default", name: "web")
        #expect(lines.last?.line == "partitioned roll out complete: 2 new pods have been updated...\n")
        let deletes = cluster.eventMessages("web", reason: "SuccessfulDelete")
        #expect(deletes == ["delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful"])
        let pods = podsByName(cluster)
        #expect(pods["web-0"]?["spec"]?["containers"]?[0]?["image"] == "ok:1")
        #expect(pods["web-1"]?["spec"]?["containers"]?[0]?["image"] == "ok:2")
        let st = try #require(cluster.object(Self.statefulSets, "web")?["status"])
        #expect(st["currentRevision"]?.string == oldRevision && st["updateRevision"]?.string != oldRevision)
        #expect(st["updatedReplicas"] == 2 && st["currentReplicas"] == 1)
    }

    /// Scale down in reverse order, one at a time (OrderedReady); claims are retained.
    @Test func scaleDownReverseOrder() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml())
        cluster.advance(by: .seconds(10))
        try cluster.apply(Self.yaml(replicas: 1))
        cluster.advance(by: .seconds(5))
        #expect(podsByName(cluster).keys.sorted() == ["web-0"])
        #expect(cluster.eventMessages("web", reason: "SuccessfulDelete") == [
            "delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful",
        ])
        #expect(cluster.api.list(Self.claims, namespace: "default").count == 3)
    }

    /// Parallel: every pod at once.
    @Test func parallelCreatesAllAtOnce() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(policy: "Parallel"))
        cluster.advance()
        #expect(podsByName(cluster).keys.sorted() == ["web-0", "web-1", "web-2"])
    }
}
