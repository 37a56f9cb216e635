import KubeAPI
import YAML

/// One `kubectl exec` inside a running container: the executables the image has, a small
/// shell for `sh -c '…'` (words and quotes, `$VAR`, `;`, `&&`, `||` and `|`), and the tools a
/// learner probes the network and the configuration with (wget, curl, nslookup, env, cat, ls,
/// echo, hostname, grep, head, tail, wc). Each tool prints what the real one prints, as the
/// image has it: busybox's applets on busybox and Alpine, GNU coreutils on Debian.
///
/// What a shell prints for a command it cannot find depends on the shell: dash (Debian's
/// `/bin/sh`) `sh: 1: foo: not found`, busybox ash `sh: foo: not found`, bash `sh: line 1:
/// foo: command not found`; all exit 127.
struct ExecSession {
    let pod: StoredObject
    let container: Value
    let image: ImageCatalog.Image
    let files: PodFiles
    let now: VirtualTime
    var variables: [(name: String, value: String)]
    var lastStatus: Int32 = 0

    struct Output: Equatable {
        var out = ""
        var err = ""
        var code: Int32 = 0
    }

    /// The image's `sh` is busybox's (its applets answer, with busybox's texts).
    var busybox: Bool { image.execShell == .ash }

    /// The executables on the image's PATH: the shell and the basic tools, and the network
    /// tools the catalog lists (`bin`). An image without a shell has none of them.
    var executables: Set<String> {
        guard image.execShell != .none else { return [] }
        var set: Set<String> = ["sh", "echo", "cat", "ls", "env", "printenv", "hostname", "sleep", "date", "true", "false",
                                "grep", "head", "tail", "wc", "pwd"]
        switch image.execShell {
        case .ash: set.insert("ash")
        case .dash, .bash: set.insert("bash")
        case .none: break
        }
        return set.union(image.binaries)
    }

    static let shells: Set<String> = ["sh", "bash", "ash"]

    func value(of name: String) -> String? { variables.last { $0.name == name }?.value }

    // MARK: Scripts

    /// Reads one pipeline from `chars`: its commands' words (quotes removed, `$VAR`
    /// expanded now, so `$?` sees the commands before it) and the operator that ends it
    /// (`;`, `&&`, `||`; nil at the end). A newline is `;`.
    func nextPipeline(_ chars: inout ArraySlice<Character>) -> (commands: [[String]], op: String?) {
        var commands: [[String]] = [[]]
        var word = "", inWord = false, quote: Character?
        func flush() { if inWord { commands[commands.count - 1].append(word); word = ""; inWord = false } }
        while let c = chars.popFirst() {
            if let q = quote {
                if c == q { quote = nil } else if c == "$", q == "\"" { word += expandVariable(&chars) } else { word.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case " ", "\t": flush()
            case "\n", ";": flush(); return (commands, ";")
            case "&", "|":
                flush()
                if chars.first == c { chars.removeFirst(); return (commands, String([c, c])) }
                if c == "&" { return (commands, ";") }
                commands.append([])
            case "$": word += expandVariable(&chars); inWord = true
            case "\\": if let n = chars.popFirst() { word.append(n) }; inWord = true
            default: word.append(c); inWord = true
            }
        }
        flush()
        return (commands, nil)
    }

    /// `$NAME`, `${NAME}`, `$?`; an unknown variable is empty.
    func expandVariable(_ chars: inout ArraySlice<Character>) -> String {
        if chars.first == "?" { chars.removeFirst(); return String(lastStatus) }
        var name = ""
        if chars.first == "{" {
            chars.removeFirst()
            while let c = chars.popFirst(), c != "}" { name.append(c) }
        } else {
            while let c = chars.first, c.isLetter || c.isNumber || c == "_" { name.append(c); chars.removeFirst() }
        }
        if name.isEmpty { return "$" }
        return value(of: name) ?? ""
    }

    /// Runs a `sh -c` script; `shell` is the name it was started as (for its messages).
    mutating func script(_ text: String, shell: String, cluster: inout Cluster) -> Output {
        var total = Output()
        var chars = Array(text)[...]
        var run = true
        while true {
            let (commands, op) = nextPipeline(&chars)
            if run && !commands.allSatisfy(\.isEmpty) {
                var input = "", last = Output()
                for words in commands where !words.isEmpty {
                    if words[0] == "exit" {
                        total.code = words.dropFirst().first.flatMap { Int32($0) } ?? lastStatus
                        return total
                    }
                    last = command(words, stdin: input, shell: shell, cluster: &cluster)
                    input = last.out
                    total.err += last.err
                }
                total.out += last.out
                lastStatus = last.code
                total.code = last.code
            }
            guard let op else { return total }
            run = op == ";" || (op == "&&") == (lastStatus == 0)
        }
    }

    /// One command with its standard input.
    mutating func command(_ words: [String], stdin: String, shell: String, cluster: inout Cluster) -> Output {
        let name = String(words[0].split(separator: "/").last ?? "")
        if ExecSession.shells.contains(name), executables.contains(name), let c = words.firstIndex(of: "-c"), c + 1 < words.count {
            return script(words[c + 1], shell: name, cluster: &cluster)
        }
        guard executables.contains(name) else {
            var o = Output(code: 127)
            switch image.execShell {
            case .ash: o.err = "\(shell): \(words[0]): not found\n"
            case .bash: o.err = "\(shell): line 1: \(words[0]): command not found\n"
            default: o.err = "\(shell): 1: \(words[0]): not found\n"
            }
            return o
        }
        return tool(name, Array(words.dropFirst()), stdin: stdin, cluster: &cluster)
    }

    /// An executable of the image (ExecSession+Tools.swift and the network tools).
    mutating func tool(_ name: String, _ args: [String], stdin: String, cluster: inout Cluster) -> Output {
        switch name {
        case "wget": return wget(args, cluster: &cluster)
        case "curl": return curl(args, cluster: &cluster)
        case "nslookup": return nslookup(args, cluster: cluster)
        default: return basic(name, args, stdin: stdin)
        }
    }
}
