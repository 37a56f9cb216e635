import KubeAPI
import YAML

/// An event recorded through the events.k8s.io/v1 API, as the broadcaster of
/// client-go/tools/events keeps it in its cache (event_broadcaster.go `eventCache`): the
/// Event it wrote and how often the same event has been seen since.
struct SeriesEntry: Sendable, Hashable {
    var name: String
    var namespace: String
    var involvedKind: String
    var involvedName: String
    var involvedAPIVersion: String
    var involvedNamespace: String
    var involvedUID: String
    var involvedResourceVersion: String
    var reason: String
    var note: String
    var type: String
    var action: String
    var controller: String
    var instance: String
    var eventTime: Int64
    /// 1 for a singleton; from 2 on, a series whose last occurrence was at `lastObserved`.
    var count: Int64 = 1
    var lastObserved: Int64 = 0
}

/// kube-scheduler records its events through the events.k8s.io/v1 API
/// (pkg/scheduler/scheduler.go `NewEventBroadcasterAdapter`; `Eventf(pod, nil, type,
/// reason, action, note)` in schedule_one.go), not client-go's `tools/record`. Read through
/// core/v1 such an Event has `eventTime` (microseconds), `action`, `reportingComponent` and
/// `reportingInstance` (`default-scheduler-<host>`), an empty `source`, null
/// `firstTimestamp`/`lastTimestamp` and no `count` — `describe` and `get events` show the
/// same columns, `-o wide` and `-o yaml` show the difference.
///
/// Repeats are grouped differently too (client-go/tools/events/event_broadcaster.go
/// `recordToSink`): events are "isomorphic" when type, action, reason, reporting controller
/// and instance and the whole `regarding` reference agree — its resourceVersion included, not
/// the note. The first is created; the second turns it into a series (`series: {count: 2,
/// lastObservedTime}`), written at once; later ones only count in the cache. Every 6 minutes
/// (`finishSeries`) a series quiet for 6 minutes is written with its final count and
/// forgotten, and a singleton older than 6 minutes is forgotten; every 30 minutes
/// (`refreshExistingEventSeries`) every series is written. The ticks fall on whole multiples
/// of 6 and 30 minutes of the virtual clock.
///
/// So a pod the scheduler cannot place shows two `FailedScheduling` events: the first
/// attempt's (the pod's resourceVersion changes when the scheduler writes `PodScheduled=False`
/// right after it) and a series for the retries, whose count lags until the next write.
extension APIServer {
    /// kind names the control-plane node `<cluster>-control-plane`: kube-scheduler's host.
    static let schedulerHost = "taller-control-plane"
    static let seriesFinish: Int64 = 360_000
    static let seriesRefresh: Int64 = 1_800_000

    mutating func recordSeries(_ spec: EventSpec) {
        let involved = store[spec.involved]
        let kind = involved?.kind ?? spec.involved.apiResource?.kind ?? ""
        let apiVersion = involved?.apiVersion ?? spec.involved.apiResource?.apiVersion ?? ""
        let uid = involved?.uid ?? ""
        let resourceVersion = involved == nil ? "" : spec.seenResourceVersion ?? involved!.resourceVersion
        let instance = spec.component + "-" + APIServer.schedulerHost
        // event_broadcaster.go getKey.
        let key = EventRecorder.nulJoined([spec.type.rawValue, spec.action, spec.reason, spec.component, instance, kind,
                                           spec.involved.namespace, spec.involved.name, uid, apiVersion, resourceVersion, spec.fieldPath])
        let now = clock.now.milliseconds
        if var entry = recorder.series[key] {
            entry.count += 1
            entry.lastObserved = now
            recorder.series[key] = entry
            // The second occurrence starts the series and is written; later ones wait.
            if entry.count == 2 { writeSeries(entry) }
            return
        }
        // recorder.go makeEvent (tools/events): in the regarding object's namespace or `default`.
        let entry = SeriesEntry(name: recorder.nextEventName(about: spec.involved.name, at: clock.now),
                                namespace: spec.involved.namespace.isEmpty ? "default" : spec.involved.namespace,
                                involvedKind: kind, involvedName: spec.involved.name, involvedAPIVersion: apiVersion,
                                involvedNamespace: spec.involved.namespace, involvedUID: uid, involvedResourceVersion: resourceVersion,
                                reason: spec.reason, note: spec.message, type: spec.type.rawValue, action: spec.action,
                                controller: spec.component, instance: instance, eventTime: now)
        if recorder.series.isEmpty {
            recorder.lastSeriesTick = max(recorder.lastSeriesTick, now / APIServer.seriesFinish * APIServer.seriesFinish)
        }
        recorder.series[key] = entry
        writeSeries(entry)
    }

