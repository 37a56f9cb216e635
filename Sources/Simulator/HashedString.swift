/// A string with its hash worked out once, as the key of a big or busy table: the name and uid
/// indexes of the store (a namespace's Events grow to 750,000 names at scale, and growing a
/// table rehashes every member) and the event recorder's caches (every Event looks up keys of a hundred bytes
/// or more). Probing compares the hashes before the strings; tables mix the hash with their
/// seed (`ObjectKey.mix`) instead of running SipHash over it again.
struct HashedString: Hashable, Sendable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    static func == (a: HashedString, b: HashedString) -> Bool { a.hash == b.hash && a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    func _rawHashValue(seed: Int) -> Int { ObjectKey.mix(hash, seed: seed) }
}
