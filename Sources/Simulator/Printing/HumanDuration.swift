import YAML

/// kubectl's AGE and duration texts: k8s.io/apimachinery/pkg/util/duration/duration.go
/// (`HumanDuration`, `ShortHumanDuration`), on milliseconds instead of Go nanoseconds.
///
/// `HumanDuration` keeps ~2–3 significant figures: `119s`, `2m1s`, `9m59s`, `10m`, `179m`,
/// `3h1m`, `8h`, `47h`, `2d1h`, `8d`, `729d`, `2y1d`, `8y`; below −1 s it is `<invalid>`
/// (clock skew of up to 2 s counts as "now": `0s`).
public enum HumanDuration {
    public static func string(milliseconds d: Int64) -> String {
        let seconds = d / 1000  // Go's int(d.Seconds()) truncates toward zero
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = d / 60_000
        if minutes < 10 {
            let s = (d / 1000) % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        } else if minutes < 60 * 3 {
            return "\(minutes)m"
        }
        let hours = d / 3_600_000
        if hours < 8 {
            let m = (d / 60_000) % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        } else if hours < 48 {
            return "\(hours)h"
        } else if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        } else if hours < 24 * 365 * 2 {
            return "\(hours / 24)d"
        } else if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }

    public static func short(milliseconds d: Int64) -> String {
        let seconds = d / 1000
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 { return "\(seconds)s" }
        let minutes = d / 60_000
        if minutes < 60 { return "\(minutes)m" }
        let hours = d / 3_600_000
        if hours < 24 { return "\(hours)h" }
        if hours < 24 * 365 { return "\(hours / 24)d" }
        return "\(hours / 24 / 365)y"
    }

    /// printers.go `translateTimestampSince`: `<unknown>` for a missing or unparsable time.
    public static func since(_ time: Value?, now: Timestamp) -> String {
        guard let text = time?.string, let t = Timestamp(rfc3339: text) else { return "<unknown>" }
        return string(milliseconds: now.milliseconds - t.milliseconds)
    }
}
