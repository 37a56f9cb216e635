/// Nodes and collections: properties, block and flow sequences and mappings
/// (YAML 1.2 §§6.9, 7.4, 7.5, 8.2).
extension Parser {
    /// s-l+block-node / ns-flow-node: an alias, or properties followed by content.
    mutating func parseNode(block: Bool, indentlessSequence: Bool) throws(YAMLError) -> ParsedEvent {
        var token = try scanner.peek()
        if token.kind == .scalar {
            // The common case, a scalar without properties.
            pop()
            scanner.advance()
            return event(.scalar, carrying: token, from: token.start)
        }
        if token.kind == .alias {
            pop()
            scanner.advance()
            return event(.alias, carrying: token, from: token.start)
        }
        let start = token.start
        var end = token.start
        var anchor: String?
        var tagToken: Token?
        var tagText: (handle: String, suffix: String) = ("", "")
        for _ in 0..<2 {
            if token.kind == .anchor, anchor == nil {
                anchor = text(token)
                end = token.end
                scanner.advance()
                token = try scanner.peek()
            } else if token.kind == .tag, tagToken == nil {
                tagToken = token
                tagText = (scanner.texts[token.textIndex], scanner.texts[token.textIndex + 1])
                end = token.end
                scanner.advance()
                token = try scanner.peek()
            }
        }
        var props = NodeProperties(anchor: anchor)
        if let tagToken {
            let (handle, suffix) = tagText
            if handle.isEmpty {
                props.tag = suffix
            } else if let prefix = tagHandles[handle] {
                props.tag = prefix + suffix
            } else {
                throw error(.undefinedTagHandle(handle), tagToken)
            }
        }
        if indentlessSequence, case .blockEntry = token.kind {
            state = .indentlessSequenceEntry
            return withProperties(event(.sequenceStart, start, token.end), props)
        }
        switch token.kind {
        case .scalar:
            pop()
            scanner.advance()
            return withProperties(event(.scalar, carrying: token, from: props.isEmpty ? token.start : start), props)
        case .flowSequenceStart:
            state = .flowSequenceFirstEntry
            return withProperties(event(.sequenceStart, start, token.end, flag: true), props)
        case .flowMappingStart:
            state = .flowMappingFirstKey
            return withProperties(event(.mappingStart, start, token.end, flag: true), props)
        case .blockSequenceStart where block:
            state = .blockSequenceFirstEntry
            return withProperties(event(.sequenceStart, start, token.end), props)
        case .blockMappingStart where block:
            state = .blockMappingFirstKey
            return withProperties(event(.mappingStart, start, token.end), props)
        default:
            if !props.isEmpty {
                pop()
                return withProperties(event(.scalar, start, end), props)
            }
            throw error(.expectedNodeContent, token, context: start)
        }
    }

    private mutating func withProperties(_ e: ParsedEvent, _ props: NodeProperties) -> ParsedEvent {
        guard !props.isEmpty else { return e }
        var e = e
        e.hasProperties = true
        lastProperties = props
        return e
    }

    // MARK: Block collections

    /// l+block-sequence: `- ` entries at one indentation.
    mutating func parseBlockSequenceEntry(first: Bool) throws(YAMLError) -> ParsedEvent {
        if first { scanner.advance() }
        let token = try scanner.peek()
        switch token.kind {
        case .blockEntry:
            scanner.advance()
            let next = try scanner.peek()
            switch next.kind {
            case .blockEntry, .blockEnd:
                state = .blockSequenceEntry
                return emptyScalar(token.end)
            default:
                try push(.blockSequenceEntry, at: next)
                return try parseNode(block: true, indentlessSequence: false)
            }
        case .blockEnd:
            pop()
            scanner.advance()
            return event(.sequenceEnd, token.start, token.end)
        default:
            throw error(.expectedSequenceEntry, token)
        }
    }

