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
    private struct GiveUp: Error {}

    private let source: SourceBuffer
    private let p: UnsafeMutablePointer<UInt8>
    private let file: String
    private let limits: YAMLLimits
    private var strings = StringCache()
    /// Children of the open collections (see `ScratchStack`). A document that gives up
    /// leaves entries behind; `document(_:)` trims them.
    private let itemStack = ScratchStack<Node>()
    private let pairStack = ScratchStack<Node.Pair>()
    private var i = 0
    private var line = 0
    private var lineStart = 0
    private var end = 0
    private var indent = -1
    private var depth = 0

    init(source: SourceBuffer, file: String, limits: YAMLLimits) {
        self.source = source
        self.p = source.base
        self.file = file
        self.limits = limits
    }

    /// Every document of the stream, or nil when the whole stream needs the full parser.
    mutating func documents() throws(YAMLError) -> [Document]? {
        guard let chunks = splitDocuments() else { return nil }
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
    func splitDocuments() -> [Chunk]? {
        var chunks: [Chunk] = []
        var start = 0, startLine = source.firstLine, k = 0, line = source.firstLine
        let n = source.count
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
        return chunks
    }

    /// The offset of the next CR or LF at or after `k` (or `limit`).
    private func lineEnd(from k: Int, limit: Int) -> Int {
        guard let found = memchr(p + k, 0x0A, limit - k) else { return Self.crlfAware(p, k, limit) }
        let lf = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
        // A lone CR before that LF also ends a line; CRs are rare, so look only if present.
        if let cr = memchr(p + k, 0x0D, lf - k) {
            return UnsafeMutablePointer<UInt8>(cr.assumingMemoryBound(to: UInt8.self)) - p
        }
        return lf
    }

    private static func crlfAware(_ p: UnsafeMutablePointer<UInt8>, _ k: Int, _ limit: Int) -> Int {
        var j = k
        while j < limit && p[j] != 0x0D { j += 1 }
        return j
    }

    /// One document; nil for a stretch with only comments and blank lines.
    private mutating func document(_ chunk: Chunk) throws(GiveUp) -> Document? {
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

    // MARK: Block nodes

    /// A node starting on the current content line, indented deeper than `parent`.
    private mutating func blockNode(parent: Int) throws(GiveUp) -> Node {
        depth += 1
        defer { depth -= 1 }
        // Well inside the full parser's own limit, so that one alone decides on errors.
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        if isSequenceEntry() { return try blockSequence(at: indent, indentless: false) }
        if try keyAhead() { return try blockMapping(at: indent) }
        let node = try valueOnLine(parent: parent)
        if indent > parent { throw GiveUp() }  // a continuation line: multi-line scalar
        return node
    }

    /// A value that starts on the current line after `key: `, `- ` or at the start of a
    /// line: a block scalar, a one-line flow collection, or a one-line scalar. Leaves the
    /// cursor on the next content line.
    private mutating func valueOnLine(parent: Int) throws(GiveUp) -> Node {
        let c = p[i]
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            return try withFullScanner(.block(literal: c == UInt8(ascii: "|")), parent: parent)
        }
        let start = (offset: i, line: line, lineStart: lineStart)
        let plain = c != UInt8(ascii: "[") && c != UInt8(ascii: "{") && c != UInt8(ascii: "\"") && c != UInt8(ascii: "'")
        let node = plain ? try scalarOnLine() : c == UInt8(ascii: "[") || c == UInt8(ascii: "{") ? try flowCollection(parent: parent) : try scalarOnLine()
        try endLine()
        nextContentLine()
        if plain && indent > parent {
            // The plain scalar goes on over more lines: read it again with its folding.
            (i, line, lineStart) = start
            return try withFullScanner(.plain, parent: parent)
        }
        return node
    }

    private enum ScannedScalar {
        case block(literal: Bool), plain, quoted(double: Bool)
    }

    /// Reads one scalar at the cursor with the full scanner, so that the rules of block
    /// scalars (chomping, indentation indicators, folding), multi-line plain scalars and
    /// escapes live in one place; `parent` is the indentation of the enclosing block.
    /// Block and plain scalars leave the cursor on the next content line; a quoted one
    /// (which must fit on its line) right after its closing quote.
    private mutating func withFullScanner(_ kind: ScannedScalar, parent: Int) throws(GiveUp) -> Node {
        guard isASCIIIndent(upTo: i) else { throw GiveUp() }
        let nodeMark = mark(i)
        var scanner = Scanner(source: source, file: file, limits: limits)
        scanner.index = i
        scanner.line = line
        scanner.column = i - lineStart
        scanner.indent = parent
        let token: Token
        do {
            switch kind {
            case .block(let literal): token = try scanner.scanBlockScalar(literal: literal)
            case .plain: token = try scanner.scanPlainScalar()
            case .quoted(let double): token = try scanner.scanFlowScalar(double: double)
            }
        } catch {
            throw GiveUp()
        }
        let value = token.textIndex >= 0
            ? scanner.texts[token.textIndex]
            : strings.string(p + token.spanStart, token.spanLength)
        let node = Node(plain: .scalar(value, token.style), mark: nodeMark)
        guard scanner.index <= end else { throw GiveUp() }
        if case .quoted = kind {
            guard scanner.line == line else { throw GiveUp() }
            i = scanner.index
            return node
        }
        if scanner.index >= end {
            i = end
            indent = -1
            return node
        }
        // The scanner stops at the next token; only spaces may stand before it on its line.
        var start = scanner.index
        while start > 0 && p[start - 1] == 0x20 { start -= 1 }
        guard start == 0 || p[start - 1] == 0x0A || p[start - 1] == 0x0D else { throw GiveUp() }
        line = scanner.line
        lineStart = start
        i = start
        nextContentLine()
        return node
    }

    // MARK: Flow collections

    /// `[a, "b", {c: d}]` or `{a: b, c: [d]}`, on one line or several (KYAML style, with
    /// a trailing comma); lines inside must be indented deeper than the block around it
    /// (`parent`), the closing bracket at least as deep.
    private mutating func flowCollection(parent: Int) throws(GiveUp) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        let start = mark(i)
        let isMapping = p[i] == UInt8(ascii: "{")
        let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
        i += 1
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        try skipFlowSpace(parent: parent)
        if p[i] != close {
            while true {
                if isMapping {
                    let key = try flowItem(parent: parent)
                    while p[i] == 0x20 { i += 1 }
                    guard p[i] == UInt8(ascii: ":"), p[i + 1] == 0x20 else { throw GiveUp() }
                    i += 1
                    try skipFlowSpace(parent: parent)
                    pairs.append(Node.Pair(key: key, value: try flowItem(parent: parent)))
                } else {
                    items.append(try flowItem(parent: parent))
                }
                try skipFlowSpace(parent: parent)
                if p[i] == close { break }
                guard p[i] == UInt8(ascii: ",") else { throw GiveUp() }
                i += 1
                try skipFlowSpace(parent: parent)
                if p[i] == close { break }  // a trailing comma
            }
        }
        i += 1
        return Node(plain: isMapping ? .mapping(pairs, .flow) : .sequence(items, .flow), mark: start)
    }

    /// Spaces, and line breaks and comments between entries of a flow collection.
    private mutating func skipFlowSpace(parent: Int) throws(GiveUp) {
        var crossedLine = false
        while true {
            while p[i] == 0x20 { i += 1 }
            guard i < end else { throw GiveUp() }
            let c = p[i]
            if c == 0x09 { throw GiveUp() }
            if c == UInt8(ascii: "#") {
                guard p[i - 1] == 0x20 || i == lineStart else { throw GiveUp() }
                while i < end && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
                continue
            }
            if c == 0x0A || c == 0x0D {
                skipBreak()
                crossedLine = true
                continue
            }
            if crossedLine {
                // As the full scanner's `checkIndentation` (and go-yaml for the closing bracket).
                let column = i - lineStart
                let closing = c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                if column < parent || (column == parent && !closing) { throw GiveUp() }
            }
            return
        }
    }

    /// One entry of a flow collection: a nested collection, a quoted or a plain scalar.
    private mutating func flowItem(parent: Int) throws(GiveUp) -> Node {
        let c = p[i]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { return try flowCollection(parent: parent) }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try scalarOnLine() }
        let next = p[i + 1]
        guard Self.canStartPlain(c, next), !Self.isFlowIndicator(next) || (c != UInt8(ascii: "-") && c != UInt8(ascii: "?") && c != UInt8(ascii: ":")) else {
            throw GiveUp()
        }
        let start = i
        var k = i, last = i
        while k < end {
            let b = p[k]
            if b == 0x0A || b == 0x0D { break }
            if b == 0x09 || b == UInt8(ascii: "#") && p[k - 1] == 0x20 { throw GiveUp() }
            if Self.isFlowIndicator(b) { break }
            if b == UInt8(ascii: ":") && (Self.isBlankOrBreakOrEnd(p[k + 1]) || Self.isFlowIndicator(p[k + 1])) { break }
            if b != 0x20 { last = k + 1 }
            k += 1
        }
        guard k < end, last > start, last - start <= 1024 else { throw GiveUp() }
        let node = Node(plain: .scalar(strings.string(p + start, last - start), .plain), mark: mark(start))
        i = last
        return node
    }

    @inline(__always) private static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// `key: value` entries whose keys start at column `column`.
    private mutating func blockMapping(at column: Int) throws(GiveUp) -> Node {
        let start = mark(i)
        let base = pairStack.count
        while true {
            let key = try scalarOnLine()
            while p[i] == 0x20 { i += 1 }
            guard p[i] == UInt8(ascii: ":") else { throw GiveUp() }
            i += 1
            let afterColon = mark(i)
            let value: Node
            if try restOfLineIsEmpty() {
                nextContentLine()
                if indent > column {
                    value = try blockNode(parent: column)
                } else if indent == column && isSequenceEntry() {
                    value = try blockSequence(at: column, indentless: true)
                } else {
                    value = Node(plain: .scalar("", .plain), mark: afterColon)
                }
            } else {
                value = try valueOnLine(parent: column)
            }
            pairStack.push(Node.Pair(key: consume key, value: consume value))
            if indent < column { break }
            guard indent == column, try keyAhead() else { throw GiveUp() }
        }
        return Node(plain: .mapping(pairStack.pop(from: base), .block), mark: start)
    }

    /// `- ` entries at column `column`; `indentless` when level with a mapping's keys.
    private mutating func blockSequence(at column: Int, indentless: Bool) throws(GiveUp) -> Node {
        let start = mark(i)
        let base = itemStack.count
        depth += 1
        defer { depth -= 1 }
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        while true {
            i += 1
            let afterDash = mark(i)
            if try restOfLineIsEmpty() {
                nextContentLine()
                itemStack.push(indent > column ? try blockNode(parent: column) : Node(plain: .scalar("", .plain), mark: afterDash))
            } else {
                // Content on the dash's line: a compact sequence or mapping, or a scalar.
                let inner = i - lineStart
                guard isASCIIIndent(upTo: i) else { throw GiveUp() }
                if isSequenceEntry() {
                    indent = inner
                    itemStack.push(try blockSequence(at: inner, indentless: false))
                } else if try keyAhead() {
                    indent = inner
                    itemStack.push(try blockMapping(at: inner))
                } else {
                    itemStack.push(try valueOnLine(parent: column))
                    if indent > column { throw GiveUp() }
                }
            }
            if indent == column && isSequenceEntry() { continue }
            if indent < column || (indentless && indent == column) { break }
            throw GiveUp()
        }
        return Node(plain: .sequence(itemStack.pop(from: base), .block), mark: start)
    }

    // MARK: Scalars

    /// A plain or quoted scalar that fits on the current line (a key or a value).
    private mutating func scalarOnLine() throws(GiveUp) -> Node {
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

    /// ns-plain-first in block context: not an indicator, or `-?:` before a non-space.
    private static func canStartPlain(_ c: UInt8, _ next: UInt8) -> Bool {
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

    @inline(__always) private static func isBlankOrBreakOrEnd(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0 || b == 0x09
    }

    /// A `- ` (or a lone `-`) starts a sequence entry here.
    private func isSequenceEntry() -> Bool {
        p[i] == UInt8(ascii: "-") && (i + 1 >= end || p[i + 1] == 0x20 || p[i + 1] == 0x0A || p[i + 1] == 0x0D)
    }

    /// The current line holds `key:` followed by a space or the end of the line.
    private func keyAhead() throws(GiveUp) -> Bool {
        var k = i
        let c = p[k]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            k += 1
            while k < end && p[k] != c && p[k] != 0x0A && p[k] != 0x0D { k += 1 }
            guard k < end, p[k] == c else { return false }
            k += 1
            while p[k] == 0x20 { k += 1 }
            return p[k] == UInt8(ascii: ":") && (k + 1 >= end || Self.isBlankOrBreakOrEnd(p[k + 1]))
        }
        while k < end {
            let b = p[k]
            if b == 0x0A || b == 0x0D { return false }
            if b == 0x20 && p[k + 1] == UInt8(ascii: "#") { return false }
            if b == UInt8(ascii: ":") && (k + 1 >= end || Self.isBlankOrBreakOrEnd(p[k + 1])) { return true }
            k += 1
        }
        return false
    }

    /// After an indicator: true (and the line consumed) when only blanks or a comment follow.
    private mutating func restOfLineIsEmpty() throws(GiveUp) -> Bool {
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
    private mutating func endLine() throws(GiveUp) {
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

    @inline(__always) private mutating func skipBreak() {
        i += p[i] == 0x0D && p[i + 1] == 0x0A ? 2 : 1
        line += 1
        lineStart = i
    }

    /// Moves to the first non-space character of the next line with content, setting
    /// `indent`; -1 at the end of the document. A tab or a stray character gives up later.
    private mutating func nextContentLine() {
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

    private func isASCIIIndent(upTo k: Int) -> Bool {
        var j = lineStart
        while j < k { if p[j] >= 0x80 { return false }; j += 1 }
        return true
    }

    // MARK: Marks

    /// The mark of offset `k` on the current line (columns count Unicode scalars).
    private func mark(_ k: Int) -> Mark {
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
        return Mark(file: file, line: line + 1, column: column + 1, offset: k + source.baseOffset)
    }

    /// Where the full parser puts the empty root of an empty document: the next `---`, or
    /// the end of the stream (on a new line if the last one had no line break).
    private func endMark() -> Mark {
        if end < source.count || i == lineStart {
            return Mark(file: file, line: line + 1, column: 1, offset: end + source.baseOffset)
        }
        return Mark(file: file, line: line + 2, column: 1, offset: end + source.baseOffset)
    }
}
