import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The recorder's fast writes (APIServer+RecordedEvents.swift) against the full request
/// pipeline they replace: same stored values, same generator state, same errors.
@Suite struct RecordedEventsTests {
    let events = Kinds.resource(apiVersion: "v1", kind: "Event")!

    /// What `record` stores for `event(name:namespace:)`, built as fields.
    func create(_ api: inout APIServer, name: String, namespace: String = "default") throws(APIError) -> StoredObject {
        let stamp = api.now.rfc3339
        return try api.createRecordedEvent(name: name, namespace: namespace, resource: events) { uid, resourceVersion in
            CompactEvent(uid: uid, creationTimestamp: stamp, resourceVersion: resourceVersion,
                         involvedKind: "Pod", involvedName: "web-1", involvedAPIVersion: "v1", involvedNamespace: namespace,
                         involvedUID: nil, involvedResourceVersion: nil, involvedFieldPath: "spec.containers{web}",
                         reason: "Pulling", message: "Pulling image \"nginx:1.27\"", component: "kubelet", host: "taller-worker",
                         firstTimestamp: stamp, lastTimestamp: stamp, count: 1, type: "Normal",
                         reportingComponent: "kubelet", reportingInstance: "taller-worker")
        }
    }

    func event(name: String, namespace: String = "default") -> Value {
        ["apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name), "namespace": .string(namespace)],
         "involvedObject": ["kind": "Pod", "name": "web-1", "apiVersion": "v1", "namespace": .string(namespace),
                            "fieldPath": "spec.containers{web}"],
         "reason": "Pulling", "message": "Pulling image \"nginx:1.27\"", "source": ["component": "kubelet", "host": "taller-worker"],
         "firstTimestamp": .string(VirtualTime.courseEpoch.rfc3339), "lastTimestamp": .string(VirtualTime.courseEpoch.rfc3339),
         "count": 1, "type": "Normal", "eventTime": nil, "reportingComponent": "kubelet", "reportingInstance": "taller-worker"]
    }

    @Test func createMatchesCreateObject() throws {
        var full = APIServer(seed: 7), fast = APIServer(seed: 7)
        let a = try full.createObject(event(name: "web-1.1886"), resource: events, source: nil)
        let b = try create(&fast, name: "web-1.1886")
        #expect(a.event != nil && b.event != nil, "both stored compact")
        #expect(a.value == b.value)
        #expect(JSONWriter.string(a.value, sortKeys: false) == JSONWriter.string(b.value, sortKeys: false))
        #expect(full.random == fast.random)
        #expect(full.store.revision == fast.store.revision)
        fast.store.checkInvariants()
    }

    @Test func createRejectsWhatCreateObjectRejects() {
        var full = APIServer(seed: 7), fast = APIServer(seed: 7)
        let long = String(repeating: "a", count: 250) + ".18867251ee64cfe1"
        for (value, label) in [(event(name: long), "name too long"), (event(name: "Web_1.1886"), "not a DNS-1123 subdomain"),
                               (event(name: "x.1", namespace: "missing"), "no namespace")] {
            var fullError: APIError?, fastError: APIError?
            do { _ = try full.createObject(value, resource: events, source: nil) } catch { fullError = error }
            do { _ = try create(&fast, name: value.objectName, namespace: value.objectNamespace) } catch { fastError = error }
            #expect(fullError != nil, "\(label)")
            #expect(fullError.map { "\($0)" } == fastError.map { "\($0)" }, "\(label)")
        }
        #expect(full.random == fast.random)
    }

    @Test func updateMatchesUpdateObject() throws {
        var full = APIServer(seed: 7)
        let stored = try full.createObject(event(name: "web-1.1886"), resource: events, source: nil)
        #expect(stored.event != nil)
        var fast = full
        let message = "(combined from similar events): Pulling image \"nginx:1.27\""
        var v = stored.value
        v.set("count", 2)
        v.set("lastTimestamp", "2026-01-01T00:00:09Z")
        v.set("message", .string(message))
        let a = try full.updateObject(stored.key, v)
        let written = fast.updateRecordedEvent(stored, count: 2, lastTimestamp: "2026-01-01T00:00:09Z", message: message)
        #expect(written)
        #expect(fast.store[stored.key]?.event != nil, "still compact")
        #expect(a?.value == fast.store[stored.key]?.value)
        #expect(a.map { JSONWriter.string($0.value, sortKeys: false) } == fast.store[stored.key].map { JSONWriter.string($0.value, sortKeys: false) })
        #expect(full.store.revision == fast.store.revision)
        fast.store.checkInvariants()
    }

    /// An Event a learner labelled is a tree: the recorder updates it as one, and an identical
    /// write is not stored (no new resourceVersion), as on the full path.
    @Test func updateOfATreeEvent() throws {
        var full = APIServer(seed: 7)
        var labelled = event(name: "web-1.1886")
        labelled.editMetadata { $0.set("labels", ["equipo": "rojo"]) }
        let stored = try full.createObject(labelled, resource: events, source: nil)
        #expect(stored.event == nil)
        var fast = full
        var v = stored.value
        v.set("count", 2)
        let a = try full.updateObject(stored.key, v)
        let written = fast.updateRecordedEvent(stored, count: 2, lastTimestamp: VirtualTime.courseEpoch.rfc3339, message: "Pulling image \"nginx:1.27\"")
        #expect(written)
        #expect(a?.value == fast.store[stored.key]?.value)
        #expect(full.store.revision == fast.store.revision)
        let before = fast.store.revision
        let current = fast.store[stored.key]!
        let unchanged = fast.updateRecordedEvent(current, count: 2, lastTimestamp: VirtualTime.courseEpoch.rfc3339, message: "Pulling image \"nginx:1.27\"")
        #expect(unchanged)
        #expect(fast.store.revision == before)
        fast.store.checkInvariants()
    }
}
