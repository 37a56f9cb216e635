/// Streams and documents (YAML 1.2 §9): directives, `---`, `...`, bare documents.
extension Parser {
    mutating func parseStreamStart() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.next()
        guard case .streamStart = token.kind else { throw error(.expectedDocumentStart, token) }
        state = .implicitDocumentStart
        return event(.streamStart, token.start, token.end)
    }

    /// l-yaml-stream: a bare document may start without `---`; after it, only `---`,
    /// `...` or the end of the stream. Directives need `---` after them.
    mutating func parseDocumentStart(implicit: Bool) throws(YAMLError) -> ParsedEvent {
        var token = try scanner.peek()
        do {
            while case .documentEnd = token.kind {
                scanner.advance()
                directivesAllowed = true
                token = try scanner.peek()
            }
        }
        switch token.kind {
        case .streamEnd:
            scanner.advance()
            state = .end
            return event(.streamEnd, token.start, token.end)
        case .versionDirective, .tagDirective, .reservedDirective, .documentStart:
            try processDirectives()
            let start = try scanner.peek()
            guard case .documentStart = start.kind else { throw error(.expectedDocumentStart, start) }
            scanner.advance()
            try countDocument(start)
            states.append(.documentEnd)
            state = .documentContent
            return event(.documentStart, start.start, start.end, flag: true)
        default:
            guard implicit || directivesAllowed else { throw error(.expectedDocumentStart, token) }
            tagHandles = Parser.defaultTagHandles
            try countDocument(token)
            states.append(.documentEnd)
            state = .blockNode
            return event(.documentStart, token.start, token.start)
        }
    }

    private mutating func countDocument(_ token: Token) throws(YAMLError) {
        documents += 1
        if documents > limits.maxDocuments { throw error(.tooManyDocuments(limit: limits.maxDocuments), token) }
    }

    /// %YAML and %TAG directives before a document (§6.8).
    private mutating func processDirectives() throws(YAMLError) {
        tagHandles = Parser.defaultTagHandles
        var sawVersion = false
        var declared: Set<String> = []
        while true {
            let token = try scanner.peek()
            switch token.kind {
            case .versionDirective:
                let major = token.spanStart
                guard directivesAllowed else { throw error(.expectedDocumentStart, token) }
                guard !sawVersion else { throw error(.duplicateDirective, token) }
                guard major == 1 else { throw error(.invalidDirective, token) }
                sawVersion = true
            case .tagDirective:
                let handle = scanner.texts[token.textIndex], prefix = scanner.texts[token.textIndex + 1]
                guard directivesAllowed else { throw error(.expectedDocumentStart, token) }
                guard declared.insert(handle).inserted else { throw error(.duplicateDirective, token) }
                tagHandles[handle] = prefix
            case .reservedDirective:
                guard directivesAllowed else { throw error(.expectedDocumentStart, token) }
            default:
                return
            }
            scanner.advance()
        }
    }

    mutating func parseDocumentContent() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.peek()
        switch token.kind {
        case .versionDirective, .tagDirective, .reservedDirective, .documentStart, .documentEnd, .streamEnd:
            pop()
            return emptyScalar(token.start)
        default:
            return try parseNode(block: true, indentlessSequence: false)
        }
    }

    mutating func parseDocumentEnd() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.peek()
        var explicit = false
        var end = token.start
        if case .documentEnd = token.kind {
            scanner.advance()
            explicit = true
            end = token.end
        }
        directivesAllowed = explicit
        if !explicit {
            // After a document that did not end with `...`, only `---` or the end may follow.
            switch token.kind {
            case .documentStart, .streamEnd: break
            case .versionDirective, .tagDirective, .reservedDirective: break
            default: throw error(.expectedDocumentStart, token)
            }
        }
        state = .documentStart
        return event(.documentEnd, token.start, end, flag: explicit)
    }
}
