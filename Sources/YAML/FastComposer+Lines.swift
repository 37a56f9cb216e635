#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fast path's one-line scalars, line handling and marks.
extension FastComposer {
    // MARK: Scalars

    /// A plain or quoted scalar that fits on the current line (a key or a value).
    mutating func scalarOnLine() throws(GiveUp) -> Node {
        let start = i
        let c = p[i]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            var k = i + 1
            while k < end && p[k] != c {
                let b = p[k]
                if b == 0x0A || b == 0x0D { throw GiveUp() }
                if b == UInt8(ascii: "\\") && c == UInt8(ascii: "\"") { return try withFullScanner(.quoted(double: true), parent: -1) }
                k += 1
            }
            guard k < end else { throw GiveUp() }
            if c == UInt8(ascii: "'") && p[k + 1] == c { return try withFullScanner(.quoted(double: false), parent: -1) }
            let value = strings.string(p + i + 1, k - i - 1)
            let node = Node(plain: .scalar(value, c == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted), mark: mark(start))
            i = k + 1
            return node
        }
        guard Self.canStartPlain(c, p[i + 1]) else { throw GiveUp() }
        var k = i
        var last = i
        while k < end {
            let b = p[k]
            if b == 0x0A || b == 0x0D || b == 0x09 { break }
            if b == 0x20 {
                if p[k + 1] == UInt8(ascii: "#") { break }
            } else if b == UInt8(ascii: ":") && (k + 1 >= end || Self.isBlankOrBreakOrEnd(p[k + 1])) {
                break
            } else {
                last = k + 1
            }
            k += 1
        }
        if p[k] == 0x09 && k < end { throw GiveUp() }
        if last - start > 1024 { throw GiveUp() }
        let node = Node(plain: .scalar(strings.string(p + start, last - start), .plain), mark: mark(start))
        i = last
        return node
    }

    /// The key of a `key: value` line whose colon `keyColon()` found at `colon`: for a plain
    /// key, the same scalar `scalarOnLine()` reads, without scanning the key again.
    @inline(__always)
    mutating func keyScalar(colon: Int) throws(GiveUp) -> Node {
        let c = p[i]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try scalarOnLine() }
        guard Self.canStartPlain(c, p[i + 1]) else { throw GiveUp() }
        // No line break, tab or ` #` stands before the colon (`keyColon`): the scalar ends
        // at the colon, without its trailing spaces.
        var last = colon
        while p[last - 1] == 0x20 { last -= 1 }
        if last - i > 1024 { throw GiveUp() }
        let node = Node(plain: .scalar(strings.string(p + i, last - i), .plain), mark: mark(i))
        i = last
        return node
    }

    /// ns-plain-first in block context: not an indicator, or `-?:` before a non-space.
    @inline(__always)
    static func canStartPlain(_ c: UInt8, _ next: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !isBlankOrBreakOrEnd(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), 0x20, 0x09, 0x0A, 0x0D, 0:
            return false
        default:
            return true
        }
    }

    // MARK: Lines

    @inline(__always) static func isBlankOrBreakOrEnd(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0 || b == 0x09
    }

    /// A `- ` (or a lone `-`) starts a sequence entry here.
    @inline(__always)
    func isSequenceEntry() -> Bool {
        p[i] == UInt8(ascii: "-") && (i + 1 >= end || p[i + 1] == 0x20 || p[i + 1] == 0x0A || p[i + 1] == 0x0D)
    }

    /// Where the current line's `key:` has its colon (followed by a space or the end of
    /// the line); -1 when the line holds no key. A plain key with a tab before its colon
    /// also gives -1 (the one-line scalar would give up on the tab anyway).
    @inline(__always)
    func keyColon() -> Int {
        var k = i
        let c = p[k]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            k += 1
            while k < end && p[k] != c && p[k] != 0x0A && p[k] != 0x0D { k += 1 }
            guard k < end, p[k] == c else { return -1 }
            k += 1
            while p[k] == 0x20 { k += 1 }
            return p[k] == UInt8(ascii: ":") && (k + 1 >= end || Self.isBlankOrBreakOrEnd(p[k + 1])) ? k : -1
        }
        while k < end {
            let b = p[k]
            if b == 0x0A || b == 0x0D || b == 0x09 { return -1 }
            if b == 0x20 && p[k + 1] == UInt8(ascii: "#") { return -1 }
            if b == UInt8(ascii: ":") && (k + 1 >= end || Self.isBlankOrBreakOrEnd(p[k + 1])) { return k }
            k += 1
        }
        return -1
    }

    /// After an indicator: true (and the line consumed) when only blanks or a comment follow.
    mutating func restOfLineIsEmpty() throws(GiveUp) -> Bool {
        var k = i
        while p[k] == 0x20 { k += 1 }
        if p[k] == 0x09 { throw GiveUp() }
        if k >= end || p[k] == 0x0A || p[k] == 0x0D || (p[k] == UInt8(ascii: "#") && k > i) {
            i = k
            try endLine()
            return true
        }
        if k == i && i < end { throw GiveUp() }  // `key:value` or `-x` cannot reach here
        i = k
        return false
    }

    /// Skips blanks and a comment to the end of the line, and the line break.
    mutating func endLine() throws(GiveUp) {
        while p[i] == 0x20 { i += 1 }
        if i < end && p[i] == UInt8(ascii: "#") {
            // A comment needs a space before it (or the start of the line).
            guard i == lineStart || p[i - 1] == 0x20 else { throw GiveUp() }
            while i < end && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
        }
        if i >= end { i = end; return }
        guard p[i] == 0x0A || p[i] == 0x0D else { throw GiveUp() }
        skipBreak()
    }

    @inline(__always) mutating func skipBreak() {
        i += p[i] == 0x0D && p[i + 1] == 0x0A ? 2 : 1
        line += 1
        lineStart = i
    }

    /// Moves to the first non-space character of the next line with content, setting
    /// `indent`; -1 at the end of the document. A tab or a stray character gives up later.
    mutating func nextContentLine() {
        while i < end {
            var k = i
            while p[k] == 0x20 { k += 1 }
            let c = p[k]
            if k < end && (c == 0x0A || c == 0x0D) {
                i = k
                skipBreak()
                continue
            }
            if k < end && c == UInt8(ascii: "#") {
                i = k
                while i < end && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
                if i < end { skipBreak() }
                continue
            }
            if k >= end { i = end; break }
            i = k
            indent = k - lineStart
            if c == 0x09 { indent = Int.max }  // tabs: let the full parser judge
            return
        }
        indent = -1
    }

    func isASCIIIndent(upTo k: Int) -> Bool {
        var j = lineStart
        while j < k { if p[j] >= 0x80 { return false }; j += 1 }
        return true
    }

    // MARK: Marks

    /// The mark of offset `k` on the current line (columns count Unicode scalars).
    @inline(__always)
    func mark(_ k: Int) -> Mark { mark(k, line: line, lineStart: lineStart) }

    /// The mark of offset `k` on 0-based line `line`, which starts at `lineStart`.
    @inline(__always)
    func mark(_ k: Int, line: Int, lineStart: Int) -> Mark {
        // Bytes minus UTF-8 continuation bytes (10xxxxxx), eight at a time.
        var column = k - lineStart
        var j = lineStart
        let raw = UnsafeRawPointer(p)
        while j + 8 <= k {
            let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 {
                column -= (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            }
            j += 8
        }
        while j < k {
            if p[j] & 0xC0 == 0x80 { column -= 1 }
            j += 1
        }
        return Mark(file: fileName, line: line + 1, column: column + 1, offset: k + source.baseOffset)
    }

    /// Where the full parser puts the empty root of an empty document: the next `---`, or
    /// the end of the stream (on a new line if the last one had no line break).
    func endMark() -> Mark {
        if end < source.count || i == lineStart {
            return Mark(file: fileName, line: line + 1, column: 1, offset: end + source.baseOffset)
        }
        return Mark(file: fileName, line: line + 2, column: 1, offset: end + source.baseOffset)
    }
}
