#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads and writes. Tests use `CapturedStreams`; the executable uses the terminal.
public protocol TextStreams {
    mutating func out(_ text: String)
    mutating func err(_ text: String)
    /// All of standard input (for `ARCHIVO` = `-`).
    mutating func input() -> [UInt8]
}

/// Writes straight to file descriptors 1 and 2 (no shared C `FILE*` state).
public struct StandardStreams: TextStreams {
    public init() {}
    public mutating func out(_ text: String) { Self.write(text, to: 1) }
    public mutating func err(_ text: String) { Self.write(text, to: 2) }
    public mutating func input() -> [UInt8] { (try? FileInput.readAll(fd: 0, limit: Int.max)) ?? [] }

    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}

public struct CapturedStreams: TextStreams {
    public var stdout = ""
    public var stderr = ""
    public var stdin: [UInt8] = []
    public init(stdin: [UInt8] = []) { self.stdin = stdin }
    public mutating func out(_ text: String) { stdout += text }
    public mutating func err(_ text: String) { stderr += text }
    public mutating func input() -> [UInt8] { stdin }
}
