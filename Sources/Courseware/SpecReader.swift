import YAML

/// Reads an author's YAML with marks: typed accessors over mapping nodes that turn every
/// mistake (a missing key, a typo in a key, a value of the wrong type) into a `CourseError`
/// at the author's line.
struct SpecReader {
    let file: String
    let text: SourceText

    init(file: String, source: [UInt8]) {
        self.file = file
        text = SourceText(source)
    }

    func error(_ problem: CourseError.Problem, at mark: Mark?) -> CourseError {
        CourseError(problem, file: file, mark: mark, sourceLine: mark.flatMap { text.line($0.line) })
    }

    /// A mapping node's entries, checked against the keys allowed there.
    func mapping(_ node: Node, what: String, allowed: [String]) throws(CourseError) -> Entries {
        guard let pairs = node.mapping else { throw error(.notAMapping(what: what), at: node.mark) }
        var entries = Entries(reader: self, mark: node.mark, what: what)
        for pair in pairs {
            let key = pair.key.scalar ?? pair.key.description
            if !allowed.contains(key) {
                throw error(.unknownKey(key, in: what, suggestion: EditDistance.suggestion(key, among: allowed)), at: pair.key.mark)
            }
            entries.keys.append(key)
            entries.pairs[key] = pair
        }
        return entries
    }

    /// The entries of one mapping.
    struct Entries {
        let reader: SpecReader
        let mark: Mark
        let what: String
        var keys: [String] = []
        var pairs: [String: Node.Pair] = [:]

        func has(_ key: String) -> Bool { pairs[key] != nil }
        func node(_ key: String) -> Node? { pairs[key]?.value }
        func keyMark(_ key: String) -> Mark? { pairs[key]?.key.mark }

        func required(_ key: String) throws(CourseError) -> Node {
            guard let node = node(key) else { throw reader.error(.missingKey(key, in: what), at: mark) }
            return node
        }

        func string(_ key: String) throws(CourseError) -> String? {
            guard let node = node(key) else { return nil }
            guard let text = node.scalar, node.mapping == nil else { throw reader.error(.wrongType(key: key, expected: "un texto"), at: node.mark) }
            return text
        }

        func requiredString(_ key: String) throws(CourseError) -> String {
            _ = try required(key)
            return try string(key)!
        }

        func int(_ key: String) throws(CourseError) -> Int? {
            guard let node = node(key) else { return nil }
            guard let text = node.scalar, let n = Int(text) else { throw reader.error(.wrongType(key: key, expected: "un número entero"), at: node.mark) }
            return n
        }

        func bool(_ key: String) throws(CourseError) -> Bool? {
            guard let node = node(key) else { return nil }
            switch node.scalar {
            case "true": return true
            case "false": return false
            default: throw reader.error(.wrongType(key: key, expected: "true o false"), at: node.mark)
            }
        }

        /// A list of texts; a single text counts as a list of one.
        func strings(_ key: String) throws(CourseError) -> [String]? {
            guard let node = node(key) else { return nil }
            if let text = node.scalar { return [text] }
            guard let items = node.sequence else { throw reader.error(.wrongType(key: key, expected: "una lista de textos"), at: node.mark) }
            var out: [String] = []
            for item in items {
                guard let text = item.scalar else { throw reader.error(.wrongType(key: key, expected: "una lista de textos"), at: item.mark) }
                out.append(text)
            }
            return out
        }

        func value(_ key: String) throws(CourseError) -> Value? {
            guard let node = node(key) else { return nil }
            do {
                return try Value(node: node, schema: .kubernetes)
            } catch {
                throw reader.error(.yaml(error.message), at: error.mark)
            }
        }
    }
}

/// Go-style durations as the course writes them: `30s`, `5m`, `1h30m`, `500ms`.
enum DurationText {
    static func milliseconds(_ text: String) -> Int64? {
        var total: Double = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ms": total += value
            case "s": total += value * 1000
            case "m": total += value * 60_000
            case "h": total += value * 3_600_000
            default: return nil
            }
        }
        return Int64(total)
    }
}

/// Splits a command line as a shell would for simple cases: spaces separate words, single
/// and double quotes group them (`k annotate deploy web "nota=dos palabras"`).
enum CommandWords {
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" { quote = c; inWord = true; continue }
            if c == " " || c == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c)
            inWord = true
        }
        if quote != nil { return nil }
        if inWord { words.append(current) }
        return words
    }
}
