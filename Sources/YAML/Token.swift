/// A position inside the scanner: byte offset into the (BOM-less) buffer and the
/// 0-based line and column. Turned into a public `Mark` when an event is made.
/// Stored as three 32-bit numbers (inputs are capped below 2 GiB by `SourceBuffer`), so
/// tokens and events stay small.
struct Position: Equatable {
    private var storedOffset: Int32
    private var storedLine: Int32
    private var storedColumn: Int32
    var offset: Int { Int(storedOffset) }
    var line: Int { Int(storedLine) }
    var column: Int { Int(storedColumn) }
    init(offset: Int, line: Int, column: Int) {
        self.storedOffset = Int32(truncatingIfNeeded: offset)
        self.storedLine = Int32(truncatingIfNeeded: line)
        self.storedColumn = Int32(truncatingIfNeeded: column)
    }
}

/// The scanner's tokens (YAML 1.2 §§6–9; the same set libyaml's `yaml_token_type_t` has).
enum TokenKind: UInt8 {
    case streamStart, streamEnd
    case versionDirective, tagDirective, reservedDirective
    case documentStart, documentEnd
    case blockSequenceStart, blockMappingStart, blockEnd
    case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
    case blockEntry, flowEntry, key, value
    case alias, anchor, tag, scalar
}

/// A token is plain data (no references), cheap to queue and copy. Its text is either a
/// span of the source (`spanStart`, `spanLength`: most scalars, anchors and aliases, which
/// need no processing) or, when processing changed it (escapes, folding), the scanner's
/// `texts[textIndex]`, valid until the token queue next runs empty.
/// Tags and %TAG directives keep the handle at `textIndex` and the suffix or prefix at
/// `textIndex + 1`; %YAML keeps its version in `spanStart` (major) and `spanLength` (minor).
struct Token {
    var kind: TokenKind
    var style: ScalarStyle = .plain
    var start: Position
    var end: Position
    private var storedSpanStart: Int32 = 0
    private var storedSpanLength: Int32 = 0
    private var storedTextIndex: Int32 = -1
    var spanStart: Int {
        get { Int(storedSpanStart) }
        set { storedSpanStart = Int32(truncatingIfNeeded: newValue) }
    }
    var spanLength: Int {
        get { Int(storedSpanLength) }
        set { storedSpanLength = Int32(truncatingIfNeeded: newValue) }
    }
    var textIndex: Int {
        get { Int(storedTextIndex) }
        set { storedTextIndex = Int32(truncatingIfNeeded: newValue) }
    }

    init(kind: TokenKind, start: Position, end: Position) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// A token whose text is the source bytes `[spanStart, spanStart + spanLength)`.
    init(_ kind: TokenKind, style: ScalarStyle = .plain, start: Position, end: Position, span: Int, length: Int) {
        self.init(kind: kind, start: start, end: end)
        self.style = style
        self.spanStart = span
        self.spanLength = length
    }

    /// A token whose text had to be built and was stored at `textIndex`.
    init(_ kind: TokenKind, style: ScalarStyle = .plain, start: Position, end: Position, textIndex: Int) {
        self.init(kind: kind, start: start, end: end)
        self.style = style
        self.textIndex = textIndex
    }
}

/// A place where an implicit key may start (libyaml's `yaml_simple_key_t`).
struct SimpleKey {
    var possible = false
    var required = false
    var tokenNumber = 0
    var mark = Position(offset: 0, line: 0, column: 0)
    /// The key stands after a tab used as indentation.
    var tabIndented = false
}
