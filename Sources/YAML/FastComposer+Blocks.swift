/// The fast path's block structure: nodes, mappings, sequences, and the bridge to the full
/// scanner for block scalars, multi-line plain scalars and escaped quoted scalars.
extension FastComposer {
    // MARK: Block nodes

    /// A node starting on the current content line, indented deeper than `parent`.
    mutating func blockNode(parent: Int) throws(GiveUp) -> Node {
        depth += 1
        defer { depth -= 1 }
        // Well inside the full parser's own limit, so that one alone decides on errors.
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        if isSequenceEntry() { return try blockSequence(at: indent, indentless: false) }
        let colon = keyColon()
        if colon >= 0 { return try blockMapping(at: indent, colon: colon) }
        let node = try valueOnLine(parent: parent)
        if indent > parent { throw GiveUp() }  // a continuation line: multi-line scalar
        return node
    }

    /// A value that starts on the current line after `key: `, `- ` or at the start of a
    /// line: a block scalar, a one-line flow collection, or a one-line scalar. Leaves the
    /// cursor on the next content line.
    mutating func valueOnLine(parent: Int) throws(GiveUp) -> Node {
        let c = p[i]
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            return try withFullScanner(.block(literal: c == UInt8(ascii: "|")), parent: parent)
        }
        let start = (offset: i, line: line, lineStart: lineStart)
        let plain = c != UInt8(ascii: "[") && c != UInt8(ascii: "{") && c != UInt8(ascii: "\"") && c != UInt8(ascii: "'")
        let node = plain ? try scalarOnLine() : c == UInt8(ascii: "[") || c == UInt8(ascii: "{") ? try flowCollection(parent: parent) : try scalarOnLine()
        try endLine()
        nextContentLine()
        if plain && indent > parent {
            // The plain scalar goes on over more lines: read it again with its folding.
            (i, line, lineStart) = start
            return try withFullScanner(.plain, parent: parent)
        }
        return node
    }

    enum ScannedScalar {
        case block(literal: Bool), plain, quoted(double: Bool)
    }

    /// Reads one scalar at the cursor with the full scanner, so that the rules of block
    /// scalars (chomping, indentation indicators, folding), multi-line plain scalars and
    /// escapes live in one place; `parent` is the indentation of the enclosing block.
    /// Block and plain scalars leave the cursor on the next content line; a quoted one
    /// (which must fit on its line) right after its closing quote.
    mutating func withFullScanner(_ kind: ScannedScalar, parent: Int) throws(GiveUp) -> Node {
        guard isASCIIIndent(upTo: i) else { throw GiveUp() }
        let nodeMark = mark(i)
        var scanner = Scanner(source: source, file: file, limits: limits)
        scanner.index = i
        scanner.line = line
        scanner.column = i - lineStart
        scanner.indent = parent
        let token: Token
        do {
            switch kind {
            case .block(let literal): token = try scanner.scanBlockScalar(literal: literal)
            case .plain: token = try scanner.scanPlainScalar()
            case .quoted(let double): token = try scanner.scanFlowScalar(double: double)
            }
        } catch {
            throw GiveUp()
        }
        let value = token.textIndex >= 0
            ? scanner.texts[token.textIndex]
            : strings.string(p + token.spanStart, token.spanLength)
        let node = Node(plain: .scalar(value, token.style), mark: nodeMark)
        guard scanner.index <= end else { throw GiveUp() }
        if case .quoted = kind {
            guard scanner.line == line else { throw GiveUp() }
            i = scanner.index
            return node
        }
        if scanner.index >= end {
            i = end
            indent = -1
            return node
        }
        // The scanner stops at the next token; only spaces may stand before it on its line.
        var start = scanner.index
        while start > 0 && p[start - 1] == 0x20 { start -= 1 }
        guard start == 0 || p[start - 1] == 0x0A || p[start - 1] == 0x0D else { throw GiveUp() }
        line = scanner.line
        lineStart = start
        i = start
        nextContentLine()
        return node
    }


    /// `key: value` entries whose keys start at column `column`; the first key's colon is
    /// at `colon`.
    mutating func blockMapping(at column: Int, colon firstColon: Int) throws(GiveUp) -> Node {
        let start = mark(i)
        let base = pairStack.count
        var colon = firstColon
        while true {
            let key = try keyScalar(colon: colon)
            while p[i] == 0x20 { i += 1 }
            guard p[i] == UInt8(ascii: ":") else { throw GiveUp() }
            i += 1
            // The mark of an empty value, computed only if the value is empty.
            let afterColon = (offset: i, line: line, lineStart: lineStart)
            let value: Node
            if try restOfLineIsEmpty() {
                nextContentLine()
                if indent > column {
                    value = try blockNode(parent: column)
                } else if indent == column && isSequenceEntry() {
                    value = try blockSequence(at: column, indentless: true)
                } else {
                    value = Node(plain: .scalar("", .plain), mark: mark(afterColon.offset, line: afterColon.line, lineStart: afterColon.lineStart))
                }
            } else {
                value = try valueOnLine(parent: column)
            }
            pairStack.push(Node.Pair(key: consume key, value: consume value))
            if indent < column { break }
            guard indent == column else { throw GiveUp() }
            colon = keyColon()
            guard colon >= 0 else { throw GiveUp() }
        }
        return Node(plain: .mapping(pairStack.pop(from: base), .block), mark: start)
    }

    /// `- ` entries at column `column`; `indentless` when level with a mapping's keys.
    mutating func blockSequence(at column: Int, indentless: Bool) throws(GiveUp) -> Node {
        let start = mark(i)
        let base = itemStack.count
        depth += 1
        defer { depth -= 1 }
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        while true {
            i += 1
            let afterDash = (offset: i, line: line, lineStart: lineStart)
            if try restOfLineIsEmpty() {
                nextContentLine()
                itemStack.push(indent > column ? try blockNode(parent: column)
                    : Node(plain: .scalar("", .plain), mark: mark(afterDash.offset, line: afterDash.line, lineStart: afterDash.lineStart)))
            } else {
                // Content on the dash's line: a compact sequence or mapping, or a scalar.
                let inner = i - lineStart
                guard isASCIIIndent(upTo: i) else { throw GiveUp() }
                if isSequenceEntry() {
                    indent = inner
                    itemStack.push(try blockSequence(at: inner, indentless: false))
                } else if case let colon = keyColon(), colon >= 0 {
                    indent = inner
                    itemStack.push(try blockMapping(at: inner, colon: colon))
                } else {
                    itemStack.push(try valueOnLine(parent: column))
                    if indent > column { throw GiveUp() }
                }
            }
            if indent == column && isSequenceEntry() { continue }
            if indent < column || (indentless && indent == column) { break }
            throw GiveUp()
        }
        return Node(plain: .sequence(itemStack.pop(from: base), .block), mark: start)
    }
}
