/// Literal (`|`) and folded (`>`) block scalars (YAML 1.2 §8.1): header with chomping and
/// indentation indicators, auto-detected indentation, folding of "more indented" lines.
extension Scanner {
    mutating func scanBlockScalar(literal: Bool) throws(YAMLError) -> Token {
        let start = position
        skip()
        // c-b-block-header: chomping (+/-) and indentation (1-9) indicators, either order.
        var chomping = 0            // -1 strip, 0 clip, +1 keep
        var increment = 0
        for _ in 0..<2 {
            let c = at()
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && chomping == 0 {
                chomping = c == UInt8(ascii: "+") ? 1 : -1
                skip()
            } else if c >= 0x31 && c <= 0x39 && increment == 0 {
                increment = Int(c - 0x30)
                skip()
            }
        }
        var sawBlank = false
        while Scanner.isBlank(at()) { skip(); sawBlank = true }
        if at() == UInt8(ascii: "#") {
            guard sawBlank else { throw error(.invalidBlockScalarHeader, context: start) }
            while !Scanner.isBreakZ(at()) { skip() }
        }
        guard Scanner.isBreakZ(at()) else { throw error(.invalidBlockScalarHeader, context: start) }
        if Scanner.isBreak(at()) { skipBreak() }

        let blockIndent = increment > 0
            ? (indent >= 0 ? indent + increment : increment)
            : try detectBlockIndent(start: start)

        var out: [UInt8] = []
        var pendingBreaks = 0          // empty lines since the last content line
        var sawContent = false
        var lastEndedWithBreak = false
        var previousMoreIndented = false
        while !atEnd {
            while column < blockIndent && at() == 0x20 { skip() }
            if column == 0 && isDocumentIndicator() { break }
            if atEnd {
                // A last line of spaces without a line break still counts as a line.
                if column > 0 { pendingBreaks += 1 }
                break
            }
            if Scanner.isBreak(at()) {
                pendingBreaks += 1
                skipBreak()
                continue
            }
            if atEnd || column < blockIndent { break }
            // A content line.
            let moreIndented = Scanner.isBlank(at())
            if sawContent {
                if !literal && !previousMoreIndented && !moreIndented {
                    if pendingBreaks == 0 { out.append(0x20) }
                    else { for _ in 0..<pendingBreaks { out.append(0x0A) } }
                } else {
                    for _ in 0...pendingBreaks { out.append(0x0A) }
                }
            } else {
                for _ in 0..<pendingBreaks { out.append(0x0A) }
            }
            pendingBreaks = 0
            sawContent = true
            previousMoreIndented = moreIndented
            let from = index
            var onlyBlanks = true
            while !Scanner.isBreakZ(at()) {
                if !Scanner.isBlank(at()) { onlyBlanks = false }
                if at() < 0x80 { index += 1; column += 1 } else { skip() }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + from, count: index - from))
            // At the end of the input, a line of blanks is taken as ended by a break;
            // a line with text is not (clip then adds nothing, as libyaml does).
            lastEndedWithBreak = Scanner.isBreak(at()) || onlyBlanks
            if lastEndedWithBreak { skipBreak() }
        }
        // Chomping (§8.1.1.2): strip drops the final break, clip keeps one, keep keeps all.
        if sawContent {
            if chomping >= 0 && lastEndedWithBreak { out.append(0x0A) }
            if chomping == 1 { for _ in 0..<pendingBreaks { out.append(0x0A) } }
        } else if chomping == 1 {
            for _ in 0..<pendingBreaks { out.append(0x0A) }
        }
        return Token(.scalar, style: literal ? .literal : .folded, start: start, end: position,
                     textIndex: store(String(decoding: out, as: UTF8.self)))
    }

    /// Looks ahead (without moving) for the first non-empty line: its spaces are the
    /// block's indentation, at least one more than the parent's. A leading empty line with
    /// more spaces than that is an error (§8.1.1.1).
    private func detectBlockIndent(start: Position) throws(YAMLError) -> Int {
        var i = index
        var line = self.line
        var maxEmpty = 0
        var maxEmptyAt = position
        while p[i] != 0 || i < source.count {
            var spaces = 0
            while p[i + spaces] == 0x20 { spaces += 1 }
            let c = p[i + spaces]
            if c == 0x0A || c == 0x0D {
                if spaces > maxEmpty {
                    maxEmpty = spaces
                    maxEmptyAt = Position(offset: i, line: line, column: 0)
                }
                i += spaces + ((c == 0x0D && p[i + spaces + 1] == 0x0A) ? 2 : 1)
                line += 1
                continue
            }
            if i + spaces >= source.count {
                if spaces > maxEmpty { maxEmpty = spaces }
                break
            }
            if spaces == 0 && isDocumentIndicator(at: i) { break }
            if c == 0x09 && spaces <= indent {
                throw error(.tabIndentation, at: Position(offset: i + spaces, line: line, column: spaces), context: start)
            }
            let detected = max(spaces, indent + 1)
            if spaces >= indent + 1 && maxEmpty > spaces {
                throw error(.invalidIndentation, at: maxEmptyAt, context: start)
            }
            return detected
        }
        return max(maxEmpty, indent + 1, 0)
    }

    func isDocumentIndicator(at i: Int) -> Bool {
        let a = p[i], b = p[i + 1], c = p[i + 2]
        return ((a == UInt8(ascii: "-") && b == a && c == a) || (a == UInt8(ascii: ".") && b == a && c == a)) && Scanner.isBlankZ(p[i + 3])
    }
}
