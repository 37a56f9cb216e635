#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast path for the YAML that Kubernetes manifests are made of: block mappings and
/// sequences (including compact `- key: value` entries and sequences indented level with
/// their key), single-line plain and quoted scalars, comments, and `---` between documents.
///
/// It builds the same `Document`s as `Composer` — same nodes, styles and marks — straight
/// from the bytes, without tokens or events. Anything outside that subset (flow
/// collections, block scalars, anchors, tags, multi-line scalars, escapes, tabs, `...`,
/// directives, explicit keys, and every error) makes it give up on that document, which
/// is then composed by the full parser; an error anywhere is always reported by the full
/// parser over the whole stream, so errors and their marks never depend on this path.
/// `FastComposerTests` checks both paths agree on the test suite and the corpus.
///
/// Conventions: `i` is the cursor (byte offset), `line`/`lineStart` the 0-based line of
/// `i` and the offset where that line starts. Between nodes, `i` rests on the first
/// non-space character of the next content line, whose indentation is `indent`
/// (-1 at the end of the document).
struct FastComposer {
    struct GiveUp: Error {}

    let source: SourceBuffer
    let p: UnsafeMutablePointer<UInt8>
    let file: String
    let fileName: FileName
    let limits: YAMLLimits
    var strings = StringCache()
    /// Children of the open collections (see `ScratchStack`). A document that gives up
    /// leaves entries behind; `document(_:)` trims them.
    let itemStack = ScratchStack<Node>()
    let pairStack = ScratchStack<Node.Pair>()
    var i = 0
    var line = 0
    var lineStart = 0
    var end = 0
    var indent = -1
    var depth = 0

    init(source: SourceBuffer, file: String, limits: YAMLLimits) {
        self.source = source
        self.p = source.base
        self.file = file
        self.fileName = FileName(file)
        self.limits = limits
    }

    /// Every document of the stream, or nil when the whole stream needs the full parser.
    mutating func documents() throws(YAMLError) -> [Document]? {
        guard let chunks = splitDocuments() else { return nil }
        return try documents(chunks)
    }

    /// The documents of `chunks` (from `splitDocuments`).
    mutating func documents(_ chunks: [Chunk]) throws(YAMLError) -> [Document]? {
        var docs: [Document] = []
        docs.reserveCapacity(chunks.count)
        for chunk in chunks {
            do {
                if let doc = try document(chunk) { docs.append(doc) }
            } catch {
                // This document needs the full parser, alone, with its own marks.
                let part = SourceBuffer(chunkOf: source, from: chunk.start, to: chunk.end, line: chunk.line)
                var composer = Composer(source: part, file: file, limits: limits)
                guard let parsed = try? composer.documents() else { return nil }
                docs.append(contentsOf: parsed)
            }
            if docs.count > limits.maxDocuments { return nil }
        }
        return docs
    }

    // MARK: Documents

    struct Chunk: Sendable {
        var start: Int
        var end: Int
        var line: Int
        /// Ends with a `...` line: left to the full parser.
        var endsWithDocumentEnd = false
    }

    /// Splits the stream before every `---` line and after every `...` line (after `...` a
    /// new stream may as well begin: a bare document is allowed either way). nil when a
    /// line starts with `%`: directives' rules span documents, so the full parser takes
    /// the whole stream then.
    func splitDocuments() -> [Chunk]? { splitDocumentsCountingLines()?.chunks }

