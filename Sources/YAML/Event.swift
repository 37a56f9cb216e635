/// The style a scalar was written in.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// Whether a collection was written in block (indentation) or flow (`[]`, `{}`) style.
public enum CollectionStyle: Sendable, Hashable {
    case block, flow
}

/// The properties a node may carry: an anchor (`&a`) and a tag, already resolved
/// to its full form (`!!str` becomes `tag:yaml.org,2002:str`; the non-specific tag is `!`).
public struct NodeProperties: Sendable, Hashable {
    public var anchor: String?
    public var tag: String?
    public init(anchor: String? = nil, tag: String? = nil) {
        self.anchor = anchor
        self.tag = tag
    }
    public var isEmpty: Bool { anchor == nil && tag == nil }
}

/// One parser event, as in the YAML spec's serialization model and the test suite's
/// `test.event` files.
public enum EventKind: Sendable, Hashable {
    case streamStart
    case streamEnd
    /// `explicit` is true when the document starts with `---`.
    case documentStart(explicit: Bool)
    /// `explicit` is true when the document ends with `...`.
    case documentEnd(explicit: Bool)
    case alias(String)
    case scalar(String, ScalarStyle, NodeProperties)
    case sequenceStart(CollectionStyle, NodeProperties)
    case sequenceEnd
    case mappingStart(CollectionStyle, NodeProperties)
    case mappingEnd
}

public struct Event: Sendable, Hashable {
    public var kind: EventKind
    public var start: Mark
    public var end: Mark
    public init(_ kind: EventKind, start: Mark, end: Mark) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}
