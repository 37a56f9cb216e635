/// A parsed standard cron schedule (github.com/robfig/cron/v3 parser.go `ParseStandard`,
/// spec.go `SpecSchedule.Next`), evaluated in UTC. Fields are bit sets; `starBit` marks a
/// day field written `*`/`?` (with no step above 1), which changes how day-of-month and
/// day-of-week combine (both must match when either is a star, else either).
struct CronSchedule: Sendable, Hashable {
    var minute: UInt64 = 0, hour: UInt64 = 0, dom: UInt64 = 0, month: UInt64 = 0, dow: UInt64 = 0
    static let starBit: UInt64 = 1 << 63

    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let days = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
    /// parser.go `parseDescriptor`.
    static let descriptors = ["@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
                              "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"]

    /// nil when the spec does not parse (validation reports why).
    init?(_ text: String) {
        var spec = Substring(text)
        if spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=") {
            guard let space = spec.firstIndex(of: " ") else { return nil }
            spec = spec[space...].drop { $0 == " " }
        }
        let expanded = CronSchedule.descriptors[String(spec)] ?? String(spec)
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { return nil }
        let bounds: [(Int, Int, [String: Int])] = [(0, 59, [:]), (0, 23, [:]), (1, 31, [:]), (1, 12, CronSchedule.months), (0, 6, CronSchedule.days)]
        var sets: [UInt64] = []
        for (field, b) in zip(fields, bounds) {
            var bits: UInt64 = 0
            for part in field.split(separator: ",") {
                guard let r = CronSchedule.range(String(part), b.0, b.1, b.2) else { return nil }
                bits |= r
            }
            sets.append(bits)
        }
        (minute, hour, dom, month, dow) = (sets[0], sets[1], sets[2], sets[3], sets[4])
    }

    /// parser.go `getRange`.
    static func range(_ expr: String, _ lo: Int, _ hi: Int, _ names: [String: Int]) -> UInt64? {
        let rangeAndStep = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func value(_ s: String) -> Int? { names[s.lowercased()] ?? Int(s) }
        var start: Int, end: Int, extra: UInt64 = 0
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            (start, end, extra) = (lo, hi, starBit)
        } else {
            guard let s = value(lowAndHigh[0]) else { return nil }
            start = s
            if lowAndHigh.count == 2 { guard let e = value(lowAndHigh[1]) else { return nil }; end = e } else { end = s }
        }
        var step = 1
        if rangeAndStep.count == 2 {
            guard let s = Int(rangeAndStep[1]), s > 0 else { return nil }
            step = s
            if lowAndHigh.count == 1 { end = hi }
            if step > 1 { extra = 0 }
        }
        guard start >= lo, end <= hi, start <= end, rangeAndStep.count <= 2, lowAndHigh.count <= 2 else { return nil }
        var bits: UInt64 = 0
        for i in stride(from: start, through: end, by: step) { bits |= 1 << UInt64(i) }
        return bits | extra
    }

    /// spec.go `Next`: the first whole minute strictly after `t` that matches (nil if none
    /// within five years).
    func next(after t: VirtualTime) -> VirtualTime? {
        var minuteIndex = t.milliseconds / 60_000 + 1
        let limit = minuteIndex + 5 * 366 * 1440
        while minuteIndex < limit {
            let seconds = minuteIndex * 60
            let days = seconds / 86_400
            let (_, mon, day) = VirtualTime.civil(fromDays: days)
            guard month & (1 << UInt64(mon)) != 0 else { minuteIndex = (days + 1) * 1440; continue }
            let weekday = Int64((days % 7 + 11) % 7) // 1970-01-01 was a Thursday (4)
            guard dayMatches(dayOfMonth: Int(day), weekday: Int(weekday)) else { minuteIndex = (days + 1) * 1440; continue }
            let h = (seconds % 86_400) / 3600, m = (seconds % 3600) / 60
            guard hour & (1 << UInt64(h)) != 0 else { minuteIndex = (seconds / 3600 + 1) * 60; continue }
            guard minute & (1 << UInt64(m)) != 0 else { minuteIndex += 1; continue }
            return VirtualTime(milliseconds: seconds * 1000)
        }
        return nil
    }

    /// spec.go `dayMatches`.
    func dayMatches(dayOfMonth: Int, weekday: Int) -> Bool {
        let domMatch = dom & (1 << UInt64(dayOfMonth)) != 0
        let dowMatch = dow & (1 << UInt64(weekday)) != 0
        if dom & CronSchedule.starBit != 0 || dow & CronSchedule.starBit != 0 { return domMatch && dowMatch }
        return domMatch || dowMatch
    }
}
