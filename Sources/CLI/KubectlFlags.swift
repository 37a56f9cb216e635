import Simulator

/// kubectl's command-line flags, parsed as spf13/pflag parses them:
///
/// - `--name value`, `--name=value`; `-n value`, `-nvalue`, `-n=value`;
/// - combined shorthands (`-Ao wide`: `-A`, then `-o` takes the rest of the word or the
///   next word);
/// - boolean flags take a value only with `=` (`--overwrite=false`); flags with a default
///   when written bare (pflag's `NoOptDefVal`: `--dry-run` means `--dry-run=client`,
///   `--cascade` means `background`) likewise;
/// - `--` ends the flags: what follows is the container command (`create job … -- echo hi`);
/// - flags may come before or after the verb and the positionals.
///
/// One table serves every verb (a verb ignores flags it does not use); `logs -f` is
/// `--follow`, as in kubectl.
struct KubectlFlags: Sendable {
    enum Kind: Sendable {
        case value
        case bool
        case optionalValue(String)
    }

    struct Definition: Sendable {
        var name: String
        var short: Character?
        var kind: Kind
    }

    var positionals: [String] = []
    var values: [String: [String]] = [:]
    /// After `--`; nil when there was no `--`.
    var command: [String]?

    static let definitions: [Definition] = {
        var list: [Definition] = []
        func v(_ name: String, _ short: Character? = nil) { list.append(Definition(name: name, short: short, kind: .value)) }
        func b(_ name: String, _ short: Character? = nil) { list.append(Definition(name: name, short: short, kind: .bool)) }
        v("namespace", "n"); v("output", "o"); v("selector", "l"); v("filename", "f"); v("image"); v("replicas")
        v("port"); v("target-port"); v("type"); v("tcp"); v("from-literal"); v("from-file"); v("container", "c")
        v("tail"); v("to-revision"); v("name"); v("node-port"); v("clusterip"); v("protocol"); v("timeout")
        v("field-selector"); v("sort-by"); v("estado"); v("grace-period"); v("revision"); v("label-columns", "L")
        v("current-replicas"); v("external-ip"); v("since"); v("api-version"); v("for"); v("schedule")
        v("restart"); v("env", "e"); v("labels"); v("selector-override"); v("min"); v("max"); v("cpu-percent"); v("patch"); v("from")
        v("as"); v("as-group"); v("subresource"); v("pod-selector"); v("verb"); v("resource"); v("resource-name")
        v("role"); v("clusterrole"); v("user"); v("group"); v("serviceaccount"); v("non-resource-url")
        b("all-namespaces", "A"); b("recursive", "R"); b("all"); b("overwrite"); b("show-labels"); b("previous", "p")
        b("watch", "w"); b("no-headers"); b("local"); b("force"); b("wait"); b("follow"); b("ignore-not-found")
        b("timestamps"); b("help", "h"); b("short"); b("client"); b("namespaced"); b("show-kind"); b("stdin", "i"); b("tty", "t")
        b("containers"); b("sum"); b("rm"); b("command"); b("quiet", "q"); b("list")
        b("ignore-daemonsets"); b("delete-emptydir-data"); b("delete-local-data"); b("disable-eviction")
        list.append(Definition(name: "dry-run", short: nil, kind: .optionalValue("client")))
        list.append(Definition(name: "cascade", short: nil, kind: .optionalValue("background")))
        list.append(Definition(name: "validate", short: nil, kind: .optionalValue("strict")))
        return list
    }()

    static func definition(long: String) -> Definition? { definitions.first { $0.name == long } }

    static func definition(short: Character, verb: String?) -> Definition? {
        if short == "f", verb == "logs" { return definition(long: "follow") }
        if short == "p", verb == "patch" { return definition(long: "patch") }
        return definitions.first { $0.short == short }
    }

