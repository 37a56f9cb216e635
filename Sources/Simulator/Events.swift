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
    /// `source.host`, also the `reportingInstance`: the node of a kubelet's events
    /// (kubelet.go makes its recorder with `EventSource{Component: "kubelet", Host: nodeName}`);
    /// empty for the controllers of kube-controller-manager.
    public var host: String
    /// `involvedObject.fieldPath`: the container an event of the kubelet is about
    /// (`spec.containers{web}`, pkg/kubelet/container/ref.go `GenerateContainerRef`); empty
    /// for an event about the whole object.
    public var fieldPath: String

    public init(involved: ObjectKey, type: EventType, reason: String, message: String, component: String,
                host: String = "", fieldPath: String = "") {
        self.involved = involved
        self.type = type
        self.reason = reason
        self.message = message
        self.component = component
        self.host = host
        self.fieldPath = fieldPath
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
/// Both are LRU caches of 4096 entries (`maxLruCacheEntries`), one pair per component as
/// upstream has one correlator per recorder (each controller of kube-controller-manager, the
/// scheduler, the kubelet). Upstream every kubelet has its own; here the kubelets share one
/// pair, which only a cluster with more than 4096 recent kubelet events can tell apart.
/// Not modelled: the spam filter (25 events per object and source, then one per 5 minutes);
/// nothing here is random (Go's `PopAny` on the aggregator's set pops the smallest key here).
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

    // events_cache.go: defaultAggregateMaxEvents = 10, defaultAggregateIntervalInSeconds = 600,
    // maxLruCacheEntries = 4096.
    static let maxEvents = 10
    static let maxInterval: Int64 = 600_000
    static let cacheEntries = 4096

    /// The logger's and the aggregator's caches, by component (the text before the first NUL
    /// of their keys, which start with `source.component`).
    private(set) var observations: [String: RecencyCache<Observation>] = [:]
    private(set) var aggregates: [String: RecencyCache<AggregateRecord>] = [:]
    /// The recency handed out last (`RecencyCache`).
    var tick: UInt64 = 0
    /// The last nanosecond used in an event name (names are `<object>.<hex UnixNano>`;
    /// events in the same virtual instant get consecutive nanoseconds so names stay unique).
    var lastNanoseconds: Int64 = 0

    static func component(of key: String) -> String {
        String(key.utf8.prefix { $0 != 0 })!
    }

    private mutating func nextTick() -> UInt64 {
        tick += 1
        return tick
    }

    // The keys of these four start with `component` (`APIServer.record` builds them).

    mutating func observation(_ key: HashedString, component: String) -> Observation? {
        let t = nextTick()
        return observations[component]?.get(key, tick: t)
    }

    /// `parts` joined by NUL, written into the new string's storage in one pass (appending
    /// piece by piece cost a few hundred instructions per piece, twice per event).
    static func nulJoined(_ parts: [String]) -> String {
        let count = parts.reduce(parts.count - 1) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: max(count, 0)) { buffer in
            var i = 0
            for (n, part) in parts.enumerated() {
                if n > 0 { buffer[i] = 0; i += 1 }
                var part = part
                part.withUTF8 { bytes in
                    if let base = bytes.baseAddress, bytes.count > 0 { (buffer.baseAddress! + i).initialize(from: base, count: bytes.count) }
                    i += bytes.count
                }
            }
            return i
        }
    }

    mutating func observe(_ key: HashedString, _ o: Observation, component: String) {
        let t = nextTick()
        observations[component, default: RecencyCache(capacity: Self.cacheEntries)].add(key, o, tick: t)
    }

    /// The aggregator's `Get` and `Add` of `key`: `body` changes its record in place.
    mutating func updateAggregate<R>(_ key: String, component: String, _ body: (inout AggregateRecord) -> R) -> R {
        let t = nextTick()
        return aggregates[component, default: RecencyCache(capacity: Self.cacheEntries)]
            .update(key, initial: AggregateRecord(localKeys: [], last: VirtualTime(milliseconds: 0)), tick: t, body)
    }

    /// Every logger entry, by key (for the state file).
    var allObservations: [(key: String, entry: RecencyCache<Observation>.Entry)] {
        observations.values.flatMap { $0.entries.map { (key: $0.key, entry: $0.value) } }.sorted { $0.key < $1.key }
    }

    /// Every aggregator entry, by key (for the state file).
    var allAggregates: [(key: String, entry: RecencyCache<AggregateRecord>.Entry)] {
        aggregates.values.flatMap { $0.entries.map { (key: $0.key, entry: $0.value) } }.sorted { $0.key < $1.key }
    }

    /// A saved entry (`finishRestoring` once all are in).
    mutating func restoreObservation(_ key: String, _ o: Observation, tick: UInt64) {
        observations[Self.component(of: key), default: RecencyCache(capacity: Self.cacheEntries)].restore(key, o, tick: tick)
    }

    mutating func restoreAggregate(_ key: String, _ a: AggregateRecord, tick: UInt64) {
        aggregates[Self.component(of: key), default: RecencyCache(capacity: Self.cacheEntries)].restore(key, a, tick: tick)
    }

    mutating func finishRestoring() {
        for k in observations.keys { observations[k]?.finishRestoring() }
        for k in aggregates.keys { aggregates[k]?.finishRestoring() }
    }
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
        // events_cache.go getEventKey/aggregate key: the fields joined by NUL.
        let objectKey = EventRecorder.nulJoined([spec.component, spec.host, kind, spec.involved.namespace, spec.involved.name,
                                                 involved?.uid ?? "", apiVersion, spec.type.rawValue, spec.reason])

        // EventAggregator.EventAggregate
        var message = spec.message
        // getEventKey adds the fieldPath (left out of the aggregate key) and the message.
        var cacheKey = EventRecorder.nulJoined(spec.fieldPath.isEmpty ? [objectKey, spec.message] : [objectKey, spec.message, spec.fieldPath])
        let combined = recorder.updateAggregate(objectKey, component: spec.component) { record in
            if now.milliseconds - record.last.milliseconds > EventRecorder.maxInterval { record = .init(localKeys: [], last: now) }
            record.localKeys.insert(spec.message)
            record.last = now
            guard record.localKeys.count >= EventRecorder.maxEvents else { return false }
            if let smallest = record.localKeys.min(by: ObjectKey.bytesPrecede) { record.localKeys.remove(smallest) }
            return true
        }
        if combined {
            message = "(combined from similar events): " + spec.message
            cacheKey = objectKey
        }

        // eventLogger.eventObserve: an existing event gets count+1, a new lastTimestamp and message.
        let stamp = stampCache.rfc3339(now)
        // The logger's key, hashed once for its lookup and its update.
        let loggerKey = HashedString(cacheKey)
        if let seen = recorder.observation(loggerKey, component: spec.component),
           let existing = store[ObjectKey(resource: eventResource.groupResource, namespace: seen.namespace, name: seen.name)] {
            if updateRecordedEvent(existing, count: seen.count + 1, lastTimestamp: stamp, message: message) {
                recorder.observe(loggerKey, .init(name: seen.name, namespace: seen.namespace, count: seen.count + 1), component: spec.component)
            }
            return
        }
        let nanos = max(now.unixNanoseconds, recorder.lastNanoseconds + 1)
        recorder.lastNanoseconds = nanos
        let name = NameGenerator.eventName(spec.involved.name, nanoseconds: UInt64(bitPattern: nanos))
        let created = try? createRecordedEvent(name: name, namespace: namespace, resource: eventResource) { uid, resourceVersion in
            CompactEvent(uid: uid, creationTimestamp: stamp, resourceVersion: resourceVersion,
                         involvedKind: kind, involvedName: spec.involved.name, involvedAPIVersion: apiVersion,
                         involvedNamespace: spec.involved.namespace.isEmpty ? nil : spec.involved.namespace,
                         involvedUID: involved?.uid, involvedResourceVersion: involved?.resourceVersion,
                         involvedFieldPath: spec.fieldPath.isEmpty ? nil : spec.fieldPath,
                         reason: spec.reason, message: message, component: spec.component,
                         host: spec.host.isEmpty ? nil : spec.host,
                         firstTimestamp: stamp, lastTimestamp: stamp, count: 1, type: spec.type.rawValue,
                         reportingComponent: spec.component, reportingInstance: spec.host)
        }
        if created != nil {
            recorder.observe(loggerKey, .init(name: name, namespace: namespace, count: 1), component: spec.component)
        }
    }
}
