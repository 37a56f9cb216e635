import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/job behaviours (the fake kubelet finishes `done:*` pods and fails
/// `crash:*` ones 2 s after creation).
@Suite struct JobControllerTests {
    static let jobs = Kinds.resolve("jobs")!

    static func yaml(image: String = "done:1", completions: Int = 3, parallelism: Int = 2, backoffLimit: Int = 6, extra: String = "") -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: pi
        spec:
          completions: \(completions)
          parallelism: \(parallelism)
          backoffLimit: \(backoffLimit)
        \(extra.isEmpty ? "" : "  " + extra)
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: pi
                image: \(image)
        """
    }

    /// completions 3, parallelism 2: two pods, then one; `Complete` with upstream's
    /// reason/message, `completionTime`, events SuccessfulCreate and Completed.
    @Test func completesWithParallelism() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml())
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "default").count == 2)
        let pod = try #require(cluster.api.list(pods, namespace: "default").first?.value)
        #expect(pod.labelMap["batch.kubernetes.io/job-name"] == "pi" && pod.labelMap["job-name"] == "pi")
        #expect(pod.finalizers == ["batch.kubernetes.io/job-tracking"])
        cluster.advance(by: .seconds(10))
        let job = try #require(cluster.object(Self.jobs, "pi"))
        let st = try #require(job["status"])
        #expect(st["succeeded"] == 3 && st["active"] == nil)
        #expect(st["startTime"] == "2026-01-01T00:00:00Z" && st["completionTime"] == "2026-01-01T00:00:04Z")
        let cond = try #require(Workload.condition(st, "Complete"))
        #expect(cond["reason"] == "CompletionsReached" && cond["message"] == "Reached expected number of succeeded pods")
        #expect(cluster.eventMessages("pi", reason: "Completed") == ["Job completed"])
        #expect(cluster.eventMessages("pi", reason: "SuccessfulCreate").count == 3)
        #expect(cluster.api.list(pods, namespace: "default").allSatisfy { $0.finalizers.isEmpty })
    }

    /// backoffLimit 1: the second failure fails the Job (`BackoffLimitExceeded`, `Job has
    /// reached the specified backoff limit`); the replacement waited 10 s of back-off.
    @Test func backoffLimitFailsTheJob() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "crash:1", completions: 1, parallelism: 1, backoffLimit: 1))
        cluster.advance(by: .seconds(30))
        let created = cluster.api.list(pods, namespace: "default").map { $0.value["metadata"]?["creationTimestamp"]?.string ?? "" }.sorted()
        #expect(created == ["2026-01-01T00:00:00Z", "2026-01-01T00:00:12Z"])
        let st = try #require(cluster.object(Self.jobs, "pi")?["status"])
        #expect(st["failed"] == 2)
        let cond = try #require(Workload.condition(st, "Failed"))
        #expect(cond["reason"] == "BackoffLimitExceeded" && cond["message"] == "Job has reached the specified backoff limit")
        #expect(cluster.eventMessages("pi", reason: "BackoffLimitExceeded") == ["Job has reached the specified backoff limit"])
        // delayTerminalCondition (1.31+): the interim FailureTarget, then Failed.
        #expect(Workload.conditions(st).map { $0["type"]?.string ?? "" } == ["FailureTarget", "Failed"])
    }

    /// delayTerminalCondition: SuccessCriteriaMet (CompletionsReached), then Complete with the
    /// same reason; a running pod holds Failed back until it is gone.
    @Test func interimConditions() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "done:1", completions: 1, parallelism: 1))
        cluster.advance(by: .seconds(10))
        var st = try #require(cluster.object(Self.jobs, "pi")?["status"])
        #expect(Workload.conditions(st).map { "\($0["type"]?.string ?? "") \($0["reason"]?.string ?? "")" }
                == ["SuccessCriteriaMet CompletionsReached", "Complete CompletionsReached"])
        cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "ok:1", completions: 1, parallelism: 1, extra: "activeDeadlineSeconds: 20"))
        cluster.advance(by: .seconds(30))
        st = try #require(cluster.object(Self.jobs, "pi")?["status"])
        #expect(st["failed"] == 1)
        #expect(Workload.conditions(st).map { $0["type"]?.string ?? "" } == ["FailureTarget", "Failed"])
    }

    /// activeDeadlineSeconds: `DeadlineExceeded`; active pods deleted.
    @Test func activeDeadline() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "ok:1", completions: 1, parallelism: 1, extra: "activeDeadlineSeconds: 20"))
        cluster.advance(by: .seconds(30))
        let st = try #require(cluster.object(Self.jobs, "pi")?["status"])
        #expect(Workload.condition(st, "Failed")?["reason"] == "DeadlineExceeded")
        #expect(Workload.condition(st, "Failed")?["message"] == "Job was active longer than specified deadline")
        #expect(cluster.api.list(pods, namespace: "default").filter { !$0.isBeingDeleted }.isEmpty)
    }

    /// ttlafterfinished: the Job (and, by garbage collection, its pods) goes away.
    @Test func ttlAfterFinished() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(completions: 1, parallelism: 1, extra: "ttlSecondsAfterFinished: 10"))
        cluster.advance(by: .seconds(5))
        #expect(cluster.object(Self.jobs, "pi") != nil)
        cluster.advance(by: .seconds(10))
        #expect(cluster.object(Self.jobs, "pi") == nil)
        #expect(cluster.api.list(pods, namespace: "default").isEmpty)
    }
}
