/// The fast path's flow collections: `[a, b]` and `{a: b}`, on one line or several.
extension FastComposer {
    // MARK: Flow collections

    /// `[a, "b", {c: d}]` or `{a: b, c: [d]}`, on one line or several (KYAML style, with
    /// a trailing comma); lines inside must be indented deeper than the block around it
    /// (`parent`), the closing bracket at least as deep.
    mutating func flowCollection(parent: Int) throws(GiveUp) -> Node {
        depth += 1
        defer { depth -= 1 }
        if depth * 2 > limits.maxDepth { throw GiveUp() }
        let start = mark(i)
        let isMapping = p[i] == UInt8(ascii: "{")
        let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
        i += 1
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        try skipFlowSpace(parent: parent)
        if p[i] != close {
            while true {
                if isMapping {
                    let key = try flowItem(parent: parent)
                    while p[i] == 0x20 { i += 1 }
                    guard p[i] == UInt8(ascii: ":"), p[i + 1] == 0x20 else { throw GiveUp() }
                    i += 1
                    try skipFlowSpace(parent: parent)
                    pairs.append(Node.Pair(key: key, value: try flowItem(parent: parent)))
                } else {
                    items.append(try flowItem(parent: parent))
                }
                try skipFlowSpace(parent: parent)
                if p[i] == close { break }
                guard p[i] == UInt8(ascii: ",") else { throw GiveUp() }
                i += 1
                try skipFlowSpace(parent: parent)
                if p[i] == close { break }  // a trailing comma
            }
        }
        i += 1
        return Node(plain: isMapping ? .mapping(pairs, .flow) : .sequence(items, .flow), mark: start)
    }

    /// Spaces, and line breaks and comments between entries of a flow collection.
    mutating func skipFlowSpace(parent: Int) throws(GiveUp) {
        var crossedLine = false
        while true {
            while p[i] == 0x20 { i += 1 }
            guard i < end else { throw GiveUp() }
            let c = p[i]
            if c == 0x09 { throw GiveUp() }
            if c == UInt8(ascii: "#") {
                guard p[i - 1] == 0x20 || i == lineStart else { throw GiveUp() }
                while i < end && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
                continue
            }
            if c == 0x0A || c == 0x0D {
                skipBreak()
                crossedLine = true
                continue
            }
            if crossedLine {
                // As the full scanner's `checkIndentation` (and go-yaml for the closing bracket).
                let column = i - lineStart
                let closing = c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                if column < parent || (column == parent && !closing) { throw GiveUp() }
            }
            return
        }
    }

    /// One entry of a flow collection: a nested collection, a quoted or a plain scalar.
    mutating func flowItem(parent: Int) throws(GiveUp) -> Node {
        let c = p[i]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { return try flowCollection(parent: parent) }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try scalarOnLine() }
        let next = p[i + 1]
        guard Self.canStartPlain(c, next), !Self.isFlowIndicator(next) || (c != UInt8(ascii: "-") && c != UInt8(ascii: "?") && c != UInt8(ascii: ":")) else {
            throw GiveUp()
        }
        let start = i
        var k = i, last = i
        while k < end {
            let b = p[k]
            if b == 0x0A || b == 0x0D { break }
            if b == 0x09 || b == UInt8(ascii: "#") && p[k - 1] == 0x20 { throw GiveUp() }
            if Self.isFlowIndicator(b) { break }
            if b == UInt8(ascii: ":") && (Self.isBlankOrBreakOrEnd(p[k + 1]) || Self.isFlowIndicator(p[k + 1])) { break }
            if b != 0x20 { last = k + 1 }
            k += 1
        }
        guard k < end, last > start, last - start <= 1024 else { throw GiveUp() }
        let node = Node(plain: .scalar(strings.string(p + start, last - start), .plain), mark: mark(start))
        i = last
        return node
    }

    @inline(__always) static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }
}
