/// What kubectl would print for the same mistake, so a learner can recognise it later.
///
/// kubectl reads manifests with k8s.io/apimachinery/pkg/util/yaml (`YAMLReader` cuts the file
/// at `---` lines, see `SourceLines.kubectlChunk`), converts each chunk with sigs.k8s.io/yaml
/// (`yaml.go`: "error converting YAML to JSON: %w"), which calls gopkg.in/yaml.v2; the
/// resource builder adds "error parsing <file>: " (k8s.io/cli-runtime/pkg/resource/visitor.go,
/// `StreamVisitor.Visit`) and kubectl's error handler "error: ".
///
/// The problem texts are go-yaml v2's, from `readerc.go`, `scannerc.go`, `parserc.go` and
/// `decode.go` (github.com/go-yaml/yaml, branch v2). The line number follows yaml.v2
/// `decode.go`, `(*parser).fail`:
///
///     if problem_mark.line != 0 { line = problem_mark.line; if scanner error { line++ } }
///     else if context_mark.line != 0 { line = context_mark.line }
///     if line != 0 { where = "line N: " }
///
/// Marks there are 0-based, so a *parser* error reports the 0-based line (one less than
/// an editor shows) and a *scanner* error the 1-based line; a problem on the first line of
/// a chunk falls back to the context line, and without one prints no line at all. The
/// stage that matters is go-yaml's, not ours: our parser may find a problem that libyaml's
/// scanner would have found, so every entry below names go-yaml's stage.
extension YAMLError {
    enum GoStage { case reader, scanner, parser, decoder }

    /// Where go-yaml's problem mark falls for a kind of error.
    enum GoPosition {
        /// At the error's own mark.
        case mark
        /// At the end of the chunk, as a quoted scalar running off the end sees it.
        case chunkEnd
        /// At the STREAM-END token (end of the chunk, moved to a new line).
        case streamEnd
        /// At the first token after the key's line: where libyaml notices a stale
        /// simple key (`yaml_parser_stale_simple_keys`).
        case nextToken
    }

    struct GoProblem {
        var text: String
        var stage: GoStage
        var position: GoPosition = .mark
    }

    /// The full line kubectl prints for this error, or nil when go-yaml has no counterpart
    /// (our own limits, or things go-yaml accepts).
    public func kubectlMessage(source: [UInt8]) -> String? {
        let lines = SourceLines(source)
        guard let problem = goProblem(lines) else { return nil }
        let name = mark.file.isEmpty || mark.file == "-" ? "STDIN" : mark.file
        return "error: error parsing \(name): error converting YAML to JSON: yaml: " + goMessage(problem, lines)
    }

    /// go-yaml's error text after "yaml: ", e.g. "line 4: mapping values are not allowed in this context".
    func goMessage(_ problem: GoProblem, _ lines: SourceLines) -> String {
        let anchor = problem.position == .nextToken ? (contextMark ?? mark) : mark
        let chunk = lines.kubectlChunk(containing: anchor.line)
        func relative0(_ line: Int) -> Int { max(line - chunk.first, 0) }
        switch problem.stage {
        case .reader:
            return problem.text
        case .decoder:
            return problem.text
        case .scanner, .parser:
            let problem0: Int
            switch problem.position {
            case .mark: problem0 = relative0(mark.line)
            case .chunkEnd: problem0 = lines.chunkEndLine0(chunk, forceNewLine: false)
            case .streamEnd: problem0 = lines.chunkEndLine0(chunk, forceNewLine: true)
            case .nextToken:
                if let next = lines.nextContentLine(after: anchor.line, within: chunk) {
                    problem0 = relative0(next)
                } else {
                    // At the end, `yaml_parser_fetch_stream_end` first moves the mark to a
                    // new line, then `yaml_parser_remove_simple_key` fails.
                    problem0 = lines.chunkEndLine0(chunk, forceNewLine: true)
                }
            }
            let context0 = relative0((contextMark ?? anchor).line)
            var line = 0
            if problem0 != 0 {
                line = problem0 + (problem.stage == .scanner ? 1 : 0)
            } else if context0 != 0 {
                line = context0
            }
            return (line != 0 ? "line \(line): " : "") + problem.text
        }
    }

