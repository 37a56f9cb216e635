/// Builds node trees from the event stream: one `Document` per document, aliases
/// replaced by (copy-on-write copies of) their anchored nodes.
struct Composer {
    private var parser: Parser
    private var anchors: [String: Node] = [:]
    private let limits: YAMLLimits

    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {
        parser = try Parser(bytes: bytes, file: file, limits: limits)
        self.limits = limits
    }

    mutating func documents() throws(YAMLError) -> [Document] {
        var docs: [Document] = []
        while let event = try parser.next() {
            switch event.kind {
            case .documentStart(let explicit):
                anchors.removeAll(keepingCapacity: true)
                guard let first = try parser.next() else { throw YAMLError(.unexpectedEndOfStream, at: event.end, stage: .composer) }
                let root = try node(first)
                guard let end = try parser.next(), case .documentEnd(let explicitEnd) = end.kind else {
                    throw YAMLError(.unexpectedEndOfStream, at: event.end, stage: .composer)
                }
                docs.append(Document(root: root, explicitStart: explicit, explicitEnd: explicitEnd, mark: event.start))
            default:
                continue
            }
        }
        return docs
    }

    private mutating func node(_ event: Event) throws(YAMLError) -> Node {
        switch event.kind {
        case .scalar(let value, let style, let props):
            let n = Node(.scalar(value, style), tag: props.tag, anchor: props.anchor, mark: event.start)
            if let a = props.anchor { anchors[a] = n }
            return n
        case .alias(let name):
            guard var n = anchors[name] else { throw YAMLError(.undefinedAlias(name), at: event.start, stage: .composer) }
            n.aliasMark = event.start
            return n
        case .sequenceStart(let style, let props):
            var items: [Node] = []
            while let e = try parser.next() {
                if case .sequenceEnd = e.kind { break }
                items.append(try node(e))
            }
            let n = Node(.sequence(items, style), tag: props.tag, anchor: props.anchor, mark: event.start)
            if let a = props.anchor { anchors[a] = n }
            return n
        case .mappingStart(let style, let props):
            var pairs: [Node.Pair] = []
            while let e = try parser.next() {
                if case .mappingEnd = e.kind { break }
                let key = try node(e)
                guard let v = try parser.next() else { throw YAMLError(.unexpectedEndOfStream, at: e.end, stage: .composer) }
                pairs.append(Node.Pair(key: key, value: try node(v)))
            }
            let n = Node(.mapping(pairs, style), tag: props.tag, anchor: props.anchor, mark: event.start)
            if let a = props.anchor { anchors[a] = n }
            return n
        default:
            throw YAMLError(.expectedNodeContent, at: event.start, stage: .composer)
        }
    }
}
