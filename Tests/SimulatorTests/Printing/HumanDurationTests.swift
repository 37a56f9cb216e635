import Testing
@testable import Simulator

/// The tables of k8s.io/apimachinery/pkg/util/duration/duration_test.go
/// (TestHumanDuration, TestHumanDurationBoundaries, TestShortHumanDurationBoundaries),
/// in milliseconds (`-2*time.Second + 1` becomes -1999 ms).
struct HumanDurationTests {
    let s: Int64 = 1000, m: Int64 = 60_000, h: Int64 = 3_600_000, d: Int64 = 86_400_000

    @Test func upstreamTable() {
        let cases: [(Int64, String)] = [
            (s, "1s"), (70 * s, "70s"), (190 * s, "3m10s"), (70 * m, "70m"), (47 * h, "47h"), (49 * h, "2d1h"),
            ((8 * 24 + 2) * h, "8d"), (367 * 24 * h, "367d"), ((365 * 2 * 24 + 25) * h, "2y1d"), ((365 * 8 * 24 + 2) * h, "8y"),
        ]
        for (ms, want) in cases { #expect(HumanDuration.string(milliseconds: ms) == want, "\(ms)") }
    }

    @Test func upstreamBoundaries() {
        let y = 365 * d
        let cases: [(Int64, String)] = [
            (-2 * s, "<invalid>"), (-2 * s + 1, "0s"), (0, "0s"), (s - 1, "0s"), (2 * m - 1, "119s"), (2 * m, "2m"),
            (2 * m + s, "2m1s"), (10 * m - 1, "9m59s"), (10 * m, "10m"), (10 * m + s, "10m"), (3 * h - 1, "179m"),
            (3 * h, "3h"), (3 * h + m, "3h1m"), (8 * h - 1, "7h59m"), (8 * h, "8h"), (8 * h + 59 * m, "8h"),
            (2 * d - 1, "47h"), (2 * d, "2d"), (2 * d + h, "2d1h"), (8 * d - 1, "7d23h"), (8 * d, "8d"), (8 * d + 23 * h, "8d"),
            (2 * y - 1, "729d"), (2 * y, "2y"), (2 * y + 23 * h, "2y"), (2 * y + 23 * h + 59 * m, "2y"), (2 * y + d - 1, "2y"),
            (2 * y + d, "2y1d"), (3 * y, "3y"), (4 * y, "4y"), (5 * y, "5y"), (6 * y, "6y"), (7 * y, "7y"), (8 * y - 1, "7y364d"),
            (8 * y, "8y"), (8 * y + 364 * d, "8y"), (9 * y, "9y"),
        ]
        for (ms, want) in cases { #expect(HumanDuration.string(milliseconds: ms) == want, "\(ms)") }
    }

    @Test func upstreamShortBoundaries() {
        let y = 365 * d
        let cases: [(Int64, String)] = [
            (-2 * s, "<invalid>"), (-2 * s + 1, "0s"), (0, "0s"), (s - 1, "0s"), (s, "1s"), (2 * s - 1, "1s"), (m - 1, "59s"),
            (m, "1m"), (2 * m - 1, "1m"), (h - 1, "59m"), (h, "1h"), (2 * h - 1, "1h"), (d - 1, "23h"), (d, "1d"),
            (2 * d - 1, "1d"), (y - 1, "364d"), (y, "1y"), (2 * y - 1, "1y"), (2 * y, "2y"),
        ]
        for (ms, want) in cases { #expect(HumanDuration.short(milliseconds: ms) == want, "\(ms)") }
    }

    @Test func timestamps() throws {
        let t = try #require(Timestamp(rfc3339: "2024-03-05T07:08:09Z"))
        #expect(t.rfc3339 == "2024-03-05T07:08:09Z")
        #expect(t.rfc1123Z == "Tue, 05 Mar 2024 07:08:09 +0000")
        #expect(Timestamp(rfc3339: "2024-03-05T09:08:09+02:00") == t)
        #expect(Timestamp(rfc3339: "2024-03-05T07:08:09.500Z")?.milliseconds == t.milliseconds + 500)
        #expect(Timestamp(rfc3339: "ayer") == nil)
    }
}
