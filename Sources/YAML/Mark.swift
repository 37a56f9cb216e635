/// A position in a YAML source: the file it came from, a 1-based line and column
/// (columns count Unicode scalars, as editors do), and the 0-based byte offset.
///
/// Every event and node carries the mark where it starts, so feedback can point at
/// `archivo.yaml:LÍNEA:COLUMNA` without re-parsing.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(file: String = "", line: Int = 1, column: Int = 1, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: Mark, b: Mark) -> Bool { a.offset < b.offset }

    /// `archivo.yaml:3:7`, or `3:7` when the source has no file name.
    public var description: String {
        file.isEmpty ? "\(line):\(column)" : "\(file):\(line):\(column)"
    }
}
