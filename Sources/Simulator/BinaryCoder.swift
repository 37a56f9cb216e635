import KubeAPI
import YAML

/// The state file's compact binary encoding: little-endian fixed-width integers, LEB128
/// lengths, and `Value` trees as a tag byte per node (0 null, 1 false, 2 true, 3 int,
/// 4 float, 5 string, 6 sequence, 7 mapping). Decoding never traps: every read checks
/// bounds and a malformed file throws `BinaryDecodingError`.
///
/// With `interning` (state format 2), each distinct string is written once, in a table that
/// `tableBytes()` returns, and every use is its number in that table: a saved cluster repeats
/// the same uids, names, images, timestamps and event messages thousands of times, and
/// decoding one string per distinct text instead of per use is most of what loading costs.
struct BinaryEncoder {
    var bytes: [UInt8] = []
    private var ids: [String: Int]?
    private var table: [String] = []

    init(interning: Bool = false) {
        if interning { ids = [:] }
    }

    /// The string table: its length, then each string with its length.
    func tableBytes() -> [UInt8] {
        var e = BinaryEncoder()
        e.length(table.count)
        for s in table { e.string(s) }
        return e.bytes
    }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func length(_ n: Int) {
        var v = UInt64(n)
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }
    mutating func string(_ s: String) {
        if ids != nil {
            if let id = ids![s] { length(id); return }
            ids![s] = table.count
            length(table.count)
            table.append(s)
            return
        }
        length(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
    mutating func value(_ v: Value) {
        switch v {
        case .null: u8(0)
        case .bool(let b): u8(b ? 2 : 1)
        case .int(let i): u8(3); i64(i)
        case .float(let d): u8(4); u64(d.bitPattern)
        case .string(let s): u8(5); string(s)
        case .sequence(let items):
            u8(6); length(items.count)
            for item in items { value(item) }
        case .mapping(let pairs):
            u8(7); length(pairs.count)
            for p in pairs { value(p.key); value(p.value) }
        }
    }
    mutating func mark(_ m: Mark) { length(m.line); length(m.column); length(m.offset) }
}

struct BinaryDecodingError: Error, Sendable {
    var offset: Int
    var what: String
}

struct BinaryDecoder {
    let bytes: [UInt8]
    var position = 0
    /// The string table of an interned encoding (`readTable()`); nil: strings are inline.
    private var table: [String]?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A decoder of `bytes` that shares `other`'s string table.
    init(_ bytes: [UInt8], like other: BinaryDecoder) {
        self.bytes = bytes
        table = other.table
    }

    /// Reads the string table that `BinaryEncoder.tableBytes()` wrote; from here on every
    /// string is a number in it.
    mutating func readTable() throws(BinaryDecodingError) {
        let n = try length()
        guard n <= bytes.count - position else { throw fail("tabla de cadenas cortada") }
        var strings: [String] = []
        strings.reserveCapacity(n)
        for _ in 0..<n { strings.append(try string()) }
        table = strings
    }

    var atEnd: Bool { position == bytes.count }

    func fail(_ what: String) -> BinaryDecodingError { BinaryDecodingError(offset: position, what: what) }

    mutating func u8() throws(BinaryDecodingError) -> UInt8 {
        guard position < bytes.count else { throw fail("fin inesperado") }
        defer { position += 1 }
        return bytes[position]
    }
    mutating func u64() throws(BinaryDecodingError) -> UInt64 {
        guard position + 8 <= bytes.count else { throw fail("fin inesperado") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }
    mutating func i64() throws(BinaryDecodingError) -> Int64 { Int64(bitPattern: try u64()) }
    mutating func length() throws(BinaryDecodingError) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 63 else { throw fail("longitud no válida") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        guard v <= UInt64(bytes.count - position) || v < 1 << 31 else { throw fail("longitud no válida") }
        return Int(v)
    }
    mutating func string() throws(BinaryDecodingError) -> String {
        if let table {
            let id = try length()
            guard id < table.count else { throw fail("cadena fuera de la tabla") }
            return table[id]
        }
        let n = try length()
        guard position + n <= bytes.count else { throw fail("cadena cortada") }
        defer { position += n }
        return String(decoding: bytes[position..<position + n], as: UTF8.self)
    }
    mutating func value(depth: Int = 0) throws(BinaryDecodingError) -> Value {
        guard depth < 512 else { throw fail("anidamiento excesivo") }
        switch try u8() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try i64())
        case 4: return .float(Double(bitPattern: try u64()))
        case 5: return .string(try string())
        case 6:
            let n = try length()
            guard n <= bytes.count - position else { throw fail("lista cortada") }
            var items: [Value] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try value(depth: depth + 1)) }
            return .sequence(items)
        case 7:
            let n = try length()
            guard n <= bytes.count - position else { throw fail("mapa cortado") }
            var pairs: [Value.Pair] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n { pairs.append(Value.Pair(key: try value(depth: depth + 1), value: try value(depth: depth + 1))) }
            return .mapping(pairs)
        default: throw fail("etiqueta de valor desconocida")
        }
    }
    /// A mark in the file of `file` (a mark of that file read before, or `Mark(file:)`).
    mutating func mark(file: Mark) throws(BinaryDecodingError) -> Mark {
        Mark(sameFileAs: file, line: try length(), column: try length(), offset: try length())
    }
}

/// Objects left encoded when a cluster is loaded (`Cluster(decoding:deferringEvents:)`): a
/// count and that many object records, with the string table of the file they came from.
struct DeferredObjects: Sendable {
    let bytes: [UInt8]
    private let decoder: BinaryDecoder

    init(bytes: [UInt8], like other: BinaryDecoder) {
        self.bytes = bytes
        decoder = BinaryDecoder(bytes, like: other)
    }

    func decode() throws(BinaryDecodingError) -> [StoredObject] {
        var d = decoder
        let n = try d.length()
        guard n <= bytes.count else { throw d.fail("lista de objetos cortada") }
        var objects: [StoredObject] = []
        objects.reserveCapacity(n)
        for _ in 0..<n { objects.append(try Cluster.decodeObject(&d)) }
        guard d.atEnd else { throw d.fail("datos de más en la sección de eventos") }
        return objects
    }
}
