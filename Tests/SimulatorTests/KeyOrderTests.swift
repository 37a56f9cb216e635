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

    /// Keys order by resource, then namespace, then name, each bytewise (etcd's key order),
    /// also when fields are equal strings held in different storage.
    @Test func keysOrderFieldByFieldBytewise() {
        let fields = ["", "a", "ab", "default", "ñandú", "nandu", String(repeating: "x", count: 40)]
        // Equal texts built separately: equal strings with different storage.
        func fresh(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }
        var keys: [ObjectKey] = []
        for r in ["pods", "events", String(repeating: "r", count: 30)] {
            for n in fields { for m in fields { keys.append(ObjectKey(resource: fresh(r), namespace: fresh(n), name: fresh(m))) } }
        }
        for a in keys {
            for b in keys {
                let expected: Bool
                if !a.resource.utf8.elementsEqual(b.resource.utf8) { expected = a.resource.utf8.lexicographicallyPrecedes(b.resource.utf8) }
                else if !a.namespace.utf8.elementsEqual(b.namespace.utf8) { expected = a.namespace.utf8.lexicographicallyPrecedes(b.namespace.utf8) }
                else { expected = a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
                #expect((a < b) == expected, "\(a) < \(b)")
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
