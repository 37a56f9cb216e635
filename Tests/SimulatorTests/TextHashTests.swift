import Testing
@testable import Simulator

/// The byte hash of the store's names and the recorder's keys (HashedString.swift): equal
/// bytes hash equally, and the names a cluster makes (a ReplicaSet's pods, their events)
/// spread over a table's buckets.
@Suite struct TextHashTests {
    @Test func equalTextsHashEqually() {
        for text in ["", "a", "default", "web-7d4b9c8f5-x2q8k", String(repeating: "x", count: 100), "ñandú"] {
            let copy = String(decoding: Array(text.utf8), as: UTF8.self)
            #expect(textHash(text) == textHash(copy))
            #expect(HashedString(text) == HashedString(copy))
            #expect(ObjectKey(resource: "pods", namespace: "default", name: text).hashBits == textHash(copy))
        }
    }

    @Test func generatedNamesSpread() {
        var names: [String] = []
        for set in 0..<100 {
            for pod in 0..<1000 { names.append("app-\(set)-7d4b9c8f5-\(String(pod, radix: 36))") }
        }
        // Every prefix of one long key too: lengths around the 8-byte words.
        let long = String(repeating: "kubelet\u{0}taller-worker\u{0}Pod\u{0}", count: 4)
        for n in 0...long.utf8.count { names.append(String(decoding: long.utf8.prefix(n), as: UTF8.self)) }
        let hashes = names.map(textHash)
        #expect(Set(hashes).count == Set(names).count)
        var buckets = [Int](repeating: 0, count: 1024)
        for h in hashes { buckets[h & 1023] += 1 }
        let mean = Double(hashes.count) / 1024
        #expect(Double(buckets.max()!) < 1.5 * mean && Double(buckets.min()!) > 0.5 * mean)
    }
}
