/// Whitespace, comments, tabs and the YAML 1.2 indentation rules libyaml does not check.
extension Scanner {
    /// Skips blanks, comments and line breaks up to the next token (libyaml
    /// `yaml_parser_scan_to_next_token`). A line break re-allows simple keys in block context.
    ///
    /// Tabs: YAML 1.2 §6.1 forbids them in indentation. A tab before the first non-space of
    /// a line is fine when the rest of the line is empty or a comment; otherwise the token
    /// that follows is marked `tabIndented`, and `checkIndentation` rejects it when it
    /// depends on indentation.
    mutating func scanToNextToken() throws(YAMLError) {
        tabIndented = false
        while true {
            let lineStart = column == 0
            if lineStart {
                while at() == 0x20 { skip() }
                leadingSpaces = column
                if at() == 0x09 {
                    var k = 0
                    while Scanner.isBlank(at(k)) { k += 1 }
                    let after = at(k)
                    if flowLevel == 0 && !Scanner.isBreakZ(after) && after != UInt8(ascii: "#") {
                        tabIndented = true
                    }
                    while Scanner.isBlank(at()) { skip() }
                }
            } else {
                while Scanner.isBlank(at()) { skip() }
            }
            if at() == UInt8(ascii: "#") {
                if index > 0 && !Scanner.isBlank(p[index - 1]) && !Scanner.isBreak(p[index - 1]) {
                    throw error(.commentWithoutSpace)
                }
                while !Scanner.isBreakZ(at()) { skip() }
            }
            if Scanner.isBreak(at()) {
                skipBreak()
                tabIndented = false
                if flowLevel == 0 { simpleKeyAllowed = true }
                firstOnLine = true
                continue
            }
            return
        }
    }

    /// Rules on where a token may stand, checked before it is fetched:
    /// - in flow context inside a block collection, a line must be indented deeper than
    ///   that collection (YAML 1.2 §7.1, s-flow-line-prefix);
    /// - a tab used as indentation is an error when it replaces indentation the content needs.
    mutating func checkIndentation() throws(YAMLError) {
        defer { firstOnLine = false }
        guard firstOnLine else { return }
        if flowLevel > 0 && column <= indent && !atEnd {
            throw error(.invalidIndentation)
        }
        if tabIndented && flowLevel == 0 && leadingSpaces <= indent {
            throw error(.tabIndentation, at: Position(offset: index - (column - leadingSpaces), line: line, column: leadingSpaces))
        }
    }

    /// After `...` only a comment or the end of the line may follow.
    mutating func checkNothingAfterDocumentEnd() throws(YAMLError) {
        while Scanner.isBlank(at()) { skip() }
        if at() == UInt8(ascii: "#") || Scanner.isBreakZ(at()) { return }
        throw error(.invalidDocumentMarker)
    }
}
