/// The one renderer for YAML errors, in the style of a compiler (and of Yams):
///
/// ```
/// web.yaml:5:17: error: aquí no puede haber un «:» de clave y valor
///     5 |     image: nginx: latest
///       |                 ^
///   kubectl: error: error parsing web.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context
///   pista: el valor «nginx: latest» contiene «: », y YAML lo lee como otra clave. …
/// ```
///
/// - Header: `archivo:línea:columna: error: mensaje` (1-based; columns count Unicode scalars).
/// - Source line: four spaces, the line number, ` | `, the line as written. Tabs show as `→`
///   padded to the next multiple of 4 columns, other control characters as `�`; lines wider
///   than 100 columns are cut around the caret with `…`.
/// - Caret line: the same gutter with the number blanked, `^` under the column.
/// - `kubectl:` what kubectl prints for the same file (`YAMLError+Kubectl.swift`), when go-yaml
///   has a counterpart; continuation lines indented four spaces.
/// - `pista:` a specific hint (`YAMLError+Hints.swift`), when one applies.
///
/// For an unclosed quote or bracket the header and caret point at the *opening*
/// (`contextMark`), which is where the fix goes.
extension YAMLError {
    /// The Spanish one-line description of the problem.
    public var message: String { Messages.message(kind) }

    /// The message, sharpened by a look at the source where the kind alone is ambiguous.
    func message(_ lines: SourceLines) -> String {
        if case .invalidUTF8 = kind, mark.offset >= 0, mark.offset < lines.bytes.count, Self.isControl(lines.bytes, at: mark.offset) {
            let scalar = String(decoding: lines.bytes[mark.offset...].prefix(3), as: UTF8.self).unicodeScalars.first ?? " "
            return Messages.controlCharacter(Character(scalar))
        }
        return message
    }

    /// Where to send the learner's eyes.
    public var focus: Mark {
        guard let open = contextMark else { return mark }
        switch kind {
        case .unclosedQuote, .unexpectedEndOfStream: return open
        case .expectedFlowSequenceEnd, .expectedFlowMappingEnd: return mark.offset < open.offset ? mark : open
        default: return mark
        }
    }

    /// The short form for lists of errors: `web.yaml:5:17: error: mensaje`.
    public var summary: String { "\(focus): error: \(message)" }

    /// The full block: header, source line, caret, kubectl's words and a hint. Ends in a newline.
    public func rendered(source: [UInt8]) -> String {
        let lines = SourceLines(source)
        let at = focus
        var out = "\(at): error: \(message(lines))\n"
        let number = String(at.line)
        let blank = String(repeating: " ", count: number.count)
        let (text, caret) = Self.display(lines.text(ofLine: at.line) ?? "", column: at.column)
        out += "    \(number) |" + (text.isEmpty ? "" : " " + text) + "\n"
        out += "    \(blank) | " + String(repeating: " ", count: caret) + "^\n"
        if let kubectl = kubectlMessage(source: source) {
            out += "  kubectl: " + kubectl.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ") + "\n"
        }
        if let hint = hint(lines) {
            out += "  pista: " + hint + "\n"
        }
        return out
    }

    /// Renders several errors of one source, separated by blank lines.
    public static func rendered(_ errors: [YAMLError], source: [UInt8]) -> String {
        errors.map { $0.rendered(source: source) }.joined(separator: "\n")
    }

    static let tabWidth = 4
    static let maxWidth = 100

    /// The line as shown and the caret's offset in it, for a 1-based scalar column.
    static func display(_ text: String, column: Int) -> (String, Int) {
        var cells: [String] = []
        var caret: Int?
        var index = 0
        for scalar in text.unicodeScalars {
            if index == column - 1 { caret = cells.count }
            index += 1
            switch scalar {
            case "\t":
                cells.append("→")
                while cells.count % tabWidth != 0 { cells.append(" ") }
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                cells.append("\u{FFFD}")
            default:
                cells.append(String(scalar))
            }
        }
        var at = caret ?? cells.count + max(column - 1 - index, 0)
        guard cells.count > maxWidth else { return (cells.joined(), at) }
        var start = 0
        if at > maxWidth * 3 / 4 {
            start = min(at - maxWidth / 2, cells.count - maxWidth + 1)
            cells.replaceSubrange(0..<start, with: ["…"])
            at -= start - 1
        }
        if cells.count > maxWidth {
            cells.replaceSubrange(maxWidth - 1..<cells.count, with: ["…"])
        }
        return (cells.joined(), at)
    }
}
