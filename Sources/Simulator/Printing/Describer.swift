import YAML

/// `kubectl describe` (k8s.io/kubectl/pkg/describe/describe.go): lines written through a
/// `PrefixWriter` (two spaces per level) into a tabwriter with describe's settings
/// (minwidth 0, tabwidth 8, padding 2), so `Name:`-style fields align per block.
///
/// The store is not ours: the caller passes the object with what describe would fetch
/// (`DescribeInput`): its events (already filtered to the object), and for controllers
/// the pods/replica sets involved.
public struct DescribeInput: Sendable {
    public var object: Value
    public var events: [Value]
    /// Deployment: the new replica set and the old ones (with their `spec.replicas`,
    /// `status.replicas`); ReplicaSet and DaemonSet: the pods they control; Service: its
    /// Endpoints object; PersistentVolumeClaim: the pods that mount it; Ingress: the Services
    /// and EndpointSlices of its namespace; Node: its non-terminated pods (namespace, then
    /// name) and its Lease, if any; ServiceAccount: the Secrets of its namespace.
    public var related: [Value]
    public var now: Timestamp

    public init(object: Value, events: [Value] = [], related: [Value] = [], now: Timestamp) {
        self.object = object
        self.events = events
        self.related = related
        self.now = now
    }
}

public enum Describer {
    /// The text `kubectl describe KIND NAME` prints for one object.
    public static func describe(_ input: DescribeInput) -> String {
        var w = PrefixWriter()
        let o = input.object
        switch o.str("kind") {
        case "Pod": pod(o, now: input.now, &w)
        case "Deployment": deployment(o, input.related, &w)
        case "ReplicaSet": replicaSet(o, pods: input.related, &w)
        case "Job": job(o, &w)
        case "CronJob": cronJob(o, &w)
        case "Service": service(o, input.related.first, &w)
        case "ConfigMap": configMap(o, &w)
        case "Secret": secret(o, &w)
        case "ServiceAccount": serviceAccount(o, secrets: input.related, &w)
        case "Namespace": namespace(o, &w)
        case "DaemonSet": daemonSet(o, pods: input.related, &w)
        case "PersistentVolumeClaim": persistentVolumeClaim(o, pods: input.related, now: input.now, &w)
        case "PersistentVolume": persistentVolume(o, now: input.now, &w)
        case "StorageClass": storageClass(o, &w)
        case "HorizontalPodAutoscaler": horizontalPodAutoscaler(o, v2Status: input.related.first, &w)
        case "Ingress": ingress(o, related: input.related, &w)
        case "Role", "ClusterRole": role(o, &w)
        case "RoleBinding", "ClusterRoleBinding": roleBinding(o, &w)
        case "PodDisruptionBudget": podDisruptionBudget(o, &w)
        case "NetworkPolicy": networkPolicy(o, &w)
        case "Node": node(o, pods: input.related.filter { $0.str("kind") == "Pod" },
                          lease: input.related.first { $0.str("kind") == "Lease" }, now: input.now, &w)
        default: generic(o, &w)
        }
        if !withoutEvents.contains(o.str("kind")) { events(input.events, now: input.now, &w) }
        return w.finish()
    }

    /// describe.go `DescribeEvents`: sorted by lastTimestamp; `Age` is `5m (x3 over 10m)`
    /// when an event repeated.
    static func events(_ list: [Value], now: Timestamp, _ w: inout PrefixWriter) {
        if list.isEmpty {
            w.write(0, "Events:\t<none>\n")
            return
        }
        w.flush()
        let sorted = list.enumerated().sorted { a, b in
            let x = Timestamp(rfc3339: a.element.str("lastTimestamp"))?.milliseconds ?? Int64.min
            let y = Timestamp(rfc3339: b.element.str("lastTimestamp"))?.milliseconds ?? Int64.min
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
        w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        w.write(1, "----\t------\t----\t----\t-------\n")
        for e in sorted {
            let interval = EventTiming.interval(e, now: now)
            let source = e.str("source", "component").nonEmpty ?? e.str("reportingComponent")
            w.write(1, "\(e.str("type"))\t\(e.str("reason"))\t\(interval)\t\(source)\t\(e.str("message").trimmingGoSpace)\n")
        }
    }

    static func generic(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        if !o.namespace.isEmpty { w.write(0, "Namespace:\t\(o.namespace)\n") }
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
    }

    static func configMap(_ o: Value, _ w: inout PrefixWriter) {
        generic(o, w: &w)
        w.write(0, "\nData\n====\n")
        for (k, v) in o.stringMap("data").sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            w.write(0, "\(k):\n----\n\(v)\n\n")
        }
        w.write(0, "\nBinaryData\n====\n")
        for (k, v) in o.stringMap("binaryData").sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            w.write(0, "\(k): \(GoBase64Length.decodedLength(v)) bytes\n")
        }
        w.write(0, "\n")
    }

    static func generic(_ o: Value, w: inout PrefixWriter) { generic(o, &w) }

    static func secret(_ o: Value, _ w: inout PrefixWriter) {
        generic(o, &w)
        w.write(0, "\nType:\t\(o.str("type"))\n\nData\n====\n")
        for (k, v) in o.stringMap("data").sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            w.write(0, "\(k):\t\(GoBase64Length.decodedLength(v)) bytes\n")
        }
    }

    static func namespace(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Status:\t\(o.str("status", "phase"))\n")
        w.write(0, "\nNo resource quota.\n\nNo LimitRange resource.\n")
    }
}

