/// Strings seen before, so a key like `name` or `image`, repeated thousands of times in a
/// stream, is not decoded and validated again each time. Strings of up to 15 UTF-8 bytes
/// are stored inline by Swift, so a hit costs no allocation and no reference counting;
/// strings of 16 to 32 bytes (label keys such as `app.kubernetes.io/name`, image names,
/// mount paths) share one heap copy, so a hit costs a retain instead of an allocation, a
/// copy and, when the nodes are freed, a `free`. A small direct-mapped table: a miss just
/// overwrites the slot. Copies share the table: a cache belongs to one parser or composer,
/// on one thread.
struct StringCache {
    private struct Entry {
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        var word2: UInt64 = 0
        var word3: UInt64 = 0
        var length: Int = -1
        var string = ""
    }

    /// A plain buffer rather than an array: no uniqueness check on every lookup.
    private final class Table {
        let slots: UnsafeMutablePointer<Entry>
        init() {
            slots = .allocate(capacity: StringCache.size)
            slots.initialize(repeating: Entry(), count: StringCache.size)
        }
        deinit {
            slots.deinitialize(count: StringCache.size)
            slots.deallocate()
        }
    }

    private let table = Table()
    private static let size = 1024
    static let maxLength = 32

    /// The string of the `length` bytes at `start` (valid UTF-8, already checked). The
    /// bytes are read eight at a time: the caller's buffer must have 8 readable bytes past
    /// any string's end (`SourceBuffer` pads its input with 8 zero bytes).
    mutating func string(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        guard length <= StringCache.maxLength else {
            return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        }
        let raw = UnsafeRawPointer(start)
        // Word `j` of the string, zero past its end.
        @inline(__always) func word(_ j: Int) -> UInt64 {
            let n = length - 8 * j
            if n <= 0 { return 0 }
            let w = raw.loadUnaligned(fromByteOffset: 8 * j, as: UInt64.self)
            return n >= 8 ? w : w & ((1 << UInt64(n * 8)) - 1)
        }
        let w0 = word(0), w1 = word(1), w2 = word(2), w3 = word(3)
        var hash = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        if length > 16 { hash ^= (w2 &* 0x1656_67B1_9E37_79F9) ^ (w3 &* 0x27D4_EB2F_1656_67C5) }
        hash ^= hash >> 29
        let slot = Int(truncatingIfNeeded: hash) & (StringCache.size - 1)
        let entry = table.slots + slot
        if entry.pointee.length == length && entry.pointee.word0 == w0 && entry.pointee.word1 == w1
            && entry.pointee.word2 == w2 && entry.pointee.word3 == w3 {
            return entry.pointee.string
        }
        let s = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        entry.pointee = Entry(word0: w0, word1: w1, word2: w2, word3: w3, length: length, string: s)
        return s
    }
}
