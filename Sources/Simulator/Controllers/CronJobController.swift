import KubeAPI
import YAML

/// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go `syncCronJob`,
/// utils.go `mostRecentScheduleTime`, `getJobFromTemplate2`).
///
/// Example: `hello` with schedule `*/1 * * * *` created at 00:00:30. At 00:01:00 the most
/// recent unmet schedule time is 00:01:00: Job `hello-29474881` (Unix minutes of that time)
/// is created from the job template with the annotation
/// `batch.kubernetes.io/cronjob-scheduled-timestamp` and a controller reference, event
/// `SuccessfulCreate`/`Created job hello-29474881`, `status.lastScheduleTime` set; the next
/// sync puts it in `status.active`. When it completes: `SawCompletedJob`/`Saw completed job:
/// hello-29474881, condition: Complete`, `lastSuccessfulTime`. With `Forbid` and a Job still
/// active, the next time is skipped (`JobAlreadyActive`); with `Replace` the active Job is
/// deleted (`SuccessfulDelete`/`Deleted job …`) first. Finished Jobs beyond the history
/// limits are deleted, oldest first. `suspend` stops new Jobs; past `startingDeadlineSeconds`
/// a missed time is skipped (`MissSchedule`).
///
/// Simplifications: schedules are evaluated in UTC (`timeZone` is ignored); a Job just
/// created joins `status.active` on the next sync (the controller is pure and learns the
/// Job's uid from the store); `TooManyMissedTimes` is not reported.
public struct CronJobController: Controller {
    public let name = "cronjob-controller"
    public var watchedResources: Set<String>? { [Workload.cronJobs, Workload.jobs] }
    static let scheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.cronJobs: return [change.key]
        case Workload.jobs:
            return [change.old, change.new].compactMap {
                Workload.controllerKey(of: $0, kind: "CronJob", resource: Workload.cronJobs, namespace: change.key.namespace)
            }
        default: return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let cj = state[key] else { return [] }
        var actions: [Action] = []
        func event(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
            actions.append(.event(EventSpec(involved: key, type: type, reason: reason, message: message, component: name)))
        }
        let spec = cj.value["spec"] ?? .mapping([])
        var status = cj.value["status"] ?? .mapping([])
        if status.isNull { status = .mapping([]) }
        let jobs = state.dependents(of: cj.uid).filter { $0.key.resource == Workload.jobs && $0.value.controllerRef?["uid"]?.string == cj.uid }
        var active = status["active"]?.sequence ?? []
        let lastSchedule = Workload.time(status["lastScheduleTime"])
        var finishedOK: [StoredObject] = [], finishedFailed: [StoredObject] = []
        for job in jobs {
            let inActive = active.contains { $0["uid"]?.string == job.uid }
            if let condition = CronJobController.finishedCondition(job.value) {
                if condition == "Complete" { finishedOK.append(job) } else { finishedFailed.append(job) }
                guard inActive else { continue }
                active.removeAll { $0["uid"]?.string == job.uid }
                event(.normal, "SawCompletedJob", "Saw completed job: \(job.name), condition: \(condition)")
                if condition == "Complete", let t = job.value["status"]?["completionTime"] { status.set("lastSuccessfulTime", t) }
            } else if !inActive, let lastSchedule, job.name == CronJobController.jobName(cj.name, lastSchedule) {
                active.append(["apiVersion": "batch/v1", "kind": "Job", "name": .string(job.name),
                               "namespace": .string(job.namespace), "uid": .string(job.uid), "resourceVersion": .string(job.resourceVersion)])
            }
        }
        // Active entries whose Job is gone are dropped.
        active.removeAll { ref in !jobs.contains { $0.uid == ref["uid"]?.string } }
        if active.isEmpty { status.remove("active") } else { status.set("active", .sequence(active)) }
        // cleanupFinishedJobs
        for (list, field) in [(finishedOK, "successfulJobsHistoryLimit"), (finishedFailed, "failedJobsHistoryLimit")] {
            guard let limit = spec[field]?.int, list.count > Int(limit) else { continue }
            let sorted = list.sorted { a, b in
                let ta = Workload.time(a.value["status"]?["startTime"]), tb = Workload.time(b.value["status"]?["startTime"])
                if ta != tb { return (ta?.milliseconds ?? Int64.max) < (tb?.milliseconds ?? Int64.max) }
                return a.name < b.name
            }
            for job in sorted.prefix(list.count - Int(limit)) {
                actions.append(.delete(job.key, .background))
                event(.normal, "SuccessfulDelete", "Deleted job \(job.name)")
            }
        }
        func finish() -> [Action] {
            status != cj.value["status"] ? [.updateStatus(key, status)] + actions : actions
        }
        guard !cj.isBeingDeleted, spec["suspend"]?.bool != true,
              let schedule = CronSchedule(spec["schedule"]?.string ?? "") else { return finish() }
        let deadline = spec["startingDeadlineSeconds"]?.int
        var earliest = lastSchedule ?? Workload.creation(cj)
        if let deadline, now + .seconds(-deadline) > earliest { earliest = now + .seconds(-deadline) }
        var scheduled: VirtualTime?
        var t = earliest
        while let n = schedule.next(after: t), n <= now { scheduled = n; t = n }
        if let next = schedule.next(after: now) { actions.append(.requeueAfter(next.since(now) + .milliseconds(100))) }
        guard let scheduled, scheduled != lastSchedule else { return finish() }
        if let deadline, scheduled + .seconds(deadline) < now {
            event(.warning, "MissSchedule", "Missed scheduled time to start a job: \(scheduled.rfc3339)")
            return finish()
        }
        let policy = spec["concurrencyPolicy"]?.string ?? "Allow"
        if policy == "Forbid" && !active.isEmpty {
            event(.normal, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid")
            return finish()
        }
        if policy == "Replace" {
            for ref in active {
                guard let n = ref["name"]?.string else { continue }
                actions.append(.delete(ObjectKey(resource: Workload.jobs, namespace: cj.namespace, name: n), .background))
                event(.normal, "SuccessfulDelete", "Deleted job \(n)")
            }
            status.remove("active")
        }
        let jobName = CronJobController.jobName(cj.name, scheduled)
        let template = spec["jobTemplate"] ?? .mapping([])
        var meta: Value = ["name": .string(jobName), "namespace": .string(cj.namespace)]
        if let labels = template["metadata"]?["labels"], !labels.isNull { meta.set("labels", labels) }
        var annotations = template["metadata"]?["annotations"] ?? .mapping([])
        if annotations.isNull { annotations = .mapping([]) }
        annotations.set(CronJobController.scheduledTimestampAnnotation, .string(scheduled.rfc3339))
        meta.set("annotations", annotations)
        meta.set("ownerReferences", [ReplicaSetController.controllerRef(cj)])
        actions.append(.create(["apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": template["spec"] ?? .mapping([])]))
        event(.normal, "SuccessfulCreate", "Created job \(jobName)")
        status.set("lastScheduleTime", .string(scheduled.rfc3339))
        return finish()
    }

    /// `getJobName`: `<cronjob>-<scheduled time in Unix minutes>`.
    static func jobName(_ cronJob: String, _ scheduled: VirtualTime) -> String {
        "\(cronJob)-\(scheduled.unixSeconds / 60)"
    }

    /// `getFinishedStatus`: the type of a true Complete or Failed condition.
    static func finishedCondition(_ job: Value) -> String? {
        Workload.conditions(job["status"]).first { ($0["type"] == "Complete" || $0["type"] == "Failed") && $0["status"] == "True" }?["type"]?.string
    }
}
