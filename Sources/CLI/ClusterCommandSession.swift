#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulator

/// What a command may take from the process: the state folder variable and the wall clock.
/// `process` reads the real ones; tests pass fixed values so output is deterministic. This is
/// the one place the program reads the machine's clock: the libraries only see the virtual
/// clock, which the session moves by the wall time elapsed between commands.
public struct CommandEnvironment: Sendable {
    /// `TALLER_ESTADO`.
    public var stateVariable: String?
    /// Milliseconds since the Unix epoch; nil: the clock does not follow wall time.
    public var wallClock: @Sendable () -> Int64?

    /// The other variables the course reads (`TALLER_RAIZ`, `NO_COLOR`, `COLUMNS`).
    public var variables: [String: String] = [:]
    /// Standard output and input are terminals (colors, keys in watch mode).
    public var outputIsTerminal = false
    public var inputIsTerminal = false
    /// Standard error is a terminal (`taller calificar` draws its progress bar there).
    public var errorIsTerminal = false
    /// The current folder (the course root is looked for from here).
    public var workingDirectory = "."
    /// The process ends after this one command (`taller` run from a shell, not the tests or a
    /// long-lived mode): the loaded cluster is left for the exit to reclaim instead of being
    /// freed object by object, which took a tenth of a `taller k get`.
    public var exitsAfterCommand = false

    public init(stateVariable: String? = nil, wallClock: @escaping @Sendable () -> Int64? = { nil }) {
        self.stateVariable = stateVariable
        self.wallClock = wallClock
    }

    public static var process: CommandEnvironment {
        let variable = getenv("TALLER_ESTADO").map { String(cString: $0) }
        var environment = CommandEnvironment(stateVariable: variable?.isEmpty == false ? variable : nil) {
            var t = timespec()
            clock_gettime(CLOCK_REALTIME, &t)
            return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
        }
        for name in ["TALLER_RAIZ", "NO_COLOR", "COLUMNS"] {
            if let value = getenv(name) { environment.variables[name] = String(cString: value) }
        }
        environment.outputIsTerminal = isatty(1) == 1
        environment.inputIsTerminal = isatty(0) == 1
        environment.errorIsTerminal = isatty(2) == 1
        var buffer = [CChar](repeating: 0, count: 4096)
        if getcwd(&buffer, buffer.count) != nil { environment.workingDirectory = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } }
        return environment
    }
}

/// One command's use of the saved cluster: lock the state folder, load the cluster (or
/// start the default one), move its clock by the wall time since the last saved command
/// (at most `maxJump`), run, and save atomically when something changed.
///
/// A read that changed nothing but the clock is not saved: the wall time of the last save
/// stays, so the next command moves the clock by the whole time since then (the same
/// result, as the simulation loop jumps between due times anyway). The wall time lives in
/// `reloj`, next to the state; a command killed between the two writes only moves the
/// clock a little more next time.
struct ClusterSession {
    static let defaultFolder = ".taller"
    static let wallClockFile = "reloj"
    /// The longest jump of the virtual clock between two commands: coming back after a
    /// weekend moves the cluster one hour, not two days.
    static let maxJump: Int64 = 3_600_000

    let folder: StateFolder
    let environment: CommandEnvironment

    /// `--estado DIR`, else `TALLER_ESTADO`, else `.taller` in the current folder.
    init(option: String?, environment: CommandEnvironment) {
        folder = StateFolder(path: option ?? environment.stateVariable ?? ClusterSession.defaultFolder)
        self.environment = environment
    }

    /// Runs `body` on the cluster. `mutates`: the command writes (settle the controllers
    /// at the current instant afterwards, then save).
    /// `readsEvents: false` (a read-only command that never looks at Event objects, such as
    /// `get pods`) lets the load leave the events encoded; anything that writes, runs a
    /// controller or saves decodes them first (`Store.materializeDeferred`).
    func run<T>(mutates: Bool, readsEvents: Bool = true, _ body: (inout Cluster) throws(CLIError) -> T) throws(CLIError) -> T {
        let result: Result<T, CLIError>
        do {
            result = try folder.withLock { () throws -> Result<T, CLIError> in
                var dirty = false
                var cluster: Cluster
                if let loaded = try folder.load(deferringEvents: !mutates && !readsEvents) {
                    cluster = loaded
                } else {
                    cluster = Cluster.interactive()
                    dirty = true
                }
                let wallNow = environment.wallClock()
                if let wallNow, let last = readWallClock() {
                    let elapsed = wallNow - last
                    if elapsed > 0 {
                        if elapsed > ClusterSession.maxJump { dirty = true }
                        if cluster.advance(by: .milliseconds(min(elapsed, ClusterSession.maxJump))) > 0 { dirty = true }
                    }
                } else if wallNow != nil {
                    dirty = true
                }
                let revision = cluster.api.store.revision
                let outcome: Result<T, CLIError>
                do throws(CLIError) {
                    outcome = .success(try body(&cluster))
                } catch {
                    outcome = .failure(error)
                }
                // Removals do not bump the revision: a writing verb always saves.
                if mutates || cluster.api.store.revision != revision {
                    cluster.advance()
                    dirty = true
                }
                if dirty {
                    try folder.save(cluster)
                    if let wallNow { writeWallClock(wallNow) }
                }
                if environment.exitsAfterCommand { ProcessExit.keep(cluster) }
                return outcome
            }
        } catch let error as StateError {
            throw .reported(error.message)
        } catch {
            throw .reported("\(error)")
        }
        return try result.get()
    }

    /// Replaces the saved cluster with `cluster` (no load: works on a damaged folder).
    func replace(with cluster: Cluster) throws(CLIError) {
        do {
            try folder.withLock {
                try folder.save(cluster)
                if let now = environment.wallClock() { writeWallClock(now) }
            }
        } catch let error as StateError {
            throw .reported(error.message)
        } catch {
            throw .reported("\(error)")
        }
    }

    var wallClockPath: String { folder.path + "/" + ClusterSession.wallClockFile }

    func readWallClock() -> Int64? {
        let fd = open(wallClockPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 32) }
        guard n > 0 else { return nil }
        return Int64(String(decoding: buffer[0..<n], as: UTF8.self).trimmed(" \n"))
    }

    func writeWallClock(_ milliseconds: Int64) {
        let temporary = wallClockPath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let text = Array("\(milliseconds)\n".utf8)
        let ok = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count
        close(fd)
        if ok { rename(temporary, wallClockPath) } else { unlink(temporary) }
    }
}

extension String {
    func trimmed(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Values left for the process exit to reclaim (see `CommandEnvironment.exitsAfterCommand`).
enum ProcessExit {
    private final class Box<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Keeps `value`'s storage alive for the rest of the process: the local copies that go
    /// out of scope then only drop a reference instead of freeing the whole tree.
    static func keep<T>(_ value: T) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