    /// go-yaml's problem for each kind that has one.
    func goProblem(_ lines: SourceLines) -> GoProblem? {
        let lineText = lines.text(ofLine: mark.line) ?? ""
        switch kind {
        case .invalidUTF8:
            return GoProblem(text: Self.utf8Problem(lines.bytes, from: mark.offset), stage: .reader)
        case .inputTooLarge, .depthExceeded, .tooManyDocuments, .commentWithoutSpace, .invalidDocumentMarker:
            return nil
        case .tabIndentation:
            // A tab among the leading blanks is not skipped in block context, so the scanner
            // stops on it (`yaml_parser_fetch_next_token`); a tab inside a plain scalar's
            // continuation gets the dedicated message (`yaml_parser_scan_plain_scalar`).
            let before = lineText.unicodeScalars.prefix(max(mark.column - 1, 0))
            let leading = before.allSatisfy { $0 == " " || $0 == "\t" }
            return GoProblem(text: leading ? "found character that cannot start any token" : "found a tab character that violates indentation", stage: .scanner)
        case .mappingValuesNotAllowed:
            return GoProblem(text: "mapping values are not allowed in this context", stage: .scanner)
        case .blockSequenceEntriesNotAllowed:
            return GoProblem(text: "block sequence entries are not allowed in this context", stage: .scanner)
        case .unclosedQuote:
            return GoProblem(text: "found unexpected end of stream", stage: .scanner, position: .chunkEnd)
        case .invalidEscape(let escape):
            let hex = escape.first.map { "xuU".contains($0) } ?? false
            return GoProblem(text: hex ? "did not find expected hexdecimal number" : "found unknown escape character", stage: .scanner)
        case .invalidBlockScalarHeader:
            let zero = lineText.contains("|0") || lineText.contains(">0") || lineText.contains("-0") || lineText.contains("+0")
            return GoProblem(text: zero ? "found an indentation indicator equal to 0" : "did not find expected comment or line break", stage: .scanner)
        case .invalidIndentation, .expectedKey:
            // libyaml lets quoted scalars and flow collections run over lines whatever their
            // indentation, and fails only at the end of the chunk.
            switch openingAbove(lines)?.character {
            case "\"", "'": return GoProblem(text: "found unexpected end of stream", stage: .scanner, position: .chunkEnd)
            case "[": return GoProblem(text: "did not find expected ',' or ']'", stage: .parser, position: .streamEnd)
            case "{": return GoProblem(text: "did not find expected ',' or '}'", stage: .parser, position: .streamEnd)
            default: return GoProblem(text: "did not find expected key", stage: .parser)
            }
        case .invalidAnchor:
            return GoProblem(text: "did not find expected alphabetic or numeric character", stage: .scanner)
        case .invalidTag:
            return GoProblem(text: "did not find expected whitespace or line break", stage: .scanner)
        case .undefinedTagHandle:
            return GoProblem(text: "found undefined tag handle", stage: .parser)
        case .invalidDirective:
            let name = lineText.dropFirst().prefix { !$0.isWhitespace }
            return name == "YAML" || name == "TAG" ? nil : GoProblem(text: "found unknown directive name", stage: .scanner)
        case .reservedIndicator, .unexpectedCharacter:
            return GoProblem(text: "found character that cannot start any token", stage: .scanner)
        case .multilineImplicitKey, .implicitKeyTooLong, .expectedColon:
            return GoProblem(text: "could not find expected ':'", stage: .scanner, position: .nextToken)
        case .expectedSequenceEntry:
            return GoProblem(text: "did not find expected '-' indicator", stage: .parser)
        case .expectedNodeContent, .unexpectedFlowEnd:
            return GoProblem(text: "did not find expected node content", stage: .parser)
        case .expectedFlowSequenceEnd:
            return GoProblem(text: "did not find expected ',' or ']'", stage: .parser)
        case .expectedFlowMappingEnd:
            return GoProblem(text: "did not find expected ',' or '}'", stage: .parser)
        case .expectedDocumentStart, .trailingContent:
            return GoProblem(text: "did not find expected <document start>", stage: .parser)
        case .duplicateDirective:
            let tag = lineText.hasPrefix("%TAG")
            return GoProblem(text: tag ? "found duplicate %TAG directive" : "found duplicate %YAML directive", stage: .parser)
        case .unexpectedEndOfStream:
            switch openingCharacter(lines) {
            case "\"", "'": return GoProblem(text: "found unexpected end of stream", stage: .scanner, position: .chunkEnd)
            case "[": return GoProblem(text: "did not find expected ',' or ']'", stage: .parser, position: .streamEnd)
            case "{": return GoProblem(text: "did not find expected ',' or '}'", stage: .parser, position: .streamEnd)
            default: return GoProblem(text: "did not find expected node content", stage: .parser, position: .streamEnd)
            }
        case .undefinedAlias(let name):
            return GoProblem(text: "unknown anchor '\(name)' referenced", stage: .decoder)
        case .duplicateKey:
            // `kubectl apply -f` decodes with sigs.k8s.io/yaml's non-strict path: the last
            // value wins and nothing is printed (kubernetes/kubernetes#99286, #125885). The
            // course rejects it anyway; the hint says what kubectl would (not) do.
            return nil
        case .unsupportedKey, .unsupportedValue:
            // Raised by sigs.k8s.io/yaml's JSON conversion, not by go-yaml; the Spanish
            // message quotes Go's text where it is known.
            return nil
        case .aliasExpansionExceeded:
            return GoProblem(text: "document contains excessive aliasing", stage: .decoder)
        case .invalidValue(let tag, let value):
            return GoProblem(text: "cannot decode \(Self.resolvedShortTag(value)) `\(value)` as a \(Self.shortTag(tag))", stage: .decoder)
        }
    }

