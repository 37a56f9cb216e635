/// Builds node trees from the parser's events: one `Document` per document, aliases
/// replaced by (copy-on-write copies of) their anchored nodes, every node with its mark.
struct Composer {
    private var parser: Parser
    private var anchors: [String: Node] = [:]
    private let file: String
    private let skipped: Int

    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {
        parser = try Parser(bytes: bytes, file: file, limits: limits)
        self.file = file
        skipped = parser.scanner.source.skipped
    }

    @inline(__always) private func mark(_ pos: Position) -> Mark {
        Mark(file: file, line: pos.line + 1, column: pos.column + 1, offset: pos.offset + skipped)
    }

    mutating func documents() throws(YAMLError) -> [Document] {
        var docs: [Document] = []
        while let event = try parser.next() {
            guard event.kind == .documentStart else { continue }
            anchors.removeAll(keepingCapacity: true)
            guard let first = try parser.next() else { throw YAMLError(.unexpectedEndOfStream, at: mark(event.end), stage: .composer) }
            let root = try node(first)
            guard let end = try parser.next(), end.kind == .documentEnd else {
                throw YAMLError(.unexpectedEndOfStream, at: mark(event.end), stage: .composer)
            }
            docs.append(Document(root: root, explicitStart: event.flag, explicitEnd: end.flag, mark: mark(event.start)))
        }
        return docs
    }

    private mutating func node(_ event: ParsedEvent) throws(YAMLError) -> Node {
        let result: Node
        switch event.kind {
        case .scalar:
            result = Node(.scalar(event.value, event.style), tag: event.tag, anchor: event.anchor, mark: mark(event.start))
        case .alias:
            guard var n = anchors[event.value] else {
                throw YAMLError(.undefinedAlias(event.value), at: mark(event.start), stage: .composer)
            }
            n.aliasMark = mark(event.start)
            return n
        case .sequenceStart:
            var items: [Node] = []
            while let e = try parser.next(), e.kind != .sequenceEnd {
                items.append(try node(e))
            }
            result = Node(.sequence(items, event.flag ? .flow : .block), tag: event.tag, anchor: event.anchor, mark: mark(event.start))
        case .mappingStart:
            var pairs: [Node.Pair] = []
            while let e = try parser.next(), e.kind != .mappingEnd {
                let key = try node(e)
                guard let v = try parser.next() else { throw YAMLError(.unexpectedEndOfStream, at: mark(e.end), stage: .composer) }
                pairs.append(Node.Pair(key: key, value: try node(v)))
            }
            result = Node(.mapping(pairs, event.flag ? .flow : .block), tag: event.tag, anchor: event.anchor, mark: mark(event.start))
        default:
            throw YAMLError(.expectedNodeContent, at: mark(event.start), stage: .composer)
        }
        if let a = event.anchor { anchors[a] = result }
        return result
    }
}
