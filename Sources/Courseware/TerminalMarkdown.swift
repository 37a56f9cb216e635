/// Renders the Markdown of lessons and statements for a terminal: headings, paragraphs
/// wrapped to the width, **negrita**, *cursiva*, `código`, lists, tables with aligned
/// columns, block quotes and fenced code blocks (YAML highlighted: keys, comments, list
/// dashes). With `color: false` (output piped, or `NO_COLOR`) the same layout in plain text.
///
/// Only the Markdown the course uses; anything else passes through as text.
public struct TerminalMarkdown: Sendable {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(30, width)
        self.color = color
    }

    enum Style {
        static let bold = "\u{1B}[1m", italic = "\u{1B}[3m", dim = "\u{1B}[2m", reset = "\u{1B}[0m"
        static let heading = "\u{1B}[1;36m", code = "\u{1B}[33m", key = "\u{1B}[36m", comment = "\u{1B}[2;37m", value = "\u{1B}[32m"
    }

    public func render(_ markdown: String) -> String {
        var out: [String] = []
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.trimmingCharacters(in: "\r")) }
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            out += wrap(inline(paragraph.joined(separator: " ")), indent: "", first: "")
            out.append("")
            paragraph = []
        }
        while !lines.isEmpty {
            let line = lines.removeFirst()
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("```") {
                flush()
                let language = String(trimmed.dropFirst(3)).trimmingSpaces
                var code: [String] = []
                while !lines.isEmpty {
                    let next = lines.removeFirst()
                    if next.trimmingSpaces.hasPrefix("```") { break }
                    code.append(next)
                }
                out += code.map { "    " + (language == "yaml" || language == "yml" ? highlightYAML($0) : paint($0, Style.code)) }
                out.append("")
            } else if trimmed.isEmpty {
                flush()
            } else if let level = headingLevel(trimmed) {
                flush()
                let text = String(trimmed.dropFirst(level + 1))
                let plain = stripInline(text)
                if color {
                    out.append(Style.heading + (level == 1 ? plain.uppercased() : plain) + Style.reset)
                } else {
                    out.append(plain)
                    if level <= 2 { out.append(String(repeating: level == 1 ? "=" : "-", count: plain.count)) }
                }
                out.append("")
            } else if trimmed.hasPrefix("|") {
                flush()
                var rows = [trimmed]
                while let next = lines.first, next.trimmingSpaces.hasPrefix("|") { rows.append(lines.removeFirst().trimmingSpaces) }
                out += table(rows)
                out.append("")
            } else if let (marker, text) = listItem(line) {
                flush()
                var item = text
                while let next = lines.first, !next.trimmingSpaces.isEmpty, listItem(next) == nil, next.hasPrefix("  ") {
                    item += " " + lines.removeFirst().trimmingSpaces
                }
                let indent = String(repeating: " ", count: leadingSpaces(line))
                out += wrap(inline(item), indent: indent + String(repeating: " ", count: marker.count + 1), first: indent + marker + " ")
                if lines.first.map({ $0.trimmingSpaces.isEmpty || listItem($0) == nil }) ?? true { out.append("") }
            } else if trimmed.hasPrefix(">") {
                flush()
                var quote = [String(trimmed.dropFirst()).trimmingSpaces]
                while let next = lines.first, next.trimmingSpaces.hasPrefix(">") { quote.append(String(lines.removeFirst().trimmingSpaces.dropFirst()).trimmingSpaces) }
                out += wrap(inline(quote.joined(separator: " ")), indent: "  │ ", first: "  │ ")
                out.append("")
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    func leadingSpaces(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// `- x`, `* x`, `1. x`: the marker to print and the text.
    func listItem(_ line: String) -> (String, String)? {
        let t = line.trimmingSpaces
        if t.hasPrefix("- ") || t.hasPrefix("* ") { return ("•", String(t.dropFirst(2))) }
        let digits = t.prefix { $0.isNumber }
        if !digits.isEmpty, t.dropFirst(digits.count).hasPrefix(". ") { return (digits + ".", String(t.dropFirst(digits.count + 2))) }
        return nil
    }

    func paint(_ text: String, _ style: String) -> String { color ? style + text + Style.reset : text }

    /// Inline markup to styled text: `code`, **bold**, *italic*; markers dropped when plain.
    func inline(_ text: String) -> String {
        var out = ""
        var chars = Substring(text)
        while let c = chars.first {
            if c == "`", let end = chars.dropFirst().firstIndex(of: "`") {
                out += paint(String(chars[chars.index(after: chars.startIndex)..<end]), Style.code)
                chars = chars[chars.index(after: end)...]
            } else if chars.hasPrefix("**"), let end = chars.dropFirst(2).firstRange(of: "**") {
                out += paint(String(chars[chars.index(chars.startIndex, offsetBy: 2)..<end.lowerBound]), Style.bold)
                chars = chars[end.upperBound...]
            } else if c == "*", chars.dropFirst().first != " ", let end = chars.dropFirst().firstIndex(of: "*") {
                out += paint(String(chars[chars.index(after: chars.startIndex)..<end]), Style.italic)
                chars = chars[chars.index(after: end)...]
            } else {
                out.append(c)
                chars = chars.dropFirst()
            }
        }
        return out
    }

    func stripInline(_ text: String) -> String {
        TerminalMarkdown(width: width, color: false).inline(text)
    }

    /// Words to lines of at most `width` visible columns.
    func wrap(_ text: String, indent: String, first: String) -> [String] {
        var lines: [String] = []
        var current = first
        var currentWidth = first.count
        var empty = true
        for word in text.split(separator: " ") {
            let w = TerminalMarkdown.visibleWidth(String(word))
            if !empty && currentWidth + 1 + w > width {
                lines.append(current)
                current = indent
                currentWidth = indent.count
                empty = true
            }
            if !empty { current += " "; currentWidth += 1 }
            current += word
            currentWidth += w
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// Columns a text takes on screen, ANSI sequences left out.
    public static func visibleWidth(_ text: String) -> Int {
        var n = 0
        var escape = false
        for scalar in text.unicodeScalars {
            if escape { if scalar == "m" { escape = false }; continue }
            if scalar == "\u{1B}" { escape = true; continue }
            n += 1
        }
        return n
    }

    /// `| a | b |` rows, the `|---|` separator dropped, columns aligned.
    func table(_ rows: [String]) -> [String] {
        var cells: [[String]] = []
        var header = true
        var headerRows = 0
        for row in rows {
            var inner = Substring(row)
            if inner.hasPrefix("|") { inner = inner.dropFirst() }
            if inner.hasSuffix("|") { inner = inner.dropLast() }
            let parts = inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == ":" } }) { header = false; continue }
            cells.append(parts.map(inline))
            if header { headerRows += 1 }
        }
        let columns = cells.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TerminalMarkdown.visibleWidth(cell)) } }
        var out: [String] = []
        for (r, row) in cells.enumerated() {
            var line = "  "
            for i in 0..<columns {
                let cell = i < row.count ? row[i] : ""
                let padded = cell + String(repeating: " ", count: widths[i] - TerminalMarkdown.visibleWidth(cell))
                line += (r < headerRows && headerRows < cells.count ? paint(padded, Style.bold) : padded) + (i < columns - 1 ? "  " : "")
            }
            out.append(String(line.reversed().drop { $0 == " " }.reversed()))
            if r == headerRows - 1 && headerRows < cells.count {
                out.append("  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            }
        }
        return out
    }

    /// One line of YAML: comments dim, keys colored, list dashes kept.
    func highlightYAML(_ line: String) -> String {
        guard color else { return line }
        let indent = line.prefix { $0 == " " }
        var rest = line.dropFirst(indent.count)
        if rest.hasPrefix("#") { return String(indent) + Style.comment + rest + Style.reset }
        var out = String(indent)
        if rest.hasPrefix("- ") { out += Style.dim + "- " + Style.reset; rest = rest.dropFirst(2) }
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(" ") || rest.first == "\"",
           rest.index(after: colon) == rest.endIndex || rest[rest.index(after: colon)] == " " {
            out += Style.key + rest[...colon] + Style.reset
            rest = rest[rest.index(after: colon)...]
        }
        if let hash = rest.firstRange(of: " #") {
            return out + Style.value + rest[..<hash.lowerBound] + Style.reset + Style.comment + rest[hash.lowerBound...] + Style.reset
        }
        return out + (rest.isEmpty ? "" : Style.value + rest + Style.reset)
    }
}
