import Testing
@testable import KubeAPI

@Suite struct IntOrStringTests {
    /// k8s.io/apimachinery/pkg/util/intstr/intstr_test.go `TestGetIntFromIntOrPercent` and
    /// `TestGetValueFromIntOrPercent` style cases.
    @Test func scaledValues() throws {
        let cases: [(IntOrString, Int, Bool, Int)] = [
            (.int(123), 100, false, 123), (.string("90%"), 100, false, 90), (.string("90%"), 95, false, 85),
            (.string("90%"), 95, true, 86), (.string("25%"), 3, true, 1), (.string("25%"), 3, false, 0),
            (.string("25%"), 10, true, 3), (.string("100%"), 7, false, 7), (.string("0%"), 7, true, 0),
        ]
        for (value, total, roundUp, expect) in cases {
            #expect(try value.scaledValue(total: total, roundUp: roundUp) == expect, "\(value) \(total) \(roundUp)")
        }
    }

    @Test func invalid() {
        #expect(throws: IntOrStringError.self) { try IntOrString.string("abc").scaledValue(total: 10, roundUp: true) }
        #expect(throws: IntOrStringError.self) { try IntOrString.string("5").scaledValue(total: 10, roundUp: true) }
        #expect(IntOrStringError.invalidValue("abc").message == "invalid value for IntOrString: invalid type: string is not a percentage")
    }

    @Test func fromValue() {
        #expect(IntOrString(.int(8080)) == .int(8080))
        #expect(IntOrString(.string("http")) == .string("http"))
        #expect(IntOrString(.bool(true)) == nil)
        #expect(IntOrString.string("25%").description == "25%")
    }
}
