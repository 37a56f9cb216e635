import KubeAPI
import Testing
import YAML
@testable import Simulator

/// Events kept as fields (CompactEvent.swift): which values are recognised, and that the tree
/// rebuilt is the one written, pair for pair and in the same key order.
@Suite struct CompactEventTests {
    static let key = ObjectKey(resource: ObjectKey.events, namespace: "default", name: "web-1.18867251ee64cfe1")

    /// The recorder's shape, with the involvedObject fields asked for.
    /// `container`: a kubelet's event about a container (`fieldPath`, `source.host`).
    static func recorded(namespace: Bool = true, uid: Bool = true, container: Bool = false) -> Value {
        var involved: Value = ["kind": "Pod", "name": "web-1", "apiVersion": "v1"]
        if namespace { involved.set("namespace", "default") }
        if uid {
            involved.set("uid", "0b6a4f0e-5c1d-4e7a-9f10-3f2a1b0c9d8e")
            involved.set("resourceVersion", "812")
        }
        if container { involved.set("fieldPath", "spec.containers{web}") }
        let source: Value = container ? ["component": "kubelet", "host": "taller-worker"] : ["component": "kubelet"]
        return ["apiVersion": "v1", "kind": "Event",
                "metadata": ["name": .string(key.name), "namespace": "default", "uid": "5d41402a-bc4b-4a76-b971-9d911017c592",
                             "creationTimestamp": "2026-01-01T00:00:03Z", "resourceVersion": "815"],
                "involvedObject": involved, "reason": "Pulled",
                "message": "Container image \"nginx:1.27\" already present on machine", "source": source,
                "firstTimestamp": "2026-01-01T00:00:03Z", "lastTimestamp": "2026-01-01T00:00:07Z", "count": 2,
                "type": "Normal", "eventTime": nil, "reportingComponent": "kubelet",
                "reportingInstance": container ? "taller-worker" : ""]
    }

    static func ordered(_ v: Value) -> String { JSONWriter.string(v, sortKeys: false) }

    @Test(arguments: [true, false], [(true, true), (true, false), (false, true), (false, false)])
    func recorderShapesRoundTrip(container: Bool, involved: (namespace: Bool, uid: Bool)) throws {
        let v = Self.recorded(namespace: involved.namespace, uid: involved.uid, container: container)
        let compact = try #require(CompactEvent(v, key: Self.key))
        #expect(Self.ordered(compact.value(Self.key)) == Self.ordered(v))
        let stored = StoredObject(key: Self.key, value: v, source: nil)
        #expect(stored.event != nil)
        #expect(Self.ordered(stored.value) == Self.ordered(v))
        #expect(stored.uid == "5d41402a-bc4b-4a76-b971-9d911017c592")
        #expect(stored.resourceVersion == "815" && stored.kind == "Event" && stored.apiVersion == "v1")
        #expect(!stored.isBeingDeleted && stored.finalizers.isEmpty && stored.labels.isEmpty && stored.ownerUIDs.isEmpty)
    }

