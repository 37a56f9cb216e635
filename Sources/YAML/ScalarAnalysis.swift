/// What libyaml's emitter learns about a scalar before choosing its style
/// (goyaml.v2/emitterc.go `yaml_emitter_analyze_scalar`), for block context.
struct Analysis {
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    init(_ c: [Unicode.Scalar]) {
        guard !c.isEmpty else {
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var lineBreaks = false, special = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        if c.count >= 3, (c[0] == "-" && c[1] == "-" && c[2] == "-") || (c[0] == "." && c[1] == "." && c[2] == ".") {
            blockIndicators = true
        }
        var precededByWhitespace = true
        for (i, ch) in c.enumerated() {
            let last = i == c.count - 1
            let followedByWhitespace = last || Analysis.isBlankOrBreak(c[i + 1])
            if i == 0 {
                switch ch {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    blockIndicators = true
                case "?", ":", "-":
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                if ch == ":" && followedByWhitespace { blockIndicators = true }
                if ch == "#" && precededByWhitespace { blockIndicators = true }
            }
            if !Analysis.isPrintable(ch) { special = true }
            if Analysis.isBreak(ch) { lineBreaks = true }
            if ch == " " {
                if i == 0 { leadingSpace = true }
                if last { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Analysis.isBreak(ch) {
                if i == 0 { leadingBreak = true }
                if last { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousBreak = true
                previousSpace = false
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = Analysis.isBlankOrBreak(ch)
        }
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || special {
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks || blockIndicators { blockPlainAllowed = false }
    }

    /// yaml_private.go `is_break`: CR, LF, NEL, LS, PS.
    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func isBlankOrBreak(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c.value == 0 || isBreak(c)
    }

    /// yaml_private.go `is_printable`: LF, 0x20–0x7E, U+00A0–U+D7FF, U+E000–U+FFFD but not
    /// the BOM. Everything beyond the BMP (emoji) is *not* printable for libyaml, so it is
    /// written as `\U0001F600` in double quotes, as kubectl does.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x20...0x7E, 0xA0...0xD7FF: return true
        case 0xE000...0xFFFD: return c.value != 0xFEFF
        default: return false
        }
    }
}
