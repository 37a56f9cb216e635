import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The recorder's spam filter (client-go/tools/record/events_cache.go
/// `EventSourceObjectSpamFilter`: 25 writes per source and object, then one every 5 minutes)
/// and the logger's memory of an Event that expired (event.go `recordEvent`).
@Suite struct EventSpamFilterTests {
    static let pod = ObjectKey(resource: ObjectKey.pods, namespace: "default", name: "fallo")

    static func spec(_ reason: String, message: String = "igual", component: String = "kubelet", about: ObjectKey = pod) -> EventSpec {
        EventSpec(involved: about, type: .warning, reason: reason, message: message, component: component, host: "taller-worker")
    }

    static func events(_ api: APIServer, about name: String = "fallo") -> [Value] {
        api.store.list(ObjectKey.events).map(\.value).filter { $0["involvedObject"]?["name"]?.string == name }
    }

    static func reasons(_ api: APIServer) -> Set<String> {
        Set(events(api).compactMap { $0["reason"]?.string })
    }

    /// Thirty different events about one pod from one kubelet at one instant: 25 are written,
    /// the other five dropped. A token comes back 300 s after the bucket emptied, not before.
    /// Another source, or another object, has a bucket of its own.
    @Test func twentyFiveWritesThenOneEveryFiveMinutes() {
        var api = APIServer(seed: 3)
        for i in 0..<30 { api.record(Self.spec("R\(i)")) }
        #expect(Self.events(api).count == 25)
        #expect(Self.reasons(api) == Set((0..<25).map { "R\($0)" }))
        api.record(Self.spec("otra-fuente", component: "prueba"))
        api.record(Self.spec("otro-objeto", about: ObjectKey(resource: ObjectKey.pods, namespace: "default", name: "otro")))
        #expect(Self.events(api).count == 26)
        #expect(Self.events(api, about: "otro").count == 1)

        let start = api.now
        api.clock.advance(to: start + .milliseconds(299_999))
        api.record(Self.spec("R30"))
        #expect(!Self.reasons(api).contains("R30"), "299.999 s: the token is not back yet")
        api.clock.advance(to: start + .seconds(300))
        api.record(Self.spec("R31"))
        api.record(Self.spec("R32"))
        #expect(Self.reasons(api).contains("R31"), "300 s: one token")
        #expect(!Self.reasons(api).contains("R32"), "and only one")
    }

    /// The filter looks after the logger: an occurrence that is dropped still counts, and the
    /// next write carries the whole count (`(x31 over 5m)`), first timestamp unchanged.
    @Test func droppedOccurrencesStillCount() throws {
        var api = APIServer(seed: 3)
        let first = api.now
        for _ in 0..<30 { api.record(Self.spec("BackOff")) }
        let written = try #require(Self.events(api).first)
        #expect(Self.events(api).count == 1)
        #expect(written["count"] == 25, "a create and 24 updates; five occurrences dropped")
        api.clock.advance(to: first + .seconds(300))
        api.record(Self.spec("BackOff"))
        let later = try #require(Self.events(api).first)
        #expect(later["count"] == 31)
        #expect(later["firstTimestamp"]?.string == first.rfc3339)
        #expect(later["lastTimestamp"]?.string == api.now.rfc3339)
    }

    /// An Event that expired (one hour) while the recorder still remembers it is written
    /// again under its old name, with the next count and its first timestamp: the recorder's
    /// patch finds nothing and it creates the Event it meant to patch.
    @Test func anExpiredEventComesBackUnderItsName() throws {
        var cluster = Cluster(seed: 3)
        let first = cluster.api.now
        cluster.api.record(Self.spec("BackOff"))
        cluster.api.record(Self.spec("BackOff"))
        let name = try #require(cluster.api.store.list(ObjectKey.events).first { $0.value["involvedObject"]?["name"] == "fallo" }?.name)
        cluster.advance(by: .seconds(3601))
        #expect(Self.events(cluster.api).isEmpty, "expired")
        cluster.api.record(Self.spec("BackOff"))
        let back = try #require(cluster.api.store.list(ObjectKey.events).first { $0.value["involvedObject"]?["name"] == "fallo" })
        #expect(back.name == name)
        #expect(back.value["count"] == 3)
        #expect(back.value["firstTimestamp"]?.string == first.rfc3339)
        #expect(back.value["lastTimestamp"]?.string == cluster.api.now.rfc3339)
    }

    /// A cluster saved with an empty bucket and loaded again still drops, and gets the token
    /// back at the same instant as one that never stopped: buckets and first timestamps are
    /// in the state file.
    @Test func bucketsSurviveSaving() throws {
        var kept = Cluster(seed: 3)
        for i in 0..<25 { kept.api.record(Self.spec("R\(i)")) }
        // The informers see the writes (each Event gets its lease), as after any command.
        kept.advance()
        var reloaded = try Cluster(decoding: kept.encodedState())
        var same = reloaded.encodedState() == kept.encodedState()
        #expect(same)
        #expect(reloaded.api.recorder == kept.api.recorder)
        let start = kept.api.now
        for cluster in [0, 1] {
            func run(_ c: inout Cluster) {
                c.api.record(Self.spec("tarde"))
                c.api.clock.advance(to: start + .seconds(300))
                c.api.record(Self.spec("a-tiempo"))
                c.advance()
            }
            if cluster == 0 { run(&kept) } else { run(&reloaded) }
        }
        #expect(!Self.reasons(reloaded.api).contains("tarde"))
        #expect(Self.reasons(reloaded.api).contains("a-tiempo"))
        #expect(reloaded.api.recorder == kept.api.recorder)
        same = reloaded.encodedState() == kept.encodedState()
        #expect(same)
    }

    /// A ReplicaSet scaled to 100 at once: nine `SuccessfulCreate` events, then the combined
    /// one, written until the replicaset-controller's bucket for that ReplicaSet is empty — so
    /// its count stops at 16, as `kubectl describe rs` shows on a real cluster.
    @Test func aBigScaleUpWritesTwentyFiveTimes() throws {
        var cluster = Cluster(seed: 8)
        let rs: Value = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "web", "namespace": "default"],
                         "spec": ["replicas": 100, "selector": ["matchLabels": ["app": "web"]],
                                  "template": ["metadata": ["labels": ["app": "web"]],
                                               "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]]]
        _ = try cluster.api.createObject(rs, resource: Kinds.resolve("replicasets")!, source: nil)
        cluster.advance(by: .seconds(5))
        #expect(cluster.api.list(Kinds.resolve("pods")!, namespace: "default").count == 100)
        let created = Self.events(cluster.api, about: "web").filter { $0["reason"] == "SuccessfulCreate" }
        let combined = created.filter { ($0["message"]?.string ?? "").hasPrefix("(combined from similar events): ") }
        #expect(created.count == 10)
        #expect(combined.count == 1)
        #expect(combined.first?["count"] == 16)
    }
}