    /// The character at the context mark (where an unclosed construct opened), if any.
    func openingCharacter(_ lines: SourceLines) -> Character? {
        guard let c = contextMark, c.offset >= 0, c.offset < lines.bytes.count else { return nil }
        return Character(Unicode.Scalar(lines.bytes[c.offset]))
    }

    /// readerc.go's text for the first bad UTF-8 sequence at or after `offset`
    /// (`yaml_parser_update_buffer`).
    static func utf8Problem(_ bytes: [UInt8], from offset: Int) -> String {
        if offset >= 0, offset < bytes.count, isControl(bytes, at: offset) { return "control characters are not allowed" }
        func check(_ i: Int) -> String? {
            let b = bytes[i]
            let width = b & 0x80 == 0 ? 1 : b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 0
            if width == 0 { return "invalid leading UTF-8 octet" }
            if width == 1 { return nil }
            if i + width > bytes.count { return "incomplete UTF-8 octet sequence" }
            var value = UInt32(b) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
            for k in 1..<width {
                let t = bytes[i + k]
                if t & 0xC0 != 0x80 { return "invalid trailing UTF-8 octet" }
                value = value << 6 | UInt32(t & 0x3F)
            }
            if width == 2 && value < 0x80 || width == 3 && value < 0x800 || width == 4 && value < 0x10000 {
                return "invalid length of a UTF-8 sequence"
            }
            if (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { return "invalid Unicode character" }
            return nil
        }
        let start = min(max(offset, 0), bytes.count)
        for range in [start..<bytes.count, 0..<start] {
            for i in range { if let p = check(i) { return p } }
        }
        return "invalid leading UTF-8 octet"
    }

    /// A valid UTF-8 character that YAML does not allow (C0/C1 controls, DEL, U+FFFE/U+FFFF).
    static func isControl(_ bytes: [UInt8], at i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F }
        if b == 0xC2, i + 1 < bytes.count { return (0x80...0x9F).contains(bytes[i + 1]) && bytes[i + 1] != 0x85 }
        if b == 0xEF, i + 2 < bytes.count { return bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF) }
        return false
    }

    /// `tag:yaml.org,2002:int` → `!!int`.
    static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// The tag yaml.v2's resolve.go would give a plain scalar, roughly (enough to name it).
    static func resolvedShortTag(_ value: String) -> String {
        if ["", "~", "null", "Null", "NULL"].contains(value) { return "!!null" }
        let bools = ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
                     "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"]
        if bools.contains(value) { return "!!bool" }
        if Int(value) != nil { return "!!int" }
        if Double(value) != nil { return "!!float" }
        return "!!str"
    }

    /// Go's `%#v` of a string.
    func goQuoted(_ s: String) -> String { goQuote(s) }
}
