import Testing
import YAML
@testable import Simulator

/// pkg/controller/garbagecollector: background, foreground and orphan propagation.
@Suite struct GarbageCollectorTests {
    static func clusterWithReplicaSet() throws -> Cluster {
        var cluster = Cluster(seed: 9)
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: 3)))
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "default").count == 3)
        return cluster
    }

    /// Background: the owner goes at once, the collector deletes the dependents after.
    @Test func backgroundDeletesDependentsAfterOwner() throws {
        var cluster = try Self.clusterWithReplicaSet()
        let outcome = try cluster.api.delete(replicaSets, namespace: "default", name: "web")
        #expect(outcome.kubectlMessage == "replicaset.apps \"web\" deleted")
        #expect(cluster.api.list(replicaSets, namespace: "default").isEmpty)
        #expect(cluster.api.list(pods, namespace: "default").count == 3)
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "default").isEmpty)
        cluster.api.store.checkInvariants()
    }

    /// Foreground: the owner waits with `foregroundDeletion` until the dependents are gone.
    @Test func foregroundDeletesDependentsFirst() throws {
        var cluster = try Self.clusterWithReplicaSet()
        _ = try cluster.api.delete(replicaSets, namespace: "default", name: "web", propagation: .foreground)
        let owner = try cluster.api.get(replicaSets, namespace: "default", name: "web")
        #expect(owner.finalizers == ["foregroundDeletion"])
        #expect(owner.isBeingDeleted)
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "default").isEmpty)
        #expect(cluster.api.list(replicaSets, namespace: "default").isEmpty)
    }

    /// Orphan: dependents lose their ownerReferences and stay.
    @Test func orphanKeepsDependents() throws {
        var cluster = try Self.clusterWithReplicaSet()
        _ = try cluster.api.delete(replicaSets, namespace: "default", name: "web", propagation: .orphan)
        cluster.advance()
        #expect(cluster.api.list(replicaSets, namespace: "default").isEmpty)
        let left = cluster.api.list(pods, namespace: "default")
        #expect(left.count == 3)
        #expect(left.allSatisfy { $0.value.ownerReferences.isEmpty })
    }

    /// Finalizers hold deletion until removed.
    @Test func finalizersHoldDeletion() throws {
        var cluster = Cluster(seed: 2)
        let yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, finalizers: [example.com/keep]}
        """
        _ = try cluster.api.apply(decoded(yaml))
        let cm = Kinds_configMaps
        _ = try cluster.api.delete(cm, namespace: "default", name: "c")
        var held = try cluster.api.get(cm, namespace: "default", name: "c").value
        #expect(held.isBeingDeleted)
        held.setFinalizers([])
        _ = try cluster.api.updateObject(ObjectKey(cm, namespace: "default", name: "c"), held)
        #expect(throws: APIError.self) { try cluster.api.get(cm, namespace: "default", name: "c") }
    }
}

import KubeAPI
let Kinds_configMaps = Kinds.resolve("cm")!