    /// `splitDocuments`, and how many line breaks the stream has (`ParallelCompose` adds
    /// them up to know the line each part starts on).
    func splitDocumentsCountingLines() -> (chunks: [Chunk], lines: Int)? {
        let n = source.count
        // Most streams have no CR at all: then lines end at LFs, found eight bytes at a time.
        if memchr(p, 0x0D, n) == nil { return splitDocumentsWithoutCR() }
        var chunks: [Chunk] = []
        var start = 0, startLine = source.firstLine, k = 0, line = source.firstLine
        while k < n {
            let c = p[k]
            if c == UInt8(ascii: "%") { return nil }
            let marker = (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && p[k + 1] == c && p[k + 2] == c
                && Self.isBlankOrBreakOrEnd(p[k + 3])
            if marker && c == UInt8(ascii: "-") {
                if k > start { chunks.append(Chunk(start: start, end: k, line: startLine)) }
                start = k
                startLine = line
            }
            // Next line.
            k = lineEnd(from: k, limit: n)
            if k < n {
                k += p[k] == 0x0D && p[k + 1] == 0x0A ? 2 : 1
                line += 1
            }
            if marker && c == UInt8(ascii: ".") {
                chunks.append(Chunk(start: start, end: k, line: startLine, endsWithDocumentEnd: true))
                start = k
                startLine = line
            }
        }
        if n > start || chunks.isEmpty { chunks.append(Chunk(start: start, end: n, line: startLine)) }
        return (chunks, line - source.firstLine)
    }

    /// `splitDocuments` for a stream without CRs: only lines that start with `-`, `.` or `%`
    /// matter, and those are found a word at a time (the buffer's zero padding makes the
    /// last word readable; its zero bytes match nothing).
    private func splitDocumentsWithoutCR() -> (chunks: [Chunk], lines: Int)? {
        var chunks: [Chunk] = []
        let n = source.count
        var start = 0, startLine = source.firstLine
        let raw = UnsafeRawPointer(p)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // High bit of each byte of `w` equal to `b` (exact per byte: no carries between bytes).
        @inline(__always) func equal(_ w: UInt64, _ b: UInt64) -> UInt64 {
            let x = w ^ (b &* 0x0101_0101_0101_0101)
            return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
        }
        var linesBefore = source.firstLine  // lines that end before the current word
        var afterBreak: UInt64 = 0x80       // the word's first byte starts a line
        var k = 0
        while k < n {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let breaks = equal(w, 0x0A)
            let lineStarts = breaks << 8 | afterBreak
            var candidates = lineStarts & (equal(w, 0x2D) | equal(w, 0x2E) | equal(w, 0x25))  // - . %
            while candidates != 0 {
                let bit = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                let j = k + bit >> 3
                guard j < n else { break }
                let line = linesBefore + (breaks & ((1 << UInt64(bit)) - 1)).nonzeroBitCount
                let c = p[j]
                if c == UInt8(ascii: "%") { return nil }
                guard p[j + 1] == c && p[j + 2] == c && Self.isBlankOrBreakOrEnd(p[j + 3]) else { continue }
                if c == UInt8(ascii: "-") {
                    if j > start { chunks.append(Chunk(start: start, end: j, line: startLine)) }
                    start = j
                    startLine = line
                } else {
                    // `...`: the chunk ends with its line.
                    var end = n, nextLine = line
                    if let found = memchr(p + j, 0x0A, n - j) {
                        end = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p + 1
                        nextLine = line + 1
                    }
                    chunks.append(Chunk(start: start, end: end, line: startLine, endsWithDocumentEnd: true))
                    start = end
                    startLine = nextLine
                }
            }
            linesBefore += breaks.nonzeroBitCount
            afterBreak = breaks >> 56
            k += 8
        }
        if n > start || chunks.isEmpty { chunks.append(Chunk(start: start, end: n, line: startLine)) }
        return (chunks, linesBefore - source.firstLine)
    }

    /// The offset of the next CR or LF at or after `k` (or `limit`).
    func lineEnd(from k: Int, limit: Int) -> Int {
        guard let found = memchr(p + k, 0x0A, limit - k) else { return Self.crlfAware(p, k, limit) }
        let lf = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
        // A lone CR before that LF also ends a line; CRs are rare, so look only if present.
        if let cr = memchr(p + k, 0x0D, lf - k) {
            return UnsafeMutablePointer<UInt8>(cr.assumingMemoryBound(to: UInt8.self)) - p
        }
        return lf
    }

    static func crlfAware(_ p: UnsafeMutablePointer<UInt8>, _ k: Int, _ limit: Int) -> Int {
        var j = k
        while j < limit && p[j] != 0x0D { j += 1 }
        return j
    }

    /// One document; nil for a stretch with only comments and blank lines.
    mutating func document(_ chunk: Chunk) throws(GiveUp) -> Document? {
        _ = itemStack.pop(from: 0)
        _ = pairStack.pop(from: 0)
        i = chunk.start
        lineStart = chunk.start
        line = chunk.line
        end = chunk.end
        depth = 0
        if chunk.endsWithDocumentEnd {
            // The `...` line is the chunk's last: stop before it; only a comment may follow it.
            var last = end
            if last > chunk.start && p[last - 1] == 0x0A { last -= 1 }
            if last > chunk.start && p[last - 1] == 0x0D { last -= 1 }
            while last > chunk.start && p[last - 1] != 0x0A && p[last - 1] != 0x0D { last -= 1 }
            var k = last + 3
            while p[k] == 0x20 { k += 1 }
            guard k >= chunk.end || p[k] == 0x0A || p[k] == 0x0D || (p[k] == UInt8(ascii: "#") && p[k - 1] == 0x20) else { throw GiveUp() }
            end = last
        }
        var explicit = false
        var docMark = Mark()
        if end - i >= 3 && p[i] == UInt8(ascii: "-") && p[i + 1] == p[i] && p[i + 2] == p[i] {
            explicit = true
            docMark = mark(i)
            i += 3
            try endLine()
        }
        nextContentLine()
        if indent < 0 {
            guard explicit else { return nil }
            return Document(root: Node(plain: .scalar("", .plain), mark: endMark()), explicitStart: true,
                            explicitEnd: chunk.endsWithDocumentEnd, mark: docMark)
        }
        if !explicit { docMark = mark(i) }
        let root = try blockNode(parent: -1)
        guard indent < 0 else { throw GiveUp() }
        return Document(root: root, explicitStart: explicit, explicitEnd: chunk.endsWithDocumentEnd, mark: docMark)
    }
}
