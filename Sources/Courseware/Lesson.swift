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
        // The header's lines, found on the bytes (a lesson is long; only its head is YAML).
        func line(at i: Int) -> (text: ArraySlice<UInt8>, next: Int) {
            var j = i
            while j < bytes.count && bytes[j] != 0x0A { j += 1 }
            var end = j
            if end > i && bytes[end - 1] == 0x0D { end -= 1 }
            return (bytes[i..<end], min(j + 1, bytes.count))
        }
        let dashes: [UInt8] = Array("---".utf8)
        let first = line(at: 0)
        guard Array(first.text) == dashes else {
            throw reader.error(.frontMatter("la lección debe empezar con una línea «---», su cabecera (titulo, objetivos, duracion) y otra línea «---»"), at: Mark(file: file))
        }
        var i = first.next, closeAt: (start: Int, next: Int)?
        while i < bytes.count {
            let l = line(at: i)
            if Array(l.text) == dashes { closeAt = (i, l.next); break }
            i = l.next
        }
        guard let closeAt else {
            throw reader.error(.frontMatter("falta la línea «---» que cierra la cabecera"), at: Mark(file: file))
        }
        var header = String(decoding: bytes[first.next..<closeAt.start], as: UTF8.self)
        if header.hasSuffix("\n") { header.removeLast() }
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
        // The body, after any blank lines.
        var bodyStart = closeAt.next
        while bodyStart < bytes.count {
            let l = line(at: bodyStart)
            guard l.text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { break }
            bodyStart = l.next
        }
        var body = String(decoding: bytes[bodyStart...], as: UTF8.self)
        if bytes[bodyStart...].contains(0x0D) { body = body.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n") }
        return Lesson(id: id, title: title, objectives: objectives, duration: duration, body: body, file: file)
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
