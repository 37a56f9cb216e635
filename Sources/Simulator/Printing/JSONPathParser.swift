/// client-go util/jsonpath/parser.go: a hand-written scanner that builds the node list.
/// Grammar (informal): template = { text | "{" action* "}" }; action = "." field |
/// ".." | "[" index-or-slice-or-union "]" | "[?(" left op right ")]" | quoted string |
/// number | identifier (`range`, `end`, `true`, `false`) | "@" | "$" | " ".
struct JSONPathParser {
    typealias Node = JSONPath.Node
    let input: [Unicode.Scalar]
    var pos = 0
    var start = 0
    /// Stack of open lists; the root is element 0.
    var stack: [[Node]] = [[]]

    init(_ text: String) { input = Array(text.unicodeScalars) }

    mutating func parse() throws(JSONPathError) -> [Node] {
        try parseText()
        while stack.count > 1 { closeList() }
        return stack[0]
    }

    // MARK: - Cursor

    mutating func next() -> Unicode.Scalar? {
        guard pos < input.count else { pos += 1; return nil }
        defer { pos += 1 }
        return input[pos]
    }
    mutating func backup() { pos -= 1 }
    func peek() -> Unicode.Scalar? { pos < input.count ? input[pos] : nil }
    func hasPrefix(_ s: String) -> Bool {
        let p = Array(s.unicodeScalars)
        return pos + p.count <= input.count && Array(input[pos..<(pos + p.count)]) == p
    }
    mutating func consumeText() -> String {
        let end = min(pos, input.count)
        let s = String(String.UnicodeScalarView(input[min(start, end)..<end]))
        start = pos
        return s
    }
    mutating func append(_ node: Node) { stack[stack.count - 1].append(node) }
    mutating func closeList() {
        let list = stack.removeLast()
        append(.list(list))
    }

    // MARK: - Productions

    /// text = any characters up to "{".
    mutating func parseText() throws(JSONPathError) {
        while true {
            if hasPrefix("{") {
                if pos > start { append(.text(consumeText())) }
                pos += 1
                _ = consumeText()
                stack.append([])
                try parseInsideAction()
                return
            }
            if next() == nil { break }
        }
        pos = input.count
        if pos > start { append(.text(consumeText())) }
    }

    mutating func parseInsideAction() throws(JSONPathError) {
        while true {
            if hasPrefix("}") {
                pos += 1
                _ = consumeText()
                while stack.count > 1 { closeList() }
                return try parseText()
            }
            if hasPrefix("[?(") { try parseFilter(); continue }
            if hasPrefix("..") {
                if case .recursive? = stack[stack.count - 1].last { throw .invalidMultipleRecursiveDescent }
                pos += 2
                _ = consumeText()
                append(.recursive)
                if let r = peek(), isAlphaNumeric(r) { try parseField() }
                continue
            }
            guard let r = next(), r != "\n", r != "\r" else { throw .unclosedAction }
            switch r {
            case " ", "@", "$": _ = consumeText()
            case "[": try parseArray()
            case "\"", "'": try parseQuote(end: r)
            case ".": try parseField()
            case "+", "-", "0"..."9": backup(); try parseNumber()
            default:
                if isAlphaNumeric(r) { backup(); parseIdentifier() } else { throw .unrecognizedCharacter(r) }
            }
        }
    }

    func isAlphaNumeric(_ r: Unicode.Scalar) -> Bool { r == "_" || r.properties.isAlphabetic || r.properties.numericType != nil }

    mutating func parseIdentifier() {
        while let r = next(), isAlphaNumeric(r) {}
        backup()
        let value = consumeText()
        append(value == "true" || value == "false" ? .bool(value == "true") : .identifier(value))
    }

    mutating func parseNumber() throws(JSONPathError) {
        if let r = peek(), r == "+" || r == "-" { pos += 1 }
        while let r = next(), r == "." || r == "e" || r == "E" || ("0"..."9").contains(r) {}
        backup()
        let value = consumeText()
        if let i = Int64(value) { append(.int(i)) } else if let d = Double(value) { append(.float(d)) } else { throw .cannotParseNumber(value) }
    }

    /// field = name up to a terminator (space, `.`, `,`, `[`, `]`, `$`, `@`, `{`, `}`);
    /// `\` escapes the next character.
    mutating func parseField() throws(JSONPathError) {
        _ = consumeText()
        while let r = next() {
            if r == "\\" { _ = next(); continue }
            if " \t\r\n.,[]$@{}".unicodeScalars.contains(r) { backup(); break }
        }
        if pos > input.count { pos = input.count }
        let value = consumeText()
        append(value == "*" ? .wildcard : .field(value.replacing("\\", with: "")))
    }

