import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/cronjob behaviours and robfig/cron's `Next`.
@Suite struct CronJobControllerTests {
    static let cronJobs = Kinds.resolve("cj")!
    static let jobs = Kinds.resolve("jobs")!

    static func yaml(schedule: String = "*/1 * * * *", image: String = "done:1", policy: String = "Allow", extra: String = "") -> String {
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: hello
        spec:
          schedule: "\(schedule)"
          concurrencyPolicy: \(policy)
        \(extra.isEmpty ? "" : "  " + extra)
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: hello
                    image: \(image)
        """
    }

    /// spec.go Next: steps, lists, ranges, names, day-of-month/day-of-week combination.
    @Test func nextTimes() throws {
        let t0 = VirtualTime.courseEpoch // 2026-01-01T00:00:00Z, a Thursday
        func next(_ s: String) -> String? { CronSchedule(s)?.next(after: t0)?.rfc3339 }
        #expect(next("*/5 * * * *") == "2026-01-01T00:05:00Z")
        #expect(next("30 2 * * *") == "2026-01-01T02:30:00Z")
        #expect(next("0 9 * * mon") == "2026-01-05T09:00:00Z")
        #expect(next("0 0 13 * 5") == "2026-01-02T00:00:00Z") // the 13th OR a Friday
        #expect(next("@monthly") == "2026-02-01T00:00:00Z")
        #expect(next("0 0 29 feb *") == "2028-02-29T00:00:00Z")
        #expect(CronSchedule("61 * * * *") == nil)
    }

    /// Allow: one Job per minute named `<cronjob>-<unix minutes>`, with the scheduled
    /// timestamp annotation; SawCompletedJob; successfulJobsHistoryLimit keeps 3.
    @Test func createsJobsEveryMinuteAndKeepsHistory() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml())
        cluster.advance(by: .seconds(61))
        let first = try #require(cluster.object(Self.jobs, "hello-29453761"))
        #expect(first.annotationMap["batch.kubernetes.io/cronjob-scheduled-timestamp"] == "2026-01-01T00:01:00Z")
        #expect(cluster.object(Self.cronJobs, "hello")?["status"]?["lastScheduleTime"] == "2026-01-01T00:01:00Z")
        cluster.advance(by: .seconds(300))
        #expect(cluster.api.list(Self.jobs, namespace: "default").map(\.name) == ["hello-29453763", "hello-29453764", "hello-29453765", "hello-29453766"]) // the last one still running
        let events = cluster.eventMessages("hello")
        #expect(events.prefix(2) == ["Created job hello-29453761", "Saw completed job: hello-29453761, condition: Complete"])
        #expect(events.contains("Deleted job hello-29453761"))
        #expect(cluster.object(Self.cronJobs, "hello")?["status"]?["lastSuccessfulTime"] == "2026-01-01T00:05:02Z")
    }

    /// Forbid: while the Job runs, later times are skipped with `JobAlreadyActive`.
    @Test func forbidSkipsWhileActive() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "ok:1", policy: "Forbid"))
        cluster.advance(by: .seconds(185))
        #expect(cluster.api.list(Self.jobs, namespace: "default").map(\.name) == ["hello-29453761"])
        #expect(cluster.eventMessages("hello", reason: "JobAlreadyActive") == [
            "Not starting job because prior execution is running and concurrency policy is Forbid",
        ])
        let active = cluster.object(Self.cronJobs, "hello")?["status"]?["active"]?.sequence ?? []
        #expect(active.map { $0["name"]?.string ?? "" } == ["hello-29453761"])
    }

    /// Replace: the running Job is deleted and a new one created.
    @Test func replaceDeletesTheActiveJob() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(image: "ok:1", policy: "Replace"))
        cluster.advance(by: .seconds(125))
        #expect(cluster.api.list(Self.jobs, namespace: "default").map(\.name) == ["hello-29453762"])
        #expect(cluster.eventMessages("hello", reason: "SuccessfulDelete") == ["Deleted job hello-29453761"])
    }

    /// suspend: no Jobs.
    @Test func suspendStopsScheduling() throws {
        var cluster = Cluster.withFakeKubelet()
        try cluster.apply(Self.yaml(extra: "suspend: true"))
        cluster.advance(by: .seconds(200))
        #expect(cluster.api.list(Self.jobs, namespace: "default").isEmpty)
    }
}
