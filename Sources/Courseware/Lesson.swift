import YAML

/// A lesson: `lessons/NN-slug.md`, Spanish Markdown after a short front matter between
/// `---` lines:
///
/// ```
/// ---
/// titulo: Pods y Deployments
/// objetivos:
///   - Saber qué es un Pod
/// duracion: 15 min
/// ---
/// # Pods y Deployments
/// ```
public struct Lesson: Sendable {
    public var id: String
    public var title: String
    public var objectives: [String]
    public var duration: String
    /// The Markdown after the front matter.
    public var body: String
    public var file: String

    public var number: Int { Int(id.prefix { $0.isNumber }) ?? 0 }

    static let keys = ["titulo", "objetivos", "duracion"]

    public static func load(_ file: String) throws(CourseError) -> Lesson {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            throw CourseError(.unreadable(reason: error.reason), file: file)
        }
        return try parse(bytes, file: file)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(CourseError) -> Lesson {
        let name = String(file.split(separator: "/").last ?? "")
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let reader = SpecReader(file: file, source: bytes)
        if !CourseNames.isValid(id) { throw CourseError(.badName(id), file: file) }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: "\r") }) == "---" else {
            throw reader.error(.frontMatter("la lección debe empezar con una línea «---», su cabecera (titulo, objetivos, duracion) y otra línea «---»"), at: Mark(file: file))
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: "\r") == "---" }) else {
            throw reader.error(.frontMatter("falta la línea «---» que cierra la cabecera"), at: Mark(file: file))
        }
        let header = lines[1..<close].joined(separator: "\n")
        // Parsed with the lines it had in the file: a blank first line keeps line numbers.
        let documents: [Document]
        do {
            documents = try YAML.compose("\n" + header, file: file)
        } catch {
            throw CourseError(.yaml(error.rendered(source: Array(("\n" + header).utf8))), file: file, mark: error.focus, sourceLine: reader.text.line(error.focus.line))
        }
        guard let root = documents.first?.root else {
            throw reader.error(.frontMatter("la cabecera está vacía"), at: Mark(file: file, line: 2))
        }
        let e = try reader.mapping(root, what: "la cabecera de la lección", allowed: keys)
        let title = try e.requiredString("titulo")
        let objectives = try e.strings("objetivos") ?? []
        let duration = try e.requiredString("duracion")
        lines.removeFirst(close + 1)
        while let first = lines.first, first.trimmingCharacters(in: "\r").isEmpty { lines.removeFirst() }
        return Lesson(id: id, title: title, objectives: objectives, duration: duration, body: lines.joined(separator: "\n"), file: file)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        return String(s)
    }
}
