/// The simulated busybox `sh`: enough of a shell for the commands learners put in pods
/// (`echo`, `sleep N`, `exit N`, `date`, `true`/`false`, `touch`/`rm -f` of files probes
/// look at, `while COND; do …; done`, `until COND; do …; done`, `for x in a b; do …; done`,
/// `sh -c "…"`), turned into a timeline: lines printed at instants, files present over
/// intervals, and how it ends. Commands outside the shell (`nslookup`) are answered by the
/// caller's `Tool`, at the instant they run; anything else is echoed as not found, as busybox
/// does (`sh: foo: not found`, status 127).
struct ShellScript: Sendable {
    indirect enum Statement: Sendable {
        case command([String])
        case loop([Statement], values: [String]?, variable: String)
        /// `while COND` (`until` false) or `until COND` (`until` true).
        case conditional(condition: [Statement], body: [Statement], until: Bool)
    }

    /// An executable of the image that is not a shell builtin, run with its words at
    /// `atMs` milliseconds after start: the lines it prints (stdout, then stderr) and its exit
    /// status; nil when the image has no such program.
    typealias Tool = (_ words: [String], _ atMs: Int64) -> (lines: [String], code: Int)?

    struct Timeline: Sendable {
        var lines: [(ms: Int64, text: String)] = []
        var files: [String: [(from: Int64, to: Int64?)]] = [:]
        /// When and how it exits; nil while an endless loop runs past the horizon.
        var exit: (ms: Int64, code: Int)?
    }

    var statements: [Statement]

    init(_ script: String) {
        var tokens = ShellScript.tokenize(script)
        statements = ShellScript.parse(&tokens, until: [])
    }

