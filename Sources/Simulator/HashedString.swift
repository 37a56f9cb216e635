/// A string with its hash worked out once, as the key of a big or busy table: the name and uid
/// indexes of the store (a namespace's Events grow to 750,000 names at scale, and growing a
/// table rehashes every member) and the event recorder's caches (every Event looks up keys of a hundred bytes
/// or more). Probing compares the hashes before the strings; tables mix the hash with their
/// seed (`mixHash`) instead of running SipHash over it again.
struct HashedString: Hashable, Sendable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = textHash(text)
    }

    /// `text` with the hash already worked out for it (`textHash(text)`, as an `ObjectKey`
    /// keeps for its name).
    init(_ text: String, hash: Int) {
        self.text = text
        self.hash = hash
    }

    static func == (a: HashedString, b: HashedString) -> Bool { a.hash == b.hash && a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    func _rawHashValue(seed: Int) -> Int { mixHash(hash, seed: seed) }
}

/// splitmix64's finalizer over `bits ^ seed`: spreads an already random hash (a cached
/// SipHash of a name or key) with a table's seed, in a few instructions.
@inline(__always)
func mixHash(_ bits: Int, seed: Int) -> Int {
    var x = UInt64(bitPattern: Int64(bits ^ seed))
    x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
    x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
    return Int(Int64(bitPattern: x ^ (x >> 31)))
}

/// A hash of a string's UTF-8 bytes for the tables above: eight bytes at a time, each word
/// folded in with splitmix64's multiplier, then its finalizer (`mixHash`). Several times
/// faster than SipHash over the long names and keys these tables hold (a pod's events are
/// keyed by a hundred bytes); the tables still mix it with their own seed. Equal strings
/// (by bytes) hash equally; strings that are equal for `==` but not bytewise (canonically
/// equivalent Unicode) may not, so only keys compared bytewise (`HashedString`, and
/// `ObjectKey`'s names, which Kubernetes restricts to ASCII) use it.
func textHash(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes -> Int in
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15 &* UInt64(truncatingIfNeeded: bytes.count &+ 1)
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xbf58_476d_1ce4_e5b9
                h ^= h >> 31
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94d0_49bb_1331_11eb
        }
        return mixHash(Int(truncatingIfNeeded: h), seed: 0)
    }
}
