import Testing
@testable import Simulator

/// The event correlator's LRU caches (RecencyCache.swift, events_cache.go
/// `maxLruCacheEntries`), alone and inside the recorder.
@Suite struct RecencyCacheTests {
    @Test func dropsTheLeastRecentlyUsed() {
        var cache = RecencyCache<Int>(capacity: 3)
        var tick: UInt64 = 0
        func next() -> UInt64 { tick += 1; return tick }
        cache.add("a", 1, tick: next())
        cache.add("b", 2, tick: next())
        cache.add("c", 3, tick: next())
        #expect(cache.get("a", tick: next()) == 1)
        cache.add("d", 4, tick: next())
        #expect(Set(cache.entries.keys) == ["a", "c", "d"], "b was the least recently used")
        cache.add("c", 30, tick: next())
        cache.add("e", 5, tick: next())
        #expect(Set(cache.entries.keys) == ["c", "d", "e"], "a, read before d was added, went next")
        #expect(cache.get("b", tick: next()) == nil)
        #expect(cache.get("c", tick: next()) == 30)
    }

    /// Thousands of uses of the same keys: the queue of uses is rebuilt, and the order stays right.
    @Test func manyUsesKeepTheOrder() {
        var cache = RecencyCache<Int>(capacity: 2)
        var tick: UInt64 = 0
        cache.add("x", 1, tick: 1)
        cache.add("y", 2, tick: 2)
        tick = 2
        for _ in 0..<10_000 {
            tick += 1
            _ = cache.get("y", tick: tick)
            tick += 1
            _ = cache.get("x", tick: tick)
        }
        tick += 1
        cache.add("z", 3, tick: tick)
        #expect(Set(cache.entries.keys) == ["x", "z"])
    }

    @Test func restoringOrdersByTickAndTrims() {
        var cache = RecencyCache<Int>(capacity: 2)
        cache.restore("old", 1, tick: 5)
        cache.restore("newest", 2, tick: 9)
        cache.restore("middle", 3, tick: 7)
        cache.finishRestoring()
        #expect(Set(cache.entries.keys) == ["newest", "middle"])
        cache.add("next", 4, tick: 10)
        #expect(Set(cache.entries.keys) == ["newest", "next"])
    }

    static func spec(_ i: Int, component: String = "replicaset-controller") -> EventSpec {
        EventSpec(involved: ObjectKey(resource: "replicasets", namespace: "default", name: "web-\(i)"), type: .normal,
                  reason: "SuccessfulCreate", message: "Created pod: web-\(i)-abcde", component: component)
    }

    /// Past 4096 distinct events of one component, the oldest is forgotten: recording it again
    /// makes a new Event (count 1), as upstream; the most recent one is still counted, and
    /// another component's caches are untouched.
    @Test func recorderForgetsPast4096PerComponent() {
        var api = APIServer(seed: 5)
        api.record(Self.spec(0, component: "deployment-controller"))
        for i in 0...EventRecorder.cacheEntries { api.record(Self.spec(i)) }
        let before = api.store.count(ObjectKey.events)
        #expect(before == EventRecorder.cacheEntries + 2)
        api.record(Self.spec(EventRecorder.cacheEntries))
        #expect(api.store.count(ObjectKey.events) == before, "the latest one is still in the cache: count 2")
        api.record(Self.spec(0))
        #expect(api.store.count(ObjectKey.events) == before + 1, "the first one was forgotten: a new Event")
        api.record(Self.spec(0, component: "deployment-controller"))
        #expect(api.store.count(ObjectKey.events) == before + 1, "the other component still counts it")
        let counts = api.store.list(ObjectKey.events).filter { $0.value["involvedObject"]?["name"]?.string == "web-0" }
            .compactMap { $0.value["count"]?.int }.sorted()
        #expect(counts == [1, 1, 2])
    }

    /// A cluster saved and loaded forgets the same events as one that never stopped: the
    /// caches' recency is in the state file.
    @Test func recencySurvivesSaving() throws {
        var kept = Cluster(seed: 5, workers: 1)
        for i in 0..<(EventRecorder.cacheEntries - 2) { kept.api.record(Self.spec(i)) }
        // Touch the oldest: it becomes the most recent and outlives the next ones.
        kept.api.record(Self.spec(0))
        var reloaded = try Cluster(decoding: kept.encodedState())
        // Compared apart: a failing #expect would print both arrays of bytes.
        var same = reloaded.encodedState() == kept.encodedState()
        #expect(same)
        for i in 5000..<5010 {
            kept.api.record(Self.spec(i))
            reloaded.api.record(Self.spec(i))
        }
        kept.api.record(Self.spec(0))
        reloaded.api.record(Self.spec(0))
        same = reloaded.encodedState() == kept.encodedState()
        #expect(same)
        let zero = kept.api.store.list(ObjectKey.events).filter { $0.value["involvedObject"]?["name"]?.string == "web-0" }
        #expect(zero.compactMap { $0.value["count"]?.int } == [3], "still remembered: counted three times")
    }
}
