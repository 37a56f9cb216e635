/// PLACEHOLDER while the real scanner and parser are written (issue 2).
struct Parser {
    init(bytes: [UInt8], file: String, limits: YAMLLimits) throws(YAMLError) {}
    mutating func next() throws(YAMLError) -> Event? { nil }
}
