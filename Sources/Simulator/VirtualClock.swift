/// An instant of the simulated cluster: whole milliseconds since the Unix epoch.
///
/// The simulator never reads the machine's clock: every timestamp it writes
/// (`creationTimestamp`, `deletionTimestamp`, event times, condition times) comes from the
/// cluster's `VirtualClock`, so the same inputs give the same output byte for byte.
public struct VirtualTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// 2026-01-01T00:00:00Z: where every new cluster's clock starts.
    public static let courseEpoch = VirtualTime(milliseconds: 1_767_225_600_000)

    public static func < (a: VirtualTime, b: VirtualTime) -> Bool { a.milliseconds < b.milliseconds }

    public static func + (t: VirtualTime, d: Duration) -> VirtualTime {
        VirtualTime(milliseconds: t.milliseconds + d.wholeMilliseconds)
    }

    /// The time from `earlier` to `self`.
    public func since(_ earlier: VirtualTime) -> Duration {
        .milliseconds(milliseconds - earlier.milliseconds)
    }

    /// Whole seconds since the epoch (floor), as Go's `Time.Unix()`.
    public var unixSeconds: Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    /// Nanoseconds since the epoch, as Go's `Time.UnixNano()`.
    public var unixNanoseconds: Int64 { milliseconds &* 1_000_000 }

    /// RFC 3339 with whole seconds in UTC, as `metav1.Time` marshals
    /// (k8s.io/apimachinery/pkg/apis/meta/v1/time.go `MarshalJSON`: `RFC3339` after `UTC()`):
    /// `2026-01-01T00:00:00Z`.
    public var rfc3339: String {
        let seconds = unixSeconds
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = VirtualTime.civil(fromDays: days)
        if (0...9999).contains(year) {
            // The common case, written byte by byte (events and timestamps ask for it often).
            return String(unsafeUninitializedCapacity: 20) { out in
                func put(_ n: Int64, _ digits: Int, at i: Int) {
                    var n = n
                    for k in stride(from: i + digits - 1, through: i, by: -1) { out[k] = UInt8(48 + n % 10); n /= 10 }
                }
                put(year, 4, at: 0); out[4] = 45; put(month, 2, at: 5); out[7] = 45; put(day, 2, at: 8); out[10] = 84
                put(secondOfDay / 3600, 2, at: 11); out[13] = 58; put(secondOfDay / 60 % 60, 2, at: 14); out[16] = 58
                put(secondOfDay % 60, 2, at: 17); out[19] = 90
                return 20
            }
        }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    public var description: String { rfc3339 }

    /// Parses the `2026-01-01T00:00:00Z` form this simulator writes (UTC, whole seconds;
    /// an optional fraction is ignored).
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58 else { return nil }
        func number(_ r: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in r { guard b[i] >= 48, b[i] <= 57 else { return nil }; n = n * 10 + Int64(b[i] - 48) }
            return n
        }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
              let mi = number(14..<16), let s = number(17..<19) else { return nil }
        // Hinnant's days_from_civil.
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        self.init(milliseconds: ((days * 86_400) + h * 3600 + mi * 60 + s) * 1000)
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since
    /// 1970-01-01.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The cluster's only time source. It moves only when the simulation loop advances it.
public struct VirtualClock: Sendable, Hashable {
    public private(set) var now: VirtualTime

    public init(start: VirtualTime = .courseEpoch) {
        now = start
    }

    /// Moves the clock forward to `time` (never backwards).
    mutating func advance(to time: VirtualTime) {
        if time > now { now = time }
    }
}

extension Duration {
    /// Whole milliseconds (truncated toward zero).
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
