import Testing
@testable import KubeAPI

/// The byte-level fast path of `IsQualifiedName` agrees with the part-by-part check on every
/// string of a seeded random sample built from the characters that matter (and a few fixed
/// edge cases), so skipping the messages for valid keys never accepts an invalid one.
struct NamesTests {
    /// 20,000 strings of up to `maxLength - 1` characters of `alphabet`, from a seeded
    /// linear congruential generator.
    static func sample(_ alphabet: String, seed: UInt64, maxLength: Int) -> [String] {
        let letters = Array(alphabet.unicodeScalars)
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        return (0..<20_000).map { _ in
            var s = ""
            for _ in 0..<(Int(next() >> 59) % maxLength) { s.unicodeScalars.append(letters[Int(next() >> 33) % letters.count]) }
            return s
        }
    }

    @Test func qualifiedNameFastPathAgrees() {
        let fixed = ["app", "app.kubernetes.io/name", "kubectl.kubernetes.io/last-applied-configuration", "", "/", "a/", "/a",
                     "a/b/c", "A_b.c-D", "-a", "a-", "a..b/c", "Example.com/x", "e.com/-x", "e.com/x_", String(repeating: "a", count: 63),
                     String(repeating: "a", count: 64), String(repeating: "a", count: 253) + "/x", String(repeating: "a.", count: 127) + "a/x",
                     "ñ", "a/ñ", "ex ample/x", "x.y/Z9"]
        for s in fixed {
            #expect(Names.isValidQualifiedName(s) == Names.qualifiedNameErrors(s).isEmpty, "«\(s)»")
        }
        for s in Self.sample("ab9Z-_./ ", seed: 0x5EED, maxLength: 12) {
            #expect(Names.isValidQualifiedName(s) == Names.qualifiedNameErrors(s).isEmpty, "«\(s)»")
        }
    }

    @Test func subdomainAndLabelMatchers() {
        for (s, label, subdomain) in [("web", true, true), ("web.example", false, true), ("Web", false, false), ("a-", false, false),
                                      ("a..b", false, false), (".a", false, false), ("", false, false), ("1-2", true, true)] {
            #expect(Names.matchesDNS1123Label(s) == label, "«\(s)»")
            #expect(Names.matchesDNS1123Subdomain(s) == subdomain, "«\(s)»")
        }
    }

    /// The byte scans against upstream's own regular expressions (`dns1123LabelFmt`,
    /// `dns1123SubdomainFmt`, `qualifiedNameFmt`), compiled here, on a seeded random sample
    /// over the characters that matter.
    @Test func matchersAgreeWithUpstreamRegexes() throws {
        let label = try Regex(Names.dns1123LabelFmt), subdomain = try Regex(Names.dns1123SubdomainFmt)
        let part = try Regex(Names.qualifiedNameFmt)
        var accepted = (0, 0, 0)
        for s in Self.sample("az09Z-_.", seed: 0xD15, maxLength: 10) {
            let l = (try label.wholeMatch(in: s)) != nil, d = (try subdomain.wholeMatch(in: s)) != nil, q = (try part.wholeMatch(in: s)) != nil
            #expect(Names.matchesDNS1123Label(s) == l, "«\(s)»")
            #expect(Names.matchesDNS1123Subdomain(s) == d, "«\(s)»")
            #expect(Names.matchesQualifiedNamePart(s) == q, "«\(s)»")
            accepted = (accepted.0 + (l ? 1 : 0), accepted.1 + (d ? 1 : 0), accepted.2 + (q ? 1 : 0))
        }
        // The sample reaches both answers of every matcher.
        #expect(accepted.0 > 100 && accepted.1 > accepted.0 && accepted.2 > accepted.0)
    }
}
