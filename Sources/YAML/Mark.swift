import Synchronization

/// A position in a YAML source: the file it came from, a 1-based line and column
/// (columns count Unicode scalars, as editors do), and the 0-based byte offset.
///
/// Every event and node carries the mark where it starts, so feedback can point at
/// `archivo.yaml:LÍNEA:COLUMNA` without re-parsing.
///
/// A mark is 16 plain bytes: the file name is interned once per composition (`FileName`)
/// and the mark keeps its number, so copying a node never touches a reference count
/// (a 10 MB stream has about 700,000 nodes, each copied a few times while composing).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Two words rather than four 32-bit fields: a `Node` (content, mark, extras) then
    // stays within what the optimizer keeps in registers, and returning a node from a
    // function no longer goes through an outlined copy and destroy.
    /// File number (low 32 bits) and line (high 32 bits, an `Int32`).
    private var fileAndLine: UInt64
    /// Column (low 32 bits, an `Int32`) and offset (high 32 bits: inputs are far below
    /// 4 GiB, `YAMLLimits.maxBytes`; larger offsets would clamp).
    private(set) var columnAndOffset: UInt64

    /// The line's bits, as `Node` keeps them.
    var packedLine: UInt32 { UInt32(truncatingIfNeeded: fileAndLine >> 32) }

    /// From the pieces `Node` keeps.
    @inline(__always)
    init(file: FileName, line packedLine: UInt32, columnAndOffset: UInt64) {
        fileAndLine = Self.pack(file.id, packedLine)
        self.columnAndOffset = columnAndOffset
    }

    var fileID: FileName {
        get { FileName(id: UInt32(truncatingIfNeeded: fileAndLine)) }
        set { fileAndLine = fileAndLine & ~0xFFFF_FFFF | UInt64(newValue.id) }
    }

    public var file: String {
        get { fileID.name }
        set { fileID = FileName(newValue) }
    }
    public var line: Int {
        get { Int(Int32(truncatingIfNeeded: fileAndLine >> 32)) }
        set { fileAndLine = Self.pack(fileID.id, UInt32(bitPattern: Int32(clamping: newValue))) }
    }
    public var column: Int {
        get { Int(Int32(truncatingIfNeeded: columnAndOffset)) }
        set { columnAndOffset = Self.pack(UInt32(bitPattern: Int32(clamping: newValue)), UInt32(truncatingIfNeeded: columnAndOffset >> 32)) }
    }
    public var offset: Int {
        get { Int(UInt32(truncatingIfNeeded: columnAndOffset >> 32)) }
        set { columnAndOffset = Self.pack(UInt32(truncatingIfNeeded: columnAndOffset), UInt32(clamping: newValue)) }
    }

    @inline(__always)
    private static func pack(_ low: UInt32, _ high: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }

    public init(file: String = "", line: Int = 1, column: Int = 1, offset: Int = 0) {
        self.init(file: FileName(file), line: line, column: column, offset: offset)
    }

    /// A mark in the same file as `other`, without interning the name again (readers of
    /// many marks of one file, such as a saved cluster's, take the lock once).
    public init(sameFileAs other: Mark, line: Int, column: Int, offset: Int) {
        self.init(file: other.fileID, line: line, column: column, offset: offset)
    }

    /// For composers, which intern their file name once.
    @inline(__always)
    init(file: FileName, line: Int, column: Int, offset: Int) {
        fileAndLine = Self.pack(file.id, UInt32(bitPattern: Int32(clamping: line)))
        columnAndOffset = Self.pack(UInt32(bitPattern: Int32(clamping: column)), UInt32(clamping: offset))
    }

    public static func < (a: Mark, b: Mark) -> Bool { a.offset < b.offset }

    /// `archivo.yaml:3:7`, or `3:7` when the source has no file name.
    public var description: String {
        file.isEmpty ? "\(line):\(column)" : "\(file):\(line):\(column)"
    }
}

/// An interned file name: equal names get equal numbers, for the life of the process.
/// Interning takes a lock, so composers do it once and reuse the number for every mark.
struct FileName: Sendable, Hashable {
    let id: UInt32

    private struct Table {
        var names: [String] = [""]
        var ids: [String: UInt32] = ["": 0]
    }
    private static let table = Mutex(Table())

    init(id: UInt32) { self.id = id }

    init(_ name: String) {
        if name.isEmpty { id = 0; return }
        id = Self.table.withLock { table in
            if let id = table.ids[name] { return id }
            let id = UInt32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    var name: String {
        id == 0 ? "" : Self.table.withLock { $0.names[Int(id)] }
    }
}
