import YAML

/// An Event exactly as the event recorder writes it (`APIServer.record`), kept as fields
/// instead of a value tree. At scale Events are most of the store (five per pod: 750,000 for
/// 150,000 pods) and their trees were half the memory: four mappings per Event, where this
/// keeps only the strings. `value(_:)` rebuilds the tree, equal to the one the recorder built
/// key for key and in the same key order, so reads, printing and the state file cannot tell
/// the difference; the name and namespace come from the object's key.
///
/// The shape recognised (`init?(_:key:)`), in this order:
///
///     apiVersion: v1
///     kind: Event
///     metadata: {name, namespace, uid, creationTimestamp, resourceVersion}
///     involvedObject: {kind, name, apiVersion, [namespace], [uid, resourceVersion], [fieldPath]}
///     reason, message, source: {component, [host]}, firstTimestamp, lastTimestamp, count,
///     type, eventTime: null, reportingComponent, reportingInstance
///
/// every leaf a string except `count` (an integer) and `eventTime`; or an events.k8s.io Event
/// as core/v1 shows it (`APIServer.recordSeries`, EventSeries.swift):
///
///     apiVersion, kind, metadata, involvedObject, reason, message (as above), source: {},
///     firstTimestamp: null, lastTimestamp: null, type, eventTime,
///     [series: {count, lastObservedTime}], action, reportingComponent, reportingInstance
///
/// Anything else — an Event a learner applied, one with labels or finalizers — stays a tree.
final class CompactEvent: Sendable {
    let uid: String
    let creationTimestamp: String
    let resourceVersion: String
    let involvedKind: String
    let involvedName: String
    let involvedAPIVersion: String
    let involvedNamespace: String?
    /// `uid` and `resourceVersion` of the involved object: both or neither.
    let involvedUID: String?
    let involvedResourceVersion: String?
    /// The container of a kubelet's event (`spec.containers{web}`).
    let involvedFieldPath: String?
    let reason: String
    let message: String
    let component: String
    /// `source.host`: the node of a kubelet's event.
    let host: String?
    let firstTimestamp: String
    let lastTimestamp: String
    let count: Int64
    let type: String
    let reportingComponent: String
    let reportingInstance: String
    /// An Event of the events.k8s.io/v1 API (`APIServer.recordSeries`), read through core/v1:
    /// its `action`, `eventTime` (microseconds) and `series`; no `source`, timestamps or
    /// `count`. nil for the recorder's core/v1 shape.
    let action: String?
    let eventTime: String
    /// `series.count` (0: no series) and `series.lastObservedTime`.
    let seriesCount: Int64
    let seriesLastObserved: String

    init(uid: String, creationTimestamp: String, resourceVersion: String,
         involvedKind: String, involvedName: String, involvedAPIVersion: String, involvedNamespace: String?,
         involvedUID: String?, involvedResourceVersion: String?, involvedFieldPath: String?,
         reason: String, message: String, component: String, host: String?, firstTimestamp: String, lastTimestamp: String,
         count: Int64, type: String, reportingComponent: String, reportingInstance: String,
         action: String? = nil, eventTime: String = "", seriesCount: Int64 = 0, seriesLastObserved: String = "") {
        self.uid = uid
        self.creationTimestamp = creationTimestamp
        self.resourceVersion = resourceVersion
        self.involvedKind = involvedKind
        self.involvedName = involvedName
        self.involvedAPIVersion = involvedAPIVersion
        self.involvedNamespace = involvedNamespace
        self.involvedUID = involvedUID
        self.involvedResourceVersion = involvedResourceVersion
        self.involvedFieldPath = involvedFieldPath
        self.reason = reason
        self.message = message
        self.component = component
        self.host = host
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.action = action
        self.eventTime = eventTime
        self.seriesCount = seriesCount
        self.seriesLastObserved = seriesLastObserved
    }

    /// The same events.k8s.io Event with its series written (a patch of `series` only).
    func withSeries(_ n: Int64, lastObserved: String, resourceVersion: String) -> CompactEvent {
        CompactEvent(uid: uid, creationTimestamp: creationTimestamp, resourceVersion: resourceVersion,
                     involvedKind: involvedKind, involvedName: involvedName, involvedAPIVersion: involvedAPIVersion,
                     involvedNamespace: involvedNamespace, involvedUID: involvedUID, involvedResourceVersion: involvedResourceVersion,
                     involvedFieldPath: involvedFieldPath, reason: reason, message: message, component: component, host: host,
                     firstTimestamp: firstTimestamp, lastTimestamp: lastTimestamp, count: count, type: type,
                     reportingComponent: reportingComponent, reportingInstance: reportingInstance,
                     action: action, eventTime: eventTime, seriesCount: n, seriesLastObserved: lastObserved)
    }

