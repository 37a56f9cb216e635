/// The parser: turns tokens into events (YAML 1.2 chapter 9 and the productions of
/// chapters 7–8), one event per call to `next()`.
///
/// A pushdown state machine in libyaml's shape (`parser.c`): `state` says what the
/// grammar expects next, `states` is the stack of where to return after a node. Each
/// `parse…` function names the production it implements.
struct Parser {
    enum State {
        case streamStart, implicitDocumentStart, documentStart, documentContent, documentEnd
        case blockNode, blockSequenceFirstEntry, blockSequenceEntry, indentlessSequenceEntry
        case blockMappingFirstKey, blockMappingKey, blockMappingValue
        case flowSequenceFirstEntry, flowSequenceEntry
        case flowSequenceEntryMappingKey, flowSequenceEntryMappingValue, flowSequenceEntryMappingEnd
        case flowMappingFirstKey, flowMappingKey, flowMappingValue, flowMappingEmptyValue
        case end
    }

    var scanner: Scanner
    var state: State = .streamStart
    var states: [State] = []
    var tagHandles: [String: String] = Parser.defaultTagHandles
    let limits: YAMLLimits
    var documents = 0
    /// Anchor and tag of the last event that had any (see `ParsedEvent`).
    var lastProperties = NodeProperties()
    /// Recently seen short scalars (keys repeat a lot).
    var strings = StringCache()
    /// The previous document ended with `...` (or none came yet), so directives may follow.
    var directivesAllowed = true

    static let defaultTagHandles = ["!": "!", "!!": "tag:yaml.org,2002:"]

    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {
        self.init(source: try SourceBuffer(bytes: bytes, file: file, limits: limits), file: file, limits: limits)
    }

    init(source: SourceBuffer, file: String, limits: YAMLLimits) {
        scanner = Scanner(source: source, file: file, limits: limits)
        self.limits = limits
        states.reserveCapacity(32)
    }

    /// The next event with its marks, or nil after STREAM-END.
    mutating func nextEvent() throws(YAMLError) -> Event? {
        guard let e = try next() else { return nil }
        return publicEvent(e)
    }

    /// The next event, or nil after STREAM-END.
    mutating func next() throws(YAMLError) -> ParsedEvent? {
        switch state {
        case .streamStart: return try parseStreamStart()
        case .implicitDocumentStart: return try parseDocumentStart(implicit: true)
        case .documentStart: return try parseDocumentStart(implicit: false)
        case .documentContent: return try parseDocumentContent()
        case .documentEnd: return try parseDocumentEnd()
        case .blockNode: return try parseNode(block: true, indentlessSequence: false)
        case .blockSequenceFirstEntry: return try parseBlockSequenceEntry(first: true)
        case .blockSequenceEntry: return try parseBlockSequenceEntry(first: false)
        case .indentlessSequenceEntry: return try parseIndentlessSequenceEntry()
        case .blockMappingFirstKey: return try parseBlockMappingKey(first: true)
        case .blockMappingKey: return try parseBlockMappingKey(first: false)
        case .blockMappingValue: return try parseBlockMappingValue()
        case .flowSequenceFirstEntry: return try parseFlowSequenceEntry(first: true)
        case .flowSequenceEntry: return try parseFlowSequenceEntry(first: false)
        case .flowSequenceEntryMappingKey: return try parseFlowSequenceEntryMappingKey()
        case .flowSequenceEntryMappingValue: return try parseFlowSequenceEntryMappingValue()
        case .flowSequenceEntryMappingEnd:
            state = .flowSequenceEntry
            let pos = try scanner.peek().start
            return event(.mappingEnd, pos, pos)
        case .flowMappingFirstKey: return try parseFlowMappingKey(first: true)
        case .flowMappingKey: return try parseFlowMappingKey(first: false)
        case .flowMappingValue: return try parseFlowMappingValue(empty: false)
        case .flowMappingEmptyValue: return try parseFlowMappingValue(empty: true)
        case .end: return nil
        }
    }

    // MARK: Helpers

    func event(_ kind: ParsedEvent.Kind, _ start: Position, _ end: Position, flag: Bool = false) -> ParsedEvent {
        var e = ParsedEvent(kind, start, end)
        e.flag = flag
        return e
    }

    /// The text of an anchor token.
    func text(_ token: Token) -> String {
        if token.textIndex >= 0 { return scanner.texts[token.textIndex] }
        return String(decoding: UnsafeBufferPointer(start: scanner.p + token.spanStart, count: token.spanLength), as: UTF8.self)
    }

    /// An event carrying the text of a scalar or alias token.
    func event(_ kind: ParsedEvent.Kind, carrying token: Token, from start: Position) -> ParsedEvent {
        var e = ParsedEvent(kind, start, token.end)
        e.style = token.style
        e.spanStart = Int32(truncatingIfNeeded: token.spanStart)
        e.spanLength = Int32(truncatingIfNeeded: token.spanLength)
        e.textIndex = Int32(truncatingIfNeeded: token.textIndex)
        return e
    }

    func error(_ kind: YAMLError.Kind, _ token: Token, context: Position? = nil) -> YAMLError {
        YAMLError(kind, at: scanner.mark(token.start), stage: .parser, contextMark: context.map(scanner.mark))
    }

    func emptyScalar(_ pos: Position) -> ParsedEvent {
        ParsedEvent(.scalar, pos, pos)
    }

    mutating func push(_ next: State, at token: Token) throws(YAMLError) {
        if states.count >= limits.maxDepth * 2 {
            throw error(.depthExceeded(limit: limits.maxDepth), token)
        }
        states.append(next)
    }

    mutating func pop() {
        state = states.removeLast()
    }
}
