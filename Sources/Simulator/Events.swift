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
    /// The events.k8s.io/v1 `action` (`Binding`, `Scheduling`): set by components that record
    /// through the new events API (kube-scheduler), whose Events have another shape and are
    /// grouped into series instead of counted (EventSeries.swift). Empty for client-go's
    /// `tools/record` recorder.
    public var action: String = ""
    /// The involved object's resourceVersion as the component saw it when it decided to report
    /// (the scheduler reports a failure before it writes the pod's condition); nil: as stored.
    public var seenResourceVersion: String?

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
/// - the **spam filter** (`EventSourceObjectSpamFilter`, `getSpamKey`): a token bucket per
///   source and object (component, host, kind, namespace, name, uid and apiVersion of the
///   involved object), 25 tokens that refill at one every 5 minutes (`defaultSpamBurst`,
///   `defaultSpamQPS`). It looks at an event after the other two (`EventCorrelate`), so a
///   dropped event still counts: the next one that gets through carries the whole count
///   (`Back-off restarting failed container … (x40 over 20m)` written a few times only).
///
/// All three are LRU caches of 4096 entries (`maxLruCacheEntries`), one set per component as
/// upstream has one correlator per recorder (each controller of kube-controller-manager, the
/// scheduler, the kubelet). Upstream every kubelet has its own; here the kubelets share one
/// set, which only a cluster with more than 4096 recent kubelet events can tell apart.
/// Nothing here is random (Go's `PopAny` on the aggregator's set pops the smallest key here).
struct EventRecorder: Sendable, Hashable {
    struct Observation: Sendable, Hashable {
        var name: String
        var namespace: String
        var count: Int64
        /// The first occurrence (`eventLog.firstTimestamp`), for an Event written again after
        /// it expired; empty in a state saved before it was kept.
        var firstTimestamp: String = ""
    }

    /// A token bucket of golang.org/x/time/rate as `flowcontrol.NewTokenBucketRateLimiter`
    /// makes it: full at first, `tokens` as of `last`.
    struct SpamRecord: Sendable, Hashable {
        var tokens: Double
        var last: VirtualTime
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
    // events_cache.go: defaultSpamBurst = 25, defaultSpamQPS = 1. / 300. (a float32, widened
    // to float64 by `rate.Limit`).
    static let spamBurst = 25
    static let spamQPS = Double(Float(1.0 / 300.0))

    /// The logger's and the aggregator's caches, by component (the text before the first NUL
    /// of their keys, which start with `source.component`).
    private(set) var observations: [String: RecencyCache<Observation>] = [:]
    private(set) var aggregates: [String: RecencyCache<AggregateRecord>] = [:]
    private(set) var spam: [String: RecencyCache<SpamRecord>] = [:]
    /// The events.k8s.io broadcaster's isomorphic events (EventSeries.swift), by key.
    var series: [String: SeriesEntry] = [:]
    /// The last instant its periodic work ran (`finishSeries` every 6 minutes,
    /// `refreshExistingEventSeries` every 30), in milliseconds of the virtual clock.
    var lastSeriesTick: Int64 = 0
    /// The recency handed out last (`RecencyCache`).
    var tick: UInt64 = 0
    /// The last nanosecond used in an event name (names are `<object>.<hex UnixNano>`;
    /// events in the same virtual instant get consecutive nanoseconds so names stay unique).
    var lastNanoseconds: Int64 = 0

    static func component(of key: String) -> String {
        String(key.utf8.prefix { $0 != 0 })!
    }

    /// recorder.go `makeEvent` (both recorders): `<object>.<hex UnixNano>`, one nanosecond past
    /// the last name when several events fall in the same virtual instant.
    mutating func nextEventName(about object: String, at now: VirtualTime) -> String {
        let nanos = max(now.unixNanoseconds, lastNanoseconds + 1)
        lastNanoseconds = nanos
        return NameGenerator.eventName(object, nanoseconds: UInt64(bitPattern: nanos))
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

    /// The spam filter's `Filter`: whether the source may write about the object at `now`
    /// (a token is taken), false when the event is to be dropped.
    mutating func allows(_ key: String, component: String, now: VirtualTime) -> Bool {
        let t = nextTick()
        let full = SpamRecord(tokens: Double(Self.spamBurst), last: now)
        return spam[component, default: RecencyCache(capacity: Self.cacheEntries)].update(key, initial: full, tick: t) { record in
            Self.tryAccept(&record, now: now)
        }
    }

    /// x/time/rate `AllowN(now, 1)`: the bucket refills for the time since `last` (capped at
    /// the burst); one token is taken when there is one — or when what is missing would take
    /// under a nanosecond to come, as `durationFromTokens` truncates — and otherwise nothing
    /// changes.
    static func tryAccept(_ record: inout SpamRecord, now: VirtualTime) -> Bool {
        let elapsed = max(now.milliseconds - record.last.milliseconds, 0)
        // time.Duration.Seconds(): whole seconds plus the nanoseconds over 1e9.
        let seconds = Double(elapsed / 1000) + Double((elapsed % 1000) * 1_000_000) / 1e9
        let tokens = min(record.tokens + seconds * spamQPS, Double(spamBurst)) - 1
        if tokens < 0 && Int64(-tokens / spamQPS * 1e9) > 0 { return false }
        record = SpamRecord(tokens: tokens, last: now)
        return true
    }

    /// Every logger entry, by key (for the state file).
    var allObservations: [(key: String, entry: RecencyCache<Observation>.Entry)] {
        observations.values.flatMap { $0.entries.map { (key: $0.key, entry: $0.value) } }.sorted { $0.key < $1.key }
    }

    /// Every aggregator entry, by key (for the state file).
    var allAggregates: [(key: String, entry: RecencyCache<AggregateRecord>.Entry)] {
        aggregates.values.flatMap { $0.entries.map { (key: $0.key, entry: $0.value) } }.sorted { $0.key < $1.key }
    }

    /// Every spam filter entry, by key (for the state file).
    var allSpamRecords: [(key: String, entry: RecencyCache<SpamRecord>.Entry)] {
        spam.values.flatMap { $0.entries.map { (key: $0.key, entry: $0.value) } }.sorted { $0.key < $1.key }
    }

    mutating func restoreSpamRecord(_ key: String, _ r: SpamRecord, tick: UInt64) {
        spam[Self.component(of: key), default: RecencyCache(capacity: Self.cacheEntries)].restore(key, r, tick: tick)
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
        for k in spam.keys { spam[k]?.finishRestoring() }
    }
}

extension APIServer {
    static let eventResource = Kinds.resource(apiVersion: "v1", kind: "Event")!

