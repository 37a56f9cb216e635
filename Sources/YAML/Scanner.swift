/// The scanner: turns the byte buffer into tokens (YAML 1.2 chapters 6–9).
///
/// It follows libyaml's design (`scanner.c`): a token queue, a stack of block
/// indentation levels that emits BLOCK-MAPPING-START / BLOCK-SEQUENCE-START / BLOCK-END,
/// and "simple keys": when a token that could start an implicit key is scanned, its
/// place in the queue is remembered, and if a `:` follows on the same line a KEY token
/// is inserted there. On top of libyaml it enforces the YAML 1.2 rules libyaml lets
/// through (see `Scanner+Rules.swift`), so the official test suite's error cases fail.
///
/// Works on the raw bytes (`UnsafeMutablePointer<UInt8>`, zero-terminated), never on
/// `String` slices, and keeps line and column as it goes.
struct Scanner {
    let source: SourceBuffer
    let p: UnsafeMutablePointer<UInt8>
    let file: String
    let fileName: FileName
    let limits: YAMLLimits

    var index = 0
    var line = 0
    var column = 0

    var tokens = TokenQueue()
    /// Texts of tokens that had to be built (see `Token`).
    var texts: [String] = []
    var tokensParsed = 0
    var streamStartProduced = false
    var streamEndProduced = false
    var streamEndFetched = false

    var indent = -1
    var indents: [Int] = []
    var simpleKeyAllowed = false
    var simpleKeys: [SimpleKey] = []
    /// How many entries of `simpleKeys` are possible (to skip the scan when none is).
    var possibleKeys = 0
    var flowLevel = 0
    /// For each open flow collection, whether it is a mapping: keys in flow mappings may
    /// span lines (YAML 1.2 §7.4.1, ns-flow-map-implicit-entry), in sequences they may not.
    var flowIsMapping: [Bool] = []
    /// The last token was a JSON-like node (quoted scalar, flow collection end): in flow
    /// context a `:` after it is a value indicator even without a space (`{"a":1}`).
    var lastTokenJSONLike = false
    var afterJSONLike = false
    /// Line where the last `---` was seen: a block collection may not start on it.
    var documentStartLine = -1
    /// The token being fetched is the first on its line.
    var firstOnLine = true
    /// Spaces before the first tab or non-space of the current line.
    var leadingSpaces = 0
    /// A multi-line scalar continues on a new line (plain and quoted scalars).
    var firstOnLineInScalar = false
    var leadingSpacesInScalar = 0
    /// The current line's indentation contains a tab before content.
    var tabIndented = false

    init(source: SourceBuffer, file: String, limits: YAMLLimits) {
        self.source = source
        self.p = source.base
        self.line = source.firstLine
        self.file = file
        self.fileName = FileName(file)
        self.limits = limits
    }

    // MARK: Characters

    @inline(__always) func at(_ k: Int = 0) -> UInt8 { p[index + k] }
    @inline(__always) var atEnd: Bool { index >= source.count }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) static func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    @inline(__always) static func isBreakZ(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0 }
    @inline(__always) static func isBlankZ(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0 }
    @inline(__always) static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    var position: Position { Position(offset: index, line: line, column: column) }

    func mark(_ pos: Position) -> Mark {
        Mark(file: fileName, line: pos.line + 1, column: pos.column + 1, offset: pos.offset + source.baseOffset)
    }

    func error(_ kind: YAMLError.Kind, at pos: Position? = nil, context: Position? = nil) -> YAMLError {
        YAMLError(kind, at: mark(pos ?? position), stage: .scanner, contextMark: context.map(mark))
    }

    /// Moves past one character (all its UTF-8 bytes) on the current line.
    @inline(__always) mutating func skip() {
        let b = p[index]
        if b < 0x80 { index += 1 }
        else if b & 0xE0 == 0xC0 { index += 2 }
        else if b & 0xF0 == 0xE0 { index += 3 }
        else { index += 4 }
        column += 1
    }

    /// Moves past a line break (LF, CR or CRLF).
    @inline(__always) mutating func skipBreak() {
        if p[index] == 0x0D && p[index + 1] == 0x0A { index += 2 }
        else { index += 1 }
        line += 1
        column = 0
    }

    /// Appends the current character's bytes to `out` and moves past it.
    @inline(__always) mutating func copy(into out: inout [UInt8]) {
        let b = p[index]
        if b < 0x80 { out.append(b); index += 1; column += 1; return }
        let start = index
        skip()
        out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: index - start))
    }

    /// Reads a line break, appends "\n" to `out`, moves past it.
    @inline(__always) mutating func readBreak(into out: inout [UInt8]) {
        out.append(0x0A)
        skipBreak()
    }

    func isDocumentIndicator() -> Bool {
        guard column == 0 else { return false }
        let a = at(0), b = at(1), c = at(2)
        return ((a == UInt8(ascii: "-") && b == a && c == a) || (a == UInt8(ascii: ".") && b == a && c == a)) && Scanner.isBlankZ(at(3))
    }

    // MARK: Queue

    /// The next token, scanning more input as needed.
    @inline(__always)
    mutating func peek() throws(YAMLError) -> Token {
        // Fast path: a queued token that no pending simple key may still precede.
        if !tokens.isEmpty && possibleKeys == 0 { return tokens.first }
        try fetchMoreTokens()
        guard !tokens.isEmpty else { throw error(.unexpectedEndOfStream) }
        return tokens.first
    }

    /// Consumes the token the last `peek()` returned.
    @inline(__always)
    mutating func advance() {
        if tokens.first.kind == .streamEnd { streamEndProduced = true }
        tokens.removeFirst()
        tokensParsed += 1
    }

    mutating func next() throws(YAMLError) -> Token {
        let token = try peek()
        advance()
        return token
    }

    /// Stores a built text; returns its index for `Token.textIndex`.
    mutating func store(_ text: String) -> Int {
        texts.append(text)
        return texts.count - 1
    }

    mutating func fetchMoreTokens() throws(YAMLError) {
        if tokens.isEmpty && !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
        while true {
            var needMore = tokens.isEmpty
            if !needMore && possibleKeys > 0 {
                try staleSimpleKeys()
                for i in simpleKeys.indices where simpleKeys[i].possible && simpleKeys[i].tokenNumber == tokensParsed {
                    needMore = true
                    break
                }
            }
            if !needMore || streamEndFetched { return }
            try fetchNextToken()
        }
    }

    @inline(__always) mutating func append(_ kind: TokenKind, from start: Position) {
        tokens.append(Token(kind: kind, start: start, end: position))
    }
}