    /// The same Event written again by the recorder (`eventObserve`: one more occurrence).
    func observedAgain(count: Int64, lastTimestamp: String, message: String, resourceVersion: String) -> CompactEvent {
        CompactEvent(uid: uid, creationTimestamp: creationTimestamp, resourceVersion: resourceVersion,
                     involvedKind: involvedKind, involvedName: involvedName, involvedAPIVersion: involvedAPIVersion,
                     involvedNamespace: involvedNamespace, involvedUID: involvedUID, involvedResourceVersion: involvedResourceVersion,
                     involvedFieldPath: involvedFieldPath,
                     reason: reason, message: message, component: component, host: host, firstTimestamp: firstTimestamp,
                     lastTimestamp: lastTimestamp, count: count, type: type,
                     reportingComponent: reportingComponent, reportingInstance: reportingInstance)
    }

    /// The value tree of the Event stored at `key`.
    func value(_ key: ObjectKey) -> Value {
        var involved: [Value.Pair] = [Value.Pair(key: "kind", value: .string(involvedKind)),
                                      Value.Pair(key: "name", value: .string(involvedName)),
                                      Value.Pair(key: "apiVersion", value: .string(involvedAPIVersion))]
        if let involvedNamespace { involved.append(Value.Pair(key: "namespace", value: .string(involvedNamespace))) }
        if let involvedUID, let involvedResourceVersion {
            involved.append(Value.Pair(key: "uid", value: .string(involvedUID)))
            involved.append(Value.Pair(key: "resourceVersion", value: .string(involvedResourceVersion)))
        }
        if let involvedFieldPath { involved.append(Value.Pair(key: "fieldPath", value: .string(involvedFieldPath))) }
        let metadata: Value = .mapping([Value.Pair(key: "name", value: .string(key.name)),
                                        Value.Pair(key: "namespace", value: .string(key.namespace)),
                                        Value.Pair(key: "uid", value: .string(uid)),
                                        Value.Pair(key: "creationTimestamp", value: .string(creationTimestamp)),
                                        Value.Pair(key: "resourceVersion", value: .string(resourceVersion))])
        var pairs: [Value.Pair] = [
            Value.Pair(key: "apiVersion", value: "v1"),
            Value.Pair(key: "kind", value: "Event"),
            Value.Pair(key: "metadata", value: metadata),
            Value.Pair(key: "involvedObject", value: .mapping(involved)),
            Value.Pair(key: "reason", value: .string(reason)),
            Value.Pair(key: "message", value: .string(message)),
        ]
        pairs.reserveCapacity(15)
        if let action {
            // core/v1's view of an events.k8s.io Event: `deprecatedSource` empty, the
            // deprecated timestamps zero (null), `deprecatedCount` 0 (omitted).
            pairs.append(Value.Pair(key: "source", value: .mapping([])))
            pairs.append(Value.Pair(key: "firstTimestamp", value: .null))
            pairs.append(Value.Pair(key: "lastTimestamp", value: .null))
            pairs.append(Value.Pair(key: "type", value: .string(type)))
            pairs.append(Value.Pair(key: "eventTime", value: .string(eventTime)))
            if seriesCount > 0 {
                pairs.append(Value.Pair(key: "series", value: .mapping([Value.Pair(key: "count", value: .int(seriesCount)),
                                                                        Value.Pair(key: "lastObservedTime", value: .string(seriesLastObserved))])))
            }
            pairs.append(Value.Pair(key: "action", value: .string(action)))
        } else {
            var source = [Value.Pair(key: "component", value: .string(component))]
            if let host { source.append(Value.Pair(key: "host", value: .string(host))) }
            pairs.append(Value.Pair(key: "source", value: .mapping(source)))
            pairs.append(Value.Pair(key: "firstTimestamp", value: .string(firstTimestamp)))
            pairs.append(Value.Pair(key: "lastTimestamp", value: .string(lastTimestamp)))
            pairs.append(Value.Pair(key: "count", value: .int(count)))
            pairs.append(Value.Pair(key: "type", value: .string(type)))
            pairs.append(Value.Pair(key: "eventTime", value: .null))
        }
        pairs.append(Value.Pair(key: "reportingComponent", value: .string(reportingComponent)))
        pairs.append(Value.Pair(key: "reportingInstance", value: .string(reportingInstance)))
        return .mapping(pairs)
    }

