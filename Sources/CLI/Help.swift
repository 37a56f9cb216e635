/// Help and usage, generated from the commands' declarations.
enum Help {
    /// `taller yaml json [--esquema core|kubernetes] ARCHIVO`
    static func usage<C: Command>(_ command: C.Type) -> String {
        var words = ["taller"] + C.path
        for option in C.signature.options {
            let value = option.allowed.isEmpty ? option.valueName : option.allowed.joined(separator: "|")
            words.append(option.flag ? "[\(option.name)]" : "[\(option.name) \(value)]")
        }
        words += C.signature.positionals.map(\.name)
        return words.joined(separator: " ")
    }

    /// The visible commands: the usage line, and the summary indented below it.
    static func commandList() -> String {
        Taller.commands.filter { !$0.hidden }.map { "  \($0.usage)\n      \($0.summary)\n" }.joined()
    }

    /// Everything about one command: usage, summary, arguments and options.
    static func detail<C: Command>(_ command: C.Type) -> String {
        var out = "uso: \(C.usage)\n\n\(C.summary)\n"
        let rows = C.signature.positionals.map { ($0.name, $0.help) }
            + C.signature.options.map { ($0.flag ? $0.name : "\($0.name) \($0.valueName)", $0.help) }
        if !rows.isEmpty {
            let width = (rows.map(\.0.count).max() ?? 0) + 3
            out += "\n"
            for (name, help) in rows {
                out += "  " + name + String(repeating: " ", count: width - name.count) + help + "\n"
            }
        }
        return out
    }
}
