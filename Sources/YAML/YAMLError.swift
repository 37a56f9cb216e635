/// Everything that can go wrong reading YAML. Cases carry what the message needs; the
/// mark says where. Tests assert on `kind`; `YAMLError+Render.swift` turns an error into
/// the Spanish message, kubectl's own wording and a hint.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The layer that found the problem. go-yaml (and so kubectl) numbers lines
    /// differently for scanner and parser errors; the renderer needs to know which.
    public enum Stage: Sendable, Hashable {
        case reader, scanner, parser, composer, resolver
    }

    public enum Kind: Sendable, Hashable {
        // Reader
        case invalidUTF8
        case inputTooLarge(limit: Int)
        // Scanner
        case tabIndentation
        case mappingValuesNotAllowed
        case blockSequenceEntriesNotAllowed
        case unclosedQuote(Character)
        case invalidEscape(String)
        case invalidBlockScalarHeader
        case invalidIndentation
        case invalidAnchor
        case invalidTag
        case undefinedTagHandle(String)
        case invalidDirective
        case reservedIndicator(Character)
        case commentWithoutSpace
        case multilineImplicitKey
        case implicitKeyTooLong
        case unexpectedCharacter(Character)
        case invalidDocumentMarker
        // Parser
        case expectedKey
        case expectedSequenceEntry
        case expectedNodeContent
        case expectedColon
        case expectedFlowSequenceEnd
        case expectedFlowMappingEnd
        case unexpectedFlowEnd(Character)
        case expectedDocumentStart
        case duplicateDirective
        case unexpectedEndOfStream
        case trailingContent
        case depthExceeded(limit: Int)
        case tooManyDocuments(limit: Int)
        // Composer and resolver
        case undefinedAlias(String)
        case duplicateKey(String, first: Mark)
        case aliasExpansionExceeded(limit: Int)
        case invalidValue(tag: String, value: String)
        /// A mapping key JSON cannot hold (null, a collection, a number too large for
        /// go-yaml's int): sigs.k8s.io/yaml `unsupported map key of type`, go-yaml
        /// `invalid map key`.
        case unsupportedKey(String)
        /// A value JSON cannot hold (`.inf`, `.nan`): Go's `json: unsupported value`.
        case unsupportedValue(String)
    }

    public var kind: Kind
    public var mark: Mark
    public var stage: Stage
    /// The construct being read when the problem showed, as libyaml reports it
    /// ("while parsing a block mapping"), with where that construct started.
    public var contextMark: Mark?

    public init(_ kind: Kind, at mark: Mark, stage: Stage, contextMark: Mark? = nil) {
        self.kind = kind
        self.mark = mark
        self.stage = stage
        self.contextMark = contextMark
    }

    public var description: String { "\(mark): \(kind)" }
}
