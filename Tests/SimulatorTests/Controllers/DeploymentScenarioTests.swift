import KubeAPI
import Testing
import YAML
@testable import Simulator

/// Golden Deployment scenarios, each after one upstream behaviour.
@Suite struct DeploymentScenarioTests {
    static func rolled(_ image: String = "ok:1", replicas: Int = 3, strategy: String = "", extra: String = "") throws -> Cluster {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(WorkloadYAML.deployment(replicas: replicas, image: image, strategy: strategy, extra: extra))
        cluster.advance(by: .seconds(5))
        return cluster
    }

    func newest(_ cluster: Cluster, besides names: [String]) -> String? {
        cluster.replicaSetsOf("web").map(\.name).first { !names.contains($0) }
    }

    /// recreate.go: old ReplicaSets to 0, wait until their pods are gone, then the new one
    /// at full size — never old and new pods together.
    @Test func recreateScalesDownThenUp() throws {
        var cluster = try Self.rolled(strategy: "{type: Recreate}")
        let old = cluster.replicaSetsOf("web")[0].name
        try cluster.apply(WorkloadYAML.deployment(image: "ok:2", strategy: "{type: Recreate}"))
        cluster.advance(by: .seconds(5))
        let new = try #require(newest(cluster, besides: [old]))
        #expect(cluster.eventMessages("web", reason: "ScalingReplicaSet") == [
            "Scaled up replica set \(old) from 0 to 3",
            "Scaled down replica set \(old) from 3 to 0",
            "Scaled up replica set \(new) from 0 to 3",
        ])
        #expect(RolloutStatus.deployment(try #require(cluster.object(deployments, "web"))).state == .complete)
    }

    /// kubectl polymorphichelpers/rollback.go: `rollout undo --to-revision=1` copies revision
    /// 1's template back; its ReplicaSet becomes revision 3 and remembers `revision-history: 1`.
    @Test func rollbackToRevisionOne() throws {
        var cluster = try Self.rolled()
        let first = cluster.replicaSetsOf("web")[0].name
        try cluster.apply(WorkloadYAML.deployment(image: "ok:2"))
        cluster.advance(by: .seconds(20))
        #expect(try cluster.api.rolloutUndo(namespace: "default", name: "web", toRevision: 1) == .rolledBack)
        _ = try cluster.watchRollout(deployments, namespace: "default", name: "web")
        let rs = try #require(cluster.object(replicaSets, first))
        #expect(rs["spec"]?["replicas"] == 3)
        #expect(rs.annotationMap["deployment.kubernetes.io/revision"] == "3")
        #expect(rs.annotationMap["deployment.kubernetes.io/revision-history"] == "1")
        let d = try #require(cluster.object(deployments, "web"))
        #expect(d["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"] == "ok:1")
        #expect(d["spec"]?["template"]?["metadata"]?["labels"] == ["app": "web"])
        #expect(try cluster.api.rolloutHistory(namespace: "default", name: "web").map(\.revision) == [2, 3])
        #expect(try cluster.api.rolloutUndo(namespace: "default", name: "web", toRevision: 3) == .skipped(revision: 3))
        #expect(throws: RolloutError.revisionNotFound(7)) { try cluster.api.rolloutUndo(namespace: "default", name: "web", toRevision: 7) }
    }

    /// sync.go checkPausedConditions + sync: a paused Deployment does not roll (no new
    /// ReplicaSet), shows `DeploymentPaused`; resuming rolls it.
    @Test func pausedDeploymentDoesNotRoll() throws {
        var cluster = try Self.rolled()
        try cluster.api.rolloutSetPaused(namespace: "default", name: "web", paused: true)
        #expect(throws: RolloutError.alreadyPaused) { try cluster.api.rolloutSetPaused(namespace: "default", name: "web", paused: true) }
        var yaml = WorkloadYAML.deployment(image: "ok:2", extra: "paused: true")
        try cluster.apply(yaml)
        cluster.advance(by: .seconds(30))
        #expect(cluster.replicaSetsOf("web").count == 1)
        var d = try #require(cluster.object(deployments, "web"))
        let cond = Workload.condition(d["status"], "Progressing")
        #expect(cond?["status"] == "Unknown" && cond?["reason"] == "DeploymentPaused" && cond?["message"] == "Deployment is paused")
        #expect(throws: RolloutError.paused) { try cluster.api.rolloutUndo(namespace: "default", name: "web") }
        yaml = WorkloadYAML.deployment(image: "ok:2")
        try cluster.apply(yaml)
        _ = try cluster.watchRollout(deployments, namespace: "default", name: "web")
        d = try #require(cluster.object(deployments, "web"))
        #expect(cluster.replicaSetsOf("web").count == 2)
        #expect(Workload.condition(d["status"], "Progressing")?["reason"] == "NewReplicaSetAvailable")
    }

    /// progress.go: no progress for progressDeadlineSeconds → `Progressing=False`,
    /// `ProgressDeadlineExceeded`; `rollout status` fails with kubectl's text.
    @Test func progressDeadlineExceeded() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(WorkloadYAML.deployment(image: "bad:1", extra: "progressDeadlineSeconds: 30"))
        let lines = try cluster.watchRollout(deployments, namespace: "default", name: "web", timeout: .seconds(60))
        let rs = cluster.replicaSetsOf("web")[0].name
        #expect(lines.last == RolloutStatus(.failed, "deployment \"web\" exceeded its progress deadline"))
        let d = try #require(cluster.object(deployments, "web"))
        let cond = try #require(Workload.condition(d["status"], "Progressing"))
        #expect(cond["status"] == "False" && cond["reason"] == "ProgressDeadlineExceeded")
        #expect(cond["message"] == .string("ReplicaSet \"\(rs)\" has timed out progressing."))
        let available = Workload.condition(d["status"], "Available")
        #expect(available?["status"] == "False" && available?["reason"] == "MinimumReplicasUnavailable")
        #expect(available?["message"] == "Deployment does not have minimum availability.")
        #expect(d["status"]?["unavailableReplicas"] == 3)
        // It timed out 30 s after the last progress (second 0), at the first check past it.
        let updated = try #require(Workload.time(cond["lastUpdateTime"]))
        #expect(updated.since(VirtualTime.courseEpoch) <= .seconds(31))
    }

    /// sync.go scale + deployment_util.go GetProportion, the documented example: 10 replicas,
    /// maxSurge 3, maxUnavailable 2, a bad rollout stuck at old 8 / new 5; scaled to 15,
    /// the 5 extra go 3 to the old ReplicaSet and 2 to the new (by max-replicas 13 → 18).
    @Test func proportionalScalingMidRollout() throws {
        let strategy = "{rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}"
        var cluster = try Self.rolled(replicas: 10, strategy: strategy)
        let old = cluster.replicaSetsOf("web")[0].name
        try cluster.apply(WorkloadYAML.deployment(replicas: 10, image: "bad:1", strategy: strategy))
        cluster.advance(by: .seconds(10))
        let new = try #require(newest(cluster, besides: [old]))
        #expect(cluster.object(replicaSets, old)?["spec"]?["replicas"] == 8)
        #expect(cluster.object(replicaSets, new)?["spec"]?["replicas"] == 5)
        try cluster.apply(WorkloadYAML.deployment(replicas: 15, image: "bad:1", strategy: strategy))
        cluster.advance(by: .seconds(1))
        #expect(cluster.object(replicaSets, old)?["spec"]?["replicas"] == 11)
        #expect(cluster.object(replicaSets, new)?["spec"]?["replicas"] == 7)
        #expect(cluster.eventMessages("web", reason: "ScalingReplicaSet").suffix(2) == [
            "Scaled up replica set \(old) from 8 to 11", "Scaled up replica set \(new) from 5 to 7",
        ])
        #expect(cluster.object(replicaSets, new)?.annotationMap["deployment.kubernetes.io/max-replicas"] == "18")
    }

    /// sync.go cleanupDeployment: with revisionHistoryLimit 1, only one old ReplicaSet (at 0
    /// replicas) is kept.
    @Test func revisionHistoryLimitCleansOldReplicaSets() throws {
        var cluster = try Self.rolled(extra: "revisionHistoryLimit: 1")
        for image in ["ok:2", "ok:3", "ok:4"] {
            try cluster.apply(WorkloadYAML.deployment(image: image, extra: "revisionHistoryLimit: 1"))
            _ = try cluster.watchRollout(deployments, namespace: "default", name: "web")
            cluster.advance(by: .seconds(1))
        }
        let revisions = cluster.replicaSetsOf("web").map { $0.value.annotationMap["deployment.kubernetes.io/revision"] ?? "" }
        #expect(revisions.sorted() == ["3", "4"])
    }

    /// objectrestarter.go: `rollout restart` stamps `kubectl.kubernetes.io/restartedAt` on
    /// the template, which is a new revision rolled out as any other.
    @Test func restartMakesANewRevision() throws {
        var cluster = try Self.rolled()
        try cluster.api.rolloutRestart(deployments, namespace: "default", name: "web")
        _ = try cluster.watchRollout(deployments, namespace: "default", name: "web")
        let d = try #require(cluster.object(deployments, "web"))
        #expect(d["spec"]?["template"]?["metadata"]?["annotations"]?["kubectl.kubernetes.io/restartedAt"] == "2026-01-01T00:00:05Z")
        #expect(d.annotationMap["deployment.kubernetes.io/revision"] == "2")
        #expect(cluster.replicaSetsOf("web").count == 2)
    }

    /// Same inputs, same names and outputs.
    @Test func deterministic() throws {
        func run() throws -> [String] {
            var cluster = try Self.rolled()
            try cluster.apply(WorkloadYAML.deployment(image: "ok:2"))
            cluster.advance(by: .seconds(30))
            return cluster.api.list(pods, namespace: "default").map(\.name) + cluster.eventMessages("web")
        }
        #expect(try run() == run())
    }
}
