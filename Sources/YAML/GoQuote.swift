/// Go's `strconv.Quote` (and so `%q`, and `%#v` of a string): double quotes, `\"` and `\\`,
/// C escapes for control characters, `\x..` for other bytes below 0x20 and DEL, `\u`/`\U`
/// for C1 controls, format and unassigned characters; printable Unicode kept as is.
/// kubectl and the apiserver quote names, paths and values this way in their messages; the
/// YAML, KubeAPI and CLI layers all use this one.
public func goQuote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + goHex(scalar.value, width: 2)
            } else if (0x80..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .format
                        || scalar.properties.generalCategory == .unassigned {
                out += scalar.value > 0xFFFF ? "\\U" + goHex(scalar.value, width: 8) : "\\u" + goHex(scalar.value, width: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

private func goHex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
