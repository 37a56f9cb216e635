import Testing
import YAML
@testable import Simulator
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StateFileTests {
    static func scenario() throws -> Cluster {
        var cluster = Cluster(seed: 11)
        _ = try cluster.api.apply(decoded(deploymentYAML()))
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: 4)))
        cluster.advance(by: .seconds(5))
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: 2)))
        cluster.advance(by: .seconds(5))
        return cluster
    }

    static func temporaryFolder() -> String {
        var template = Array("/tmp/taller-estado-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        return path
    }

    /// Same inputs twice → byte-identical saved state.
    @Test func determinism() throws {
        let a = try Self.scenario().encodedState()
        let b = try Self.scenario().encodedState()
        #expect(a == b)
        #expect(a.count > 1000)
    }

    /// Save, load, save again: the same bytes; the loaded cluster goes on as the original.
    @Test func roundTripAndContinue() throws {
        let folder = StateFolder(path: Self.temporaryFolder())
        var original = try Self.scenario()
        try folder.save(original)
        guard var loaded = try folder.load() else { Issue.record("no state"); return }
        #expect(loaded.encodedState() == original.encodedState())
        #expect(loaded.api.store[ObjectKey(deployments, namespace: "default", name: "web")]?.source?.mark("spec.replicas")?.line == 6)
        _ = try original.api.apply(decoded(replicaSetYAML(replicas: 3)))
        _ = try loaded.api.apply(decoded(replicaSetYAML(replicas: 3)))
        original.advance(by: .seconds(1))
        loaded.advance(by: .seconds(1))
        #expect(loaded.encodedState() == original.encodedState())
        loaded.api.store.checkInvariants()
    }

    /// Loaded with its events left encoded: other objects read as usual; the first write,
    /// running controllers or saving brings the events back, and the cluster is the same.
    @Test func deferredEventsComeBackOnWriteAdvanceAndSave() throws {
        let original = try Self.scenario()
        let bytes = original.encodedState()
        let events = original.api.store.list(ObjectKey.events)
        #expect(events.count > 5)

        var lazy = try Cluster(decoding: bytes, deferringEvents: true)
        #expect(lazy.api.store.deferred != nil)
        #expect(lazy.api.store.list(deployments.groupResource).count == 1)
        #expect(lazy.encodedState() == bytes, "saving a cluster with deferred events writes them")
        lazy.api.store.materializeDeferred()
        #expect(lazy.api.store.list(ObjectKey.events).map(\.key) == events.map(\.key))
        #expect(lazy.api.store.journal.isEmpty, "decoding deferred events wakes no controller")
        lazy.api.store.checkInvariants()

        // A write decodes them first.
        var written = try Cluster(decoding: bytes, deferringEvents: true)
        _ = try written.api.apply(decoded(replicaSetYAML(replicas: 3)))
        #expect(written.api.store.deferred == nil)
        var reference = try Cluster(decoding: bytes)
        _ = try reference.api.apply(decoded(replicaSetYAML(replicas: 3)))
        written.advance(by: .seconds(3))
        reference.advance(by: .seconds(3))
        #expect(written.encodedState() == reference.encodedState())

        // Moving the clock with nothing to run leaves them encoded; with work due, not.
        var idle = try Cluster(decoding: bytes, deferringEvents: true)
        if let due = idle.queue.nextDue() {
            idle.advance(by: .milliseconds(max(0, due.milliseconds - idle.now.milliseconds - 1)))
            #expect(idle.api.store.deferred != nil)
            idle.advance(by: .seconds(1))
            #expect(idle.api.store.deferred == nil)
        }
    }

    /// Files saved in format 1 (strings inline, one object section, no event leases) still
    /// load; their events' hour starts when they are loaded.
    @Test func formatOneStillLoads() throws {
        let cluster = try Self.scenario()
        let old = cluster.encodedState(format: 1)
        #expect(old != cluster.encodedState())
        let loaded = try Cluster(decoding: old)
        #expect(loaded.encodedState(format: 1) == old)
        let events = cluster.api.store.list(ObjectKey.events).map(\.key)
        #expect(!events.isEmpty)
        #expect(loaded.eventLeases.leases.map(\.key) == events)
        #expect(loaded.eventLeases.leases.allSatisfy { $0.written == cluster.now })
        let folder = StateFolder(path: Self.temporaryFolder())
        var e = BinaryEncoder()
        e.bytes = StateFolder.magic
        e.u64(1)
        e.u64(UInt64(old.count))
        e.u64(StateFolder.fnv64a(old))
        e.bytes += old
        #expect(FileSystemProbe.write(e.bytes, to: folder.path + "/" + StateFolder.stateFileName))
        #expect(try folder.load()?.encodedState(format: 1) == old)
    }

    /// Events live an hour after their last write (the apiserver's `--event-ttl`): a saved and
    /// reloaded cluster keeps their clocks; one written again lives an hour from then.
    @Test func eventsExpireAnHourAfterTheirLastWrite() throws {
        var cluster = try Self.scenario()
        let start = cluster.now
        let first = cluster.api.store.list(ObjectKey.events)
        #expect(!first.isEmpty)
        cluster.advance(by: .seconds(3000))
        // Written again now (count 2): lives to now + 1 h.
        let written = cluster.api.updateRecordedEvent(first[0], count: 2, lastTimestamp: cluster.now.rfc3339,
                                                      message: first[0].value["message"]?.string ?? "")
        #expect(written)
        var reloaded = try Cluster(decoding: cluster.encodedState())
        #expect(reloaded.encodedState() == cluster.encodedState())
        // The scenario wrote its events during its first 10 s, so the first expire at start + 3590 s.
        reloaded.advance(by: .seconds(3600 - 3000 - 11))
        #expect(reloaded.api.store.list(ObjectKey.events).count >= first.count)
        reloaded.advance(by: .seconds(120))
        let left = reloaded.api.store.list(ObjectKey.events)
        #expect(left.map(\.key).contains(first[0].key), "rewritten at start + 3000 s: still there at start + 3709 s")
        #expect(!left.contains { $0.key == first[1].key }, "written at the start: gone after an hour")
        reloaded.advance(by: .seconds(3600))
        let early = reloaded.api.store.list(ObjectKey.events).filter { ($0.value["firstTimestamp"]?.string ?? "") <= start.rfc3339 }
        #expect(early.isEmpty)
        reloaded.api.store.checkInvariants()
    }

    /// A damaged file is a typed error with a way out, never a crash.
    @Test func damagedStateIsReported() throws {
        let folder = StateFolder(path: Self.temporaryFolder())
        try folder.save(try Self.scenario())
        let fd = open(folder.stateFile, O_WRONLY)
        _ = lseek(fd, 200, SEEK_SET)
        var junk: [UInt8] = [0xFF, 0xFF, 0xFF]
        _ = write(fd, &junk, 3)
        close(fd)
        do {
            _ = try folder.load()
            Issue.record("expected damage")
        } catch {
            guard case .damaged(_, .checksum) = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.message.contains("taller cluster reiniciar"))
        }
        let half = open(folder.stateFile, O_WRONLY | O_TRUNC)
        var bytes = Array("TALLERK8S".utf8)
        _ = write(half, &bytes, bytes.count)
        close(half)
        #expect(throws: StateError.self) { try folder.load() }
        try folder.reset()
        #expect(try folder.load() == nil)
    }

    @Test func lockSerialisesWork() throws {
        let folder = StateFolder(path: Self.temporaryFolder())
        let value = try folder.withLock { 42 }
        #expect(value == 42)
    }
}

enum FileSystemProbe {
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) } == bytes.count
    }
}
