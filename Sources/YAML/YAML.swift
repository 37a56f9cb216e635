/// The YAML module: bytes → events → nodes with marks → values.
///
/// ```
/// let docs = try YAML.compose(bytes, file: "web.yaml")      // [Document], every node with its Mark
/// let events = try YAML.events(bytes, file: "web.yaml")     // the event stream
/// ```
public enum YAML {
    /// The whole event stream of `bytes`, from `+STR` to `-STR`.
    public static func events(_ bytes: [UInt8], file: String = "", limits: YAMLLimits = .standard) throws(YAMLError) -> [Event] {
        var parser = try Parser(bytes: bytes, file: file, limits: limits)
        var out: [Event] = []
        while let event = try parser.nextEvent() { out.append(event) }
        return out
    }

    /// Every document of `bytes` as a node tree, aliases resolved.
    public static func compose(_ bytes: [UInt8], file: String = "", limits: YAMLLimits = .standard) throws(YAMLError) -> [Document] {
        try compose(bytes, file: file, limits: limits, parallelFrom: ParallelCompose.minimumBytes)
    }

    /// `compose` on one core only when `parallel` is false (to measure one core's speed).
    public static func compose(_ bytes: [UInt8], file: String = "", limits: YAMLLimits = .standard, parallel: Bool) throws(YAMLError) -> [Document] {
        try compose(bytes, file: file, limits: limits, parallelFrom: parallel ? ParallelCompose.minimumBytes : Int.max)
    }

    /// `compose`, taking several cores for inputs of `parallelFrom` bytes or more.
    static func compose(_ bytes: [UInt8], file: String, limits: YAMLLimits, parallelFrom: Int) throws(YAMLError) -> [Document] {
        // The parts are copied and checked on their own cores, so the whole input is neither
        // copied nor checked first (a too large input goes on to `SourceBuffer`, which says so).
        if bytes.count >= parallelFrom, bytes.count <= SourceBuffer.maxBytes(limits),
           let documents = ParallelCompose.documents(bytes, file: file, limits: limits, minimumBytes: parallelFrom) {
            return documents
        }
        let source = try SourceBuffer(bytes: bytes, file: file, limits: limits)
        var fast = FastComposer(source: source, file: file, limits: limits)
        if let documents = try fast.documents() { return documents }
        var composer = Composer(source: source, file: file, limits: limits)
        return try composer.documents()
    }

    /// `compose` through the full parser only (the reference the fast path is tested against).
    static func composeWithFullParser(_ bytes: [UInt8], file: String = "", limits: YAMLLimits = .standard) throws(YAMLError) -> [Document] {
        var composer = try Composer(bytes: bytes, file: file, limits: limits)
        return try composer.documents()
    }

    public static func compose(_ text: String, file: String = "", limits: YAMLLimits = .standard) throws(YAMLError) -> [Document] {
        try compose(Array(text.utf8), file: file, limits: limits)
    }
}
