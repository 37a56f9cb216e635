/// A command of `taller`, in the spirit of apple/swift-argument-parser: a type with a static
/// description and signature, built from parsed arguments, with a `run`. Help and usage are
/// generated from these declarations (`Help.swift`); failures are `CLIError` values rendered
/// in one place (`CLIError.swift`).
protocol Command {
    /// The words that select it: `["yaml", "json"]`.
    static var path: [String] { get }
    /// One line, Spanish, for the help.
    static var summary: String { get }
    static var signature: Signature { get }
    /// Hidden commands work but are left out of the help (tools for maintainers).
    static var hidden: Bool { get }

    init(_ arguments: ParsedArguments) throws(CLIError)
    func run<IO: TextStreams>(io: inout IO) throws(CLIError)
}

extension Command {
    static var hidden: Bool { false }
    static var usage: String { Help.usage(Self.self) }
}

/// What a command accepts.
struct Signature: Sendable {
    struct Positional: Sendable {
        var name: String
        var help: String
    }
    struct Option: Sendable {
        var name: String
        var valueName: String
        var help: String
        /// When not empty, the only values accepted.
        var allowed: [String] = []
        /// A switch without a value (`--confirmar`).
        var flag = false
    }
    var positionals: [Positional] = []
    var options: [Option] = []
    /// Accepts any number of positionals (`taller ayuda [ORDEN…]`).
    var variadic = false
    /// Every word after the path is a positional, options included: the command parses
    /// them itself (`taller k`, whose flags follow kubectl's rules).
    var raw = false
}

/// Arguments after the command's path, checked against its signature.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var options: [String: String] = [:]
    /// The process environment the command runs in (state folder variable, wall clock).
    var environment = CommandEnvironment.process

    subscript(option name: String) -> String? { options[name] }

    /// No words: the defaults (the welcome screen looks for the course this way).
    init(environment: CommandEnvironment) { self.environment = environment }

    /// `--nombre valor`, `--nombre=valor`, positionals in order, `-` is a positional (stdin),
    /// `--` ends the options.
    init<C: Command>(_ words: [String], for command: C.Type) throws(CLIError) {
        let signature = C.signature
        if signature.raw {
            positionals = words
            return
        }
        var i = 0
        var onlyPositionals = false
        while i < words.count {
            let word = words[i]
            i += 1
            if !onlyPositionals, word == "--" { onlyPositionals = true; continue }
            if !onlyPositionals, word.hasPrefix("-"), word != "-" {
                var name = word
                var value: String?
                if let eq = word.firstIndex(of: "=") {
                    name = String(word[..<eq])
                    value = String(word[word.index(after: eq)...])
                }
                guard let option = signature.options.first(where: { $0.name == name }) else {
                    throw .usage(Messages.unknownOption(word), usage: C.usage)
                }
                if value == nil && option.flag { value = "true" }
                if value == nil {
                    guard i < words.count else { throw .usage(Messages.missingValue(name, option.valueName), usage: C.usage) }
                    value = words[i]
                    i += 1
                }
                let v = value ?? ""
                if !option.allowed.isEmpty, !option.allowed.contains(v) {
                    throw .usage(Messages.invalidValue(v, for: name, allowed: option.allowed), usage: C.usage)
                }
                options[name] = v
                continue
            }
            positionals.append(word)
        }
        if signature.variadic { return }
        if positionals.count < signature.positionals.count {
            throw .usage(Messages.missingArgument(signature.positionals[positionals.count].name), usage: C.usage)
        }
        if positionals.count > signature.positionals.count {
            throw .usage(Messages.extraArgument(positionals[signature.positionals.count]), usage: C.usage)
        }
    }
}
