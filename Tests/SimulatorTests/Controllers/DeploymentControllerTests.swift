import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/deployment behaviours, one per test, with the fake kubelet making pods
/// Running and Ready 2 s after creation.
@Suite struct DeploymentControllerTests {
    /// sync.go getNewReplicaSet: `<deploy>-<pod-template-hash>`, hash label on the template,
    /// selector and labels; revision 1 on both; `Scaled up replica set … from 0 to 3`;
    /// conditions NewReplicaSetCreated → ReplicaSetUpdated → NewReplicaSetAvailable and MinimumReplicasAvailable.
    @Test func createsReplicaSetWithHashAndRevision() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(WorkloadYAML.deployment())
        cluster.advance()
        let rsList = cluster.replicaSetsOf("web")
        #expect(rsList.count == 1)
        let rs = rsList[0].value
        let hash = rs["metadata"]?["labels"]?["pod-template-hash"]?.string ?? ""
        #expect(rsList[0].name == "web-" + hash)
        #expect(rs["spec"]?["selector"]?["matchLabels"] == ["app": "web", "pod-template-hash": .string(hash)])
        #expect(rs["spec"]?["template"]?["metadata"]?["labels"]?["pod-template-hash"]?.string == hash)
        #expect(rs.annotationMap == ["deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3",
                                     "deployment.kubernetes.io/max-replicas": "4"])
        var d = try #require(cluster.object(deployments, "web"))
        #expect(d.annotationMap["deployment.kubernetes.io/revision"] == "1")
        #expect(d["metadata"]?["generation"] == 1)
        // Created new replica set → (pods appear: updatedReplicas 0 → 3) ReplicaSetUpdated.
        #expect(Workload.condition(d["status"], "Progressing")?["reason"] == "ReplicaSetUpdated")
        #expect(Workload.condition(d["status"], "Progressing")?["message"] == .string("ReplicaSet \"\(rsList[0].name)\" is progressing."))
        #expect(RolloutStatus.deployment(d).line == "Waiting for deployment \"web\" rollout to finish: 0 of 3 updated replicas are available...\n")
        cluster.advance(by: .seconds(3))
        d = try #require(cluster.object(deployments, "web"))
        let st = d["status"]!
        #expect(st["replicas"] == 3 && st["updatedReplicas"] == 3 && st["readyReplicas"] == 3 && st["availableReplicas"] == 3)
        #expect(st["unavailableReplicas"] == nil && st["observedGeneration"] == 1)
        #expect(Workload.conditions(st).map { $0["type"]?.string ?? "" } == ["Available", "Progressing"])
        #expect(Workload.condition(st, "Available")?["reason"] == "MinimumReplicasAvailable")
        #expect(Workload.condition(st, "Available")?["message"] == "Deployment has minimum availability.")
        #expect(Workload.condition(st, "Progressing")?["reason"] == "NewReplicaSetAvailable")
        #expect(Workload.condition(st, "Progressing")?["message"] == .string("ReplicaSet \"\(rsList[0].name)\" has successfully progressed."))
        #expect(RolloutStatus.deployment(d) == RolloutStatus(.complete, "deployment \"web\" successfully rolled out\n"))
        #expect(cluster.eventMessages("web", reason: "ScalingReplicaSet") == ["Scaled up replica set \(rsList[0].name) from 0 to 3"])
        cluster.api.store.checkInvariants()
    }

    /// rolling.go with 3 replicas, maxSurge 25% (→ 1, rounded up) and maxUnavailable 25%
    /// (→ 0, rounded down): one pod at a time, never fewer than 3 available.
    @Test func rollingUpdateSequenceOfSizes() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(WorkloadYAML.deployment())
        cluster.advance(by: .seconds(5))
        let old = cluster.replicaSetsOf("web")[0].name
        try cluster.apply(WorkloadYAML.deployment(image: "ok:2"))
        let lines = try cluster.watchRollout(deployments, namespace: "default", name: "web")
        let new = try #require(cluster.replicaSetsOf("web").map(\.name).first { $0 != old })
        #expect(cluster.eventMessages("web", reason: "ScalingReplicaSet") == [
            "Scaled up replica set \(old) from 0 to 3",
            "Scaled up replica set \(new) from 0 to 1",
            "Scaled down replica set \(old) from 3 to 2",
            "Scaled up replica set \(new) from 1 to 2",
            "Scaled down replica set \(old) from 2 to 1",
            "Scaled up replica set \(new) from 2 to 3",
            "Scaled down replica set \(old) from 1 to 0",
        ])
        #expect(lines.map(\.line) == [
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
            "Waiting for deployment \"web\" rollout to finish: 2 out of 3 new replicas have been updated...\n",
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n",
            "deployment \"web\" successfully rolled out\n",
        ])
        let d = try #require(cluster.object(deployments, "web"))
        #expect(d.annotationMap["deployment.kubernetes.io/revision"] == "2")
        #expect(cluster.object(replicaSets, old)?.annotationMap["deployment.kubernetes.io/revision"] == "1")
        #expect(cluster.object(replicaSets, old)?["spec"]?["replicas"] == 0)
        #expect(try cluster.api.rolloutHistory(namespace: "default", name: "web").map(\.revision) == [1, 2])
        #expect(APIServer.rolloutHistoryTable(try cluster.api.rolloutHistory(namespace: "default", name: "web"))
                == "REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n")
    }
}
