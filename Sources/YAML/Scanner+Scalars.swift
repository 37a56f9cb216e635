/// Plain, quoted and block scalars (YAML 1.2 §§7.3, 8.1), with line folding.
extension Scanner {
    // MARK: Plain

    /// ns-plain (§7.3.3). Folds line breaks into spaces (an empty line becomes "\n"),
    /// stops at `: `, ` #`, flow indicators in flow context, a document marker, or a line
    /// indented no deeper than the enclosing block.
    mutating func scanPlainScalar() throws(YAMLError) -> Token {
        let start = position
        var end = position
        var out: [UInt8] = []
        var whitespace: [UInt8] = []
        var trailingBreaks = 0
        var leadingBlanks = false
        let minimumIndent = indent + 1

        while true {
            if column == 0 && isDocumentIndicator() { break }
            if at() == UInt8(ascii: "#") { break }
            if flowLevel > 0 && firstOnLineInScalar && column <= indent { throw error(.invalidIndentation) }

            var runStart = index
            while true {
                let c = at()
                if Scanner.isBlankZ(c) { break }
                if c == UInt8(ascii: ":") {
                    let n = at(1)
                    if Scanner.isBlankZ(n) || (flowLevel > 0 && Scanner.isFlowIndicator(n)) { break }
                } else if flowLevel > 0 && Scanner.isFlowIndicator(c) {
                    break
                }
                if leadingBlanks || !whitespace.isEmpty {
                    if leadingBlanks {
                        if trailingBreaks == 0 {
                            out.append(0x20)
                        } else {
                            for _ in 0..<trailingBreaks { out.append(0x0A) }
                        }
                        leadingBlanks = false
                        trailingBreaks = 0
                        whitespace.removeAll(keepingCapacity: true)
                    } else {
                        out.append(contentsOf: whitespace)
                        whitespace.removeAll(keepingCapacity: true)
                    }
                    runStart = index
                }
                if c < 0x80 { index += 1; column += 1 } else { skip() }
            }
            if index > runStart {
                out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: index - runStart))
                end = position
            }
            firstOnLineInScalar = false
            let c = at()
            if !(Scanner.isBlank(c) || Scanner.isBreak(c)) { break }

            while Scanner.isBlank(at()) || Scanner.isBreak(at()) {
                if Scanner.isBlank(at()) {
                    if leadingBlanks && column < minimumIndent && at() == 0x09 && flowLevel == 0
                        && !Scanner.isBreakZ(nextNonBlank()) {
                        throw error(.tabIndentation)
                    }
                    if !leadingBlanks { whitespace.append(at()) }
                    skip()
                } else {
                    if !leadingBlanks {
                        whitespace.removeAll(keepingCapacity: true)
                        leadingBlanks = true
                    } else {
                        trailingBreaks += 1
                    }
                    skipBreak()
                    firstOnLineInScalar = true
                }
            }
            if flowLevel == 0 && column < minimumIndent { break }
        }
        firstOnLineInScalar = false
        if leadingBlanks { simpleKeyAllowed = true }
        return Token(kind: .scalar(String(decoding: out, as: UTF8.self), .plain), start: start, end: end)
    }

    // MARK: Quoted

    /// Single-quoted (§7.3.2) and double-quoted (§7.3.1) scalars.
    mutating func scanFlowScalar(double: Bool) throws(YAMLError) -> Token {
        let start = position
        let quote: UInt8 = double ? 0x22 : 0x27
        skip()
        var out: [UInt8] = []
        var whitespace: [UInt8] = []
        var breaks = 0
        var leadingBlanks = false
        var leadingBreak = false

        while true {
            if column == 0 && isDocumentIndicator() { throw error(.invalidDocumentMarker, context: start) }
            if atEnd { throw error(.unclosedQuote(double ? "\"" : "'"), context: start) }
            if leadingBlanks && flowLevel == 0 && indent >= 0 && leadingSpacesInScalar <= indent {
                throw error(.invalidIndentation, context: start)
            }
            if leadingBlanks {
                // Join the previous line with this one.
                if leadingBreak {
                    if breaks == 0 { out.append(0x20) } else { for _ in 0..<breaks { out.append(0x0A) } }
                } else {
                    for _ in 0..<breaks { out.append(0x0A) }
                }
                leadingBlanks = false
                leadingBreak = false
                breaks = 0
            } else if !whitespace.isEmpty {
                out.append(contentsOf: whitespace)
            }
            whitespace.removeAll(keepingCapacity: true)

            var escapedBreak = false
            while !Scanner.isBlankZ(at()) {
                let c = at()
                if !double && c == 0x27 {
                    if at(1) == 0x27 { out.append(0x27); skip(); skip(); continue }
                    break
                }
                if double && c == 0x22 { break }
                if double && c == UInt8(ascii: "\\") {
                    if Scanner.isBreak(at(1)) {
                        skip()
                        skipBreak()
                        escapedBreak = true
                        break
                    }
                    try scanEscape(into: &out, start: start)
                    continue
                }
                copy(into: &out)
            }
            if at() == quote { break }
            if atEnd { throw error(.unclosedQuote(double ? "\"" : "'"), context: start) }

            if escapedBreak {
                leadingBlanks = true
                leadingBreak = false
                leadingSpacesInScalar = 0
                while at() == 0x20 { skip() }
                leadingSpacesInScalar = column
            }
            while Scanner.isBlank(at()) || Scanner.isBreak(at()) {
                if Scanner.isBlank(at()) {
                    if !leadingBlanks { whitespace.append(at()) }
                    skip()
                } else {
                    if !leadingBlanks {
                        whitespace.removeAll(keepingCapacity: true)
                        leadingBlanks = true
                        leadingBreak = true
                    } else {
                        breaks += 1
                    }
                    skipBreak()
                    while at() == 0x20 { skip() }
                    leadingSpacesInScalar = column
                }
            }
        }
        skip()
        return Token(kind: .scalar(String(decoding: out, as: UTF8.self), double ? .doubleQuoted : .singleQuoted),
                     start: start, end: position)
    }

    /// One escape sequence of a double-quoted scalar (§5.7).
    private mutating func scanEscape(into out: inout [UInt8], start: Position) throws(YAMLError) {
        let escapeStart = position
        skip()
        let c = at()
        var hexDigits = 0
        switch c {
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"), 0x09: out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case 0x20: out.append(0x20)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): hexDigits = 2
        case UInt8(ascii: "u"): hexDigits = 4
        case UInt8(ascii: "U"): hexDigits = 8
        default:
            var name: [UInt8] = [UInt8(ascii: "\\")]
            if !Scanner.isBreakZ(c) { var i = index; repeat { name.append(p[i]); i += 1 } while p[i] & 0xC0 == 0x80 }
            throw error(.invalidEscape(String(decoding: name, as: UTF8.self)), at: escapeStart, context: start)
        }
        skip()
        guard hexDigits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            guard let digit = Scanner.hexValue(at()) else {
                throw error(.invalidEscape(String(decoding: UnsafeBufferPointer(start: p + escapeStart.offset, count: index - escapeStart.offset + 1), as: UTF8.self)),
                            at: escapeStart, context: start)
            }
            value = value << 4 | UInt32(digit)
            skip()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(.invalidEscape(String(decoding: UnsafeBufferPointer(start: p + escapeStart.offset, count: index - escapeStart.offset), as: UTF8.self)),
                        at: escapeStart, context: start)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
