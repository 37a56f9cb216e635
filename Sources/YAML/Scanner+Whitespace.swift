/// Whitespace, comments, tabs and the YAML 1.2 indentation rules libyaml does not check.
extension Scanner {
    /// Skips blanks, comments and line breaks up to the next token (libyaml
    /// `yaml_parser_scan_to_next_token`). A line break re-allows simple keys in block context.
    ///
    /// Tabs: YAML 1.2 §6.1 forbids them in indentation. A tab is fine on a line that is
    /// otherwise empty or a comment, and as separation before a scalar; when tabs precede
    /// the token, it is marked `tabIndented`, and the token is rejected where its column
    /// would define indentation: the first token of a line not indented past its parent
    /// (`checkIndentation`), and a block collection's `- `, `? ` or implicit key.
    mutating func scanToNextToken() throws(YAMLError) {
        tabIndented = false
        while true {
            if column == 0 {
                while at() == 0x20 { skip() }
                leadingSpaces = column
            }
            var sawTab = false
            while Scanner.isBlank(at()) {
                if at() == 0x09 { sawTab = true }
                skip()
            }
            if at() == UInt8(ascii: "#") {
                if index > 0 && !Scanner.isBlank(p[index - 1]) && !Scanner.isBreak(p[index - 1]) {
                    throw error(.commentWithoutSpace)
                }
                while !Scanner.isBreakZ(at()) { skip() }
            }
            if Scanner.isBreak(at()) {
                skipBreak()
                if flowLevel == 0 { simpleKeyAllowed = true }
                firstOnLine = true
                continue
            }
            tabIndented = sawTab
            return
        }
    }

    func nextNonBlank() -> UInt8 {
        var k = 0
        while Scanner.isBlank(at(k)) { k += 1 }
        return at(k)
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
        if tabIndented && leadingSpaces <= indent {
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
