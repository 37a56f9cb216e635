/// Short strings seen before, so a key like `name` or `image`, repeated thousands of times
/// in a stream, is not decoded and validated again each time. Only strings of up to 15
/// UTF-8 bytes are kept: Swift stores those inline, so a hit costs no allocation and no
/// reference counting. A small direct-mapped table: a miss just overwrites the slot.
struct StringCache {
    private struct Entry {
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        var length: Int = -1
        var string = ""
    }

    private var slots = [Entry](repeating: Entry(), count: StringCache.size)
    private static let size = 1024

    /// The string of the `length` bytes at `start` (valid UTF-8, already checked). The
    /// bytes are read eight at a time: the caller's buffer must have 8 readable bytes past
    /// any string's end (`SourceBuffer` pads its input with 8 zero bytes).
    mutating func string(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        guard length <= 15 else {
            return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        }
        let raw = UnsafeRawPointer(start)
        @inline(__always) func low(_ w: UInt64, _ n: Int) -> UInt64 { n >= 8 ? w : w & ((1 << UInt64(n * 8)) - 1) }
        let w0 = low(raw.loadUnaligned(as: UInt64.self), length)
        let w1 = length > 8 ? low(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), length - 8) : 0
        var hash = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        hash ^= hash >> 29
        let slot = Int(truncatingIfNeeded: hash) & (StringCache.size - 1)
        return slots.withUnsafeMutableBufferPointer { table in
            if table[slot].length == length && table[slot].word0 == w0 && table[slot].word1 == w1 {
                return table[slot].string
            }
            let s = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
            table[slot] = Entry(word0: w0, word1: w1, length: length, string: s)
            return s
        }
    }
}
