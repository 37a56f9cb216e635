/// How go-yaml v2 writes a string: `encoder.stringv` (goyaml.v2/encode.go) picks literal for
/// text with line breaks, plain when go-yaml would read it back as the same string, double
/// quotes otherwise; libyaml's emitter (goyaml.v2/emitterc.go `yaml_emitter_analyze_scalar`,
/// `yaml_emitter_select_scalar_style`) then downgrades plain → single quotes → double
/// quotes, and literal → double quotes, when the text needs it.
enum ScalarWriter {
    enum Context { case block, simpleKey }

    private enum Style { case plain, singleQuoted, doubleQuoted, literal }

    /// libyaml emitter's `best_width`.
    static let bestWidth = 80

    static func write(_ s: String, context: Context, indent: Int, into e: inout YAMLWriter.Emitter) {
        let chars = Array(s.unicodeScalars)
        let a = Analysis(chars)
        var style: Style
        if chars.contains(where: { $0 == "\n" }) {
            style = .literal
        } else if canBePlain(s) {
            style = .plain
        } else {
            style = .doubleQuoted
        }
        // yaml_emitter_select_scalar_style (flow level 0).
        if style == .plain, !a.blockPlainAllowed || (chars.isEmpty && context == .simpleKey) { style = .singleQuoted }
        if style == .singleQuoted, !a.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal, !a.blockAllowed || context == .simpleKey { style = .doubleQuoted }
        let breaks = context != .simpleKey
        switch style {
        case .plain: plain(chars, breaks: breaks, indent: indent, into: &e)
        case .singleQuoted: singleQuoted(chars, breaks: breaks, indent: indent, into: &e)
        case .doubleQuoted: doubleQuoted(chars, breaks: breaks, indent: indent, into: &e)
        case .literal: literal(chars, indent: indent, into: &e)
        }
    }

    /// encode.go `stringv`: plain only if `resolve("", s)` gives !!str and s is no base-60 float.
    static func canBePlain(_ s: String) -> Bool {
        var copy = s
        let resolved = copy.withUTF8 { KubernetesSchema.implicit(ArraySlice($0)) }
        if let resolved {
            // Text shaped like a date is a !!timestamp for go-yaml when time.Parse takes it.
            guard case .string = resolved, !looksLikeDate(s) else { return false }
        }
        return s != "<<" && !isBase60Float(s)
    }

    /// resolve.go `parseTimestamp`, approximated: `YYYY-M-D` (1 or 2 digit month and day),
    /// alone or followed by a time (`T`, `t` or a space).
    static func looksLikeDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard KubernetesSchema.timestampShape(b) else { return false }
        var i = 5
        func number(max: Int) -> Int? {
            let start = i
            var v = 0
            while i < b.count, b[i] >= 48, b[i] <= 57, i - start < 2 { v = v * 10 + Int(b[i] - 48); i += 1 }
            return i > start && v >= 1 && v <= max ? v : nil
        }
        guard number(max: 12) != nil, i < b.count, b[i] == UInt8(ascii: "-"), { i += 1; return true }(),
            number(max: 31) != nil
        else { return false }
        return i == b.count || b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ")
    }

    /// encode.go `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        func digit(_ j: Int) -> Bool { j < b.count && b[j] >= 48 && b[j] <= 57 }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { return false }
        i += 1
        while digit(i) || (i < b.count && b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            if digit(i), i + 1 < b.count, b[i] <= UInt8(ascii: "5"), digit(i + 1) { i += 2 } else if digit(i) { i += 1 } else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while digit(i) || (i < b.count && b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }

    // MARK: Writers (emitterc.go yaml_emitter_write_*_scalar)

    private static func newlineAndIndent(_ indent: Int, into e: inout YAMLWriter.Emitter) {
        e.newline()
        e.pad(indent)
    }

    private static func plain(_ c: [Unicode.Scalar], breaks: Bool, indent: Int, into e: inout YAMLWriter.Emitter) {
        var spaces = false
        for (i, ch) in c.enumerated() {
            if ch == " " {
                if breaks && !spaces && e.column > bestWidth && !(i + 1 < c.count && c[i + 1] == " ") {
                    newlineAndIndent(indent, into: &e)
                } else {
                    e.put(" ")
                }
                spaces = true
            } else {
                e.put(String(ch))
                spaces = false
            }
        }
    }

    private static func singleQuoted(_ c: [Unicode.Scalar], breaks: Bool, indent: Int, into e: inout YAMLWriter.Emitter) {
        e.put("'")
        var spaces = false
        for (i, ch) in c.enumerated() {
            if ch == " " {
                if breaks && !spaces && e.column > bestWidth && i > 0 && i < c.count - 1 && c[i + 1] != " " {
                    newlineAndIndent(indent, into: &e)
                } else {
                    e.put(" ")
                }
                spaces = true
            } else {
                if ch == "'" { e.put("'") }
                e.put(String(ch))
                spaces = false
            }
        }
        e.put("'")
    }

    private static func doubleQuoted(_ c: [Unicode.Scalar], breaks: Bool, indent: Int, into e: inout YAMLWriter.Emitter) {
        e.put("\"")
        var spaces = false
        for (i, ch) in c.enumerated() {
            if !Analysis.isPrintable(ch) || ch == "\u{FEFF}" || Analysis.isBreak(ch) || ch == "\"" || ch == "\\" {
                e.put(escape(ch))
                spaces = false
            } else if ch == " " {
                if breaks && !spaces && e.column > bestWidth && i != 0 && i != c.count - 1 {
                    newlineAndIndent(indent, into: &e)
                    if i + 1 < c.count && c[i + 1] == " " { e.put("\\") }
                } else {
                    e.put(" ")
                }
                spaces = true
            } else {
                e.put(String(ch))
                spaces = false
            }
        }
        e.put("\"")
    }

    private static func escape(_ ch: Unicode.Scalar) -> String {
        switch ch.value {
        case 0x00: return "\\0"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x85: return "\\N"
        case 0xA0: return "\\_"
        case 0x2028: return "\\L"
        case 0x2029: return "\\P"
        default:
            let (prefix, width) = ch.value <= 0xFF ? ("x", 2) : ch.value <= 0xFFFF ? ("u", 4) : ("U", 8)
            let hex = String(ch.value, radix: 16, uppercase: true)
            return "\\" + prefix + String(repeating: "0", count: width - hex.count) + hex
        }
    }

    private static func literal(_ c: [Unicode.Scalar], indent: Int, into e: inout YAMLWriter.Emitter) {
        e.put("|")
        // yaml_emitter_write_block_scalar_hints
        if let first = c.first, first == " " || Analysis.isBreak(first) { e.put("2") }
        if let last = c.last, !Analysis.isBreak(last) {
            e.put("-")
        } else if c.count == 1 || Analysis.isBreak(c[c.count - 2]) {
            e.put("+")
        }
        e.newline()
        var lineStart = true
        for ch in c {
            if Analysis.isBreak(ch) {
                e.newline()
                lineStart = true
            } else {
                if lineStart { e.pad(indent); lineStart = false }
                e.put(String(ch))
            }
        }
    }
}