    /// Anything but the recorder's exact shape stays a tree, so nothing a learner writes is
    /// lost or reordered.
    @Test func otherShapesStayTrees() {
        var variants: [(String, Value)] = []
        func variant(_ label: String, _ edit: (inout Value) -> Void) {
            var v = Self.recorded()
            edit(&v)
            variants.append((label, v))
        }
        variant("labels") { $0.editMetadata { $0.set("labels", ["equipo": "rojo"]) } }
        variant("finalizers") { $0.editMetadata { $0.set("finalizers", ["ejemplo.com/guardar"]) } }
        variant("count as a float") { $0.set("count", .float(2)) }
        variant("an extra field") { $0.set("series", ["count": 3]) }
        variant("a note") { $0.set("note", "hola") }
        variant("no eventTime") { $0.remove("eventTime") }
        variant("eventTime set") { $0.set("eventTime", "2026-01-01T00:00:03.000000Z") }
        variant("uid without resourceVersion") { $0.edit("involvedObject") { $0.remove("resourceVersion") } }
        variant("fieldPath before the uid") { v in
            v.set("involvedObject", ["kind": "Pod", "name": "web-1", "apiVersion": "v1", "namespace": "default",
                                     "fieldPath": "spec.containers{web}", "uid": "0b6a4f0e-5c1d-4e7a-9f10-3f2a1b0c9d8e", "resourceVersion": "812"])
        }
        variant("fieldPath not a string") { $0.edit("involvedObject") { $0.set("fieldPath", 3) } }
        variant("source with another field") { $0.edit("source") { $0.set("nodo", "taller-worker") } }
        variant("source with host and more") { $0.edit("source") { $0.set("host", "taller-worker"); $0.set("nodo", "x") } }
        variant("keys out of order") { v in
            guard case .mapping(var pairs) = v else { return }
            pairs.swapAt(4, 5)
            v = .mapping(pairs)
        }
        variant("reason not a string") { $0.set("reason", 3) }
        for (label, v) in variants {
            #expect(CompactEvent(v, key: Self.key) == nil, "\(label)")
            let stored = StoredObject(key: Self.key, value: v, source: nil)
            #expect(stored.event == nil, "\(label)")
            #expect(Self.ordered(stored.value) == Self.ordered(v), "\(label)")
        }
        // Another name or namespace than the key's: the key would rebuild the wrong metadata.
        let elsewhere = ObjectKey(resource: ObjectKey.events, namespace: "otro", name: Self.key.name)
        #expect(CompactEvent(Self.recorded(), key: elsewhere) == nil)
        // Only Events: the same value filed under another resource is a tree.
        #expect(StoredObject(key: ObjectKey(resource: "configmaps", namespace: "default", name: Self.key.name),
                             value: Self.recorded(), source: nil).event == nil)
    }

    /// A running cluster keeps every Event its components record compact, and a reload of the
    /// state file gives them back compact and the same bytes.
    @Test func clusterEventsAreCompactAndSurviveAReload() throws {
        var cluster = Cluster(seed: 3, workers: 2)
        _ = try cluster.api.apply(decoded(deploymentYAML(image: "nginx:1.27")))
        cluster.advance(by: .seconds(30))
        let events = cluster.api.store.list(ObjectKey.events)
        #expect(events.count >= 15, "SuccessfulCreate, Scheduled, Pulled, Created and Started for 3 pods")
        #expect(events.allSatisfy { $0.event != nil })
        let reasons = Set(events.compactMap { $0.value["reason"]?.string })
        #expect(reasons.isSuperset(of: ["ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Pulled", "Created", "Started"]))
        let bytes = cluster.encodedState()
        let reloaded = try Cluster(decoding: bytes)
        #expect(reloaded.api.store.list(ObjectKey.events).allSatisfy { $0.event != nil })
        let same = reloaded.encodedState() == bytes
        #expect(same)
    }

    /// Labelling a recorded Event (`kubectl label event`) turns it into a tree with the label,
    /// which a selector finds.
    @Test func labellingARecordedEvent() throws {
        var cluster = Cluster(seed: 3, workers: 1)
        _ = try cluster.api.apply(decoded(deploymentYAML(replicas: 1, image: "nginx:1.27")))
        cluster.advance(by: .seconds(10))
        let first = try #require(cluster.api.store.list(ObjectKey.events).first)
        #expect(first.event != nil)
        var labelled = first.value
        labelled.editMetadata { $0.set("labels", ["revisado": "si"]) }
        _ = try cluster.api.updateObject(first.key, labelled)
        let now = try #require(cluster.api.store[first.key])
        #expect(now.event == nil)
        #expect(now.labels == ["revisado": "si"])
        let selector = try LabelSelector.parse("revisado=si")
        #expect(cluster.api.store.list(ObjectKey.events, selector: selector).map(\.key) == [first.key])
        cluster.api.store.checkInvariants()
    }
}
