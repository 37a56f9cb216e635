/// A point in virtual time, in milliseconds since the Unix epoch (UTC).
///
/// The printers never read a clock: callers pass `now` and objects carry their times as
/// RFC 3339 strings (`metadata.creationTimestamp`, `status.startTime`, ...), which this type
/// parses and formats the way Go's `time` package does for metav1.Time
/// (k8s.io/apimachinery/pkg/apis/meta/v1/time.go: RFC 3339, seconds precision, UTC).
public struct Timestamp: Sendable, Hashable, Comparable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// `2024-01-01T00:00:00Z`, `2024-01-01T00:00:00.123456Z`, `2024-01-01T02:00:00+02:00`.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ at: Int, _ count: Int) -> Int64? {
            guard at + count <= b.count else { return nil }
            var n: Int64 = 0
            for i in at..<(at + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int64(b[i] - 48)
            }
            return n
        }
        guard b.count >= 20, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              b[10] == 84 || b[10] == 116, let h = num(11, 2), b[13] == 58, let mi = num(14, 2), b[16] == 58,
              let s = num(17, 2) else { return nil }
        var i = 19
        var millis: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { millis = millis * 10 + Int64(b[i] - 48) }
                digits += 1
                i += 1
            }
            for _ in Swift.min(digits, 3)..<3 { millis *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Timestamp.daysFromCivil(year: y, month: mo, day: d)
        milliseconds = ((days * 86_400 + h * 3600 + mi * 60 + s) - offset) * 1000 + millis
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// Go's `time.RFC3339` in UTC: `2024-01-01T00:00:00Z` (the "CREATED AT" column).
    public var rfc3339: String {
        let c = civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// Go's `time.Time.String()` in UTC at metav1.Time's whole seconds:
    /// `2024-01-01 00:00:00 +0000 UTC` (describe networkpolicy's `Created on`).
    public var goString: String {
        let c = civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)) +0000 UTC"
    }

    /// Go's `time.RFC1123Z` in UTC: `Mon, 01 Jan 2024 00:00:00 +0000` (what `describe` prints).
    public var rfc1123Z: String {
        let c = civil
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(((c.days % 7) + 7) % 7)]
        return "\(weekday), \(pad(c.day, 2)) \(months[Int(c.month) - 1]) \(pad(c.year, 4)) \(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)) +0000"
    }

    private var civil: (days: Int64, year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = VirtualTime.civil(fromDays: days)
        return (days, y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    private func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

}
