/// A position in a YAML source: the file it came from, a 1-based line and column
/// (columns count Unicode scalars, as editors do), and the 0-based byte offset.
///
/// Every event and node carries the mark where it starts, so feedback can point at
/// `archivo.yaml:LÍNEA:COLUMNA` without re-parsing.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    // Stored narrow to keep nodes small (32 bytes a mark); read and written as Int.
    private var storedLine: Int32
    private var storedColumn: Int32
    public var offset: Int

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String = "", line: Int = 1, column: Int = 1, offset: Int = 0) {
        self.file = file
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
        self.offset = offset
    }

    public static func < (a: Mark, b: Mark) -> Bool { a.offset < b.offset }

    /// `archivo.yaml:3:7`, or `3:7` when the source has no file name.
    public var description: String {
        file.isEmpty ? "\(line):\(column)" : "\(file):\(line):\(column)"
    }
}
