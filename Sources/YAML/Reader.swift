/// The byte layer: checks that the input is valid UTF-8 made of printable YAML characters,
/// drops a leading byte-order mark, and hands the scanner a zero-terminated buffer
/// (a 0 byte can then only mean "end of input": NUL is not allowed inside YAML).
///
/// YAML 1.2 §5.1 (c-printable) allows tab, LF, CR, 0x20–0x7E, NEL and everything from
/// 0xA0 up except surrogates and the two non-characters 0xFFFE/0xFFFF; libyaml
/// (`reader.c`) rejects the rest with "control characters are not allowed".
final class SourceBuffer {
    let base: UnsafeMutablePointer<UInt8>
    /// Length of the input without the terminator (and without a leading BOM).
    let count: Int
    /// Bytes dropped at the start (3 for a BOM), so offsets can point into the original input.
    let skipped: Int
    /// What to add to a position's offset for the offset in the original input: `skipped`,
    /// plus where this buffer starts when it holds one document of a larger stream.
    let baseOffset: Int
    /// The 0-based line the buffer starts on (non-zero for a document of a larger stream).
    let firstLine: Int

    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {
        guard bytes.count <= Self.maxBytes(limits) else {
            throw YAMLError(.inputTooLarge(limit: limits.maxBytes), at: Mark(file: file), stage: .reader)
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let n = bytes.count - start
        let pointer = bytes.withUnsafeBufferPointer { Self.paddedCopy($0.baseAddress.map { $0 + start }, n) }
        base = pointer
        count = n
        skipped = start
        baseOffset = start
        firstLine = 0
        if let bad = Self.firstInvalid(pointer, n) {
            // `deinit` frees the buffer: every stored property is set by now.
            let mark = Self.mark(of: bad, in: pointer, file: file, skipped: start)
            throw YAMLError(.invalidUTF8, at: mark, stage: .reader)
        }
    }

    /// The largest input: positions are 32-bit (`Position`), so no input may reach 2 GiB,
    /// whatever the limits say.
    static func maxBytes(_ limits: YAMLLimits) -> Int { min(limits.maxBytes, Int(Int32.max) - 16) }

    /// A copy of bytes `[from, to)` of `parent` (already checked), starting on 0-based line
    /// `line`, so one document of a stream can be parsed alone with the right marks.
    init(chunkOf parent: SourceBuffer, from: Int, to: Int, line: Int) {
        let n = to - from
        base = Self.paddedCopy(UnsafePointer(parent.base + from), n)
        count = n
        skipped = parent.skipped
        baseOffset = parent.baseOffset + from
        firstLine = line
    }

    /// Bytes `[skipped + from, skipped + to)` of an input whose BOM took `skipped` bytes: one
    /// part of it, parsed on its own core (see `ParallelCompose`, which checks it with
    /// `isValid` first).
    init(part bytes: [UInt8], skipped: Int, from: Int, to: Int, line: Int) {
        let n = to - from
        base = bytes.withUnsafeBufferPointer { Self.paddedCopy($0.baseAddress.map { $0 + skipped + from }, n) }
        count = n
        self.skipped = skipped
        baseOffset = skipped + from
        firstLine = line
    }

    /// A copy of `n` bytes followed by 8 zero bytes (the terminator, and room for the
    /// scanners' word-sized reads past the end).
    private static func paddedCopy(_ source: UnsafePointer<UInt8>?, _ n: Int) -> UnsafeMutablePointer<UInt8> {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 8)
        if n > 0, let source { pointer.initialize(from: source, count: n) }
        (pointer + n).initialize(repeating: 0, count: 8)
        return pointer
    }

    /// The bytes are valid UTF-8 made of printable YAML characters.
    var isValid: Bool { Self.firstInvalid(base, count) == nil }

    deinit { base.deallocate() }

    /// Offset of the first byte that is not valid UTF-8 or not a printable YAML character.
    private static func firstInvalid(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i < n {
            // Eight ASCII bytes at a time: printable, tab, LF or CR pass; a word with any
            // other byte jumps straight to it. The masks are exact per byte (no carries
            // between bytes), so the first flagged byte is the first one to look at.
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let flagged = Self.notPlainASCII(w)
                if flagged == 0 {
                    i += 8
                    continue
                }
                i += flagged.trailingZeroBitCount >> 3
            }
            let b = p[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
                return i
            }
            var scalar: UInt32
            var length: Int
            if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); length = 2 }
            else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); length = 3 }
            else if b & 0xF8 == 0xF0 { scalar = UInt32(b & 0x07); length = 4 }
            else { return i }
            if i + length > n { return i }
            for k in 1..<length {
                let c = p[i + k]
                if c & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            // Overlong forms, surrogates, out of range, and C1 controls other than NEL.
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            if scalar < 0xA0 && scalar != 0x85 { return i }
            if scalar == 0xFFFE || scalar == 0xFFFF { return i }
            i += length
        }
        return nil
    }

    /// High bit set in each byte of `w` that is not printable ASCII, tab, LF or CR
    /// (bytes are little-endian: the lowest flagged bit is the first such byte).
    @inline(__always)
    static func notPlainASCII(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Per byte b (b & 0x7F) + k never carries out of the byte.
        @inline(__always) func isZero(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x) & high }
        let below20 = ~(((w & low7) &+ 0x6060_6060_6060_6060) | w) & high
        let allowed = isZero(w ^ 0x0909_0909_0909_0909) | isZero(w ^ 0x0A0A_0A0A_0A0A_0A0A) | isZero(w ^ 0x0D0D_0D0D_0D0D_0D0D)
        return (w & high) | (below20 & ~allowed) | isZero(w ^ 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The mark of byte `offset`, counted from the start (used for reader errors only).
    static func mark(of offset: Int, in p: UnsafeMutablePointer<UInt8>, file: String, skipped: Int) -> Mark {
        var line = 1, column = 1, i = 0
        while i < offset {
            let b = p[i]
            if b == 0x0A || (b == 0x0D && p[i + 1] != 0x0A) { line += 1; column = 1 }
            else if b & 0xC0 != 0x80 && b != 0x0D { column += 1 }
            i += 1
        }
        return Mark(file: file, line: line, column: column, offset: offset + skipped)
    }
}
