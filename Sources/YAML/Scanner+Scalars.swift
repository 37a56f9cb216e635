/// Plain and quoted scalars (YAML 1.2 §§7.3.1–7.3.3), with line folding.
///
/// Fast path: a scalar written on one line with nothing to process (no escapes, no
/// folding) becomes a token pointing at its source bytes; only the others build a value.
extension Scanner {
    // MARK: Plain

    /// 0: an ASCII byte that never ends a plain scalar; 1: one that might (blanks, breaks,
    /// NUL, `:`, flow indicators); 2: the lead byte of a multi-byte UTF-8 character.
    @inline(__always) static func plainByteClass(_ c: UInt8) -> UInt8 {
        if c >= 0x80 { return 2 }
        switch c {
        case 0, 0x09, 0x0A, 0x0D, 0x20, UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return 1
        default:
            return 0
        }
    }

    /// ns-plain (§7.3.3). Folds line breaks into spaces (an empty line becomes "\n"),
    /// stops at `: `, ` #`, flow indicators in flow context, a document marker, or a line
    /// indented no deeper than the enclosing block.
    mutating func scanPlainScalar() throws(YAMLError) -> Token {
        let start = position
        var end = position
        var spanStart = -1, spanEnd = -1     // the value while it is one untouched run
        var built: [UInt8] = []              // the value once it is not
        var isSpan = true
        var whitespace: [UInt8] = []
        var trailingBreaks = 0
        var leadingBlanks = false
        let minimumIndent = indent + 1
        var continuationLine = false

        while true {
            if column == 0 && isDocumentIndicator() { break }
            if at() == UInt8(ascii: "#") { break }
            // A continuation line inside a flow collection must be indented deeper than the
            // block around it; a flow indicator there ends the scalar instead, and
            // `checkIndentation` judges that token (a closing bracket may sit level).
            if flowLevel > 0 && continuationLine && column <= indent && !Scanner.isFlowIndicator(at()) {
                throw error(.invalidIndentation)
            }

            let runStart = index
            // Hot loop on locals; `plainByteClass` sorts bytes into ordinary ASCII (go on),
            // UTF-8 lead bytes (one character), and the few that may end the scalar.
            var i = index, col = column
            let inFlow = flowLevel > 0
            while true {
                let c = p[i]
                switch Scanner.plainByteClass(c) {
                case 0:
                    i += 1
                    col += 1
                    continue
                case 2:
                    i += c & 0xE0 == 0xC0 ? 2 : c & 0xF0 == 0xE0 ? 3 : 4
                    col += 1
                    continue
                default:
                    break
                }
                if Scanner.isBlankZ(c) { break }
                if c == UInt8(ascii: ":") {
                    let n = p[i + 1]
                    if Scanner.isBlankZ(n) || (inFlow && Scanner.isFlowIndicator(n)) { break }
                } else if inFlow && Scanner.isFlowIndicator(c) {
                    break
                }
                i += 1
                col += 1
            }
            index = i
            column = col
            if index > runStart {
                if spanStart < 0 {
                    spanStart = runStart
                    spanEnd = index
                } else {
                    if isSpan {
                        isSpan = false
                        built.append(contentsOf: UnsafeBufferPointer(start: p + spanStart, count: spanEnd - spanStart))
                    }
                    // Join with what came before: spaces within a line stay; a line break
                    // folds to a space, or to "\n" per empty line in between.
                    if leadingBlanks {
                        if trailingBreaks == 0 { built.append(0x20) }
                        else { for _ in 0..<trailingBreaks { built.append(0x0A) } }
                    } else {
                        built.append(contentsOf: whitespace)
                    }
                    built.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: index - runStart))
                }
                leadingBlanks = false
                trailingBreaks = 0
                whitespace.removeAll(keepingCapacity: true)
                end = position
            }
            continuationLine = false
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
                    continuationLine = true
                }
            }
            if flowLevel == 0 && column < minimumIndent { break }
        }
        if leadingBlanks { simpleKeyAllowed = true }
        if isSpan {
            return Token(.scalar, start: start, end: end, span: spanStart, length: spanEnd - spanStart)
        }
        return Token(.scalar, start: start, end: end, textIndex: store(String(decoding: built, as: UTF8.self)))
    }

    // MARK: Quoted

    /// Single-quoted (§7.3.2) and double-quoted (§7.3.1) scalars.
    mutating func scanFlowScalar(double: Bool) throws(YAMLError) -> Token {
        let start = position
        let quote: UInt8 = double ? 0x22 : 0x27
        let style: ScalarStyle = double ? .doubleQuoted : .singleQuoted
        skip()
        let contentStart = index
        // Fast path: one line, no escapes, no doubled quotes.
        while true {
            let c = at()
            if c == quote {
                if !double && at(1) == 0x27 { break }
                let length = index - contentStart
                skip()
                return Token(.scalar, style: style, start: start, end: position, span: contentStart, length: length)
            }
            if Scanner.isBreakZ(c) || (double && c == UInt8(ascii: "\\")) { break }
            if c < 0x80 { index += 1; column += 1 } else { skip() }
        }
        // Slow path from here; blanks before a line break are not content.
        var keep = index
        while keep > contentStart && Scanner.isBlank(p[keep - 1]) { keep -= 1 }
        column -= index - keep
        index = keep
        var out: [UInt8] = []
        out.append(contentsOf: UnsafeBufferPointer(start: p + contentStart, count: index - contentStart))
        var whitespace: [UInt8] = []
        var breaks = 0
        var leadingBlanks = false
        var leadingBreak = false
        var lineSpaces = 0

        while true {
            if column == 0 && isDocumentIndicator() { throw error(.invalidDocumentMarker, context: start) }
            if atEnd { throw error(.unclosedQuote(double ? "\"" : "'"), context: start) }
            if leadingBlanks && flowLevel == 0 && indent >= 0 && lineSpaces <= indent {
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
                while at() == 0x20 { skip() }
                lineSpaces = column
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
                    lineSpaces = column
                }
            }
        }
        skip()
        return Token(.scalar, style: style, start: start, end: position, textIndex: store(String(decoding: out, as: UTF8.self)))
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
            throw error(.invalidEscape(escapeText(from: escapeStart, extra: 1)), at: escapeStart, context: start)
        }
        skip()
        guard hexDigits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            guard let digit = Scanner.hexValue(at()) else {
                throw error(.invalidEscape(escapeText(from: escapeStart, extra: 1)), at: escapeStart, context: start)
            }
            value = value << 4 | UInt32(digit)
            skip()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(.invalidEscape(escapeText(from: escapeStart, extra: 0)), at: escapeStart, context: start)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// The text of an escape sequence from its backslash up to the current character
    /// (and `extra` more characters), for error messages.
    private func escapeText(from pos: Position, extra: Int) -> String {
        var end = index
        for _ in 0..<extra where !Scanner.isBreakZ(p[end]) {
            repeat { end += 1 } while p[end] & 0xC0 == 0x80
        }
        return String(decoding: UnsafeBufferPointer(start: p + pos.offset, count: end - pos.offset), as: UTF8.self)
    }
}
