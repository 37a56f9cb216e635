/// Read-only helpers over the source bytes, used only when something goes wrong: to echo
/// a line under an error, to find kubectl's document chunks, to look at a line's shape for
/// a hint. Lines are split at `\n`; a `\r` before it (CRLF files) is not part of the line.
/// Line numbers are 1-based, as in `Mark`.
struct SourceLines {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Byte range of line `number` without its line break, or nil past the end.
    func range(ofLine number: Int) -> Range<Int>? {
        guard number >= 1 else { return nil }
        var line = 1
        var start = 0
        if number > 1 {
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\n") {
                    line += 1
                    if line == number { start = i + 1; break }
                }
                i += 1
            }
            if line != number { return nil }
        }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The text of line `number` (invalid UTF-8 repaired), or nil past the end.
    func text(ofLine number: Int) -> String? {
        guard let r = range(ofLine: number) else { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// How many lines the source has (a final line break does not start a new line).
    var lineCount: Int {
        var n = 0
        for b in bytes where b == UInt8(ascii: "\n") { n += 1 }
        if let last = bytes.last, last != UInt8(ascii: "\n") { n += 1 }
        return n
    }

    /// Leading spaces of a line's text (up to a tab, if any); nil for blank and comment-only lines.
    static func indentation(_ text: String) -> Int? {
        var n = 0
        var sawTab = false
        for s in text.unicodeScalars {
            switch s {
            case " ": if !sawTab { n += 1 }
            case "\t": sawTab = true
            case "#": return nil
            default: return n
            }
        }
        return nil
    }

    /// The nearest line above `number` with content (not blank, not a comment).
    func previousContentLine(before number: Int) -> (number: Int, text: String)? {
        var n = number - 1
        while n >= 1 {
            if let t = text(ofLine: n), Self.indentation(t) != nil { return (n, t) }
            n -= 1
        }
        return nil
    }

    // MARK: kubectl's document chunks

    /// kubectl does not hand the whole file to go-yaml: `YAMLReader.Read` in
    /// k8s.io/apimachinery/pkg/util/yaml/decoder.go cuts it at lines that start with
    /// `---` followed only by blanks or a comment, and drops those separator lines. go-yaml's
    /// "line N" counts from the first line after the separator. This returns the first and
    /// last line (1-based, in the file) of the chunk holding `line`.
    func kubectlChunk(containing line: Int) -> (first: Int, last: Int) {
        var first = 1
        var n = 1
        var last = max(lineCount, 1)
        while n <= lineCount {
            if let t = text(ofLine: n), Self.isKubectlSeparator(t) {
                if n < line { first = n + 1 } else if n > line { last = n - 1; break }
            }
            n += 1
        }
        return (first, max(last, first))
    }

    static func isKubectlSeparator(_ text: String) -> Bool {
        guard text.hasPrefix("---") else { return false }
        let rest = text.dropFirst(3).drop(while: { $0 == " " || $0 == "\t" })
        return rest.isEmpty || rest.first == "#"
    }

    /// go-yaml's 0-based position of the end of a chunk: the line after the last one when
    /// the chunk ends in a line break, else the last line. `forceNewLine` applies the
    /// scanner's rule for the STREAM-END token (scannerc.go `yaml_parser_fetch_stream_end`:
    /// a stream that does not end at column 0 gets its end mark on the next line).
    func chunkEndLine0(_ chunk: (first: Int, last: Int), forceNewLine: Bool) -> Int {
        let lines = chunk.last - chunk.first + 1
        guard let r = range(ofLine: chunk.last) else { return max(lines - 1, 0) }
        var end = r.upperBound
        if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
        let endsWithBreak = end < bytes.count && bytes[end] == UInt8(ascii: "\n")
        return endsWithBreak ? lines : lines - 1 + (forceNewLine ? 1 : 0)
    }

    /// The 1-based line of the next token after line `line` (skipping blank and comment
    /// lines), or nil when only the end of the chunk follows.
    func nextContentLine(after line: Int, within chunk: (first: Int, last: Int)) -> Int? {
        var n = line + 1
        while n <= chunk.last {
            if let t = text(ofLine: n), Self.indentation(t) != nil { return n }
            n += 1
        }
        return nil
    }
}