    mutating func parseArray() throws(JSONPathError) {
        while true {
            guard let r = next(), r != "\n" else { throw .unterminatedArray }
            if r == "]" { break }
        }
        var text = consumeText()
        text = String(text.dropFirst().dropLast())
        if text == "*" { text = ":" }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            var union: [[Node]] = []
            for part in parts {
                var sub = JSONPathParser("{[" + String(part).trimmingCharacters(in: " ") + "]}")
                union.append(try sub.parse())
            }
            append(.union(union))
            return
        }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.dropFirst().dropLast().contains("'") {
            var sub = JSONPathParser("{." + text.dropFirst().dropLast() + "}")
            for node in try sub.parse() {
                if case .list(let inner) = node { inner.forEach { append($0) } }
            }
            return
        }
        // ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 3, pieces.allSatisfy({ p in
            let digits = p.hasPrefix("-") ? p.dropFirst() : Substring(p)
            return digits.allSatisfy { ("0"..."9").contains($0) }
        }) else { throw .invalidArrayIndex(text) }
        var params = [JSONPath.Param](repeating: JSONPath.Param(), count: 3)
        for i in 0..<3 {
            let present = i < pieces.count
            let piece = present ? pieces[i] : ""
            if i == 0, !piece.isEmpty {
                guard let v = Int(piece) else { throw .invalidArrayIndex(text) }
                params[0] = JSONPath.Param(value: v, known: true)
            } else if i > 0, present, !piece.isEmpty {
                guard let v = Int(piece) else { throw .invalidArrayIndex(text) }
                params[i] = JSONPath.Param(value: v, known: true)
            } else if i == 1, !present {
                params[1] = JSONPath.Param(value: params[0].value + 1, known: true, derived: true)
            }
        }
        append(.array(params))
    }

    /// filter = "[?(" left [op right] ")]", op one of == != < > <= >=.
    mutating func parseFilter() throws(JSONPathError) {
        pos += 3
        _ = consumeText()
        var begin = false, end = false
        var pair: Unicode.Scalar = "\""
        loop: while true {
            guard let r = next(), r != "\n" else { throw .unterminatedFilter }
            switch r {
            case "\"", "'":
                if !begin { begin = true; pair = r; continue }
                if input[pos - 2] != "\\", r == pair { end = true }
            case ")":
                if begin == end { break loop }
            default: break
            }
        }
        guard next() == "]" else { throw .unclosedArrayExpectBracket }
        let text = String(consumeText().dropLast(2))
        let scalars = Array(text.unicodeScalars)
        let opChars: Set<Unicode.Scalar> = ["!", "<", ">", "="]
        if let opStart = scalars.firstIndex(where: { opChars.contains($0) }), opStart > 0 {
            var opEnd = opStart
            while opEnd < scalars.count, opChars.contains(scalars[opEnd]) { opEnd += 1 }
            if opEnd < scalars.count {
                let left = String(String.UnicodeScalarView(scalars[..<opStart]))
                let op = String(String.UnicodeScalarView(scalars[opStart..<opEnd]))
                let right = String(String.UnicodeScalarView(scalars[opEnd...]))
                var l = JSONPathParser("{" + left + "}"), rp = JSONPathParser("{" + right + "}")
                append(.filter(left: try l.parse(), right: try rp.parse(), op: op))
                return
            }
        }
        var sub = JSONPathParser("{" + text + "}")
        append(.filter(left: try sub.parse(), right: [], op: "exists"))
    }

    /// A quoted string with Go escapes (`UnquoteExtend`: single quotes allowed).
    mutating func parseQuote(end: Unicode.Scalar) throws(JSONPathError) {
        var out = String.UnicodeScalarView()
        while true {
            guard let r = next(), r != "\n" else { throw .unterminatedQuotedString }
            if r == end { break }
            if r == "\\" {
                guard let e = next(), e != "\n" else { throw .unterminatedQuotedString }
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "'": out.append("'")
                default: out.append("\\"); out.append(e)
                }
                continue
            }
            out.append(r)
        }
        _ = consumeText()
        append(.text(String(out)))
    }
}

extension String {
    func trimmingCharacters(in chars: String) -> String {
        let set = Set(chars.unicodeScalars)
        let s = unicodeScalars
        guard let a = s.firstIndex(where: { !set.contains($0) }), let b = s.lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(s[a...b])
    }
}
