/// A position inside the scanner: byte offset into the (BOM-less) buffer and the
/// 0-based line and column. Turned into a public `Mark` when an event is made.
struct Position: Equatable {
    var offset: Int
    var line: Int
    var column: Int
}

/// The scanner's tokens (YAML 1.2 §§6–9; the same set libyaml's `yaml_token_type_t` has).
enum TokenKind {
    case streamStart, streamEnd
    case versionDirective(major: Int, minor: Int)
    case tagDirective(handle: String, prefix: String)
    case reservedDirective
    case documentStart, documentEnd
    case blockSequenceStart, blockMappingStart, blockEnd
    case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
    case blockEntry, flowEntry, key, value
    case alias(String)
    case anchor(String)
    /// `handle` is "" for a verbatim tag (`!<...>`), whose whole URI is in `suffix`.
    case tag(handle: String, suffix: String)
    case scalar(String, ScalarStyle)
}

struct Token {
    var kind: TokenKind
    var start: Position
    var end: Position
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
