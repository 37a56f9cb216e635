import YAML

/// An authoring mistake or a course folder that cannot be used, as a value: what went wrong
/// (`Problem`, which tests assert on), where (`mark`: file, line, column) and the source
/// line to echo. `rendered` is the one place that turns it into text, like a compiler:
///
/// ```
/// exercises/01-escalar-web/ejercicio.yaml:14:5: error: «igul» no es una clave de una comprobación
///    14 |     igul: 3
///       |     ^
///   pista: ¿querías decir «igual»?
/// ```
public struct CourseError: Error, Sendable, CustomStringConvertible {
    public var problem: Problem
    public var mark: Mark?
    /// The file when there is no mark (a missing file or folder).
    public var file: String
    var sourceLine: String?

    public init(_ problem: Problem, file: String, mark: Mark? = nil, sourceLine: String? = nil) {
        self.problem = problem
        self.file = file
        self.mark = mark
        self.sourceLine = sourceLine
    }

    /// What went wrong. Each case carries what its Spanish message needs.
    public enum Problem: Sendable, Equatable {
        case noCourseRoot(start: String)
        case missingFile
        case unreadable(reason: String)
        case yaml(String)
        case notAMapping(what: String)
        case unknownKey(String, in: String, suggestion: String?)
        case missingKey(String, in: String)
        case wrongType(key: String, expected: String)
        case invalidValue(key: String, value: String, reason: String)
        case idMismatch(id: String, folder: String)
        case duplicateID(String)
        case unknownLesson(String)
        case badPath(String, reason: String)
        case badRegex(String)
        case noOperator(check: String)
        case conflictingTarget(check: String)
        case missingTarget(check: String, type: String)
        case frontMatter(String)
        case duplicateNumber(String)
        case badName(String)
        case unknownExercise(String, known: [String])
        case unknownLessonName(String, known: [String])
    }

    public var message: String { CourseMessages.message(problem) }
    public var hint: String? { CourseMessages.hint(problem) }

    public var location: String {
        guard let mark else { return file }
        return "\(mark.file.isEmpty ? file : mark.file):\(mark.line):\(mark.column)"
    }

    /// `archivo:línea:columna: error: …`, the line, a caret and a hint. Ends in a newline.
    public var rendered: String {
        var out = "\(location): error: \(message)\n"
        if let mark, let line = sourceLine {
            let number = String(mark.line)
            out += "    \(number) |" + (line.isEmpty ? "" : " " + line) + "\n"
            let caret = line.unicodeScalars.prefix(max(0, mark.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "    \(String(repeating: " ", count: number.count)) | " + caret + "^\n"
        }
        if let hint { out += "  pista: \(hint)\n" }
        return out
    }

    public var description: String { rendered }
}

/// The lines of a source file, to echo under an error.
struct SourceText: Sendable {
    /// The bytes; lines are found only when an error needs one (most files have none).
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1, start = 0
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            start = newline + 1
            current += 1
        }
        guard start <= bytes.count else { return nil }
        var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Levenshtein distance (cobra's `ld`, without transpositions), for «¿querías decir …?» here
/// and kubectl's "Did you mean this?" in the CLI.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }

    /// The closest of `candidates`, when it is close enough to be a typo.
    static func suggestion(_ word: String, among candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (name, d) = best, d <= max(2, word.count / 3) else { return nil }
        return name
    }
}