    /// Records `spec` as a core/v1 Event through the API (so the namespace's lifecycle
    /// applies: events in a terminating namespace are dropped, as the recorder drops them).
    public mutating func record(_ spec: EventSpec) {
        if !spec.action.isEmpty { return recordSeries(spec) }
        let eventResource = APIServer.eventResource
        let involved = store[spec.involved]
        // The involvedObject reference (recorder.go makeEvent from reference.GetReference).
        let kind = involved?.kind ?? spec.involved.apiResource?.kind ?? ""
        let apiVersion = involved?.apiVersion ?? spec.involved.apiResource?.apiVersion ?? ""
        // recorder.go makeEvent: cluster-scoped objects' events go to "default".
        let namespace = spec.involved.namespace.isEmpty ? "default" : spec.involved.namespace
        let now = clock.now
        // events_cache.go getSpamKey (source and object) and the aggregate key (those, the
        // type and the reason): the fields joined by NUL.
        let spamKey = EventRecorder.nulJoined([spec.component, spec.host, kind, spec.involved.namespace, spec.involved.name,
                                               involved?.uid ?? "", apiVersion])
        let objectKey = EventRecorder.nulJoined([spamKey, spec.type.rawValue, spec.reason])

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

        // eventLogger.eventObserve: an event seen before takes that one's name, first timestamp
        // and count + 1; a new one, the name recorder.go makeEvent gave it (`<object>.<hex
        // UnixNano>`). The cache learns of it before the spam filter decides.
        let stamp = stampCache.rfc3339(now)
        // The logger's key, hashed once for its lookup and its update.
        let loggerKey = HashedString(cacheKey)
        let seen = recorder.observation(loggerKey, component: spec.component)
        let observed: EventRecorder.Observation
        if let seen {
            observed = .init(name: seen.name, namespace: seen.namespace, count: seen.count + 1, firstTimestamp: seen.firstTimestamp)
        } else {
            observed = .init(name: recorder.nextEventName(about: spec.involved.name, at: now),
                             namespace: namespace, count: 1, firstTimestamp: stamp)
        }
        recorder.observe(loggerKey, observed, component: spec.component)
        // EventSourceObjectSpamFilter.Filter: dropped, though counted above.
        guard recorder.allows(spamKey, component: spec.component, now: now) else { return }

        // event.go recordEvent: a count above 1 patches the stored Event; one that is gone (it
        // expired) is created again under its name, with its first timestamp and the count.
        let eventKey = ObjectKey(resource: eventResource.groupResource, namespace: observed.namespace, name: observed.name)
        if observed.count > 1, let existing = store[eventKey] {
            _ = updateRecordedEvent(existing, count: observed.count, lastTimestamp: stamp, message: message)
            return
        }
        let first = observed.firstTimestamp.isEmpty ? stamp : observed.firstTimestamp
        _ = try? createRecordedEvent(name: observed.name, namespace: observed.namespace, resource: eventResource) { uid, resourceVersion in
            CompactEvent(uid: uid, creationTimestamp: stamp, resourceVersion: resourceVersion,
                         involvedKind: kind, involvedName: spec.involved.name, involvedAPIVersion: apiVersion,
                         involvedNamespace: spec.involved.namespace.isEmpty ? nil : spec.involved.namespace,
                         involvedUID: involved?.uid, involvedResourceVersion: involved?.resourceVersion,
                         involvedFieldPath: spec.fieldPath.isEmpty ? nil : spec.fieldPath,
                         reason: spec.reason, message: message, component: spec.component,
                         host: spec.host.isEmpty ? nil : spec.host,
                         firstTimestamp: first, lastTimestamp: stamp, count: observed.count, type: spec.type.rawValue,
                         reportingComponent: spec.component, reportingInstance: spec.host)
        }
    }
}
