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
        hash = text.hashValue
    }

    /// `text` with the hash already worked out for it (`text.hashValue`, as an `ObjectKey`
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
