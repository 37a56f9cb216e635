import KubeAPI
import YAML

/// An event a component reports about an object (client-go/tools/record `Eventf`).
public struct EventSpec: Sendable, Hashable {
    public enum EventType: String, Sendable, Hashable {
        case normal = "Normal"
        case warning = "Warning"
    }

    public var involved: ObjectKey
    public var type: EventType
    /// Upstream's reason (`SuccessfulCreate`, `Scheduled`, `FailedScheduling`, …).
    public var reason: String
    /// Upstream's message text (`Created pod: web-7d4b9c8f5-x2q8k`).
    public var message: String
    /// `source.component` (`replicaset-controller`, `default-scheduler`, `kubelet`).
    public var component: String

    public init(involved: ObjectKey, type: EventType, reason: String, message: String, component: String) {
        self.involved = involved
        self.type = type
        self.reason = reason
        self.message = message
        self.component = component
    }
}

/// The event recorder's memory (client-go/tools/record/events_cache.go `EventCorrelator`):
///
/// - the **aggregator** (`EventAggregator`, 10 distinct messages within 10 minutes for the
///   same source, object, type and reason): from the 10th on, similar events become one event
///   whose message is `(combined from similar events): <latest message>`;
/// - the **logger** (`eventLogger.eventObserve`): an event identical to one already recorded
///   (same source, object, type, reason and message) increments that event's `count` and
///   moves its `lastTimestamp` instead of creating a new object.
///
/// Not modelled: the spam filter (25 events per object and source, then one per 5 minutes)
/// and the LRU bounds of both caches (4096 entries); nothing here is random (Go's
/// `PopAny` on the aggregator's set pops the smallest key here).
struct EventRecorder: Sendable, Hashable {
    struct Observation: Sendable, Hashable {
        var name: String
        var namespace: String
        var count: Int64
    }

    struct AggregateRecord: Sendable, Hashable {
        var localKeys: Set<String>
        var last: VirtualTime
    }

    // events_cache.go: defaultAggregateMaxEvents = 10, defaultAggregateIntervalInSeconds = 600.
    static let maxEvents = 10
    static let maxInterval: Int64 = 600_000

    var observations: [String: Observation] = [:]
    var aggregates: [String: AggregateRecord] = [:]
    /// The last nanosecond used in an event name (names are `<object>.<hex UnixNano>`;
    /// events in the same virtual instant get consecutive nanoseconds so names stay unique).
    var lastNanoseconds: Int64 = 0
}

extension APIServer {
    static let eventResource = Kinds.resource(apiVersion: "v1", kind: "Event")!

    /// Records `spec` as a core/v1 Event through the API (so the namespace's lifecycle
    /// applies: events in a terminating namespace are dropped, as the recorder drops them).
    public mutating func record(_ spec: EventSpec) {
        let eventResource = APIServer.eventResource
        let involved = store[spec.involved]
        // The involvedObject reference (recorder.go makeEvent from reference.GetReference).
        let kind = involved?.kind ?? spec.involved.apiResource?.kind ?? ""
        let apiVersion = involved?.apiVersion ?? spec.involved.apiResource?.apiVersion ?? ""
        // recorder.go makeEvent: cluster-scoped objects' events go to "default".
        let namespace = spec.involved.namespace.isEmpty ? "default" : spec.involved.namespace
        let now = clock.now
        // events_cache.go getEventKey/aggregate key: the fields joined by NUL (built in one
        // buffer: every event asks for it).
        let parts = [spec.component, "", kind, spec.involved.namespace, spec.involved.name,
                     involved?.uid ?? "", apiVersion, spec.type.rawValue, spec.reason]
        var objectKey = ""
        objectKey.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (i, part) in parts.enumerated() {
            if i > 0 { objectKey.append("\u{0}") }
            objectKey.append(part)
        }

        // EventAggregator.EventAggregate
        var message = spec.message
        var cacheKey = objectKey + "\u{0}" + spec.message
        // Updated in place: one hash of the key, not a read and a write.
        let fresh = EventRecorder.AggregateRecord(localKeys: [], last: VirtualTime(milliseconds: 0))
        let combined = modify(&recorder.aggregates[objectKey, default: fresh]) { record in
            if now.milliseconds - record.last.milliseconds > EventRecorder.maxInterval { record = .init(localKeys: [], last: now) }
            record.localKeys.insert(spec.message)
            record.last = now
            guard record.localKeys.count >= EventRecorder.maxEvents else { return false }
            if let smallest = record.localKeys.min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { record.localKeys.remove(smallest) }
            return true
        }
        if combined {
            message = "(combined from similar events): " + spec.message
            cacheKey = objectKey
        }

        // eventLogger.eventObserve: an existing event gets count+1, a new lastTimestamp and message.
        let stamp = stampCache.rfc3339(now)
        if let seen = recorder.observations[cacheKey],
           let existing = store[ObjectKey(resource: eventResource.groupResource, namespace: seen.namespace, name: seen.name)] {
            if updateRecordedEvent(existing, count: seen.count + 1, lastTimestamp: stamp, message: message) {
                recorder.observations[cacheKey]?.count = seen.count + 1
            }
            return
        }
        let nanos = max(now.unixNanoseconds, recorder.lastNanoseconds + 1)
        recorder.lastNanoseconds = nanos
        let name = spec.involved.name + "." + String(UInt64(bitPattern: nanos), radix: 16)
        let created = try? createRecordedEvent(name: name, namespace: namespace, resource: eventResource) { uid, resourceVersion in
            CompactEvent(uid: uid, creationTimestamp: stamp, resourceVersion: resourceVersion,
                         involvedKind: kind, involvedName: spec.involved.name, involvedAPIVersion: apiVersion,
                         involvedNamespace: spec.involved.namespace.isEmpty ? nil : spec.involved.namespace,
                         involvedUID: involved?.uid, involvedResourceVersion: involved?.resourceVersion,
                         reason: spec.reason, message: message, component: spec.component,
                         firstTimestamp: stamp, lastTimestamp: stamp, count: 1, type: spec.type.rawValue,
                         reportingComponent: spec.component, reportingInstance: "")
        }
        if created != nil {
            recorder.observations[cacheKey] = .init(name: name, namespace: namespace, count: 1)
        }
    }
}

/// Runs `body` on `value` in place and returns what it returns (a dictionary's
/// `[key, default:]` slot is then looked up once).
@inline(__always)
private func modify<T, R>(_ value: inout T, _ body: (inout T) -> R) -> R { body(&value) }
