import Testing
@testable import Simulator

@Suite struct VirtualClockTests {
    @Test func courseEpochFormatsAsTheApiserverDoes() {
        #expect(VirtualTime.courseEpoch.rfc3339 == "2026-01-01T00:00:00Z")
        #expect(VirtualTime(milliseconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
        // Truncated to seconds, as metav1.Time marshals.
        #expect((VirtualTime.courseEpoch + .milliseconds(61_999)).rfc3339 == "2026-01-01T00:01:01Z")
        #expect(VirtualTime(milliseconds: 951_782_400_000).rfc3339 == "2000-02-29T00:00:00Z")
    }

    @Test func parsesWhatItWrites() {
        for ms: Int64 in [0, 951_782_400_000, 1_767_225_600_000, 1_767_225_600_000 + 86_399_000, 4_102_444_800_000] {
            let t = VirtualTime(milliseconds: ms)
            #expect(VirtualTime(rfc3339: t.rfc3339) == t)
        }
        #expect(VirtualTime(rfc3339: "ayer") == nil)
    }

    @Test func generatorIsReproducibleAndRestorable() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        var c = SeededRandom(state: a.state)!
        #expect(a.next() == c.next())
        #expect(SeededRandom(state: [0, 0, 0, 0]) == nil)
    }
}
