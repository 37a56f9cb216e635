import KubeAPI
import YAML

/// The Job controller (pkg/controller/job/job_controller.go `syncJob`), NonIndexed mode.
///
/// Example: `pi` with completions 3, parallelism 2, backoffLimit 1. The first sync sets
/// `startTime` and creates 2 pods (`generateName: pi-`, the Job's labels
/// `batch.kubernetes.io/job-name`/`controller-uid`, the tracking finalizer
/// `batch.kubernetes.io/job-tracking`). Each pod that finishes is counted in
/// `status.succeeded`/`failed` and its finalizer removed. One success left: one more pod.
/// Three successes: `Complete` (`CompletionsReached`, `Reached expected number of succeeded
/// pods`), `completionTime`, event `Completed`/`Job completed`. Two failures (> backoffLimit 1):
/// active pods deleted, `Failed` (`BackoffLimitExceeded`, `Job has reached the specified
/// backoff limit`). As since 1.31 (`delayTerminalCondition`), the interim `SuccessCriteriaMet`
/// or `FailureTarget` comes first and the terminal condition only when no pod still runs. A failed pod is replaced after the back-off (10 s doubling, at most 6 min).
/// `activeDeadlineSeconds` fails it with `DeadlineExceeded`; `ttlSecondsAfterFinished`
/// deletes it that long after it finished (pkg/controller/ttlafterfinished).
///
/// Simplifications: counting and finalizer removal happen in one sync (upstream passes
/// through `uncountedTerminatedPods`); Indexed mode, pod failure policies and suspend are not
/// modelled.
public struct JobController: Controller {
    public let name = "job-controller"
    public var watchedResources: Set<String>? { [Workload.jobs, ObjectKey.pods] }
    static let trackingFinalizer = "batch.kubernetes.io/job-tracking"
    /// job_controller.go DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff.
    static let backoffBase: Int64 = 10, backoffMax: Int64 = 360

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.jobs: return [change.key]
        case ObjectKey.pods: return Workload.ownerKeys(change, kind: "Job", resource: Workload.jobs, state: state)
        default: return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let job = state[key], let selector = try? LabelSelector(job.value["spec"]?["selector"]) else { return [] }
        var actions: [Action] = []
        let candidates = Workload.candidates(ObjectKey.pods, of: job, selector: selector, state: state)
        let pods = Workload.claim(job, candidates: candidates, actions: &actions)
        var status = job.value["status"] ?? .mapping([])
        if status.isNull { status = .mapping([]) }
        let spec = job.value["spec"] ?? .mapping([])
        func event(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
            actions.append(.event(EventSpec(involved: key, type: type, reason: reason, message: message, component: name)))
        }
        // Count finished pods once, releasing their tracking finalizer.
        var succeeded = Workload.int(status["succeeded"]), failed = Workload.int(status["failed"])
        var lastFailure: VirtualTime?
        for pod in pods {
            let phase = pod.value["status"]?["phase"]?.string
            guard phase == "Succeeded" || phase == "Failed" else { continue }
            if phase == "Failed" { lastFailure = max(lastFailure ?? pod.finishedAt ?? now, pod.finishedAt ?? now) }
            guard pod.finalizers.contains(JobController.trackingFinalizer) else { continue }
            if phase == "Succeeded" { succeeded += 1 } else { failed += 1 }
            var v = pod.value
            v.setFinalizers(pod.finalizers.filter { $0 != JobController.trackingFinalizer })
            actions.append(.update(pod.key, v))
        }
        let active = pods.filter { ReplicaSetController.isActive($0.value) }
        let finished = Workload.conditions(status).contains { ($0["type"] == "Complete" || $0["type"] == "Failed") && $0["status"] == "True" }
        if status["startTime"] == nil && !finished { status.set("startTime", .string(now.rfc3339)) }
        let start = Workload.time(status["startTime"]) ?? now
        var requeue: Duration?
        // delayTerminalCondition (1.31+): the interim FailureTarget or SuccessCriteriaMet comes
        // first; Failed or Complete, with the same reason and message, once no pod of the Job
        // is running or terminating any more.
        let interim = Workload.conditions(status).first { ($0["type"] == "FailureTarget" || $0["type"] == "SuccessCriteriaMet") && $0["status"] == "True" }
        let stillRunning = pods.contains { p in
            let phase = p.value["status"]?["phase"]?.string
            return phase != "Succeeded" && phase != "Failed"
        }
        func finish(_ interim: Value) {
            let reason = interim["reason"]?.string ?? "", message = interim["message"]?.string ?? ""
            if interim["type"] == "FailureTarget" {
                JobController.addCondition(&status, "Failed", reason, message, now)
                event(.warning, reason, message)
            } else {
                JobController.addCondition(&status, "Complete", reason, message, now)
                status.set("completionTime", .string(now.rfc3339))
                event(.normal, "Completed", "Job completed")
            }
        }
        if !finished, let interim {
            for pod in active { actions.append(.deletePod(pod.key, controller: key)) }
            // canRemoveFinalizer: with the Job finishing, terminating pods let go of the
            // tracking finalizer too, and count as failed when the Job fails.
            for pod in pods where pod.isBeingDeleted && pod.finalizers.contains(JobController.trackingFinalizer) {
                let phase = pod.value["status"]?["phase"]?.string
                guard phase != "Succeeded" && phase != "Failed" else { continue }
                if interim["type"] == "FailureTarget" { failed += 1 }
                var v = pod.value
                v.setFinalizers(pod.finalizers.filter { $0 != JobController.trackingFinalizer })
                actions.append(.update(pod.key, v))
            }
            if !stillRunning { finish(interim) }
        } else if !finished {
            let completions = spec["completions"]?.int.map(Int.init)
            let backoffLimit = Workload.int(spec["backoffLimit"], 6)
            let deadline = spec["activeDeadlineSeconds"]?.int
            var failure: (String, String)?
            if failed > backoffLimit {
                failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
            } else if let deadline, now >= start + .seconds(deadline) {
                failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
            }
            let completionsReached = completions.map { succeeded >= $0 } ?? (succeeded > 0 && active.isEmpty)
            if failure != nil || completionsReached {
                let (type, reason, message) = failure.map { ("FailureTarget", $0.0, $0.1) }
                    ?? ("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods")
                JobController.addCondition(&status, type, reason, message, now)
                for pod in active { actions.append(.deletePod(pod.key, controller: key)) }
                if active.isEmpty && !stillRunning, let added = Workload.conditions(status).last { finish(added) }
            } else {
                let parallelism = Workload.int(spec["parallelism"], 1)
                let want = completions.map { min(parallelism, $0 - succeeded) } ?? (succeeded > 0 ? 0 : parallelism)
                let missing = want - active.count
                let backoff = failed > 0 ? min(JobController.backoffBase << Int64(min(failed - 1, 20)), JobController.backoffMax) : 0
                let readyAt = (lastFailure ?? now) + .seconds(backoff)
                if missing > 0 && readyAt > now && failed > 0 {
                    requeue = readyAt.since(now)
                } else if missing > 0 {
                    var pod = Workload.pod(from: spec["template"], owner: job)
                    pod.editMetadata { $0.set("finalizers", .sequence(($0["finalizers"]?.sequence ?? []) + [.string(JobController.trackingFinalizer)])) }
                    for _ in 0..<missing { actions.append(.createPod(pod, controller: key, batch: 0)) }
                } else if missing < 0 {
                    for pod in active.suffix(-missing) { actions.append(.deletePod(pod.key, controller: key)) }
                }
                if let deadline { requeue = min(requeue ?? .seconds(deadline), (start + .seconds(deadline)).since(now) + .milliseconds(1)) }
            }
        }
        let ready = active.filter { PodRanking.isReady($0.value) }.count
        let nowActive = Workload.conditions(status).contains { $0["status"] == "True" } ? 0 : active.count
        for (field, n) in [("active", nowActive), ("succeeded", succeeded), ("failed", failed)] {
            if n > 0 { status.set(field, .int(Int64(n))) } else { status.remove(field) }
        }
        status.set("ready", .int(Int64(ready)))
        status.set("terminating", .int(Int64(pods.filter(\.isBeingDeleted).count)))
        status.set("uncountedTerminatedPods", .mapping([]))
        if status != job.value["status"] { actions.append(.updateStatus(key, status)) }
        // ttlafterfinished: delete the finished Job `ttlSecondsAfterFinished` after it finished.
        if let ttl = spec["ttlSecondsAfterFinished"]?.int, let done = JobController.finishTime(status) {
            let due = done + .seconds(ttl)
            if due <= now { actions.append(.delete(key, .foreground)) } else { requeue = min(requeue ?? due.since(now), due.since(now)) }
        }
        if let requeue { actions.append(.requeueAfter(requeue)) }
        return actions
    }

    /// A condition as job_controller.go `newCondition` writes it.
    static func addCondition(_ status: inout Value, _ type: String, _ reason: String, _ message: String, _ now: VirtualTime) {
        let c: Value = ["type": .string(type), "status": "True", "lastProbeTime": .string(now.rfc3339),
                        "lastTransitionTime": .string(now.rfc3339), "reason": .string(reason), "message": .string(message)]
        Workload.setConditions(&status, Workload.conditions(status) + [c])
    }

    static func finishTime(_ status: Value) -> VirtualTime? {
        guard let c = Workload.conditions(status).first(where: { ($0["type"] == "Complete" || $0["type"] == "Failed") && $0["status"] == "True" })
        else { return nil }
        return Workload.time(c["lastTransitionTime"])
    }
}

extension StoredObject {
    /// When the pod's last container terminated.
    var finishedAt: VirtualTime? {
        (value["status"]?["containerStatuses"]?.sequence ?? []).compactMap { Workload.time($0["state"]?["terminated"]?["finishedAt"]) }.max()
    }
}
