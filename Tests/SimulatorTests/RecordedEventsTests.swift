import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The recorder's fast writes (APIServer+RecordedEvents.swift) against the full request
/// pipeline they replace: same stored values, same generator state, same errors.
@Suite struct RecordedEventsTests {
    let events = Kinds.resource(apiVersion: "v1", kind: "Event")!

    func event(name: String, namespace: String = "default") -> Value {
        ["apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name), "namespace": .string(namespace)],
         "involvedObject": ["kind": "Pod", "name": "web-1", "namespace": .string(namespace)],
         "reason": "Pulling", "message": "Pulling image \"nginx:1.27\"", "source": ["component": "kubelet"],
         "firstTimestamp": .string(VirtualTime.courseEpoch.rfc3339), "lastTimestamp": .string(VirtualTime.courseEpoch.rfc3339),
         "count": 1, "type": "Normal", "eventTime": nil, "reportingComponent": "kubelet", "reportingInstance": ""]
    }

    @Test func createMatchesCreateObject() throws {
        var full = APIServer(seed: 7), fast = APIServer(seed: 7)
        let a = try full.createObject(event(name: "web-1.1886"), resource: events, source: nil)
        let b = try fast.createRecordedEvent(event(name: "web-1.1886"), resource: events, timestamp: fast.now.rfc3339)
        #expect(a.value == b.value)
        #expect(JSONWriter.string(a.value, sortKeys: false) == JSONWriter.string(b.value, sortKeys: false))
        #expect(full.random == fast.random)
        #expect(full.store.revision == fast.store.revision)
        fast.store.checkInvariants()
    }

    @Test func createRejectsWhatCreateObjectRejects() {
        var full = APIServer(seed: 7), fast = APIServer(seed: 7)
        let long = String(repeating: "a", count: 250) + ".18867251ee64cfe1"
        for (value, label) in [(event(name: long), "name too long"), (event(name: "x.1", namespace: "missing"), "no namespace")] {
            var fullError: APIError?, fastError: APIError?
            do { _ = try full.createObject(value, resource: events, source: nil) } catch { fullError = error }
            do { _ = try fast.createRecordedEvent(value, resource: events, timestamp: fast.now.rfc3339) } catch { fastError = error }
            #expect(fullError != nil, "\(label)")
            #expect(fullError.map { "\($0)" } == fastError.map { "\($0)" }, "\(label)")
        }
        #expect(full.random == fast.random)
    }

    @Test func updateMatchesUpdateObject() throws {
        var full = APIServer(seed: 7)
        let stored = try full.createObject(event(name: "web-1.1886"), resource: events, source: nil)
        var fast = full
        var v = stored.value
        v.set("count", 2)
        v.set("message", "(combined from similar events): Pulling image \"nginx:1.27\"")
        let a = try full.updateObject(stored.key, v)
        let written = fast.updateRecordedEvent(stored, v)
        #expect(written)
        #expect(a?.value == fast.store[stored.key]?.value)
        #expect(full.store.revision == fast.store.revision)
        // An identical write is not stored (no new resourceVersion), on both paths.
        let before = fast.store.revision
        let current = fast.store[stored.key]!
        let unchanged = fast.updateRecordedEvent(current, current.value)
        #expect(unchanged)
        #expect(fast.store.revision == before)
        fast.store.checkInvariants()
    }
}
