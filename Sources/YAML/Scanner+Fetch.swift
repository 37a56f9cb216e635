/// Choosing and producing the next token (libyaml `yaml_parser_fetch_next_token` and the
/// `fetch_*` functions), with the simple-key and indentation bookkeeping.
extension Scanner {
    mutating func fetchNextToken() throws(YAMLError) {
        if !streamStartProduced {
            streamStartProduced = true
            indent = -1
            simpleKeyAllowed = true
            simpleKeys.append(SimpleKey())
            let pos = position
            append(.streamStart, from: pos)
            return
        }
        try scanToNextToken()
        try staleSimpleKeys()
        try unrollIndent(column)

        let c = at()
        if atEnd { return try fetchStreamEnd() }
        if column == 0 {
            if c == UInt8(ascii: "%") { return try fetchDirective() }
            if isDocumentIndicator() {
                return try fetchDocumentIndicator(c == UInt8(ascii: "-") ? .documentStart : .documentEnd)
            }
        }
        try checkIndentation()
        afterJSONLike = lastTokenJSONLike
        lastTokenJSONLike = false
        let next = at(1)
        switch c {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return try fetchFlowEntry()
        case UInt8(ascii: "-") where Scanner.isBlankZ(next): return try fetchBlockEntry()
        case UInt8(ascii: "?") where Scanner.isBlankZ(next) || (flowLevel > 0 && Scanner.isFlowIndicator(next)):
            return try fetchKey()
        case UInt8(ascii: ":") where isValueIndicator():
            return try fetchValue()
        case UInt8(ascii: "*"): return try fetchAnchor(alias: true)
        case UInt8(ascii: "&"): return try fetchAnchor(alias: false)
        case UInt8(ascii: "!"): return try fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): return try fetchFlowScalar(double: false)
        case UInt8(ascii: "\""): return try fetchFlowScalar(double: true)
        default: break
        }
        if canStartPlainScalar(c, next) { return try fetchPlainScalar() }
        if c == UInt8(ascii: "@") || c == UInt8(ascii: "`") {
            throw error(.reservedIndicator(Character(Unicode.Scalar(c))))
        }
        if c == 0x09 { throw error(.tabIndentation) }
        throw error(.unexpectedCharacter(currentCharacter()))
    }

    func currentCharacter() -> Character {
        var bytes: [UInt8] = []
        var i = index
        repeat { bytes.append(p[i]); i += 1 } while p[i] & 0xC0 == 0x80
        return String(decoding: bytes, as: UTF8.self).first ?? " "
    }

    /// `:` is a value indicator when followed by a blank, or in flow context by a flow
    /// indicator, or right after a JSON-like key (`{"a":1}`) — YAML 1.2 §7.4.
    func isValueIndicator() -> Bool {
        let next = at(1)
        if Scanner.isBlankZ(next) { return true }
        if flowLevel > 0 {
            if Scanner.isFlowIndicator(next) { return true }
            if afterJSONLike { return true }
        }
        return false
    }

    /// ns-plain-first (YAML 1.2 §7.3.3): any non-space character but an indicator, or
    /// `-`, `?`, `:` followed by a "safe" character.
    func canStartPlainScalar(_ c: UInt8, _ next: UInt8) -> Bool {
        if Scanner.isBlankZ(c) { return false }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if Scanner.isBlankZ(next) { return false }
            return flowLevel == 0 || !Scanner.isFlowIndicator(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    // MARK: Simple keys

    /// A possible simple key that is no longer on the current line (or is over 1024
    /// characters away) can no longer be a key; if it had to be one, that is an error.
    mutating func staleSimpleKeys() throws(YAMLError) {
        guard possibleKeys > 0 else { return }
        for i in simpleKeys.indices where simpleKeys[i].possible {
            if i > 0 && flowIsMapping[i - 1] { continue }
            let key = simpleKeys[i]
            if key.mark.line < line || key.mark.offset + 1024 < index {
                if key.required {
                    throw error(.expectedColon, at: position, context: key.mark)
                }
                simpleKeys[i].possible = false
                possibleKeys -= 1
            }
        }
    }

    mutating func saveSimpleKey() throws(YAMLError) {
        let required = flowLevel == 0 && indent == column
        guard simpleKeyAllowed else { return }
        try removeSimpleKey()
        possibleKeys += 1
        simpleKeys[simpleKeys.count - 1] = SimpleKey(
            possible: true, required: required,
            tokenNumber: tokensParsed + tokens.count, mark: position,
            tabIndented: tabIndented && flowLevel == 0)
    }

    mutating func removeSimpleKey() throws(YAMLError) {
        let last = simpleKeys.count - 1
        guard simpleKeys[last].possible else { return }
        if simpleKeys[last].required {
            throw error(.expectedColon, at: position, context: simpleKeys[last].mark)
        }
        simpleKeys[last].possible = false
        possibleKeys -= 1
    }

    // MARK: Indentation

    /// Opens a block collection when `column` is deeper than the current indentation.
    /// `number` is the queue position for the start token (-1: append).
    mutating func rollIndent(_ column: Int, number: Int, kind: TokenKind, at pos: Position) throws(YAMLError) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indent = column
        if indents.count > limits.maxDepth { throw error(.depthExceeded(limit: limits.maxDepth), at: pos) }
        let token = Token(kind: kind, start: pos, end: pos)
        if number == -1 {
            tokens.append(token)
        } else {
            tokens.insert(token, at: number - tokensParsed)
        }
    }

    /// Closes every block collection indented deeper than `column`.
    mutating func unrollIndent(_ column: Int) throws(YAMLError) {
        guard flowLevel == 0 else { return }
        while indent > column {
            let pos = position
            tokens.append(Token(kind: .blockEnd, start: pos, end: pos))
            indent = indents.removeLast()
        }
    }

    // MARK: Fetchers

    mutating func fetchStreamEnd() throws(YAMLError) {
        if column != 0 {
            column = 0
            line += 1
        }
        try unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        streamEndFetched = true
        let pos = position
        append(.streamEnd, from: pos)
    }

    mutating func fetchDirective() throws(YAMLError) {
        try unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanDirective())
    }

    mutating func fetchDocumentIndicator(_ kind: TokenKind) throws(YAMLError) {
        try unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = position
        skip(); skip(); skip()
        if flowLevel > 0 { throw error(.invalidDocumentMarker, at: start) }
        if case .documentStart = kind { documentStartLine = line }
        append(kind, from: start)
        if case .documentEnd = kind { try checkNothingAfterDocumentEnd() }
    }

    mutating func fetchFlowCollectionStart(_ kind: TokenKind) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeys.append(SimpleKey())
        flowIsMapping.append({ if case .flowMappingStart = kind { return true } else { return false } }())
        flowLevel += 1
        if flowLevel > limits.maxDepth { throw error(.depthExceeded(limit: limits.maxDepth)) }
        simpleKeyAllowed = true
        let start = position
        skip()
        append(kind, from: start)
    }

    mutating func fetchFlowCollectionEnd(_ kind: TokenKind) throws(YAMLError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            if simpleKeys.removeLast().possible { possibleKeys -= 1 }
            flowIsMapping.removeLast()
        }
        simpleKeyAllowed = false
        let start = position
        skip()
        lastTokenJSONLike = true
        append(kind, from: start)
    }

    mutating func fetchFlowEntry() throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = position
        skip()
        append(.flowEntry, from: start)
    }

    mutating func fetchBlockEntry() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw error(.blockSequenceEntriesNotAllowed) }
            if tabIndented { throw error(.tabIndentation) }
            if line == documentStartLine { throw error(.blockSequenceEntriesNotAllowed) }
            try rollIndent(column, number: -1, kind: .blockSequenceStart, at: position)
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = position
        skip()
        append(.blockEntry, from: start)
    }

    mutating func fetchKey() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw error(.mappingValuesNotAllowed) }
            if tabIndented { throw error(.tabIndentation) }
            try rollIndent(column, number: -1, kind: .blockMappingStart, at: position)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        let start = position
        skip()
        append(.key, from: start)
    }

    mutating func fetchValue() throws(YAMLError) {
        let last = simpleKeys.count - 1
        let key = simpleKeys[last]
        if key.possible {
            if flowLevel == 0 && key.mark.line == documentStartLine {
                throw error(.mappingValuesNotAllowed)
            }
            if key.tabIndented { throw error(.tabIndentation, at: key.mark) }
            let token = Token(kind: .key, start: key.mark, end: key.mark)
            tokens.insert(token, at: key.tokenNumber - tokensParsed)
            try rollIndent(key.mark.column, number: key.tokenNumber, kind: .blockMappingStart, at: key.mark)
            simpleKeys[last].possible = false
            possibleKeys -= 1
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else { throw error(.mappingValuesNotAllowed) }
                try rollIndent(column, number: -1, kind: .blockMappingStart, at: position)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        let start = position
        skip()
        append(.value, from: start)
    }

    mutating func fetchAnchor(alias: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanAnchor(alias: alias))
    }

    mutating func fetchTag() throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanTag())
    }

    mutating func fetchBlockScalar(literal: Bool) throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        tokens.append(try scanBlockScalar(literal: literal))
    }

    mutating func fetchFlowScalar(double: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanFlowScalar(double: double))
        lastTokenJSONLike = true
    }

    mutating func fetchPlainScalar() throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanPlainScalar())
    }
}
