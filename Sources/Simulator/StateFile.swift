#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder where a cluster persists between commands (`.taller/` by default).
///
/// - `cluster.estado`: a header (`TALLERK8S`, format version, payload length, checksum of
///   the payload: `checksum` from version 2 on, FNV-1a 64 in version 1) and the payload of
///   `Cluster.encodedState()`.
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

    /// The saved cluster, or nil when there is none yet. `deferringEvents`: see
    /// `Cluster(decoding:deferringEvents:)` (for commands that read no Event objects).
    public func load(controllers: [any Controller] = Cluster.standardControllers, deferringEvents: Bool = false) throws(StateError) -> Cluster? {
        guard let bytes = try readFile(stateFile) else { return nil }
        let header = StateFolder.magic.count + 24
        guard bytes.count >= header, Array(bytes.prefix(StateFolder.magic.count)) == StateFolder.magic else {
            throw .damaged(file: stateFile, detail: .notAStateFile)
        }
        var d = BinaryDecoder(Array(bytes[StateFolder.magic.count..<header]))
        let version = (try? d.u64()) ?? 0, length = (try? d.u64()) ?? 0, checksum = (try? d.u64()) ?? 0
        guard version == 1 || version == Cluster.encodingVersion else { throw .damaged(file: stateFile, detail: .version(version)) }
        guard UInt64(bytes.count - header) == length else { throw .damaged(file: stateFile, detail: .truncated) }
        let payload = Array(bytes[header...])
        guard (version == 1 ? StateFolder.fnv64a(payload) : StateFolder.checksum(payload)) == checksum else { throw .damaged(file: stateFile, detail: .checksum) }
        do {
            return try Cluster(decoding: payload, controllers: controllers, deferringEvents: deferringEvents)
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
        e.u64(StateFolder.checksum(payload))
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

    /// The payload's checksum (format 2): four independent lanes of 64-bit multiply–xor over
    /// 8-byte little-endian words, folded together with the length. It catches the damage a
    /// state file meets (truncation, a stray write, a bit flip) at memory speed; FNV-1a took
    /// a dependent multiply per byte, ~3 ms for a 2 MB cluster on every command.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = (h ^ w) &* prime
            return x ^ (x >> 31)
        }
        return bytes.withUnsafeBytes { raw -> UInt64 in
            let n = raw.count
            var i = 0
            while i + 32 <= n {
                lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian)
                lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian)
                lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian)
                i += 32
            }
            var tail = lanes.0
            while i < n {
                tail = mix(tail, UInt64(raw[i]) | 0x100)
                i += 1
            }
            var h = mix(mix(mix(mix(UInt64(n), tail), lanes.1), lanes.2), lanes.3)
            h ^= h >> 29
            return h
        }
    }

    /// FNV-1a, 64 bits (format 1).
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
