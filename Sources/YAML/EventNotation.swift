/// The event notation of the YAML test suite (`test.event`), one event a line:
/// `+STR`, `+DOC ---`, `+MAP {} &a <tag>`, `=VAL :plain`, `=VAL 'single`, `=ALI *a`, ...
/// Used by `taller yaml eventos` and by the conformance tests.
public enum EventNotation {
    public static func line(_ event: Event) -> String {
        switch event.kind {
        case .streamStart: return "+STR"
        case .streamEnd: return "-STR"
        case .documentStart(let explicit): return explicit ? "+DOC ---" : "+DOC"
        case .documentEnd(let explicit): return explicit ? "-DOC ..." : "-DOC"
        case .alias(let name): return "=ALI *" + name
        case .sequenceStart(let style, let props):
            return "+SEQ" + (style == .flow ? " []" : "") + properties(props)
        case .sequenceEnd: return "-SEQ"
        case .mappingStart(let style, let props):
            return "+MAP" + (style == .flow ? " {}" : "") + properties(props)
        case .mappingEnd: return "-MAP"
        case .scalar(let value, let style, let props):
            let indicator: String
            switch style {
            case .plain: indicator = ":"
            case .singleQuoted: indicator = "'"
            case .doubleQuoted: indicator = "\""
            case .literal: indicator = "|"
            case .folded: indicator = ">"
            }
            return "=VAL" + properties(props) + " " + indicator + escape(value)
        }
    }

    public static func text(_ events: [Event]) -> String {
        events.map { line($0) + "\n" }.joined()
    }

    private static func properties(_ props: NodeProperties) -> String {
        var out = ""
        if let anchor = props.anchor { out += " &" + anchor }
        if let tag = props.tag { out += " <" + tag + ">" }
        return out
    }

    private static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
