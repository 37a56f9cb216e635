import Testing
@testable import Simulator

@Suite struct LabelSelectorTests {
    @Test func parsesEqualityAndSetBasedRequirements() throws {
        let s = try LabelSelector.parse("app=web,tier!=db,env in (a,b),!canary")
        // labels.Parse sorts by key; String() prints them back.
        #expect(s.description == "app=web,!canary,env in (a,b),tier!=db")
        #expect(s.matches(["app": "web", "env": "a"]))
        #expect(!s.matches(["app": "web", "env": "a", "canary": "1"]))
        #expect(!s.matches(["app": "web", "env": "c"]))
        #expect(!s.matches(["app": "web", "env": "a", "tier": "db"]))
        #expect(try LabelSelector.parse("").isEmpty)
        #expect(try LabelSelector.parse("x in (foo,,baz),y,z notin ()").requirements.count == 3)
    }

    @Test func errorsReadAsUpstream() {
        func message(_ text: String) -> String {
            do { _ = try LabelSelector.parse(text); return "" } catch { return error.message }
        }
        #expect(message("app in a") == "unable to parse requirement: found 'a' expected: '('")
        #expect(message("app=web,") == "found '', expected: identifier after ','")
        #expect(message("app web") == "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")
        #expect(message("=web") == "found '=', expected: !, identifier, or 'end of string'")
        #expect(message("app in (a b)") == "unable to parse requirement: found 'b', expected: ',' or ')'")
        #expect(message("a b=c").hasPrefix("unable to parse requirement: found 'b'"))
    }

    /// metav1.LabelSelectorAsSelector: nil selects nothing, {} everything.
    @Test func fromMatchLabelsAndExpressions() throws {
        #expect(try LabelSelector(nil).matchesNothing)
        #expect(try LabelSelector(["matchLabels": [:]]).matches(["any": "thing"]))
        let s = try LabelSelector(["matchLabels": ["app": "web"],
                                   "matchExpressions": [["key": "env", "operator": "NotIn", "values": ["prod"]],
                                                        ["key": "tier", "operator": "Exists"]]])
        #expect(s.matches(["app": "web", "tier": "fe"]))
        #expect(!s.matches(["app": "web", "tier": "fe", "env": "prod"]))
        #expect(throws: LabelSelectorError.self) { try LabelSelector(["matchExpressions": [["key": "a", "operator": "Equals"]]]) }
    }
}
