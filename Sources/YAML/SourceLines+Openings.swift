/// Finds a quote or bracket left open on a line: when a quoted scalar or a flow collection
/// runs into the next line, our parser often notices only there (bad indentation), while the
/// fix belongs at the opening.
extension SourceLines {
    struct Opening {
        var character: Character
        var line: Int
        var column: Int
    }

    /// The innermost quote or bracket still open at the end of line `number`.
    func unclosedOpening(onLine number: Int) -> Opening? {
        guard let text = text(ofLine: number) else { return nil }
        var stack: [Opening] = []
        var quote: Opening?
        var previous: Character = " "
        var column = 0
        var chars = Array(text)
        chars.append(" ")
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            column += c.unicodeScalars.count
            defer { previous = c; i += 1 }
            if let q = quote {
                if q.character == "\"", c == "\\" { i += 1; column += 1; continue }
                if c == q.character {
                    if c == "'", chars[i + 1] == "'" { i += 1; column += 1; continue }
                    quote = nil
                }
                continue
            }
            switch c {
            case "\"", "'":
                // Only a quote that starts a value opens a quoted scalar (not "it's").
                if " [{,:-".contains(previous) { quote = Opening(character: c, line: number, column: column) }
            case "[", "{":
                if " [{,:-".contains(previous) { stack.append(Opening(character: c, line: number, column: column)) }
            case "]", "}":
                if !stack.isEmpty { stack.removeLast() }
            case "#" where previous == " ":
                return stack.last
            default: break
            }
        }
        return quote ?? stack.last
    }
}
