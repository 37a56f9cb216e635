/// A specific hint for the mistakes learners make most, found from the error's kind *and*
/// the shape of the source line: a tab in the indentation, a key one space off, `image:nginx`,
/// `image: nginx: latest`, a `-` at the wrong level, an unclosed quote or bracket, a repeated
/// key. Most specific first; nil when nothing useful can be said.
extension YAMLError {
    public func hint(source: [UInt8]) -> String? {
        hint(SourceLines(source))
    }

    func hint(_ lines: SourceLines) -> String? {
        let line = lines.text(ofLine: mark.line) ?? ""
        switch kind {
        case .invalidUTF8: return Messages.hintInvalidUTF8
        case .inputTooLarge(let limit): return Messages.hintInputTooLarge(limit)
        case .depthExceeded(let limit): return Messages.hintDepth(limit)
        case .tooManyDocuments: return Messages.hintTooManyDocuments
        case .aliasExpansionExceeded: return Messages.hintAliasExpansion
        case .duplicateKey(let key, let first): return Messages.hintDuplicateKey(key, line: first.line, column: first.column)
        case .unclosedQuote(let q):
            let open = contextMark ?? mark
            return Messages.hintUnclosedQuote(q, line: open.line, column: open.column)
        case .invalidEscape: return Messages.hintEscape
        case .undefinedAlias(let name): return Messages.hintUndefinedAlias(name)
        case .reservedIndicator, .unexpectedCharacter:
            return Self.hasLeadingTab(line) ? Messages.hintTab : Messages.hintQuoteSpecial
        case .commentWithoutSpace: return Messages.hintCommentSpace
        case .invalidDocumentMarker: return Messages.hintDocumentMarker
        case .invalidBlockScalarHeader: return Messages.hintBlockScalar
        case .tabIndentation: return Messages.hintTab
        case .expectedFlowSequenceEnd, .expectedFlowMappingEnd, .unexpectedEndOfStream:
            if let h = unclosedHint(lines) { return h }
        default: break
        }
        if Self.hasLeadingTab(line) { return Messages.hintTab }
        if let open = openingAbove(lines) {
            switch open.character {
            case "[": return Messages.hintUnclosedBracket("[", close: "]", line: open.line, column: open.column)
            case "{": return Messages.hintUnclosedBracket("{", close: "}", line: open.line, column: open.column)
            default: return Messages.hintUnclosedQuote(open.character, line: open.line, column: open.column)
            }
        }
        if case .mappingValuesNotAllowed = kind, let h = Self.colonInValueHint(line) { return h }
        if let h = missingSpaceHint(lines) { return h }
        if let h = dashHint(lines, line) { return h }
        if let h = indentationHint(lines, line) { return h }
        switch kind {
        case .expectedNodeContent: return Messages.hintMissingValue
        case .expectedColon, .multilineImplicitKey: return Messages.hintMissingColon
        default: return nil
        }
    }

    /// A quote or bracket left open on the content line above, for the errors our parser
    /// raises when a multi-line quoted scalar or flow collection runs on.
    func openingAbove(_ lines: SourceLines) -> SourceLines.Opening? {
        switch kind {
        case .invalidIndentation, .expectedKey, .mappingValuesNotAllowed, .expectedColon, .multilineImplicitKey,
             .unexpectedEndOfStream, .expectedNodeContent:
            guard let above = lines.previousContentLine(before: mark.line) else { return nil }
            return lines.unclosedOpening(onLine: above.number)
        default:
            return nil
        }
    }

    static func hasLeadingTab(_ line: String) -> Bool {
        line.unicodeScalars.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t")
    }

    /// `image: nginx: latest` → quote the value.
    static func colonInValueHint(_ line: String) -> String? {
        let body = line.drop(while: { $0 == " " })
        let item = body.hasPrefix("- ") ? body.dropFirst(2) : body
        guard let first = item.firstRange(of: ": ") else { return nil }
        let key = item[..<first.lowerBound]
        let value = item[first.upperBound...].trimmingSuffix(while: { $0 == " " })
        guard !key.isEmpty, !value.isEmpty, value.contains(":"),
              !key.contains("\""), !key.contains("'"), !value.hasPrefix("\""), !value.hasPrefix("'") else { return nil }
        return Messages.hintQuoteValue(key: String(key), value: String(value))
    }