    /// Splits into words, honouring quotes; `;`, `&&`, `||` and newlines become `;`.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = [], word = "", quote: Character?, inWord = false
        for ch in s {
            if let q = quote {
                if ch == q { quote = nil } else { word.append(ch) }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch; inWord = true
            case " ", "\t": if inWord { out.append(word); word = ""; inWord = false }
            case ";", "\n", "&", "|":
                if inWord { out.append(word); word = ""; inWord = false }
                if out.last != ";" { out.append(";") }
            default: word.append(ch); inWord = true
            }
        }
        if inWord { out.append(word) }
        return out
    }

    static func parse(_ tokens: inout [String], until stops: Set<String>) -> [Statement] {
        var result: [Statement] = []
        var current: [String] = []
        func flush() { if !current.isEmpty { result.append(.command(current)); current = [] } }
        while !tokens.isEmpty {
            let t = tokens.removeFirst()
            if current.isEmpty && stops.contains(t) { flush(); return result }
            if t == ";" { flush(); continue }
            if current.isEmpty && (t == "while" || t == "until") {
                let condition = parse(&tokens, until: ["do"])
                result.append(.conditional(condition: condition, body: parse(&tokens, until: ["done"]), until: t == "until"))
                continue
            }
            if current.isEmpty && t == "for", !tokens.isEmpty {
                let variable = tokens.removeFirst()
                var values: [String] = []
                if tokens.first == "in" { tokens.removeFirst() }
                while let f = tokens.first, f != "do" { if f != ";" { values.append(f) }; tokens.removeFirst() }
                if !tokens.isEmpty { tokens.removeFirst() }
                result.append(.loop(parse(&tokens, until: ["done"]), values: values, variable: variable))
                continue
            }
            current.append(t)
        }
        flush()
        return result
    }

    /// Runs until `horizon` milliseconds (endless loops stop there) or 10,000 lines.
    func run(env: [String: String], start: VirtualTime, horizon: Int64, tools: Tool? = nil) -> Timeline {
        var t = Timeline()
        var now: Int64 = 0
        var vars = env
        var stopped = false
        var status = 0
        func expand(_ w: String) -> String {
            var s = w
            if s.contains("$(date)") { s = s.replacingAll("$(date)", with: ShellScript.date(start + .milliseconds(now))) }
            for (k, v) in vars.sorted(by: { $0.key.count > $1.key.count }) {
                s = s.replacingAll("${\(k)}", with: v).replacingAll("$\(k)", with: v)
            }
            return s
        }
        func exec(_ list: [Statement]) {
            for st in list {
                if stopped || now > horizon || t.lines.count >= 10_000 { stopped = true; return }
                switch st {
                case .command(let words): command(words.map(expand))
                case .loop(let body, let values, let variable):
                    for v in values ?? [] { vars[variable] = v; exec(body); if stopped { return } }
                case .conditional(let condition, let body, let until):
                    var guardCount = 0
                    while !stopped {
                        let before = now
                        exec(condition)
                        if stopped || (status == 0) == until { break }
                        exec(body)
                        guardCount += 1
                        if now == before { now += 1 } // a loop without sleep still moves on
                        if guardCount > 100_000 { stopped = true }
                    }
                    // sh(1): a loop whose body never ran exits 0; here every body ends well.
                    status = 0
                }
            }
        }
        func command(_ written: [String]) {
            // Redirections (`> /dev/null`, `2>&1`): what the command prints goes elsewhere.
            var w: [String] = [], quiet = false, skip = false
            for word in written {
                if skip { skip = false; continue }
                if word == ">" || word == ">>" || word == "2>" || word == "&>" { quiet = true; skip = true; continue }
                if word.hasPrefix(">") || word.hasPrefix("2>") || word.hasPrefix("&>") || word.hasPrefix("1>") { quiet = true; continue }
                w.append(word)
            }
            let printed = t.lines.count
            defer { if quiet { t.lines.removeSubrange(printed...) } }
            guard let name = w.first?.split(separator: "/").last.map(String.init) else { return }
            let args = Array(w.dropFirst())
            status = 0
            switch name {
            case "echo": t.lines.append((now, args.filter { $0 != "-n" && $0 != "-e" }.joined(separator: " ")))
            case "printf": t.lines.append((now, args.first?.replacingAll("\\n", with: "") ?? ""))
            case "sleep": now += Int64((Double(args.first ?? "0") ?? 0) * 1000)
            case "date": t.lines.append((now, ShellScript.date(start + .milliseconds(now))))
            case "exit":
                t.exit = (now, Int(args.first ?? "0") ?? 0)
                stopped = true
            case "true", ":", "cat", "ls", "mkdir", "cd", "export": break
            case "false": status = 1
            case "[", "test":
                // `[ -f FILE ]`, `[ ! -e FILE ]`; any other test holds.
                var words = args.filter { $0 != "]" }
                let negated = words.first == "!"
                if negated { words.removeFirst() }
                var holds = true
                if words.count == 2, ["-f", "-e", "-s", "-r"].contains(words[0]) {
                    holds = t.files[words[1]]?.last.map { $0.to == nil } ?? false
                }
                status = holds != negated ? 0 : 1
            case "hostname": t.lines.append((now, vars["HOSTNAME"] ?? ""))
            case "env", "printenv": for (k, v) in vars.sorted(by: { $0.key < $1.key }) { t.lines.append((now, "\(k)=\(v)")) }
            case "touch": for f in args { t.files[f, default: []].append((now, nil)) }
            case "rm": for f in args where !f.hasPrefix("-") { if var spans = t.files[f], spans.last?.to == nil { spans[spans.count - 1].to = now; t.files[f] = spans } }
            case "sh", "bash", "ash":
                if let i = args.firstIndex(of: "-c"), i + 1 < args.count { exec(ShellScript(args[i + 1]).statements) }
            default:
                if let result = tools?(w, now) {
                    t.lines += result.lines.map { (now, $0) }
                    status = result.code
                    return
                }
                t.lines.append((now, "sh: \(name): not found"))
                status = 127
            }
        }
        exec(statements)
        // A script ends with the status of its last command (sh(1)): `sh -c "pg_dump …"` in an
        // image without it exits 127, and the Job fails.
        if t.exit == nil && !stopped { t.exit = (now, status) }
        return t
    }

    /// busybox `date`: `Thu Jan  1 00:00:00 UTC 2026`.
    static func date(_ time: VirtualTime) -> String {
        let seconds = time.unixSeconds
        let days = seconds / 86_400
        let (y, m, d) = VirtualTime.civil(fromDays: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(m) - 1]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let s = seconds % 86_400
        return "\(weekday) \(month) \(d < 10 ? " \(d)" : "\(d)") \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)) UTC \(y)"
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        // Most text has no occurrence: look for the first byte before searching for the whole.
        guard let first = target.utf8.first, utf8.contains(first), contains(target) else { return self }
        var out = "", rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        var i = startIndex
        while i < endIndex {
            if self[i...].utf8.starts(with: t) { return i..<(utf8.index(i, offsetBy: t.count)) }
            i = index(after: i)
        }
        return nil
    }
}
