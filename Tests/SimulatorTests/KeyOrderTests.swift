import Testing
import YAML
@testable import Simulator

/// ObjectKey's bytewise order (ObjectKey.swift) and the ReplicaSet controller's merge of two
/// key-ordered lists.
@Suite struct KeyOrderTests {
    @Test func bytesPrecedeAgreesWithUTF8Order() {
        let words = ["", "a", "b", "ab", "a-b", "a.b", "web-7d4b9c8f5-x2q8k", "web-7d4b9c8f5-x2q8", "ñandú", "nandu", "Zeta", "zeta",
                     "e\u{301}", "\u{e9}", String(repeating: "x", count: 40), String(repeating: "x", count: 41)]
        for a in words {
            for b in words {
                #expect(ObjectKey.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
    }

    @Test func unionKeepsKeyOrderAndEachKeyOnce() {
        func pods(_ names: [String]) -> [StoredObject] {
            names.map { StoredObject(key: ObjectKey(resource: "pods", namespace: "default", name: $0), value: .mapping([]), source: nil) }
        }
        let merged = ReplicaSetController.union(pods(["a", "c", "d"]), pods(["b", "c", "e"]))
        #expect(merged.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(ReplicaSetController.union([], pods(["x"])).map(\.name) == ["x"])
        #expect(ReplicaSetController.union(pods(["x"]), []).map(\.name) == ["x"])
    }
}
