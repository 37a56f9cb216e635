/// Directives (`%YAML`, `%TAG`), anchors, aliases and tags (YAML 1.2 §§6.8, 6.9).
extension Scanner {
    @inline(__always) static func isWordChar(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-")
    }

    /// ns-uri-char: word characters, `%` escapes and the URI punctuation. In a tag
    /// shorthand (`tagShorthand`), `!` and the flow indicators are excluded.
    @inline(__always) static func isURIChar(_ b: UInt8, tagShorthand: Bool) -> Bool {
        if isWordChar(b) || b >= 0x80 { return true }
        switch b {
        case UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "%"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return !tagShorthand
        default:
            return false
        }
    }

    mutating func scanDirective() throws(YAMLError) -> Token {
        let start = position
        skip()
        var name: [UInt8] = []
        while !Scanner.isBlankZ(at()) { copy(into: &name) }
        var token = Token(kind: .reservedDirective, start: start, end: start)
        switch String(decoding: name, as: UTF8.self) {
        case "YAML":
            guard Scanner.isBlank(at()) else { throw error(.invalidDirective, context: start) }
            while Scanner.isBlank(at()) { skip() }
            let major = try scanVersionNumber(start)
            guard at() == UInt8(ascii: ".") else { throw error(.invalidDirective, context: start) }
            skip()
            let minor = try scanVersionNumber(start)
            token.kind = .versionDirective
            token.spanStart = major
            token.spanLength = minor
        case "TAG":
            guard Scanner.isBlank(at()) else { throw error(.invalidDirective, context: start) }
            while Scanner.isBlank(at()) { skip() }
            let handle = try scanTagHandle(directive: true, start: start)
            guard Scanner.isBlank(at()) else { throw error(.invalidDirective, context: start) }
            while Scanner.isBlank(at()) { skip() }
            var prefix: [UInt8] = []
            while Scanner.isURIChar(at(), tagShorthand: false) || at() == UInt8(ascii: "!") { copy(into: &prefix) }
            guard !prefix.isEmpty else { throw error(.invalidDirective, context: start) }
            token.kind = .tagDirective
            token.textIndex = store(handle)
            _ = store(try decodeURI(prefix, start: start))
        default:
            // Reserved directives are ignored (YAML 1.2 §6.8.1); skip their parameters.
            while !Scanner.isBreakZ(at()) {
                if at() == UInt8(ascii: "#") && Scanner.isBlank(p[index - 1]) { break }
                skip()
            }
        }
        token.end = position
        while Scanner.isBlank(at()) { skip() }
        if at() == UInt8(ascii: "#") {
            guard Scanner.isBlank(p[index - 1]) else { throw error(.commentWithoutSpace) }
            while !Scanner.isBreakZ(at()) { skip() }
        }
        guard Scanner.isBreakZ(at()) else { throw error(.invalidDirective, context: start) }
        return token
    }

    private mutating func scanVersionNumber(_ start: Position) throws(YAMLError) -> Int {
        var value = 0, digits = 0
        while at() >= 0x30 && at() <= 0x39 {
            value = value * 10 + Int(at() - 0x30)
            digits += 1
            guard digits <= 9 else { throw error(.invalidDirective, context: start) }
            skip()
        }
        guard digits > 0 else { throw error(.invalidDirective, context: start) }
        return value
    }

    /// `!`, `!!` or `!name!`.
    private mutating func scanTagHandle(directive: Bool, start: Position) throws(YAMLError) -> String {
        guard at() == UInt8(ascii: "!") else { throw error(.invalidTag, context: start) }
        var out: [UInt8] = [UInt8(ascii: "!")]
        skip()
        while Scanner.isWordChar(at()) { copy(into: &out) }
        if at() == UInt8(ascii: "!") {
            copy(into: &out)
        } else if directive && out.count > 1 {
            throw error(.invalidTag, context: start)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%xx` escapes of a tag URI into UTF-8.
    private func decodeURI(_ bytes: [UInt8], start: Position) throws(YAMLError) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = Scanner.hexValue(bytes[i + 1]), let l = Scanner.hexValue(bytes[i + 2]) else {
                    throw error(.invalidTag, context: start)
                }
                out.append(UInt8(h * 16 + l))
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error(.invalidTag, context: start) }
        return s
    }

    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }

    /// `&name` or `*name`: ns-anchor-char is any non-space character but the flow indicators.
    mutating func scanAnchor(alias: Bool) throws(YAMLError) -> Token {
        let start = position
        skip()
        let from = index
        while !Scanner.isBlankZ(at()) && !Scanner.isFlowIndicator(at()) { skip() }
        guard index > from else { throw error(.invalidAnchor, context: start) }
        return Token(alias ? .alias : .anchor, start: start, end: position, span: from, length: index - from)
    }

    /// `!<verbatim>`, `!`, `!suffix`, `!!suffix`, `!handle!suffix`.
    mutating func scanTag() throws(YAMLError) -> Token {
        let start = position
        var handle: String
        var suffix: [UInt8] = []
        if at(1) == UInt8(ascii: "<") {
            skip(); skip()
            while Scanner.isURIChar(at(), tagShorthand: false) { copy(into: &suffix) }
            guard at() == UInt8(ascii: ">"), !suffix.isEmpty else { throw error(.invalidTag, context: start) }
            skip()
            handle = ""
        } else {
            // Read `!word` and decide whether it was a handle (`!word!`) or a suffix.
            skip()
            var word: [UInt8] = []
            while Scanner.isWordChar(at()) { copy(into: &word) }
            if at() == UInt8(ascii: "!") {
                skip()
                handle = "!" + String(decoding: word, as: UTF8.self) + "!"
            } else {
                handle = "!"
                suffix = word
            }
            while Scanner.isURIChar(at(), tagShorthand: true) { copy(into: &suffix) }
            if handle != "!" && suffix.isEmpty && handle != "!!" {
                throw error(.invalidTag, context: start)
            }
        }
        let c = at()
        guard Scanner.isBlankZ(c) || (flowLevel > 0 && (c == UInt8(ascii: ",") || Scanner.isFlowIndicator(c))) else {
            throw error(.invalidTag, context: start)
        }
        let decoded = try decodeURI(suffix, start: start)
        let index = store(handle)
        _ = store(decoded)
        return Token(.tag, start: start, end: position, textIndex: index)
    }
}
