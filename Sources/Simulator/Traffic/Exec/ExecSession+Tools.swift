/// The basic tools: busybox's applets (coreutils/cat.c, ls.c, …: `cat: can't open 'x': No
/// such file or directory`) or GNU coreutils (`cat: x: No such file or directory`, `ls: cannot
/// access 'x': No such file or directory`, exit 2), as the image has them.
extension ExecSession {
    mutating func basic(_ name: String, _ args: [String], stdin: String) -> Output {
        var o = Output()
        switch name {
        case "echo":
            var words = args[...]
            var newline = true
            while let f = words.first, f == "-n" || f == "-e" || f == "-ne" || f == "-en" {
                if f.contains("n") { newline = false }
                words = words.dropFirst()
            }
            o.out = words.joined(separator: " ") + (newline ? "\n" : "")
        case "cat":
            if args.isEmpty { o.out = stdin }
            for path in args where !path.hasPrefix("-") {
                if let text = files.files[path] {
                    o.out += text
                } else if files.directories.contains(path) {
                    o.err += busybox ? "cat: read error: Is a directory\n" : "cat: \(path): Is a directory\n"
                    o.code = 1
                } else {
                    o.err += busybox ? "cat: can't open '\(path)': No such file or directory\n" : "cat: \(path): No such file or directory\n"
                    o.code = 1
                }
            }
        case "ls":
            let paths = args.filter { !$0.hasPrefix("-") }
            let targets = paths.isEmpty ? ["/"] : paths
            for (i, path) in targets.enumerated() {
                if let names = files.list(path) {
                    if targets.count > 1 { o.out += (i > 0 ? "\n" : "") + "\(path):\n" }
                    o.out += names.map { $0 + "\n" }.joined()
                } else if files.files[path] != nil {
                    o.out += path + "\n"
                } else {
                    o.err += busybox ? "ls: \(path): No such file or directory\n" : "ls: cannot access '\(path)': No such file or directory\n"
                    o.code = busybox ? 1 : 2
                }
            }
        case "env", "printenv":
            if name == "printenv", let wanted = args.first {
                if let v = value(of: wanted) { o.out = v + "\n" } else { o.code = 1 }
            } else {
                o.out = variables.map { "\($0.name)=\($0.value)\n" }.joined()
            }
        case "hostname":
            o.out = (args.first == "-i" ? pod.value["status"]?["podIP"]?.string ?? "" : PodFiles.hostname(pod.value)) + "\n"
        case "pwd": o.out = "/\n"
        case "date": o.out = ShellScript.date(now) + "\n"
        case "false": o.code = 1
        case "grep": o = grep(args, stdin: stdin)
        case "head", "tail":
            var n = 10
            var rest = args[...]
            while let f = rest.first, f.hasPrefix("-") {
                rest = rest.dropFirst()
                if f == "-n", let v = rest.first.flatMap({ Int($0) }) { n = v; rest = rest.dropFirst() } else if let v = Int(f.dropFirst()) { n = v }
            }
            let lines = ExecSession.lines(rest.first.flatMap { files.files[$0] } ?? stdin)
            o.out = (name == "head" ? Array(lines.prefix(n)) : Array(lines.suffix(n))).map { $0 + "\n" }.joined()
        case "wc":
            let text = args.last(where: { !$0.hasPrefix("-") }).flatMap { files.files[$0] } ?? stdin
            let count = text.filter { $0 == "\n" }.count
            o.out = args.contains("-l") ? "\(count)\n" : "\(count) \(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count) \(text.utf8.count)\n"
        default: break // sleep, true: nothing to print
        }
        return o
    }

    /// `grep [-i] [-v] [-c] [-q] PATTERN [FILE]`: a fixed-string match (no regular expressions).
    func grep(_ args: [String], stdin: String) -> Output {
        var flags = Set<Character>()
        var rest: [String] = []
        for a in args {
            if a.hasPrefix("-"), a.count > 1, rest.isEmpty { flags.formUnion(a.dropFirst()) } else { rest.append(a) }
        }
        guard let pattern = rest.first else {
            return Output(err: busybox ? "BusyBox v1.37.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n"
                                      : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", code: 2)
        }
        let text = rest.count > 1 ? (files.files[rest[1]] ?? "") : stdin
        let ignore = flags.contains("i")
        let matched = ExecSession.lines(text).filter { line in
            let hit = ignore ? line.lowercased().contains(pattern.lowercased()) : line.contains(pattern)
            return hit != flags.contains("v")
        }
        var o = Output(code: matched.isEmpty ? 1 : 0)
        if flags.contains("q") { return o }
        o.out = flags.contains("c") ? "\(matched.count)\n" : matched.map { $0 + "\n" }.joined()
        return o
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
