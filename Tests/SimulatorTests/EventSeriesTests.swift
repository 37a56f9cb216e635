import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The scheduler's events through the events.k8s.io/v1 API (EventSeries.swift;
/// client-go/tools/events/event_broadcaster.go and recorder.go).
@Suite struct EventSeriesTests {
    /// A fresh course cluster with one pod applied.
    static func cluster(with pod: String) throws -> Cluster {
        var cluster = Cluster.interactive()
        _ = try cluster.api.apply(decoded(pod))
        return cluster
    }

    /// A pod that asks for more CPU than any node has.
    static let big = """
        apiVersion: v1
        kind: Pod
        metadata: {name: grande}
        spec:
          containers: [{name: app, image: "nginx:1.27", resources: {requests: {cpu: "6"}}}]
        """

    static func events(_ cluster: Cluster, reason: String) -> [Value] {
        cluster.api.store.list(ObjectKey.events).map(\.value).filter { $0["reason"]?.string == reason }
    }

    /// `Scheduled` read through core/v1: eventTime in microseconds, the action, the reporting
    /// controller and instance; empty source, null timestamps, no count; the pod as the
    /// scheduler saw it (its resourceVersion before the binding).
    @Test func scheduledHasTheEventsAPIShape() throws {
        var cluster = try Self.cluster(with: """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
            """)
        let created = try #require(cluster.api.store[ObjectKey(resource: ObjectKey.pods, namespace: "default", name: "web")])
        cluster.advance(by: .milliseconds(1500))
        let event = try #require(Self.events(cluster, reason: "Scheduled").first)
        #expect(event["action"] == "Binding")
        #expect(event["eventTime"]?.string == VirtualTime.courseEpoch.rfc3339Micro)
        #expect(event["eventTime"]?.string?.hasSuffix(".000000Z") == true)
        #expect(event["reportingComponent"] == "default-scheduler")
        #expect(event["reportingInstance"] == "default-scheduler-taller-control-plane")
        #expect(event["source"] == .mapping([]))
        #expect(event["firstTimestamp"]?.isNull == true && event["lastTimestamp"]?.isNull == true)
        #expect(event["count"] == nil && event["series"] == nil)
        #expect(event["involvedObject"]?["resourceVersion"]?.string == created.resourceVersion)
        #expect(cluster.api.store[ObjectKey(resource: ObjectKey.pods, namespace: "default", name: "web")]?.resourceVersion != created.resourceVersion)
        // Stored compact, and recognised again when read back as a tree.
        let stored = try #require(cluster.api.store.list(ObjectKey.events).first { $0.value["reason"] == "Scheduled" })
        #expect(stored.event != nil)
        #expect(CompactEvent(stored.value, key: stored.key)?.value(stored.key) == stored.value)
    }

    /// A pod that never fits, retried every 5½ minutes: the first failure is one event; the
    /// first retry another (the pod's resourceVersion changed when its condition was written);
    /// the second retry starts a series, written at once with count 2; later retries only
    /// count until the 30-minute refresh writes them all. Six minutes after the last one the
    /// series is written a last time and forgotten.
    @Test func failedSchedulingFormsASeries() throws {
        var cluster = try Self.cluster(with: Self.big)
        let start = cluster.api.now
        func advance(to minutes: Double) { cluster.advance(by: .milliseconds(Int64(minutes * 60_000)) - (cluster.api.now.since(start))) }
        func series() -> [Int64] {
            Self.events(cluster, reason: "FailedScheduling").sorted { ($0["eventTime"]?.string ?? "") < ($1["eventTime"]?.string ?? "") }
                .map { $0["series"]?["count"]?.int ?? 1 }
        }
        advance(to: 5)
        #expect(series() == [1])
        advance(to: 6)
        #expect(series() == [1, 1], "the first retry is another event")
        advance(to: 12)
        #expect(series() == [1, 2], "the second retry starts the series")
        let failures = Self.events(cluster, reason: "FailedScheduling")
        #expect(failures.allSatisfy { $0["action"] == "Scheduling" })
        advance(to: 29.9)
        #expect(series() == [1, 2], "retries at 16½, 22 and 27½ minutes only counted")
        advance(to: 30)
        #expect(series() == [1, 5], "the refresh at 30 minutes writes them")
        let written = try #require(Self.events(cluster, reason: "FailedScheduling").first { $0["series"] != nil })
        #expect(written["series"]?["lastObservedTime"]?.string == (start + .seconds(1650)).rfc3339Micro)

        _ = try cluster.api.deleteObject(ObjectKey(resource: ObjectKey.pods, namespace: "default", name: "grande"))
        advance(to: 35.9)
        #expect(!cluster.api.recorder.series.isEmpty)
        advance(to: 36)
        #expect(cluster.api.recorder.series.filter { $0.value.reason == "FailedScheduling" }.isEmpty,
                "quiet for 6 minutes at the 36-minute tick: written and forgotten")
    }

    /// A cluster saved in the middle of a series and loaded again goes on exactly as one
    /// that never stopped.
    @Test func seriesSurviveSaving() throws {
        var kept = try Self.cluster(with: Self.big)
        kept.advance(by: .seconds(12 * 60))
        var reloaded = try Cluster(decoding: kept.encodedState())
        #expect(reloaded.api.recorder == kept.api.recorder)
        #expect(reloaded.api.store.list(ObjectKey.events).allSatisfy { $0.event != nil }, "events.k8s.io Events stay compact")
        kept.advance(by: .seconds(25 * 60))
        reloaded.advance(by: .seconds(25 * 60))
        let same = reloaded.encodedState() == kept.encodedState()
        #expect(same)
    }
}
