/// Builds node trees from the parser's events: one `Document` per document, aliases
/// replaced by (copy-on-write copies of) their anchored nodes, every node with its mark.
///
/// Children are gathered on two scratch stacks shared by the whole tree, and each
/// collection gets an array of exactly its size when it closes: one allocation per
/// collection instead of one per growth step.
struct Composer {
    private var parser: Parser
    private var anchors: [String: Node] = [:]
    private let itemStack = ScratchStack<Node>()
    private let pairStack = ScratchStack<Node.Pair>()
    private let file: String
    private let fileName: FileName
    private let baseOffset: Int

    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {
        self.init(source: try SourceBuffer(bytes: bytes, file: file, limits: limits), file: file, limits: limits)
    }

    init(source: SourceBuffer, file: String, limits: YAMLLimits) {
        parser = Parser(source: source, file: file, limits: limits)
        self.file = file
        self.fileName = FileName(file)
        baseOffset = source.baseOffset
    }

    @inline(__always) private func mark(_ pos: Position) -> Mark {
        Mark(file: fileName, line: pos.line + 1, column: pos.column + 1, offset: pos.offset + baseOffset)
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
        // Read the event's text and properties now: they live until the next `parser.next()`.
        let props = event.hasProperties ? parser.properties(of: event) : NodeProperties()
        switch event.kind {
        case .scalar:
            let value = parser.text(of: event)
            if !event.hasProperties { return Node(plain: .scalar(value, event.style), mark: mark(event.start)) }
            return remember(Node(.scalar(value, event.style), tag: props.tag, anchor: props.anchor, mark: mark(event.start)), props.anchor)
        case .alias:
            let name = parser.text(of: event)
            guard var n = anchors[name] else {
                throw YAMLError(.undefinedAlias(name), at: mark(event.start), stage: .composer)
            }
            n.aliasMark = mark(event.start)
            return n
        case .sequenceStart:
            let base = itemStack.count
            while let e = try parser.next(), e.kind != .sequenceEnd {
                itemStack.push(try node(e))
            }
            let items = itemStack.pop(from: base)
            if !event.hasProperties { return Node(plain: .sequence(items, event.flag ? .flow : .block), mark: mark(event.start)) }
            return remember(Node(.sequence(items, event.flag ? .flow : .block), tag: props.tag, anchor: props.anchor, mark: mark(event.start)), props.anchor)
        case .mappingStart:
            let base = pairStack.count
            while let e = try parser.next(), e.kind != .mappingEnd {
                let key = try node(e)
                guard let v = try parser.next() else { throw YAMLError(.unexpectedEndOfStream, at: mark(e.end), stage: .composer) }
                pairStack.push(Node.Pair(key: key, value: try node(v)))
            }
            let pairs = pairStack.pop(from: base)
            if !event.hasProperties { return Node(plain: .mapping(pairs, event.flag ? .flow : .block), mark: mark(event.start)) }
            return remember(Node(.mapping(pairs, event.flag ? .flow : .block), tag: props.tag, anchor: props.anchor, mark: mark(event.start)), props.anchor)
        default:
            throw YAMLError(.expectedNodeContent, at: mark(event.start), stage: .composer)
        }
    }

    /// Records an anchored node for later aliases; hands the node back unchanged.
    @inline(__always)
    private mutating func remember(_ node: consuming Node, _ anchor: String?) -> Node {
        if let anchor { anchors[anchor] = copy node }
        return node
    }
}
