import Testing
@testable import YAML

/// The renderer, driven by hand-built errors (independent of the parser): exact layout for
/// one case, kubectl's line rule, and the hint chosen for each common learner mistake.
@Suite struct RenderTests {
    func at(_ line: Int, _ column: Int, _ source: String, file: String = "web.yaml") -> Mark {
        // The byte offset of (line, column), for errors whose rendering looks at it.
        var offset = 0
        var l = 1
        let bytes = Array(source.utf8)
        while l < line, offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") { l += 1 }
            offset += 1
        }
        return Mark(file: file, line: line, column: column, offset: offset + column - 1)
    }

    func render(_ kind: YAMLError.Kind, _ line: Int, _ column: Int, _ source: String, stage: YAMLError.Stage = .parser,
                context: (Int, Int)? = nil, file: String = "web.yaml") -> String {
        let error = YAMLError(kind, at: at(line, column, source, file: file), stage: stage,
                              contextMark: context.map { at($0.0, $0.1, source, file: file) })
        return error.rendered(source: Array(source.utf8))
    }

    @Test func exactLayout() {
        let source = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    image: nginx: latest\n"
        let expected = """
        web.yaml:5:17: error: aquí no puede haber un «:» de clave y valor
            5 |     image: nginx: latest
              |                 ^
          kubectl: error: error parsing web.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context
          pista: el valor «nginx: latest» contiene «: », y YAML lo lee como otra clave. Ponlo entre comillas: image: "nginx: latest"

        """
        #expect(render(.mappingValuesNotAllowed, 5, 17, source, stage: .scanner) == expected)
    }

    @Test func parserErrorsReportTheZeroBasedLine() {
        let source = "spec:\n  replicas: 3\n selector:\n    app: web\n"
        let out = render(.expectedKey, 3, 2, source)
        #expect(out.contains("yaml: line 2: did not find expected key"))
        #expect(out.contains("columna 2") && out.contains("línea 2") && out.contains("la 3"))
    }

    @Test func scannerErrorsOnTheFirstLineHaveNoLineNumber() {
        // yaml.v2 decode_test.go: "value: -" → "yaml: block sequence entries are not allowed in this context".
        let out = render(.blockSequenceEntriesNotAllowed, 1, 8, "value: - a\n", stage: .scanner)
        #expect(out.contains("converting YAML to JSON: yaml: block sequence entries are not allowed in this context\n"))
        #expect(out.contains("misma línea que su clave"))
    }

    @Test func linesCountFromKubectlsDocumentChunk() {
        let source = "a: 1\n---\nb: 2\nc: d: e\n"
        let out = render(.mappingValuesNotAllowed, 4, 5, source, stage: .scanner)
        #expect(out.hasPrefix("web.yaml:4:5: error:"))
        #expect(out.contains("yaml: line 2: mapping values are not allowed in this context"))
    }

    @Test func tabInIndentation() {
        let source = "spec:\n\treplicas: 3\n"
        let out = render(.tabIndentation, 2, 1, source, stage: .scanner)
        #expect(out.contains("    2 | →   replicas: 3\n      | ^\n"))
        #expect(out.contains("yaml: line 2: found character that cannot start any token"))
        #expect(out.contains("tabuladores"))
    }

    @Test func caretLinesUpAfterTabs() {
        let (text, caret) = YAMLError.display("\tkey:\tvalue", column: 6)
        #expect(text == "→   key:→   value")
        #expect(caret == 8)
        let (_, end) = YAMLError.display("ab", column: 4)
        #expect(end == 3)
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let line = String(repeating: "x", count: 300) + ":"
        let (text, caret) = YAMLError.display(line, column: 301)
        #expect(text.count <= YAMLError.maxWidth)
        #expect(text.hasPrefix("…"))
        #expect(Array(text)[caret] == ":")
    }

    @Test func missingSpaceAfterColon() {
        let source = "metadata:\n  name:web\n  labels: {}\n"
        let out = render(.expectedColon, 2, 3, source, stage: .scanner)
        #expect(out.contains("yaml: line 3: could not find expected ':'"))
        #expect(out.contains("«name:web»") && out.contains("«name: web»"))
    }

    @Test func unclosedQuotePointsAtTheOpening() {
        let source = "msg: \"hola\nnext: 1\n"
        let out = render(.unclosedQuote("\""), 3, 1, source, stage: .scanner, context: (1, 6))
        #expect(out.hasPrefix("web.yaml:1:6: error: la comilla «\"» se abre pero nunca se cierra\n"))
        #expect(out.contains("    1 | msg: \"hola\n      |      ^\n"))
        #expect(out.contains("yaml: line 3: found unexpected end of stream"))
        #expect(out.contains("línea 1, columna 6"))
    }

    @Test func unclosedBracketPointsAtTheOpening() {
        let source = "ports: [80, 443\n"
        let out = render(.unexpectedEndOfStream, 2, 1, source, context: (1, 8))
        #expect(out.hasPrefix("web.yaml:1:8: error:"))
        #expect(out.contains("yaml: line 1: did not find expected ',' or ']'"))
        #expect(out.contains("«[» de la línea 1, columna 8"))
    }

    @Test func quoteLeftOpenOnTheLineAbove() {
        // Our parser notices the runaway quoted scalar at the next line's indentation;
        // libyaml only at the end of the chunk.
        let source = "msg: \"hola\nnext: 1\n"
        let out = render(.invalidIndentation, 2, 1, source)
        #expect(out.contains("yaml: line 3: found unexpected end of stream"))
        #expect(out.contains("línea 1, columna 6"))
        let bracket = render(.invalidIndentation, 2, 1, "ports: [80, 443\nx: 1\n")
        #expect(bracket.contains("yaml: line 2: did not find expected ',' or ']'"))
        #expect(bracket.contains("«[» de la línea 1, columna 8"))
        #expect(SourceLines(Array("say: 'it''s [ok' # [x\n".utf8)).unclosedOpening(onLine: 1) == nil)
    }

    @Test func controlCharactersAreNamed() {
        let bytes = Array("a: \u{7}\n".utf8)
        let error = YAMLError(.invalidUTF8, at: Mark(file: "a.yaml", line: 1, column: 4, offset: 3), stage: .reader)
        let out = error.rendered(source: bytes)
        #expect(out.contains("carácter de control (U+0007)"))
        #expect(out.contains("yaml: control characters are not allowed"))
    }

    @Test func duplicateKeySaysWhereTheFirstOneWas() {
        let source = "metadata:\n  name: a\n  labels: {}\n  name: b\n"
        let first = at(2, 3, source)
        let out = render(.duplicateKey("name", first: first), 4, 3, source, stage: .composer)
        #expect(out.contains("la clave «name» está repetida"))
        // `kubectl apply -f` accepts it silently (last value wins): no kubectl line, and the
        // hint says so, with kustomize's wording for `apply -k`.
        #expect(!out.contains("kubectl: error"))
        #expect(out.contains("mapping key \"name\" already defined at line 2"))
        #expect(out.contains("línea 2, columna 3"))
    }

    @Test func invalidUTF8NamesTheReaderProblem() {
        let bytes: [UInt8] = Array("a: ".utf8) + [0xFF] + Array("\n".utf8)
        let error = YAMLError(.invalidUTF8, at: Mark(file: "web.yaml", line: 1, column: 4, offset: 3), stage: .reader)
        let out = error.rendered(source: bytes)
        #expect(out.contains("yaml: invalid leading UTF-8 octet\n"))
        #expect(out.contains("UTF-8"))
        #expect(YAMLError.utf8Problem([0x61, 0xE2, 0x82], from: 0) == "incomplete UTF-8 octet sequence")
        #expect(YAMLError.utf8Problem([0xC3, 0x41], from: 0) == "invalid trailing UTF-8 octet")
        #expect(YAMLError.utf8Problem([0xC0, 0x80], from: 0) == "invalid length of a UTF-8 sequence")
        #expect(YAMLError.utf8Problem([0xED, 0xA0, 0x80], from: 0) == "invalid Unicode character")
    }

    @Test func limitsHaveNoKubectlCounterpart() {
        let out = render(.inputTooLarge(limit: 64 << 20), 1, 1, "a: 1\n", stage: .reader)
        #expect(out.contains("64 MiB"))
        #expect(!out.contains("kubectl:"))
        #expect(render(.depthExceeded(limit: 512), 1, 1, "[[[\n").contains("512"))
    }

    @Test func dashAtTheWrongColumn() {
        let source = "ports:\n    - 80\n  - 443\n"
        let out = render(.expectedKey, 3, 3, source)
        #expect(out.contains("yaml: line 2: did not find expected key"))
        #expect(out.contains("columna 3") && out.contains("línea 2 está en la 5"))
    }

    @Test func undefinedAliasAndStdin() {
        let out = render(.undefinedAlias("base"), 1, 4, "a: *base\n", stage: .composer, file: "-")
        #expect(out.contains("error parsing STDIN: error converting YAML to JSON: yaml: unknown anchor 'base' referenced"))
        #expect(out.contains("&base"))
    }

    @Test func summaryIsOneLine() {
        let error = YAMLError(.expectedNodeContent, at: Mark(file: "a.yaml", line: 3, column: 7, offset: 20), stage: .parser)
        #expect(error.summary == "a.yaml:3:7: error: falta un valor aquí")
        #expect(!error.summary.contains("\n"))
    }

    @Test func everyKindHasASpanishMessage() {
        let m = Mark()
        let kinds: [YAMLError.Kind] = [
            .invalidUTF8, .inputTooLarge(limit: 10), .tabIndentation, .mappingValuesNotAllowed,
            .blockSequenceEntriesNotAllowed, .unclosedQuote("'"), .invalidEscape("q"), .invalidBlockScalarHeader,
            .invalidIndentation, .invalidAnchor, .invalidTag, .undefinedTagHandle("!e!"), .invalidDirective,
            .reservedIndicator("@"), .commentWithoutSpace, .multilineImplicitKey, .implicitKeyTooLong,
            .unexpectedCharacter("\u{7}"), .invalidDocumentMarker, .expectedKey, .expectedSequenceEntry,
            .expectedNodeContent, .expectedColon, .expectedFlowSequenceEnd, .expectedFlowMappingEnd,
            .unexpectedFlowEnd("]"), .expectedDocumentStart, .duplicateDirective, .unexpectedEndOfStream,
            .trailingContent, .depthExceeded(limit: 1), .tooManyDocuments(limit: 1), .undefinedAlias("a"),
            .duplicateKey("k", first: m), .aliasExpansionExceeded(limit: 1),
            .invalidValue(tag: "tag:yaml.org,2002:int", value: "x"),
        ]
        for kind in kinds {
            let out = YAMLError(kind, at: m, stage: .parser).rendered(source: Array("a: b\n".utf8))
            #expect(out.hasPrefix("1:1: error: "))
            #expect(!Messages.message(kind).isEmpty)
        }
        #expect(Messages.quoted("\u{7}") == "U+0007")
    }
}
