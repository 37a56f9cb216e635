#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the course needs, on POSIX calls (no Foundation): reading,
/// listing in a fixed order, modification times for watch mode, and atomic replacement
/// (write a temporary file in the same folder, `fsync`, `rename`), so a kill at any moment
/// leaves either the old file or the new one, never half of one.
public enum FileSystem {
    public struct Failure: Error, Sendable, Equatable {
        public var path: String
        public var code: Int32
        public var reason: String { String(cString: strerror(code)) }
    }

    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, code: EISDIR) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, code: errno)
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    public static func readText(_ path: String) throws(Failure) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The entries of a folder (no `.`/`..`), sorted by their UTF-8 bytes; empty when it
    /// cannot be read.
    public static func list(_ folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Modification time and size, for change detection (nil: the file is gone).
    public static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec), size: Int64(info.st_size))
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(Failure) {
        if path.isEmpty || isDirectory(path) { return }
        let parent = directory(of: path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw Failure(path: path, code: errno) }
    }

    /// Replaces `path` with `bytes` atomically: temporary file, `fsync`, `rename`.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: temporary, code: errno) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd); unlink(temporary)
                throw Failure(path: temporary, code: code)
            }
            offset += n
        }
        fsync(fd)
        close(fd)
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, code: code)
        }
    }

    public static func write(_ path: String, _ text: String) throws(Failure) {
        try writeAtomically(path, Array(text.utf8))
    }

    /// Copies a file (atomically at the destination).
    public static func copy(_ from: String, to: String) throws(Failure) {
        try writeAtomically(to, try read(from))
    }

    public static func remove(_ path: String) {
        unlink(path)
    }

    /// Moves a file or folder (same file system).
    public static func move(_ from: String, to: String) throws(Failure) {
        if rename(from, to) != 0 { throw Failure(path: from, code: errno) }
    }

    /// The names in `folder` matching a shell pattern (`*.yaml`, `web.yaml`), sorted.
    public static func glob(_ pattern: String, in folder: String) -> [String] {
        list(folder).filter { fnmatch(pattern, $0, 0) == 0 && !isDirectory(join(folder, $0)) }
    }

    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        if name.hasPrefix("/") { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// When a file last changed, as watch mode compares it.
public struct FileStamp: Sendable, Hashable {
    public var seconds: Int64
    public var nanoseconds: Int64
    public var size: Int64
}
