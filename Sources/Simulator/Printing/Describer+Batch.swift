import YAML

/// describe.go `describeJob`, `describeCronJob`, `describeJobTemplate`, `printActiveJobs`.
extension Describer {
    static func job(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.write(0, "Selector:\t\(o.at("spec", "selector").map(SelectorFormat.string) ?? "")\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        if let c = controller(o) { w.write(0, "Controlled By:\t\(c)\n") }
        if let p = o.at("spec", "parallelism")?.int { w.write(0, "Parallelism:\t\(p)\n") }
        w.write(0, "Completions:\t\(o.at("spec", "completions")?.int.map(String.init) ?? "<unset>")\n")
        if let mode = o.at("spec", "completionMode")?.string { w.write(0, "Completion Mode:\t\(mode)\n") }
        if let suspend = o.at("spec", "suspend")?.bool { w.write(0, "Suspend:\t\(suspend)\n") }
        if let limit = o.at("spec", "backoffLimit")?.int { w.write(0, "Backoff Limit:\t\(limit)\n") }
        if let ttl = o.at("spec", "ttlSecondsAfterFinished")?.int { w.write(0, "TTL Seconds After Finished:\t\(ttl)\n") }
        let start = Timestamp(rfc3339: o.str("status", "startTime"))
        let completion = Timestamp(rfc3339: o.str("status", "completionTime"))
        if let start { w.write(0, "Start Time:\t\(start.rfc1123Z)\n") }
        if let completion { w.write(0, "Completed At:\t\(completion.rfc1123Z)\n") }
        if let start, let completion {
            w.write(0, "Duration:\t\(HumanDuration.string(milliseconds: completion.milliseconds - start.milliseconds))\n")
        }
        if let deadline = o.at("spec", "activeDeadlineSeconds")?.int { w.write(0, "Active Deadline Seconds:\t\(deadline)s\n") }
        let (active, succeeded, failed) = (o.int("status", "active"), o.int("status", "succeeded"), o.int("status", "failed"))
        if let ready = o.at("status", "ready")?.int {
            w.write(0, "Pods Statuses:\t\(active) Active (\(ready) Ready) / \(succeeded) Succeeded / \(failed) Failed\n")
        } else {
            w.write(0, "Pods Statuses:\t\(active) Active / \(succeeded) Succeeded / \(failed) Failed\n")
        }
        if o.str("spec", "completionMode") == "Indexed" {
            w.write(0, "Completed Indexes:\t\(o.str("status", "completedIndexes").nonEmpty ?? "<none>")\n")
        }
        podTemplate(o.at("spec", "template") ?? .null, &w)
    }

    static func cronJob(_ o: Value, _ w: inout PrefixWriter) {
        func optional(_ v: Value?, suffix: String = "") -> String { v?.int.map { "\($0)\(suffix)" } ?? "<unset>" }
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Schedule:\t\(o.str("spec", "schedule"))\n")
        w.write(0, "Concurrency Policy:\t\(o.str("spec", "concurrencyPolicy"))\n")
        w.write(0, "Suspend:\t\(o.at("spec", "suspend")?.bool.map { "\($0)" } ?? "<unset>")\n")
        w.write(0, "Successful Job History Limit:\t\(optional(o.at("spec", "successfulJobsHistoryLimit")))\n")
        w.write(0, "Failed Job History Limit:\t\(optional(o.at("spec", "failedJobsHistoryLimit")))\n")
        w.write(0, "Starting Deadline Seconds:\t\(optional(o.at("spec", "startingDeadlineSeconds"), suffix: "s"))\n")
        // describeJobTemplate
        let spec = o.at("spec", "jobTemplate", "spec") ?? .null
        w.write(0, "Selector:\t\(spec["selector"].flatMap { $0.isNull ? nil : SelectorFormat.string($0) } ?? "<unset>")\n")
        w.write(0, "Parallelism:\t\(optional(spec["parallelism"]))\n")
        w.write(0, "Completions:\t\(optional(spec["completions"]))\n")
        if let deadline = spec["activeDeadlineSeconds"]?.int { w.write(0, "Active Deadline Seconds:\t\(deadline)s\n") }
        podTemplate(spec["template"] ?? .null, &w)
        w.write(0, "Last Schedule Time:\t\(time(o.at("status", "lastScheduleTime")) ?? "<unset>")\n")
        let active = o.seq("status", "active").map { $0.str("name") }
        w.write(0, "Active Jobs:\t\(active.isEmpty ? "<none>" : active.joined(separator: ", "))\n")
    }
}
