/// A node of the representation graph: a scalar, a sequence or a mapping, with its
/// properties and the mark where it was written.
///
/// Aliases are resolved by the composer: an alias node is the anchored node itself
/// (arrays are copy-on-write, so repeated aliases share storage); `aliasMark` records
/// where the alias was written. Equality ignores marks, as in Yams.
public struct Node: Sendable, CustomStringConvertible {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([Node], CollectionStyle)
        case mapping([Pair], CollectionStyle)
    }

    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var mark: Mark
    /// Tag, anchor and alias mark, which few nodes have, live out of line so that a node
    /// stays small (the composer copies nodes into their parents).
    private var extras: Extras?

    final class Extras: Sendable {
        let tag: String?
        let anchor: String?
        let aliasMark: Mark?
        init(tag: String?, anchor: String?, aliasMark: Mark?) {
            self.tag = tag
            self.anchor = anchor
            self.aliasMark = aliasMark
        }
    }

    /// The tag as written, resolved to its full form; nil when the node had no tag
    /// (plain scalars and collections), `!` for the non-specific tag (quoted scalars).
    public var tag: String? {
        get { extras?.tag }
        set { setExtras(tag: newValue, anchor: anchor, aliasMark: aliasMark) }
    }
    public var anchor: String? {
        get { extras?.anchor }
        set { setExtras(tag: tag, anchor: newValue, aliasMark: aliasMark) }
    }
    /// Where the alias that produced this copy was written, if any.
    public var aliasMark: Mark? {
        get { extras?.aliasMark }
        set { setExtras(tag: tag, anchor: anchor, aliasMark: newValue) }
    }

    private mutating func setExtras(tag: String?, anchor: String?, aliasMark: Mark?) {
        extras = tag == nil && anchor == nil && aliasMark == nil ? nil : Extras(tag: tag, anchor: anchor, aliasMark: aliasMark)
    }

    public init(_ content: Content, tag: String? = nil, anchor: String? = nil, mark: Mark, aliasMark: Mark? = nil) {
        self.content = content
        self.mark = mark
        if tag == nil && anchor == nil && aliasMark == nil {
            extras = nil
        } else {
            extras = Extras(tag: tag, anchor: anchor, aliasMark: aliasMark)
        }
    }

    /// A node without properties (the composer's common case).
    @inline(__always)
    init(plain content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
        extras = nil
    }

    public var scalar: String? {
        if case .scalar(let s, _) = content { return s }
        return nil
    }
    public var sequence: [Node]? {
        if case .sequence(let items, _) = content { return items }
        return nil
    }
    public var mapping: [Pair]? {
        if case .mapping(let pairs, _) = content { return pairs }
        return nil
    }
    /// The value for a scalar key, in a mapping node.
    public subscript(key: String) -> Node? {
        mapping?.first(where: { $0.key.scalar == key })?.value
    }

    public var description: String {
        switch content {
        case .scalar(let s, _): return s
        case .sequence(let items, _): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs, _): return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One document of a stream: its root node and how it was delimited.
public struct Document: Sendable {
    public var root: Node
    public var explicitStart: Bool
    public var explicitEnd: Bool
    public var mark: Mark
    /// Set by `ParallelCompose`: the roots of the documents composed on the same core, so
    /// that they are freed on every core at once (see `RunNodes`).
    var runNodes: RunNodes?
    public init(root: Node, explicitStart: Bool, explicitEnd: Bool, mark: Mark) {
        self.root = root
        self.explicitStart = explicitStart
        self.explicitEnd = explicitEnd
        self.mark = mark
    }
}
