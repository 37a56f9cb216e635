import YAML

/// printers.go `printDeployment`, `printReplicaSet`, `printStatefulSet`, `printDaemonSet`,
/// `printJob`, `printCronJob`.
extension TableGenerator {
    static let workloadWide = wide("Containers", "Images", "Selector")

    static let deployment = Spec(columns: [name, Table.Column("Ready"), Table.Column("Up-to-date"), Table.Column("Available"), age] + workloadWide) { o, now in
        let selector = o.at("spec", "selector").map(SelectorFormat.string) ?? ""
        return [o.name, "\(o.int("status", "readyReplicas"))/\(o.int("spec", "replicas"))",
                "\(o.int("status", "updatedReplicas"))", "\(o.int("status", "availableReplicas"))", age(o, now)]
            + containerCells(o.at("spec", "template", "spec")) + [selector]
    }

    static let replicaSet = Spec(columns: [name, Table.Column("Desired"), Table.Column("Current"), Table.Column("Ready"), age] + workloadWide) { o, now in
        [o.name, "\(o.int("spec", "replicas"))", "\(o.int("status", "replicas"))", "\(o.int("status", "readyReplicas"))", age(o, now)]
            + containerCells(o.at("spec", "template", "spec")) + [SelectorFormat.format(o.at("spec", "selector"))]
    }

    static let statefulSet = Spec(columns: [name, Table.Column("Ready"), age] + wide("Containers", "Images")) { o, now in
        [o.name, "\(o.int("status", "readyReplicas"))/\(o.int("spec", "replicas"))", age(o, now)]
            + containerCells(o.at("spec", "template", "spec"))
    }

    static let daemonSet = Spec(columns: [name, Table.Column("Desired"), Table.Column("Current"), Table.Column("Ready"),
                                          Table.Column("Up-to-date"), Table.Column("Available"), Table.Column("Node Selector"), age] + workloadWide) { o, now in
        [o.name, "\(o.int("status", "desiredNumberScheduled"))", "\(o.int("status", "currentNumberScheduled"))",
         "\(o.int("status", "numberReady"))", "\(o.int("status", "updatedNumberScheduled"))", "\(o.int("status", "numberAvailable"))",
         GoFormat.labels(o.stringMap("spec", "template", "spec", "nodeSelector")), age(o, now)]
            + containerCells(o.at("spec", "template", "spec")) + [SelectorFormat.format(o.at("spec", "selector"))]
    }

    static let job = Spec(columns: [name, Table.Column("Status"), Table.Column("Completions"), Table.Column("Duration"), age] + workloadWide) { o, now in
        let succeeded = o.int("status", "succeeded")
        let completions: String
        if let c = o.at("spec", "completions")?.int {
            completions = "\(succeeded)/\(c)"
        } else {
            let parallelism = o.int("spec", "parallelism")
            completions = parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
        }
        var duration = ""
        if let start = o.str("status", "startTime").nonEmpty.flatMap(Timestamp.init(rfc3339:)) {
            let end = o.str("status", "completionTime").nonEmpty.flatMap(Timestamp.init(rfc3339:)) ?? now
            duration = HumanDuration.string(milliseconds: end.milliseconds - start.milliseconds)
        }
        let conditions = o.seq("status", "conditions")
        func has(_ type: String) -> Bool { conditions.first(where: { $0.str("type") == type })?.str("status") == "True" }
        let status: String
        if has("Complete") { status = "Complete" }
        else if has("Failed") { status = "Failed" }
        else if o.hasDeletionTimestamp { status = "Terminating" }
        else if has("Suspended") { status = "Suspended" }
        else if has("FailureTarget") { status = "FailureTarget" }
        else { status = "Running" }
        return [o.name, status, completions, duration, age(o, now)]
            + containerCells(o.at("spec", "template", "spec")) + [SelectorFormat.format(o.at("spec", "selector"))]
    }

    static let cronJob = Spec(columns: [name, Table.Column("Schedule"), Table.Column("Timezone"), Table.Column("Suspend"),
                                        Table.Column("Active"), Table.Column("Last Schedule"), age] + workloadWide) { o, now in
        let last = o.at("status", "lastScheduleTime").map { HumanDuration.since($0, now: now) } ?? "<none>"
        let suspend = o.at("spec", "suspend")?.bool.map { $0 ? "True" : "False" } ?? "<unset>"
        return [o.name, o.str("spec", "schedule"), o.at("spec", "timeZone")?.string ?? "<none>", suspend,
                "\(o.seq("status", "active").count)", last, age(o, now)]
            + containerCells(o.at("spec", "jobTemplate", "spec", "template", "spec"))
            + [SelectorFormat.format(o.at("spec", "jobTemplate", "spec", "selector"))]
    }
}

extension String {
    /// nil for the empty string (Go's "unset" for plain strings).
    var nonEmpty: String? { isEmpty ? nil : self }
}