/// Length of base64-decoded data without decoding (describe prints `N bytes`).
/// How kubectl reads an Event's times, for both of its shapes (the recorder's, with
/// `firstTimestamp`, `lastTimestamp` and `count`; events.k8s.io's, with `eventTime` and
/// `series`).
public enum EventTiming {
    /// describe.go `DescribeEvents` and events_printer.go `getInterval`: `5m (x3 over 10m)`
    /// for a repeated event, else the age of its first occurrence.
    public static func interval(_ e: Value, now: Timestamp) -> String {
        let eventTimeSet = !(e["eventTime"]?.isNull ?? true)
        let first = HumanDuration.since(eventTimeSet ? e["eventTime"] : e["firstTimestamp"], now: now)
        if let series = e["series"], !series.isNull {
            return "\(HumanDuration.since(series["lastObservedTime"], now: now)) (x\(series.int("count")) over \(first))"
        }
        if e.int("count") > 1 { return "\(HumanDuration.since(e["lastTimestamp"], now: now)) (x\(e.int("count")) over \(first))" }
        return first
    }

    /// events_printer.go `eventTime`: when the event was last seen — its series' last
    /// observation, else `lastTimestamp`, else `eventTime`.
    public static func lastSeen(_ e: Value) -> Value? {
        if let series = e["series"], !series.isNull { return series["lastObservedTime"] }
        if let last = e["lastTimestamp"], !last.isNull { return last }
        return e["eventTime"]
    }
}

enum GoBase64Length {
    static func decodedLength(_ s: String) -> Int {
        let n = s.utf8.count
        let padding = s.hasSuffix("==") ? 2 : (s.hasSuffix("=") ? 1 : 0)
        return n / 4 * 3 - padding + (n % 4 == 0 ? 0 : (n % 4) * 3 / 4)
    }
}

/// describe.go `PrefixWriter` over the tabwriter, or (`aligned: false`) straight onto a
/// buffer, as `describe.NewPrefixWriter(buf)` in history.go `printTemplate`.
struct PrefixWriter {
    var writer = TabWriter.describe()
    /// The text so far when not aligned.
    var raw: String?

    init(aligned: Bool = true) {
        raw = aligned ? nil : ""
    }

    mutating func write(_ level: Int, _ text: String) {
        let line = String(repeating: "  ", count: level) + text
        if raw != nil { raw! += line } else { writer.write(line) }
    }

    mutating func flush() { if raw == nil { writer.flush() } }
    mutating func finish() -> String { raw ?? writer.finish() }

    /// `printLabelsMultilineWithIndent`: `Labels:  a=b` then `\tc=d` continuation lines.
    mutating func labels(_ title: String, _ pairs: [(key: String, value: String)], initialIndent: String = "", innerIndent: String = "\t") {
        write(0, "\(initialIndent)\(title):\(innerIndent)")
        if pairs.isEmpty { write(0, "<none>\n"); return }
        for (i, p) in pairs.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if i != 0 { write(0, initialIndent + innerIndent) }
            write(0, "\(p.key)=\(p.value)\n")
        }
    }

    /// `printAnnotationsMultiline`: `key: value`, long or multi-line values on their own
    /// lines cut at 140 characters; last-applied-configuration is skipped.
    mutating func annotations(_ pairs: [(key: String, value: String)], title: String = "Annotations") {
        write(0, "\(title):\t")
        let keys = pairs.filter { $0.key != "kubectl.kubernetes.io/last-applied-configuration" }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        if keys.isEmpty { write(0, "<none>\n"); return }
        for (i, p) in keys.enumerated() {
            if i != 0 { write(0, "\t") }
            var value = p.value
            if value.hasSuffix("\n") { value.removeLast() }
            if value.utf8.count + p.key.utf8.count + 2 > 140 || value.contains("\n") {
                write(0, "\(p.key):\n")
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    let s = line.utf8.count > 138 ? String(decoding: Array(line.utf8.prefix(138)), as: UTF8.self) + "..." : String(line)
                    write(0, "\t  \(s)\n")
                }
            } else {
                write(0, "\(p.key): \(value)\n")
            }
        }
    }
}
