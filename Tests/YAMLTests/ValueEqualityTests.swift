import Testing
@testable import YAML

/// `Value ==` (JSON equality): the positional and shared-storage fast paths give the answers
/// of the order-independent comparison.
@Suite struct ValueEqualityTests {
    func mapping(_ pairs: [(String, Value)]) -> Value { .mapping(pairs.map { Value.Pair($0.0, $0.1) }) }

    @Test func keyOrderDoesNotMatter() {
        let small: [(String, Value)] = [("a", 1), ("b", "x"), ("c", [1, 2])]
        #expect(mapping(small) == mapping(small.reversed()))
        let big = (0..<12).map { ("k\($0)", Value.int(Int64($0))) }
        #expect(mapping(big) == mapping(big.reversed()))
        #expect(mapping(big) == mapping(Array(big[0..<3]) + big[3...].reversed()))
        #expect(mapping(big).hashValue == mapping(big.reversed()).hashValue)
    }

    @Test func aDifferentValueIsUnequal() {
        let big = (0..<12).map { ("k\($0)", Value.int(Int64($0))) }
        var changed = big
        changed[5].1 = 99
        #expect(mapping(big) != mapping(changed))
        #expect(mapping(Array(big[0..<4])) != mapping(Array(changed[0..<4]) + [("k5", 5)]))
        #expect(mapping([("a", 1), ("b", 2)]) != mapping([("a", 1), ("b", 3)]))
        #expect(mapping([("a", 1), ("b", 2)]) != mapping([("a", 1), ("c", 2)]))
    }

    @Test func repeatedKeys() {
        // Up to 8 pairs, the comparison is pairwise containment both ways (as it always was).
        #expect(mapping([("a", 1), ("a", 1), ("b", 2)]) == mapping([("a", 1), ("b", 2), ("b", 2)]))
        #expect(mapping([("a", 1), ("a", 2)]) == mapping([("a", 2), ("a", 1)]))
        // Beyond, pairs count as a multiset.
        let rest = (0..<8).map { ("k\($0)", Value.int(Int64($0))) }
        #expect(mapping([("a", 1), ("a", 2)] + rest) == mapping([("a", 2), ("a", 1)] + rest))
        #expect(mapping([("a", 1), ("a", 1), ("b", 2)] + rest) != mapping([("a", 1), ("b", 2), ("b", 2)] + rest))
    }

    @Test func sharedStorageAndNaN() {
        let v = mapping([("x", .float(.nan)), ("y", [1, 2])])
        let copy = v
        #expect(v == copy)
        #expect(v == mapping([("y", [1, 2]), ("x", .float(.nan))]))
        #expect(Value.int(1) == Value.float(1.0))
    }
}