    /// Parses `words`; `verb` selects kubectl's per-command shorthands (nil: find it first).
    static func parse(_ words: [String]) throws(KubectlError) -> KubectlFlags {
        let first = try parse(words, verb: nil)
        guard let verb = first.positionals.first, verb == "logs" || verb == "patch" else { return first }
        return try parse(words, verb: verb)
    }

    static func parse(_ words: [String], verb: String?) throws(KubectlError) -> KubectlFlags {
        var flags = KubectlFlags()
        var i = 0
        let command = flags.positionals.first ?? verb ?? ""
        func add(_ d: Definition, _ value: String) { flags.values[d.name, default: []].append(value) }
        while i < words.count {
            let word = words[i]
            i += 1
            if word == "--" {
                flags.command = Array(words[i...])
                break
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let d = definition(long: name) else {
                    throw .usage("unknown flag: --\(name)", verb: flags.positionals.first ?? command)
                }
                switch d.kind {
                case .bool: add(d, inline ?? "true")
                case .optionalValue(let bare): add(d, inline ?? bare)
                case .value:
                    if let inline { add(d, inline); continue }
                    guard i < words.count else { throw .usage("flag needs an argument: --\(name)", verb: flags.positionals.first ?? command) }
                    add(d, words[i])
                    i += 1
                }
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                var rest = Substring(word.dropFirst())
                while let c = rest.first {
                    rest = rest.dropFirst()
                    guard let d = definition(short: c, verb: verb) else {
                        throw .usage("unknown shorthand flag: '\(c)' in \(word)", verb: flags.positionals.first ?? command)
                    }
                    switch d.kind {
                    case .bool, .optionalValue:
                        if rest.first == "=" { add(d, String(rest.dropFirst())); rest = "" } else { add(d, "true") }
                    case .value:
                        if rest.first == "=" { rest = rest.dropFirst() }
                        if !rest.isEmpty { add(d, String(rest)); rest = "" }
                        else if i < words.count { add(d, words[i]); i += 1 }
                        else { throw .usage("flag needs an argument: '\(c)' in -\(c)", verb: flags.positionals.first ?? command) }
                    }
                }
                continue
            }
            flags.positionals.append(word)
        }
        return flags
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { values[name] != nil }
    /// A boolean flag: set, and not `=false`.
    func bool(_ name: String) -> Bool {
        guard let v = values[name]?.last else { return false }
        return v != "false" && v != "0" && v != "False" && v != "FALSE"
    }

    /// `-n`, else `default`.
    var namespace: String { value("namespace") ?? "default" }
    var allNamespaces: Bool { bool("all-namespaces") }

    /// A `time.Duration` flag (`--timeout=30s`) in milliseconds, nil when absent; pflag's
    /// error for a value Go's `time.ParseDuration` refuses.
    func duration(_ name: String, verb: String) throws(KubectlError) -> Int64? {
        guard let text = value(name) else { return nil }
        switch GoDuration.parse(text) {
        case .success(let ms): return ms
        case .failure(let failure):
            let why: String
            switch failure {
            case .invalid: why = "time: invalid duration \(GoText.quote(text))"
            case .missingUnit: why = "time: missing unit in duration \(GoText.quote(text))"
            case .unknownUnit(let unit): why = "time: unknown unit \(GoText.quote(unit)) in duration \(GoText.quote(text))"
            }
            throw .usage("invalid argument \(GoText.quote(text)) for \"--\(name)\" flag: \(why)", verb: verb)
        }
    }

    /// `--dry-run`: kubectl accepts `none`, `client`, `server` (and the deprecated bare form).
    func dryRun() throws(KubectlError) -> DryRun {
        guard let v = value("dry-run") else { return .none }
        switch v {
        case "none", "false": return .none
        case "client", "true", "unchanged": return .client
        case "server": return .server
        default: throw .message("error: Invalid dry-run value (\(v)). Must be \"none\", \"server\", or \"client\".")
        }
    }
}
