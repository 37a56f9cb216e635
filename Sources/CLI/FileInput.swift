#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAML

/// Reads the `ARCHIVO` of a command: a path, or `-` for standard input. POSIX calls, so a
/// missing file, a directory and a permission problem each get their own clear message.
enum FileInput {
    /// The bytes and the name to show in messages (`STDIN` for `-`, as kubectl says).
    static func read<IO: TextStreams>(_ path: String, io: inout IO, limits: YAMLLimits = .standard) throws(CLIError) -> (bytes: [UInt8], name: String) {
        if path == "-" { return (io.input(), "STDIN") }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path) }
            throw .unreadable(path, reason: reason(code))
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path, reason: Messages.isDirectory)
        }
        do {
            // One byte over the limit is enough for the parser to report `inputTooLarge`.
            return (try readAll(fd: fd, limit: limits.maxBytes + 1), path)
        } catch {
            throw .unreadable(path, reason: reason(error.code))
        }
    }

    struct ReadError: Error { var code: Int32 }

    static func readAll(fd: Int32, limit: Int) throws(ReadError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit - out.count)) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(code: errno)
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return Messages.permissionDenied
        case EISDIR: return Messages.isDirectory
        default: return String(cString: strerror(code))
        }
    }
}
