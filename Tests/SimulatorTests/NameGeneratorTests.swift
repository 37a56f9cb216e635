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

    /// The uid is the 128 bits the generator draws, most significant byte first, with the
    /// version and variant bits set: the same text for the same seed, whatever the code that
    /// writes it (saved clusters and golden outputs hold these uids).
    @Test func uidsSpellTheDrawnBits() {
        for seed: UInt64 in [1, 3, 42, 0xFFFF_FFFF] {
            var random = SeededRandom(seed: seed), reference = SeededRandom(seed: seed)
            for _ in 0..<50 {
                var bytes: [UInt8] = []
                for word in [reference.next(), reference.next()] {
                    for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(word >> UInt64(shift) & 0xFF)) }
                }
                bytes[6] = bytes[6] & 0x0F | 0x40
                bytes[8] = bytes[8] & 0x3F | 0x80
                var expected = ""
                for (i, b) in bytes.enumerated() {
                    if [4, 6, 8, 10].contains(i) { expected += "-" }
                    expected += (b < 16 ? "0" : "") + String(b, radix: 16)
                }
                #expect(NameGenerator.uuid(using: &random) == expected)
            }
        }
    }

    /// Event names: the object's name, a dot and the instant's nanoseconds in hex.
    @Test func eventNamesAreObjectDotHexNanoseconds() {
        for nanos: UInt64 in [0, 1, 15, 16, 255, 1_767_225_600_000_000_000, UInt64.max] {
            for object in ["web-7d4b9c8f5-x2q8k", "", "ñandú"] {
                #expect(NameGenerator.eventName(object, nanoseconds: nanos) == object + "." + String(nanos, radix: 16))
            }
        }
    }
}