    /// The Event at `key` in compact form, or nil when `value` is not exactly one of the two
    /// shapes above (the recorder's, or an events.k8s.io Event's read through core/v1), so that
    /// `value(key)` gives `value` back pair for pair.
    convenience init?(_ value: Value, key: ObjectKey) {
        guard case .mapping(let top) = value, top.count == 14 || top.count == 15 else { return nil }
        func string(_ i: Int, _ name: String, in pairs: [Value.Pair]) -> String? {
            guard i < pairs.count, pairs[i].key == .string(name), case .string(let s) = pairs[i].value else { return nil }
            return s
        }
        func mapping(_ i: Int, _ name: String) -> [Value.Pair]? {
            guard top[i].key == .string(name), case .mapping(let m) = top[i].value else { return nil }
            return m
        }
        func isNull(_ i: Int, _ name: String) -> Bool { top[i].key == .string(name) && top[i].value.isNull }
        guard string(0, "apiVersion", in: top) == "v1", string(1, "kind", in: top) == "Event",
              let meta = mapping(2, "metadata"), meta.count == 5,
              string(0, "name", in: meta) == key.name, string(1, "namespace", in: meta) == key.namespace,
              let uid = string(2, "uid", in: meta), let created = string(3, "creationTimestamp", in: meta),
              let resourceVersion = string(4, "resourceVersion", in: meta),
              let involved = mapping(3, "involvedObject"), (3...7).contains(involved.count),
              let kind = string(0, "kind", in: involved), let name = string(1, "name", in: involved),
              let apiVersion = string(2, "apiVersion", in: involved),
              let reason = string(4, "reason", in: top), let message = string(5, "message", in: top),
              let source = mapping(6, "source") else { return nil }
        // involvedObject: [namespace], then [uid, resourceVersion], then [fieldPath] after the
        // first three.
        var namespace: String?, involvedUID: String?, involvedRV: String?, fieldPath: String?
        var i = 3
        if i < involved.count, let ns = string(i, "namespace", in: involved) { namespace = ns; i += 1 }
        if i + 1 < involved.count, let u = string(i, "uid", in: involved), let rv = string(i + 1, "resourceVersion", in: involved) {
            (involvedUID, involvedRV) = (u, rv)
            i += 2
        }
        if i < involved.count, let f = string(i, "fieldPath", in: involved) { fieldPath = f; i += 1 }
        guard i == involved.count else { return nil }
        if source.isEmpty {
            // events.k8s.io: null timestamps, no count, eventTime, [series], action.
            guard isNull(7, "firstTimestamp"), isNull(8, "lastTimestamp"), let type = string(9, "type", in: top),
                  let eventTime = string(10, "eventTime", in: top) else { return nil }
            var j = 11, seriesCount: Int64 = 0, lastObserved = ""
            if top.count == 15 {
                guard let series = mapping(11, "series"), series.count == 2, series[0].key == "count", case .int(let n) = series[0].value,
                      n > 0, let last = string(1, "lastObservedTime", in: series) else { return nil }
                (seriesCount, lastObserved) = (n, last)
                j = 12
            }
            guard let action = string(j, "action", in: top), let reportingComponent = string(j + 1, "reportingComponent", in: top),
                  let reportingInstance = string(j + 2, "reportingInstance", in: top) else { return nil }
            self.init(uid: uid, creationTimestamp: created, resourceVersion: resourceVersion,
                      involvedKind: kind, involvedName: name, involvedAPIVersion: apiVersion, involvedNamespace: namespace,
                      involvedUID: involvedUID, involvedResourceVersion: involvedRV, involvedFieldPath: fieldPath,
                      reason: reason, message: message, component: reportingComponent, host: nil, firstTimestamp: "", lastTimestamp: "",
                      count: 0, type: type, reportingComponent: reportingComponent, reportingInstance: reportingInstance,
                      action: action, eventTime: eventTime, seriesCount: seriesCount, seriesLastObserved: lastObserved)
            return
        }
        // The recorder's: source {component, [host]}, timestamps, count, eventTime null.
        guard top.count == 14, (1...2).contains(source.count), let component = string(0, "component", in: source),
              let first = string(7, "firstTimestamp", in: top), let last = string(8, "lastTimestamp", in: top),
              top[9].key == "count", case .int(let count) = top[9].value,
              let type = string(10, "type", in: top), isNull(11, "eventTime"),
              let reportingComponent = string(12, "reportingComponent", in: top),
              let reportingInstance = string(13, "reportingInstance", in: top) else { return nil }
        var host: String?
        if source.count == 2 {
            guard let h = string(1, "host", in: source) else { return nil }
            host = h
        }
        self.init(uid: uid, creationTimestamp: created, resourceVersion: resourceVersion,
                  involvedKind: kind, involvedName: name, involvedAPIVersion: apiVersion, involvedNamespace: namespace,
                  involvedUID: involvedUID, involvedResourceVersion: involvedRV, involvedFieldPath: fieldPath,
                  reason: reason, message: message, component: component, host: host, firstTimestamp: first, lastTimestamp: last,
                  count: count, type: type, reportingComponent: reportingComponent, reportingInstance: reportingInstance)
    }
}
