/// The parser's own event: plain data with positions inside the buffer, no file name.
/// The composer builds nodes straight from it; `YAML.events` turns it into the public
/// `Event` (with marks) only when asked for the event stream.
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
    /// The scalar's value or the alias's name.
    var value: String = ""
    var anchor: String? = nil
    var tag: String? = nil

    init(_ kind: Kind, _ start: Position, _ end: Position) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    var properties: NodeProperties { NodeProperties(anchor: anchor, tag: tag) }

    func publicKind() -> EventKind {
        switch kind {
        case .streamStart: return .streamStart
        case .streamEnd: return .streamEnd
        case .documentStart: return .documentStart(explicit: flag)
        case .documentEnd: return .documentEnd(explicit: flag)
        case .alias: return .alias(value)
        case .scalar: return .scalar(value, style, properties)
        case .sequenceStart: return .sequenceStart(flag ? .flow : .block, properties)
        case .sequenceEnd: return .sequenceEnd
        case .mappingStart: return .mappingStart(flag ? .flow : .block, properties)
        case .mappingEnd: return .mappingEnd
        }
    }
}
