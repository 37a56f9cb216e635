import Testing
@testable import YAML

/// Mapping rules, aliases and limits, on hand-built node trees and on small documents.
@Suite struct ResolverTests {
    static func scalar(_ s: String, line: Int = 1) -> Node {
        Node(.scalar(s, .plain), mark: Mark(line: line, column: 1, offset: line * 10))
    }
    static func map(_ pairs: [(Node, Node)]) -> Node {
        Node(.mapping(pairs.map { Node.Pair(key: $0.0, value: $0.1) }, .block), mark: Mark())
    }

    @Test func keysBecomeJSONStringsInTheKubernetesSchema() throws {
        let node = Self.map([
            (Self.scalar("1"), Self.scalar("a")), (Self.scalar("yes"), Self.scalar("b")),
            (Self.scalar("1.50"), Self.scalar("c")), (Self.scalar("0x10"), Self.scalar("d")),
        ])
        let v = try Value(node: node, schema: .kubernetes)
        #expect(v.mapping?.map(\.key) == ["1", "true", "1.5", "16"])
        let core = try Value(node: node, schema: .core)
        #expect(core.mapping?.map(\.key) == [.int(1), "yes", .float(1.5), .int(16)])
    }

    @Test func unsupportedKeys() {
        for key in [Self.scalar("~"), Self.scalar("18446744073709551615"), Self.map([(Self.scalar("a"), Self.scalar("b"))])] {
            do {
                _ = try Value(node: Self.map([(key, Self.scalar("x"))]), schema: .kubernetes)
                Issue.record("accepted \(key)")
            } catch {
                guard case .unsupportedKey = error.kind else { Issue.record("\(error)"); continue }
            }
        }
    }

    @Test func duplicateKeysCarryBothMarks() {
        let node = Self.map([(Self.scalar("a", line: 1), Self.scalar("1")), (Self.scalar("a", line: 2), Self.scalar("2"))])
        for schema in [Schema.core, .kubernetes] {
            do {
                _ = try Value(node: node, schema: schema)
                Issue.record("duplicate accepted")
            } catch {
                #expect(error.kind == .duplicateKey("a", first: Mark(line: 1, column: 1, offset: 10)))
                #expect(error.mark.line == 2)
                #expect(error.stage == .resolver)
            }
        }
        // `1` and `0x1` are the same JSON key "1" for kubectl.
        let ints = Self.map([(Self.scalar("1"), Self.scalar("a")), (Self.scalar("0x1"), Self.scalar("b"))])
        #expect(throws: YAMLError.self) { try Value(node: ints, schema: .kubernetes) }
    }

    @Test func mergeKeysFollowGoYAMLv2() throws {
        let text = """
            base: &b {a: 1, b: 2}
            other: &o {b: 3, c: 4}
            one:
              <<: *b
              b: 9
            before:
              a: 0
              <<: *b
            many:
              <<: [*b, *o]
            """
        let v = try #require(try YAML.load(text, schema: .kubernetes).first)
        #expect(v["one"] == ["a": 1, "b": 9])
        #expect(v["before"] == ["a": 1, "b": 2])
        #expect(v["many"] == ["a": 1, "b": 2, "c": 4])
        // The core schema has no merge keys: `<<` is an ordinary key.
        let core = try #require(try YAML.load("a:\n  <<: {x: 1}\n", schema: .core).first)
        #expect(core["a"]?["<<"] == ["x": 1])
        #expect(throws: YAMLError.self) { try YAML.load("a:\n  <<: 1\n", schema: .kubernetes) }
    }

    @Test func aliasExpansionIsBounded() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...6 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        do {
            _ = try YAML.load(text, schema: .kubernetes)
            Issue.record("billion laughs accepted")
        } catch {
            #expect(error.kind == .aliasExpansionExceeded(limit: YAMLLimits.standard.maxExpandedNodes))
        }
        var small = YAMLLimits.standard
        small.maxExpandedNodes = 50
        #expect(throws: YAMLError.self) { try YAML.load("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n", schema: .core, limits: small) }
        #expect(try YAML.load("a: &a [1, 2]\nb: *a\n", schema: .core).first?["b"] == [1, 2])
    }

    @Test func textAfterDocumentEndIsIgnoredLikeKubectl() throws {
        let text = "a: 1\n...\nb: 2\n---\nc: 3\n"
        #expect(try YAML.load(text, schema: .kubernetes) == [["a": 1], ["c": 3]])
        #expect(try YAML.load(text, schema: .core) == [["a": 1], ["b": 2], ["c": 3]])
    }

    @Test func valueEqualityIsJSONEquality() {
        #expect(Value.int(1) == .float(1))
        #expect(Value.float(.nan) == .float(.nan))
        #expect(Value.mapping([.init("a", 1), .init("b", 2)]) == .mapping([.init("b", 2), .init("a", 1)]))
        #expect(Value.sequence([1, 2]) != [2, 1])
        #expect(Set<Value>([.int(1), .float(1), ["a": 1, "b": 2], ["b": 2, "a": 1]]).count == 2)
    }
}
