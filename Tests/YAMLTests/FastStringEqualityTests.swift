import Testing
import YAML

@Suite struct FastStringEqualityTests {
    /// The key comparison that reads a string's two words must agree with `==` on every kind
    /// of string this program makes: small and large ASCII, non-ASCII (with canonically
    /// equivalent spellings, and the Kelvin sign that equals `K`), empty, short text in a
    /// large buffer, substrings made strings, and text decoded from bytes at run time.
    @Test func agreesWithStandardEquality() {
        var reserved = ""
        reserved.reserveCapacity(64)
        reserved.append("name")
        var longReserved = ""
        longReserved.reserveCapacity(64)
        longReserved.append("creationTimestamp")
        let substring = String("xxmetadataxx".dropFirst(2).dropLast(2))
        let decoded = String(decoding: Array("creationTimestamp".utf8), as: UTF8.self)
        let decodedShort = String(decoding: Array("name".utf8), as: UTF8.self)
        let samples: [String] = [
            "", "a", "K", "\u{212A}", "name", "names", "Name", "nam", "name\u{0}", "metadata", "containers", "containerPort",
            "123456789012345", "1234567890123456", "creationTimestamp", "creationTimestamq", "lastTransitionTime",
            "ñ", "año", "é", "e\u{301}", "caf\u{e9}", "cafe\u{301}", "spec.template.spec.containers[0].imagen",
            reserved, longReserved, substring, decoded, decodedShort, String(repeating: "a", count: 15), String(repeating: "a", count: 16),
            "🚀", "kube-api-access-x2q8k", "terminationMessagePath", "ñandú-con-un-nombre-largo",
        ]
        for a in samples {
            for b in samples {
                #expect(_sameKeyForTesting(a, b) == (a == b), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
        #expect(_sameKeyForTesting(reserved, "name"))
        #expect(_sameKeyForTesting(longReserved, "creationTimestamp"))
        #expect(_sameKeyForTesting(decoded, "creationTimestamp"))
        #expect(_sameKeyForTesting("\u{212A}", "K"))
        #expect(!_sameKeyForTesting("name", "Name"))
    }

    @Test func mappingLookupsUseIt() {
        var v: Value = ["name": "web", "año": 1, "cafe\u{301}": 2, "\u{212A}": 3]
        #expect(v["name"]?.string == "web")
        #expect(v["año"]?.int == 1)
        #expect(v["caf\u{e9}"]?.int == 2)
        #expect(v["K"]?.int == 3)
        v.set("caf\u{e9}", 4)
        #expect(v["cafe\u{301}"]?.int == 4)
        #expect(v.mapping?.count == 4)
        #expect(v["nombre"] == nil)
    }
}
