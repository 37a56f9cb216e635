import Testing
@testable import KubeAPI

/// The byte-level fast path of `IsQualifiedName` agrees with the part-by-part check on every
/// string of a seeded random sample built from the characters that matter (and a few fixed
/// edge cases), so skipping the messages for valid keys never accepts an invalid one.
struct NamesTests {
    @Test func qualifiedNameFastPathAgrees() {
        let fixed = ["app", "app.kubernetes.io/name", "kubectl.kubernetes.io/last-applied-configuration", "", "/", "a/", "/a",
                     "a/b/c", "A_b.c-D", "-a", "a-", "a..b/c", "Example.com/x", "e.com/-x", "e.com/x_", String(repeating: "a", count: 63),
                     String(repeating: "a", count: 64), String(repeating: "a", count: 253) + "/x", String(repeating: "a.", count: 127) + "a/x",
                     "ñ", "a/ñ", "ex ample/x", "x.y/Z9"]
        for s in fixed {
            #expect(Names.isValidQualifiedName(s) == Names.qualifiedNameErrors(s).isEmpty, "«\(s)»")
        }
        let alphabet = Array("ab9Z-_./ ".unicodeScalars)
        var state: UInt64 = 0x5EED
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59) % 12
            var s = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
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
        let alphabet = Array("az09Z-_.".unicodeScalars)
        var state: UInt64 = 0xD15
        var accepted = (0, 0, 0)
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59) % 10
            var s = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
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