    /// A sequence as a mapping value at the key's own indentation (`key:\n- a`).
    mutating func parseIndentlessSequenceEntry() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.peek()
        guard case .blockEntry = token.kind else {
            pop()
            return event(.sequenceEnd, token.start, token.start)
        }
        scanner.advance()
        let next = try scanner.peek()
        switch next.kind {
        case .blockEntry, .key, .value, .blockEnd:
            state = .indentlessSequenceEntry
            return emptyScalar(token.end)
        default:
            try push(.indentlessSequenceEntry, at: next)
            return try parseNode(block: true, indentlessSequence: false)
        }
    }

    /// l+block-mapping: implicit (`key: value`) and explicit (`? key`) entries.
    mutating func parseBlockMappingKey(first: Bool) throws(YAMLError) -> ParsedEvent {
        if first { scanner.advance() }
        let token = try scanner.peek()
        switch token.kind {
        case .key:
            scanner.advance()
            let next = try scanner.peek()
            switch next.kind {
            case .key, .value, .blockEnd:
                state = .blockMappingValue
                return emptyScalar(token.end)
            default:
                try push(.blockMappingValue, at: next)
                return try parseNode(block: true, indentlessSequence: true)
            }
        case .value:
            state = .blockMappingValue
            return emptyScalar(token.start)
        case .blockEnd:
            pop()
            scanner.advance()
            return event(.mappingEnd, token.start, token.end)
        default:
            throw error(.expectedKey, token)
        }
    }

    mutating func parseBlockMappingValue() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.peek()
        guard case .value = token.kind else {
            state = .blockMappingKey
            return emptyScalar(token.start)
        }
        scanner.advance()
        let next = try scanner.peek()
        switch next.kind {
        case .key, .value, .blockEnd:
            state = .blockMappingKey
            return emptyScalar(token.end)
        default:
            try push(.blockMappingKey, at: next)
            return try parseNode(block: true, indentlessSequence: true)
        }
    }

    // MARK: Flow collections

    /// c-flow-sequence: `[ a, b, k: v ]`; a `k: v` entry is a single-pair mapping.
    mutating func parseFlowSequenceEntry(first: Bool) throws(YAMLError) -> ParsedEvent {
        if first { scanner.advance() }
        var token = try scanner.peek()
        if case .flowSequenceEnd = token.kind {
            pop()
            scanner.advance()
            return event(.sequenceEnd, token.start, token.end)
        }
        if !first {
            guard case .flowEntry = token.kind else { throw error(.expectedFlowSequenceEnd, token) }
            scanner.advance()
            token = try scanner.peek()
        }
        switch token.kind {
        case .flowSequenceEnd:
            pop()
            scanner.advance()
            return event(.sequenceEnd, token.start, token.end)
        case .key:
            scanner.advance()
            state = .flowSequenceEntryMappingKey
            return event(.mappingStart, token.start, token.end, flag: true)
        case .value:
            state = .flowSequenceEntryMappingKey
            return event(.mappingStart, token.start, token.start, flag: true)
        case .flowEntry:
            throw error(.expectedNodeContent, token)
        default:
            try push(.flowSequenceEntry, at: token)
            return try parseNode(block: false, indentlessSequence: false)
        }
    }

    mutating func parseFlowSequenceEntryMappingKey() throws(YAMLError) -> ParsedEvent {
        let token = try scanner.peek()
        switch token.kind {
        case .value, .flowEntry, .flowSequenceEnd:
            state = .flowSequenceEntryMappingValue
            return emptyScalar(token.start)
        default:
            try push(.flowSequenceEntryMappingValue, at: token)
            return try parseNode(block: false, indentlessSequence: false)
        }
    }

    mutating func parseFlowSequenceEntryMappingValue() throws(YAMLError) -> ParsedEvent {
        var token = try scanner.peek()
        if case .value = token.kind {
            scanner.advance()
            token = try scanner.peek()
            switch token.kind {
            case .flowEntry, .flowSequenceEnd: break
            default:
                try push(.flowSequenceEntryMappingEnd, at: token)
                return try parseNode(block: false, indentlessSequence: false)
            }
        }
        state = .flowSequenceEntryMappingEnd
        return emptyScalar(token.start)
    }

    /// c-flow-mapping: `{ a: 1, b, : c }`.
    mutating func parseFlowMappingKey(first: Bool) throws(YAMLError) -> ParsedEvent {
        if first { scanner.advance() }
        var token = try scanner.peek()
        if case .flowMappingEnd = token.kind {
            pop()
            scanner.advance()
            return event(.mappingEnd, token.start, token.end)
        }
        if !first {
            guard case .flowEntry = token.kind else { throw error(.expectedFlowMappingEnd, token) }
            scanner.advance()
            token = try scanner.peek()
        }
        switch token.kind {
        case .flowMappingEnd:
            pop()
            scanner.advance()
            return event(.mappingEnd, token.start, token.end)
        case .key:
            scanner.advance()
            let next = try scanner.peek()
            switch next.kind {
            case .value, .flowEntry, .flowMappingEnd:
                state = .flowMappingValue
                return emptyScalar(next.start)
            default:
                try push(.flowMappingValue, at: next)
                return try parseNode(block: false, indentlessSequence: false)
            }
        case .value:
            state = .flowMappingValue
            return emptyScalar(token.start)
        case .flowEntry:
            throw error(.expectedNodeContent, token)
        default:
            try push(.flowMappingEmptyValue, at: token)
            return try parseNode(block: false, indentlessSequence: false)
        }
    }

    mutating func parseFlowMappingValue(empty: Bool) throws(YAMLError) -> ParsedEvent {
        var token = try scanner.peek()
        if empty {
            state = .flowMappingKey
            return emptyScalar(token.start)
        }
        if case .value = token.kind {
            scanner.advance()
            token = try scanner.peek()
            switch token.kind {
            case .flowEntry, .flowMappingEnd: break
            default:
                try push(.flowMappingKey, at: token)
                return try parseNode(block: false, indentlessSequence: false)
            }
        }
        state = .flowMappingKey
        return emptyScalar(token.start)
    }
}
