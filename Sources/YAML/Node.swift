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
    // The mark is kept in pieces around the content (40 bytes a node rather than 48, 80 a
    // pair rather than 96): the line, the column and offset as `Mark` packs them, and the
    // file number in `tail`, unless the node has a tag, an anchor or an alias mark, which
    // few nodes have: then those live out of line with the file number.
    private var line: UInt32
    private var columnAndOffset: UInt64
    private var tail: Tail

    private enum Tail: Sendable {
        case file(FileName)
        case extras(Extras)
    }

    final class Extras: Sendable {
        let file: FileName
        let tag: String?
        let anchor: String?
        let aliasMark: Mark?
        init(file: FileName, tag: String?, anchor: String?, aliasMark: Mark?) {
            self.file = file
            self.tag = tag
            self.anchor = anchor
            self.aliasMark = aliasMark
        }
    }

    public var mark: Mark {
        get { Mark(file: file, line: line, columnAndOffset: columnAndOffset) }
        set {
            line = newValue.packedLine
            columnAndOffset = newValue.columnAndOffset
            let file = newValue.fileID
            switch tail {
            case .file: tail = .file(file)
            case .extras(let extras): tail = .extras(Extras(file: file, tag: extras.tag, anchor: extras.anchor, aliasMark: extras.aliasMark))
            }
        }
    }

    private var file: FileName {
        switch tail {
        case .file(let file): return file
        case .extras(let extras): return extras.file
        }
    }

    private var extras: Extras? {
        if case .extras(let extras) = tail { return extras }
        return nil
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
        tail = Self.tail(file, tag: tag, anchor: anchor, aliasMark: aliasMark)
    }

    private static func tail(_ file: FileName, tag: String?, anchor: String?, aliasMark: Mark?) -> Tail {
        tag == nil && anchor == nil && aliasMark == nil ? .file(file) : .extras(Extras(file: file, tag: tag, anchor: anchor, aliasMark: aliasMark))
    }

    public init(_ content: Content, tag: String? = nil, anchor: String? = nil, mark: Mark, aliasMark: Mark? = nil) {
        self.content = content
        line = mark.packedLine
        columnAndOffset = mark.columnAndOffset
        tail = Self.tail(mark.fileID, tag: tag, anchor: anchor, aliasMark: aliasMark)
    }

    /// A node without properties (the composer's common case).
    @inline(__always)
    init(plain content: Content, mark: Mark) {
        self.content = content
        line = mark.packedLine
        columnAndOffset = mark.columnAndOffset
        tail = .file(mark.fileID)
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
    /// Set by `ParallelCompose`: the roots of the stream's documents, so that they are freed
    /// on every core at once (see `StreamNodes`).
    var streamNodes: StreamNodes?
    public init(root: Node, explicitStart: Bool, explicitEnd: Bool, mark: Mark) {
        self.root = root
        self.explicitStart = explicitStart
        self.explicitEnd = explicitEnd
        self.mark = mark
    }
}
