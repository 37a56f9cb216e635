import Testing
import KubeAPI
import YAML
@testable import Simulator

/// pkg/controller/replicaset/replica_set.go behaviours, one per test.
@Suite struct ReplicaSetControllerTests {
    static func scale(_ cluster: inout Cluster, to replicas: Int) throws {
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: replicas)))
        cluster.advance()
    }

    /// manageReplicas: too few → create from the template with generateName `<rs>-`,
    /// a controller reference, and `SuccessfulCreate` events `Created pod: <name>`;
    /// status follows on the next sync.
    @Test func scaleUpCreatesPodsAndEvents() throws {
        var cluster = Cluster(seed: 5)
        try Self.scale(&cluster, to: 3)
        let created = cluster.api.list(pods, namespace: "default")
        #expect(created.count == 3)
        let rs = try cluster.api.get(replicaSets, namespace: "default", name: "web")
        for pod in created {
            #expect(pod.name.hasPrefix("web-") && pod.name.count == 9)
            #expect(pod.value["metadata"]?["generateName"] == "web-")
            #expect(pod.value.controllerRef?["uid"]?.string == rs.uid)
            #expect(pod.value.controllerRef?["blockOwnerDeletion"] == true)
            #expect(pod.value["status"]?["phase"] == "Pending")
        }
        #expect(rs.value["status"] == ["replicas": 3, "fullyLabeledReplicas": 3, "observedGeneration": 1])
        let messages = cluster.api.list(events, namespace: "default").map { $0.value["message"]?.string ?? "" }
        #expect(Set(messages) == Set(created.map { "Created pod: \($0.name)" }))
        let event = cluster.api.list(events, namespace: "default")[0].value
        #expect(event["reason"] == "SuccessfulCreate")
        #expect(event["source"]?["component"] == "replicaset-controller")
        #expect(event["involvedObject"]?["kind"] == "ReplicaSet")
        cluster.api.store.checkInvariants()
    }

    /// Too many → delete the lowest-ranked: unscheduled before scheduled, then pending
    /// before running, then not ready before ready (ActivePodsWithRanks).
    @Test func scaleDownDeletesByRank() throws {
        var cluster = Cluster(seed: 5)
        try Self.scale(&cluster, to: 3)
        let names = cluster.api.list(pods, namespace: "default").map(\.key)
        // Pretend pod 0 is scheduled and running and ready, pod 1 scheduled and running.
        for (i, key) in names.prefix(2).enumerated() {
            var v = try cluster.api.get(key).value
            v.edit("spec") { $0.set("nodeName", "nodo-1") }
            _ = try cluster.api.updateObject(key, v)
            var status: Value = ["phase": "Running"]
            if i == 0 { status.set("conditions", [["type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:00Z"]]) }
            try cluster.api.updateStatus(key, status: status)
        }
        try Self.scale(&cluster, to: 1)
        // The scheduled one is deleted gracefully (30 s, waiting for a kubelet); the other goes at once.
        let left = cluster.api.list(pods, namespace: "default")
        #expect(left.filter { !$0.isBeingDeleted }.map(\.key) == [names[0]])
        #expect(left.first { $0.key == names[1] }?.value["metadata"]?["deletionGracePeriodSeconds"] == 30)
        let deleted = cluster.api.list(events, namespace: "default").compactMap { $0.value["message"]?.string }.filter { $0.hasPrefix("Deleted pod: ") }
        #expect(Set(deleted) == ["Deleted pod: \(names[1].name)", "Deleted pod: \(names[2].name)"])
        let rs = try cluster.api.get(replicaSets, namespace: "default", name: "web")
        #expect(rs.value["status"]?["replicas"] == 1)
        #expect(rs.value["status"]?["readyReplicas"] == 1)
        #expect(rs.value["status"]?["availableReplicas"] == 1)
    }

    /// ClaimPods: a matching orphan is adopted (and counts), so fewer pods are created;
    /// a pod whose labels stop matching is released and replaced.
    @Test func adoptsAndReleasesByLabels() throws {
        var cluster = Cluster(seed: 6)
        _ = try cluster.api.apply(decoded(podYAML(name: "suelto")))
        try Self.scale(&cluster, to: 2)
        let rs = try cluster.api.get(replicaSets, namespace: "default", name: "web")
        let adopted = try cluster.api.get(pods, namespace: "default", name: "suelto")
        #expect(adopted.value.controllerRef?["uid"]?.string == rs.uid)
        #expect(cluster.api.list(pods, namespace: "default").count == 2)

        var relabeled = adopted.value
        relabeled.editMetadata { $0.set("labels", ["app": "otra"]) }
        _ = try cluster.api.updateObject(adopted.key, relabeled)
        cluster.advance()
        let released = try cluster.api.get(pods, namespace: "default", name: "suelto")
        #expect(released.value.ownerReferences.isEmpty)
        #expect(cluster.api.list(pods, namespace: "default", selector: try LabelSelector.parse("app=web")).count == 2)
    }

    /// burstReplicas: at most 500 creates per sync; the pods' own events wake it again.
    @Test func burstReplicasLimitsOneSync() throws {
        var cluster = Cluster(seed: 7)
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: 600)))
        let controller = ReplicaSetController()
        let actions = controller.reconcile(key: ObjectKey(replicaSets, namespace: "default", name: "web"),
                                           state: ClusterState(store: cluster.api.store), now: cluster.now)
        let creates = actions.compactMap { action -> Int? in
            if case .createPod(_, _, let batch) = action { return batch }
            return nil
        }
        #expect(creates.count == 500)
        // Slow start: batches of 1, 2, 4, 8, … (the last one takes what is left).
        #expect(creates.filter { $0 == 0 }.count == 1 && creates.filter { $0 == 1 }.count == 2 && creates.filter { $0 == 3 }.count == 8)
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "default").count == 600)
    }

    /// The recorder aggregates: from the 10th distinct "Created pod" message on, one
    /// "(combined from similar events): …" event whose count grows.
    @Test func eventsAggregateLikeTheRecorder() throws {
        var cluster = Cluster(seed: 8)
        try Self.scale(&cluster, to: 12)
        let list = cluster.api.list(events, namespace: "default").map(\.value)
        let combined = list.filter { ($0["message"]?.string ?? "").hasPrefix("(combined from similar events): Created pod: ") }
        #expect(list.count == 10)
        #expect(combined.count == 1)
        #expect(combined.first?["count"] == 3)
    }

    /// Same message, same object → one event with count 2 (eventLogger.eventObserve).
    @Test func identicalEventsIncrementCount() throws {
        var cluster = Cluster(seed: 8)
        try Self.scale(&cluster, to: 1)
        let rs = ObjectKey(replicaSets, namespace: "default", name: "web")
        let spec = EventSpec(involved: rs, type: .warning, reason: "Probe", message: "igual", component: "prueba")
        cluster.api.record(spec)
        cluster.api.record(spec)
        let same = cluster.api.list(events, namespace: "default").filter { $0.value["message"] == "igual" }
        #expect(same.count == 1)
        #expect(same.first?.value["count"] == 2)
        #expect(same.first?.name.hasPrefix("web.") == true)
    }

    /// The candidates of a claim: the selected pods, plus owned pods whose labels moved away
    /// (marked as not selected, to be released); an owner reference from another namespace
    /// is no candidate (upstream lists the owner's namespace only).
    @Test func candidatesAreSelectedOrOwnedInTheNamespace() throws {
        var cluster = Cluster(seed: 5)
        try Self.scale(&cluster, to: 2)
        let rs = try cluster.api.get(replicaSets, namespace: "default", name: "web")
        let selector = try LabelSelector(rs.value["spec"]?["selector"])
        var state = ClusterState(store: cluster.api.store)
        var found = Workload.candidates(ObjectKey.pods, of: rs, selector: selector, state: state)
        #expect(found.objects.count == 2 && found.unselected.isEmpty)
        #expect(found.objects.allSatisfy { found.matches($0) })

        // One pod relabelled (still owned), one foreign pod naming the ReplicaSet as owner.
        var moved = found.objects[0].value
        moved.editMetadata { $0.set("labels", ["app": "otra"]) }
        _ = try cluster.api.updateObject(found.objects[0].key, moved)
        _ = try cluster.api.createObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "otro"]],
                                         resource: Kinds.resolve("namespaces")!, source: nil)
        var foreign = found.objects[1].value
        foreign.editMetadata { $0.set("namespace", "otro"); $0.set("name", "ajeno"); $0.remove("uid"); $0.remove("resourceVersion") }
        foreign.remove("status")
        _ = try cluster.api.createObject(foreign, resource: Kinds.resolve("pods")!, source: nil)
        state = ClusterState(store: cluster.api.store)
        found = Workload.candidates(ObjectKey.pods, of: rs, selector: selector, state: state)
        #expect(found.objects.map(\.key) == found.objects.map(\.key).sorted())
        #expect(found.objects.count == 2, "the pod in «otro» is no candidate")
        #expect(found.objects.allSatisfy { $0.namespace == "default" })
        #expect(found.unselected.map(\.name) == [moved.objectName])
        let relabelled = try #require(found.objects.first { $0.name == moved.objectName })
        #expect(!found.matches(relabelled))
        #expect(found.objects.filter { found.matches($0) }.count == 1)
    }
}
