/// Bounds for untrusted input. Every limit, when crossed, raises a `YAMLError` with a
/// clear message; none of them lets the parser crash or grow memory without bound.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections.
    public var maxDepth: Int
    /// Most documents in one stream.
    public var maxDocuments: Int
    /// Most nodes that alias expansion may produce when converting to values
    /// (the "billion laughs" guard).
    public var maxExpandedNodes: Int

    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 512, maxDocuments: Int = 100_000, maxExpandedNodes: Int = 1_000_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxDocuments = maxDocuments
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let standard = YAMLLimits()
}
