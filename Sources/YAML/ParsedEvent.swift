/// The parser's own event: plain data (no references) with positions inside the buffer
/// and no file name, so handing it from parser to composer costs no reference counting.
/// Its text (scalar value, alias name) uses the token's scheme: a source span, or
/// `Scanner.texts[textIndex]`; anchor and tag, when `hasProperties`, are in
/// `Parser.lastProperties`. Both stay valid only until the next call to `Parser.next()`,
/// so a consumer reads them at once (`Parser.text(of:)`, `Parser.properties(of:)`).
struct ParsedEvent {
    enum Kind: UInt8 {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    var start: Position
    var end: Position
    var style: ScalarStyle = .plain
    /// Flow style for collections; explicit `---` / `...` for documents.
    var flag = false
    var hasProperties = false
    var spanStart: Int32 = 0
    var spanLength: Int32 = 0
    var textIndex: Int32 = -1

    init(_ kind: Kind, _ start: Position, _ end: Position) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

extension Parser {
    /// The scalar value or alias name of `event` (read it before the next `next()`).
    mutating func text(of event: ParsedEvent) -> String {
        if event.textIndex >= 0 { return scanner.texts[Int(event.textIndex)] }
        if event.spanLength == 0 { return "" }
        return strings.string(scanner.p + Int(event.spanStart), Int(event.spanLength))
    }

    func properties(of event: ParsedEvent) -> NodeProperties {
        event.hasProperties ? lastProperties : NodeProperties()
    }

    /// The public event, with marks and strings.
    mutating func publicEvent(_ e: ParsedEvent) -> Event {
        let kind: EventKind
        switch e.kind {
        case .streamStart: kind = .streamStart
        case .streamEnd: kind = .streamEnd
        case .documentStart: kind = .documentStart(explicit: e.flag)
        case .documentEnd: kind = .documentEnd(explicit: e.flag)
        case .alias: kind = .alias(text(of: e))
        case .scalar: kind = .scalar(text(of: e), e.style, properties(of: e))
        case .sequenceStart: kind = .sequenceStart(e.flag ? .flow : .block, properties(of: e))
        case .sequenceEnd: kind = .sequenceEnd
        case .mappingStart: kind = .mappingStart(e.flag ? .flow : .block, properties(of: e))
        case .mappingEnd: kind = .mappingEnd
        }
        return Event(kind, start: scanner.mark(e.start), end: scanner.mark(e.end))
    }
}
