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
