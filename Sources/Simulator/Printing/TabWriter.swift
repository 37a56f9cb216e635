/// Go's `text/tabwriter` (elastic tabstops), the aligner behind every kubectl table and
/// `describe` (Go src/text/tabwriter/tabwriter.go; kubectl uses the github.com/liggitt/tabwriter
/// fork, identical for a single flush).
///
/// Cells are terminated by `\t`; a line's last cell (before `\n`) belongs to no column and is
/// never padded. A column block is a run of consecutive lines that all have a cell in that
/// column; its width is `max(minWidth, widest cell + padding)`. A line with a single cell (no
/// tab at all) flushes the writer, so blocks never span it: this is why `describe` realigns
/// after each `Containers:`-style heading.
///
/// Settings used by kubectl: tables `TabWriter(minWidth: 6, tabWidth: 4, padding: 3)`
/// (cli-runtime printers/tabwriter.go); describe `TabWriter(minWidth: 0, tabWidth: 8,
/// padding: 2)` (kubectl describe.go `tabbedString`). Widths count Unicode scalars (Go runes).
public struct TabWriter: Sendable {
    struct Cell: Sendable {
        var text: String
        var width: Int
        var htab: Bool
    }

    public let minWidth: Int
    public let tabWidth: Int
    public let padding: Int

    private var lines: [[Cell]] = [[]]
    private var current = ""
    private var widths: [Int] = []
    private(set) var output = ""

    public init(minWidth: Int, tabWidth: Int, padding: Int) {
        self.minWidth = minWidth
        self.tabWidth = tabWidth
        self.padding = padding
    }

    /// kubectl's table settings.
    public static func table() -> TabWriter { TabWriter(minWidth: 6, tabWidth: 4, padding: 3) }
    /// kubectl describe's settings.
    public static func describe() -> TabWriter { TabWriter(minWidth: 0, tabWidth: 8, padding: 2) }

    public mutating func write(_ text: String) {
        for ch in text.unicodeScalars {
            switch ch {
            case "\t", "\u{0B}", "\n", "\u{0C}":
                let ncells = terminateCell(htab: ch == "\t")
                if ch == "\n" || ch == "\u{0C}" {
                    lines.append([])
                    if ch == "\u{0C}" || ncells == 1 { flush() }
                }
            default:
                current.unicodeScalars.append(ch)
            }
        }
    }

    /// Formats everything buffered and appends it to the output.
    public mutating func flush() {
        if !current.isEmpty { _ = terminateCell(htab: false) }
        format(line0: 0, line1: lines.count)
        lines = [[]]
        current = ""
        widths = []
    }

    /// Flushes and returns all text written so far.
    public mutating func finish() -> String {
        flush()
        let text = output
        output = ""
        return text
    }

    private mutating func terminateCell(htab: Bool) -> Int {
        lines[lines.count - 1].append(Cell(text: current, width: current.unicodeScalars.count, htab: htab))
        current = ""
        return lines[lines.count - 1].count
    }

    private mutating func format(line0 start: Int, line1: Int) {
        var line0 = start
        let column = widths.count
        var this = line0
        while this < line1 {
            if column < lines[this].count - 1 {
                writeLines(line0, this)
                line0 = this
                var width = minWidth
                while this < line1, column < lines[this].count - 1 {
                    width = Swift.max(width, lines[this][column].width + padding)
                    this += 1
                }
                widths.append(width)
                format(line0: line0, line1: this)
                widths.removeLast()
                line0 = this
            } else {
                this += 1
            }
        }
        writeLines(line0, line1)
    }

    private mutating func writeLines(_ line0: Int, _ line1: Int) {
        guard line0 < line1 else { return }
        for i in line0..<line1 {
            for (j, c) in lines[i].enumerated() {
                output += c.text
                if j < widths.count {
                    output += String(repeating: " ", count: Swift.max(0, widths[j] - c.width))
                }
            }
            if i + 1 < lines.count { output += "\n" }
        }
    }
}
