import KubeAPI
import Testing
import YAML
@testable import Simulator

@Suite struct PodResourcesTests {
    /// The byte-level reading of the common quantity forms must give what the full parser
    /// gives (`MilliValue()` and `Value()`, both rounding up), and leave every other form to it.
    @Test func simpleFormsAgreeWithTheFullParser() throws {
        let texts = ["0", "1", "7", "100m", "250m", "1500m", "1m", "999m", "1001m", "2k", "3M", "4G", "64Ki", "128Mi", "1Gi", "16Gi",
                     "0100", "123456789012345", "512Mi", "0m", "10Gi"]
        for text in texts {
            let full = try Quantity(parsing: text)
            let fast = try #require(PodResources.simpleMilli(.string(text)), "\(text)")
            #expect(fast == full.milliValue, "\(text)")
            #expect(PodResources.units(.string(text)) == full.value, "\(text)")
            #expect(PodResources.milli(.string(text)) == full.milliValue, "\(text)")
        }
        for text in ["1.5", "1e3", "2E6", "-1", "+1", "1Ti", "1Pi", "1Ei", "1T", "1P", "1E", "1n", "1u", "", "m", "1mi", "1 Gi", "1234567890123456"] {
            #expect(PodResources.simpleMilli(.string(text)) == nil, "\(text)")
        }
        #expect(PodResources.milli(.string("1.5")) == 1500)
        #expect(PodResources.units(.string("1.5")) == 2)
        #expect(PodResources.simpleMilli(.int(2)) == 2000)
        #expect(PodResources.units(.int(3)) == 3)
        #expect(PodResources.simpleMilli(.int(-2)) == nil)
    }
}