    /// `image:nginx` on the error line or the line above.
    func missingSpaceHint(_ lines: SourceLines) -> String? {
        let structural: Bool
        switch kind {
        case .mappingValuesNotAllowed, .expectedKey, .expectedColon, .multilineImplicitKey, .invalidIndentation,
             .blockSequenceEntriesNotAllowed, .expectedNodeContent, .expectedSequenceEntry:
            structural = true
        default: structural = false
        }
        guard structural else { return nil }
        var candidates: [String] = []
        if let t = lines.text(ofLine: mark.line) { candidates.append(t) }
        if let p = lines.previousContentLine(before: mark.line) { candidates.append(p.text) }
        for text in candidates {
            let body = text.drop(while: { $0 == " " })
            let item = body.hasPrefix("- ") ? body.dropFirst(2) : body
            let token = item.prefix { $0 != " " && $0 != "#" }
            guard let colon = token.firstIndex(of: ":") else { continue }
            let key = token[..<colon]
            let after = token[token.index(after: colon)...]
            guard !key.isEmpty, let next = after.first, next != ":", next != "/", next != "\"", next != "'",
                  key.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }),
                  !key.allSatisfy(\.isNumber) else { continue }
            // `image:nginx` is wrong; `nginx:1.25` as a *value* (after "image: ") is fine and
            // never reaches here, because `token` is the first word of the line.
            return Messages.hintMissingSpace(written: String(token), fixed: "\(key): \(after)")
        }
        return nil
    }

    /// A `-` at the wrong place.
    func dashHint(_ lines: SourceLines, _ line: String) -> String? {
        switch kind {
        case .blockSequenceEntriesNotAllowed, .expectedSequenceEntry, .expectedKey, .invalidIndentation: break
        default: return nil
        }
        let indent = line.prefix(while: { $0 == " " }).count
        let body = line.dropFirst(indent)
        if case .blockSequenceEntriesNotAllowed = kind, body.contains(": -") || body.hasSuffix(":-") {
            return Messages.hintDashSameLine
        }
        guard body == "-" || body.hasPrefix("- ") else { return nil }
        var n = mark.line - 1
        while n >= 1, n >= mark.line - 30 {
            if let t = lines.text(ofLine: n), let i = SourceLines.indentation(t) {
                let b = t.dropFirst(i)
                if b == "-" || b.hasPrefix("- ") {
                    if i != indent { return Messages.hintDashColumn(column: indent + 1, firstLine: n, firstColumn: i + 1) }
                } else if i <= indent { break }
            }
            n -= 1
        }
        return Messages.hintDashLevel
    }

    /// A line one space off its siblings.
    func indentationHint(_ lines: SourceLines, _ line: String) -> String? {
        switch kind {
        case .expectedKey, .invalidIndentation, .mappingValuesNotAllowed, .expectedColon, .multilineImplicitKey,
             .blockSequenceEntriesNotAllowed, .expectedSequenceEntry:
            break
        default: return nil
        }
        guard let indent = SourceLines.indentation(line) else { return nil }
        var n = mark.line - 1
        while n >= 1, n >= mark.line - 30 {
            if let t = lines.text(ofLine: n), let i = SourceLines.indentation(t) {
                if abs(i - indent) == 1 { return Messages.hintIndentOffByOne(column: indent + 1, siblingLine: n, siblingColumn: i + 1) }
                if i < indent - 1 { return nil }
            }
            n -= 1
        }
        return nil
    }

    /// `[` or `{` (or a quote) that never closes: point at the opening.
    func unclosedHint(_ lines: SourceLines) -> String? {
        guard let open = contextMark, let c = openingCharacter(lines) else { return nil }
        switch c {
        case "[": return Messages.hintUnclosedBracket("[", close: "]", line: open.line, column: open.column)
        case "{": return Messages.hintUnclosedBracket("{", close: "}", line: open.line, column: open.column)
        case "\"", "'": return Messages.hintUnclosedQuote(c, line: open.line, column: open.column)
        default: return nil
        }
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var s = self
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return s
    }
}
