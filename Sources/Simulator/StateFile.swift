#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder where a cluster persists between commands (`.taller/` by default).
///
/// - `cluster.estado`: a header (`TALLERK8S`, format version, payload length, FNV-1a 64
///   checksum of the payload) and the payload of `Cluster.encodedState()`.
/// - `bloqueo`: the lock file; `withLock` holds an exclusive `flock` on it for a whole
///   load–change–save, so two commands at once never interleave.
///
/// Saving writes a temporary file in the same folder, `fsync`s it, `rename`s it over the
/// old state and `fsync`s the folder: a command killed half-way leaves the old state or the
/// new one, never a mix. A file that fails any check (header, checksum, decoding) is
/// reported as `StateError.damaged`, never a crash; `taller cluster reiniciar` is the way out.
public struct StateFolder: Sendable {
    public let path: String
    public static let stateFileName = "cluster.estado"
    public static let lockFileName = "bloqueo"
    static let magic: [UInt8] = Array("TALLERK8S".utf8)

    public init(path: String) {
        self.path = path
    }

    public var stateFile: String { path + "/" + StateFolder.stateFileName }

    /// Runs `body` holding the folder's exclusive lock (created with the folder if needed).
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try ensureFolder()
        let fd = open(path + "/" + StateFolder.lockFileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StateError.io(file: path + "/" + StateFolder.lockFileName, operation: "open", code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StateError.io(file: path + "/" + StateFolder.lockFileName, operation: "flock", code: errno) }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// The saved cluster, or nil when there is none yet.
    public func load(controllers: [any Controller] = Cluster.standardControllers) throws(StateError) -> Cluster? {
        guard let bytes = try readFile(stateFile) else { return nil }
        let header = StateFolder.magic.count + 24
        guard bytes.count >= header, Array(bytes.prefix(StateFolder.magic.count)) == StateFolder.magic else {
            throw .damaged(file: stateFile, detail: .notAStateFile)
        }
        var d = BinaryDecoder(Array(bytes[StateFolder.magic.count..<header]))
        let version = (try? d.u64()) ?? 0, length = (try? d.u64()) ?? 0, checksum = (try? d.u64()) ?? 0
        guard version == Cluster.encodingVersion else { throw .damaged(file: stateFile, detail: .version(version)) }
        guard UInt64(bytes.count - header) == length else { throw .damaged(file: stateFile, detail: .truncated) }
        let payload = Array(bytes[header...])
        guard StateFolder.fnv64a(payload) == checksum else { throw .damaged(file: stateFile, detail: .checksum) }
        do {
            return try Cluster(decoding: payload, controllers: controllers)
        } catch {
            throw .damaged(file: stateFile, detail: .undecodable(offset: error.offset, what: error.what))
        }
    }

    /// Saves `cluster` atomically.
    public func save(_ cluster: Cluster) throws(StateError) {
        try ensureFolder()
        let payload = cluster.encodedState()
        var e = BinaryEncoder()
        e.bytes = StateFolder.magic
        e.u64(Cluster.encodingVersion)
        e.u64(UInt64(payload.count))
        e.u64(StateFolder.fnv64a(payload))
        e.bytes += payload
        let temporary = stateFile + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(file: temporary, operation: "open", code: errno) }
        var written = 0
        let ok = e.bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        let code = errno
        guard ok, fsync(fd) == 0 else {
            close(fd); unlink(temporary)
            throw .io(file: temporary, operation: "write", code: code)
        }
        close(fd)
        guard rename(temporary, stateFile) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io(file: stateFile, operation: "rename", code: code)
        }
        let dir = open(path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Removes the saved state (`taller cluster reiniciar` then saves a fresh cluster).
    public func reset() throws(StateError) {
        if unlink(stateFile) != 0 && errno != ENOENT { throw .io(file: stateFile, operation: "unlink", code: errno) }
    }

    private func ensureFolder() throws(StateError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(file: path, operation: "mkdir", code: errno) }
    }

    private func readFile(_ file: String) throws(StateError) -> [UInt8]? {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(file: file, operation: "open", code: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(file: file, operation: "stat", code: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var read = 0
        while read < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + read, $0.count - read) }
            if n < 0 { if errno == EINTR { continue }; throw .io(file: file, operation: "read", code: errno) }
            if n == 0 { break }
            read += n
        }
        return Array(bytes.prefix(read))
    }

    /// FNV-1a, 64 bits.
    static func fnv64a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// Why the state folder could not be used. `message` is the Spanish text for the learner.
public enum StateError: Error, Sendable, Hashable {
    public enum Damage: Sendable, Hashable {
        case notAStateFile
        case version(UInt64)
        case truncated
        case checksum
        case undecodable(offset: Int, what: String)
    }

    case damaged(file: String, detail: Damage)
    case io(file: String, operation: String, code: Int32)

    public var message: String { Messages.stateError(self) }
}
