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
    /// The tag as written, resolved to its full form; nil when the node had no tag
    /// (plain scalars and collections), `!` for the non-specific tag (quoted scalars).
    public var tag: String?
    public var anchor: String?
    public var mark: Mark
    /// Where the alias that produced this copy was written, if any.
    public var aliasMark: Mark?

    public init(_ content: Content, tag: String? = nil, anchor: String? = nil, mark: Mark, aliasMark: Mark? = nil) {
        self.content = content
        self.tag = tag
        self.anchor = anchor
        self.mark = mark
        self.aliasMark = aliasMark
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
    public init(root: Node, explicitStart: Bool, explicitEnd: Bool, mark: Mark) {
        self.root = root
        self.explicitStart = explicitStart
        self.explicitEnd = explicitEnd
        self.mark = mark
    }
}