    /// event_broadcaster.go `recordEvent`: a series patches `series` on the stored Event; a
    /// singleton, or a series whose Event is gone (it expired), is created.
    mutating func writeSeries(_ entry: SeriesEntry) {
        let eventResource = APIServer.eventResource
        let lastObserved = VirtualTime(milliseconds: entry.lastObserved).rfc3339Micro
        let key = ObjectKey(resource: eventResource.groupResource, namespace: entry.namespace, name: entry.name)
        if entry.count > 1, let existing = store[key] {
            if let event = existing.event, event.action != nil {
                store.put(StoredObject(key: key, event: event.withSeries(entry.count, lastObserved: lastObserved,
                                                                         resourceVersion: store.nextResourceVersion()), source: existing.source))
            } else {
                var value = existing.value
                value.setSeries(["count": .int(entry.count), "lastObservedTime": .string(lastObserved)])
                _ = try? updateObject(key, value)
            }
            return
        }
        let created = clock.now.rfc3339
        _ = try? createRecordedEvent(name: entry.name, namespace: entry.namespace, resource: eventResource) { uid, resourceVersion in
            CompactEvent(uid: uid, creationTimestamp: created, resourceVersion: resourceVersion,
                         involvedKind: entry.involvedKind, involvedName: entry.involvedName, involvedAPIVersion: entry.involvedAPIVersion,
                         involvedNamespace: entry.involvedNamespace.isEmpty ? nil : entry.involvedNamespace,
                         involvedUID: entry.involvedUID.isEmpty ? nil : entry.involvedUID,
                         involvedResourceVersion: entry.involvedUID.isEmpty ? nil : entry.involvedResourceVersion,
                         involvedFieldPath: nil, reason: entry.reason, message: entry.note, component: entry.controller, host: nil,
                         firstTimestamp: "", lastTimestamp: "", count: 0, type: entry.type,
                         reportingComponent: entry.controller, reportingInstance: entry.instance,
                         action: entry.action, eventTime: VirtualTime(milliseconds: entry.eventTime).rfc3339Micro,
                         seriesCount: entry.count > 1 ? entry.count : 0, seriesLastObserved: entry.count > 1 ? lastObserved : "")
        }
    }

    /// When the broadcaster's periodic work runs next: while it remembers any event.
    var nextSeriesTick: VirtualTime? {
        recorder.series.isEmpty ? nil : VirtualTime(milliseconds: recorder.lastSeriesTick + APIServer.seriesFinish)
    }

    /// The periodic work due at `nextSeriesTick`; returns how many Events it wrote.
    @discardableResult
    mutating func runSeriesTick() -> Int {
        guard let tick = nextSeriesTick?.milliseconds else { return 0 }
        recorder.lastSeriesTick = tick
        var writes = 0
        let keys = recorder.series.keys.sorted()
        if tick % APIServer.seriesRefresh == 0 {
            for key in keys where recorder.series[key]!.count > 1 {
                writeSeries(recorder.series[key]!)
                writes += 1
            }
        }
        for key in keys {
            let entry = recorder.series[key]!
            if entry.count > 1 {
                guard entry.lastObserved < tick - APIServer.seriesFinish else { continue }
                writeSeries(entry)
                writes += 1
            } else if entry.eventTime >= tick - APIServer.seriesFinish {
                continue
            }
            recorder.series[key] = nil
        }
        return writes
    }
}

extension Value {
    /// Sets `series` where core/v1 puts it, after `eventTime` (an Event read as a tree).
    mutating func setSeries(_ series: Value) {
        guard case .mapping(var pairs) = self else { return }
        if let i = pairs.firstIndex(where: { $0.key == "series" }) {
            pairs[i].value = series
        } else if let i = pairs.firstIndex(where: { $0.key == "eventTime" }) {
            pairs.insert(Value.Pair(key: "series", value: series), at: i + 1)
        } else {
            pairs.append(Value.Pair(key: "series", value: series))
        }
        self = .mapping(pairs)
    }
}

extension VirtualTime {
    /// `metav1.MicroTime` as it marshals (RFC 3339 with six decimals, UTC):
    /// `2026-01-01T00:00:01.200000Z`.
    var rfc3339Micro: String {
        let whole = rfc3339
        let micro = (milliseconds % 1000 + 1000) % 1000 * 1000
        let digits = String(micro)
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
