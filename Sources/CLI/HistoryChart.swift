import Simulator

/// The terminal chart of `taller cluster historia`: one column per time step, desired
/// replicas as `░` and ready ones as `█` stacked in the same bars, CPU utilization as a
/// sparkline against the HPA's target, a time axis, and the list of changes.
enum HistoryChart {
    static let maxColumns = 60
    static let sparks = Array("▁▂▃▄▅▆▇█")

    struct Input {
        var title: String
        var samples: [History.Sample]
        var cpu: (target: Int64, points: [(Int64, Int64)])?
        var now: Int64
    }

    static func render(_ input: Input) -> String {
        guard let first = input.samples.first else {
            return "\(input.title): todavía no hay historia (se anota cada vez que cambian sus réplicas deseadas o listas).\n"
        }
        let start = first.milliseconds
        // 15 s (the HPA's sync period) or the first round step that fits.
        let steps: [Int64] = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000]
        let step = steps.first { (input.now - start) / $0 + 1 <= Int64(maxColumns) } ?? max(86_400_000, (input.now - start) / Int64(maxColumns - 1))
        let columns = Int((input.now - start) / step) + 1
        let times = (0..<columns).map { start + Int64($0) * step }
        func at(_ t: Int64) -> History.Sample { input.samples.last { $0.milliseconds <= t } ?? first }
        let values = times.map(at)
        let top = max(1, values.map(\.desired).max() ?? 1)
        let rows = min(Int(top), 10)
        var out = "\(input.title), de \(clock(start)) a \(clock(input.now)) (una columna cada \(seconds(step)))\n\n"
        let label = "réplicas"
        let width = max(label.count, String(top).count + 1) + 1
        for row in stride(from: rows, through: 1, by: -1) {
            let level = Int64((Double(row) / Double(rows) * Double(top)).rounded(.up))
            let name = row == rows ? String(top) : (row == 1 ? label : "")
            out += pad(name, width) + "│"
            var line = ""
            for v in values { line += v.ready >= level ? "█" : (v.desired >= level ? "░" : " ") }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        out += pad("", width) + "└" + String(repeating: "─", count: columns) + "\n"
        out += pad("", width + 1) + axis(times) + "\n"
        out += pad("", width + 1) + "█ listas   ░ deseadas sin listar todavía\n"
        if let cpu = input.cpu, !cpu.points.isEmpty {
            let series = times.map { t in cpu.points.last { $0.0 <= t }?.1 }
            let peak = max(cpu.target, series.compactMap { $0 }.max() ?? 0, 1)
            out += "\n" + pad("CPU", width) + "│"
            for v in series {
                guard let v else { out += " "; continue }
                out += String(sparks[min(sparks.count - 1, Int(Double(v) / Double(peak) * Double(sparks.count - 1)))])
            }
            out += "  máx \(peak) %, objetivo \(cpu.target) % del request\n"
        }
        out += "\nCambios:\n"
        var previous: History.Sample?
        for s in input.samples {
            var parts: [String] = []
            if previous == nil || previous!.desired != s.desired {
                parts.append(previous == nil ? "deseadas \(s.desired)" : "deseadas \(previous!.desired) → \(s.desired)")
            }
            if previous == nil || previous!.ready != s.ready {
                parts.append(previous == nil ? "listas \(s.ready)" : "listas \(previous!.ready) → \(s.ready)")
            }
            if !parts.isEmpty { out += "  \(clock(s.milliseconds))  \(parts.joined(separator: ", "))\n" }
            previous = s
        }
        return out
    }

    /// Labels every 10 columns: `00:01:30`.
    static func axis(_ times: [Int64]) -> String {
        var line = ""
        var i = 0
        while i < times.count {
            let text = clock(times[i])
            if i + text.count <= times.count + 8 && i % 10 == 0 {
                line += text
                i += text.count
                let next = ((i + 9) / 10) * 10
                line += String(repeating: " ", count: max(0, min(next, times.count) - i))
                i = max(i, next)
            } else {
                line += " "
                i += 1
            }
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    static func clock(_ ms: Int64) -> String {
        let s = (ms / 1000) % 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    static func seconds(_ ms: Int64) -> String {
        ms % 60_000 == 0 ? "\(ms / 60_000) min" : "\(ms / 1000) s"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
