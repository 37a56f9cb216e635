import YAML

/// printers.go `printConfigMap`, `printSecret`, `printServiceAccount`, `printNamespace`,
/// `printNode`, `printEvent`, `printRoleBinding`, `printResourceQuota`,
/// `printPodDisruptionBudget`, `printHorizontalPodAutoscaler`.
extension TableGenerator {
    static let configMap = Spec(columns: [name, Table.Column("Data"), age]) { o, now in
        [o.name, "\((o["data"]?.mapping?.count ?? 0) + (o["binaryData"]?.mapping?.count ?? 0))", age(o, now)]
    }

    static let secret = Spec(columns: [name, Table.Column("Type"), Table.Column("Data"), age]) { o, now in
        [o.name, o.str("type"), "\(o["data"]?.mapping?.count ?? 0)", age(o, now)]
    }

    static let serviceAccount = Spec(columns: [name, Table.Column("Secrets"), age]) { o, now in
        [o.name, "\(o.seq("secrets").count)", age(o, now)]
    }

    static let namespace = Spec(columns: [name, Table.Column("Status"), age]) { o, now in
        [o.name, o.str("status", "phase"), age(o, now)]
    }

    static let node = Spec(columns: [name, Table.Column("Status"), Table.Column("Roles"), age, Table.Column("Version")]
                           + wide("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime")) { o, now in
        var status: [String] = []
        if let ready = o.seq("status", "conditions").last(where: { $0.str("type") == "Ready" }) {
            status.append(ready.str("status") == "True" ? "Ready" : "NotReady")
        }
        if status.isEmpty { status.append("Unknown") }
        if o.at("spec", "unschedulable")?.bool == true { status.append("SchedulingDisabled") }
        var roles = Set<String>()
        for (k, v) in o.stringMap("metadata", "labels") {
            if k.hasPrefix("node-role.kubernetes.io/") {
                let role = String(k.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if k == "kubernetes.io/role", !v.isEmpty {
                roles.insert(v)
            }
        }
        let addresses = o.seq("status", "addresses")
        func address(_ type: String) -> String { addresses.first(where: { $0.str("type") == type })?.str("address") ?? "<none>" }
        func info(_ key: String) -> String { o.str("status", "nodeInfo", key).nonEmpty ?? "<unknown>" }
        return [o.name, status.joined(separator: ","), roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ","),
                age(o, now), o.str("status", "nodeInfo", "kubeletVersion"),
                address("InternalIP"), address("ExternalIP"), info("osImage"), info("kernelVersion"), info("containerRuntimeVersion")]
    }

    static let event = Spec(columns: [Table.Column("Last Seen"), Table.Column("Type"), Table.Column("Reason"), Table.Column("Object"),
                                      Table.Column("Subobject", priority: 1), Table.Column("Source", priority: 1), Table.Column("Message"),
                                      Table.Column("First Seen", priority: 1), Table.Column("Count", priority: 1),
                                      Table.Column("Name", priority: 1, format: "name")]) { o, now in
        let e = EventTimes(o, now: now)
        let kind = o.str("involvedObject", "kind").lowercased()
        let target = o.str("involvedObject", "name").isEmpty ? kind : "\(kind)/\(o.str("involvedObject", "name"))"
        return [e.last, o.str("type"), o.str("reason"), target, o.str("involvedObject", "fieldPath"),
                eventSource(o), o.str("message").trimmingGoSpace, e.first, "\(e.count)", o.name]
    }

    /// printEvent's timestamps: `eventTime` when `firstTimestamp` is unset, `series` for counts.
    struct EventTimes {
        var first: String
        var last: String
        var count: Int64
        init(_ o: Value, now: Timestamp) {
            let firstSet = !(o["firstTimestamp"]?.isNull ?? true)
            first = firstSet ? HumanDuration.since(o["firstTimestamp"], now: now) : HumanDuration.since(o["eventTime"], now: now)
            let lastSet = !(o["lastTimestamp"]?.isNull ?? true)
            last = lastSet ? HumanDuration.since(o["lastTimestamp"], now: now) : first
            count = o.int("count")
            if let series = o["series"], !series.isNull {
                last = HumanDuration.since(series["lastObservedTime"], now: now)
                count = series.int("count")
            } else if count == 0 {
                count = 1
            }
        }
    }

    /// `formatEventSource`: component (or reportingController), `, host` when set.
    static func eventSource(_ o: Value) -> String {
        let component = o.str("source", "component").nonEmpty ?? o.str("reportingComponent")
        let host = o.str("source", "host").nonEmpty ?? o.str("reportingInstance")
        return host.isEmpty ? component : "\(component), \(host)"
    }

    static let roleBinding = Spec(columns: [name, Table.Column("Role"), age] + wide("Users", "Groups", "ServiceAccounts")) { o, now in
        var users: [String] = [], groups: [String] = [], sas: [String] = []
        for s in o.seq("subjects") {
            switch s.str("kind") {
            case "User": users.append(s.str("name"))
            case "Group": groups.append(s.str("name"))
            case "ServiceAccount": sas.append("\(s.str("namespace"))/\(s.str("name"))")
            default: break
            }
        }
        return [o.name, "\(o.str("roleRef", "kind"))/\(o.str("roleRef", "name"))", age(o, now),
                users.joined(separator: ", "), groups.joined(separator: ", "), sas.joined(separator: ", ")]
    }

    static let resourceQuota = Spec(columns: [name, age, Table.Column("Request"), Table.Column("Limit")]) { o, now in
        let hard = o.stringMap("status", "hard")
        let used = Dictionary(o.stringMap("status", "used").map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        var request: [String] = [], limit: [String] = []
        for (resource, quantity) in hard.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let text = "\(resource): \(used[resource] ?? "0")/\(quantity)"
            if resource.split(separator: ".").count > 1, resource.hasPrefix("limits.") { limit.append(text) } else { request.append(text) }
        }
        return [o.name, age(o, now), request.joined(separator: ", "), limit.joined(separator: ", ")]
    }

    static let podDisruptionBudget = Spec(columns: [name, Table.Column("Min Available"), Table.Column("Max Unavailable"),
                                                    Table.Column("Allowed Disruptions"), age]) { o, now in
        func intOrString(_ v: Value?) -> String {
            guard let v, !v.isNull else { return "N/A" }
            return v.string ?? v.int.map(String.init) ?? "N/A"
        }
        return [o.name, intOrString(o.at("spec", "minAvailable")), intOrString(o.at("spec", "maxUnavailable")),
                "\(o.int("status", "disruptionsAllowed"))", age(o, now)]
    }
}

extension String {
    /// Go's `strings.TrimSpace` (ASCII and Unicode white space).
    var trimmingGoSpace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
