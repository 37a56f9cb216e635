import Testing
import YAML
@testable import Simulator

@Suite struct NameGeneratorTests {
    /// k8s.io/apimachinery/pkg/util/rand: only the 27 vowel-less characters.
    @Test func randomSuffixUsesUpstreamAlphabet() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let s = NameGenerator.randomString(5, using: &random)
            #expect(s.utf8.count == 5)
            #expect(s.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        }
    }

    /// names/generate.go: the base is cut to 58 bytes before the 5-character suffix.
    @Test func generateNameCutsLongBases() {
        var random = SeededRandom(seed: 1)
        let name = NameGenerator.generateName(base: String(repeating: "a", count: 70), using: &random)
        #expect(name.utf8.count == 63)
        #expect(name.hasPrefix(String(repeating: "a", count: 58)))
    }

    /// rand.SafeEncodeString maps each digit through the alphabet: '0' is 48, 48 % 27 = 21 → '4'.
    @Test func safeEncodeMatchesUpstream() {
        #expect(NameGenerator.safeEncode("0") == "4")
        #expect(NameGenerator.safeEncode("0123456789") == "456789bcdf")
    }

    @Test func fnv32aKnownVectors() {
        #expect(NameGenerator.fnv32a(Array("".utf8)) == 0x811C_9DC5)
        #expect(NameGenerator.fnv32a(Array("a".utf8)) == 0xE40C_292C)
        #expect(NameGenerator.fnv32a(Array("foobar".utf8)) == 0xBF9C_F968)
    }

    @Test func podTemplateHashIsStableAndSensitive() {
        let a: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]]]
        let b: Value = ["spec": ["containers": [["image": "nginx:1.25", "name": "web"]]], "metadata": ["labels": ["app": "web"]]]
        let c: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx:1.26"]]]]
        #expect(NameGenerator.podTemplateHash(a) == NameGenerator.podTemplateHash(b))
        #expect(NameGenerator.podTemplateHash(a) != NameGenerator.podTemplateHash(c))
        #expect(NameGenerator.podTemplateHash(a) != NameGenerator.podTemplateHash(a, collisionCount: 1))
        #expect(NameGenerator.podTemplateHash(a).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }

    @Test func uidsAreVersion4() {
        var random = SeededRandom(seed: 3)
        let uid = NameGenerator.uuid(using: &random)
        let parts = uid.split(separator: "-")
        #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
        #expect(parts[2].first == "4")
        #expect("89ab".contains(parts[3].first!))
    }
}
