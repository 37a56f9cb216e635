import Courseware
import Grader
import YAML

/// The outputs of `taller calificar`: CSV, JSON, Moodle, HTML (ClassGradingHTML.swift) and
/// the students' feedback. All of them are functions of the grading alone (no clock, no
/// thread count), so the same folder gives the same bytes.
struct ClassGradingOutputs {
    var grading: ClassGrading
    /// `ENTREGAS` as given: stripped from paths so outputs name `alumno/ejercicio/archivo`.
    var root: String

    /// `ana/01-escalar-web/web.yaml` for `ENTREGAS/ana/01-escalar-web/web.yaml`, wherever
    /// the folder appears in the text (a byte search: Foundation's replacing is slow here).
    func shown(_ text: String) -> String {
        guard !root.isEmpty, root != "." else { return text }
        let prefix = Array((root.hasSuffix("/") ? root : root + "/").utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= prefix.count else { return text }
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == prefix[0], i + prefix.count <= bytes.count, bytes[i..<(i + prefix.count)].elementsEqual(prefix) {
                if !changed { out.reserveCapacity(bytes.count); out += bytes[0..<i]; changed = true }
                i += prefix.count
                continue
            }
            if changed { out.append(bytes[i]) }
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// `85.7` (tenths, rounded half up; `0.0` when there is nothing to score).
    static func percent(_ points: Int, of max: Int) -> String {
        guard max > 0 else { return "0.0" }
        let tenths = (points * 1000 + max / 2) / max
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `percent` for people (the HTML report): decimal comma and a space that does not
    /// break before the sign, as Spanish writes it (`61,6 %`).
    static func percentText(_ points: Int, of max: Int) -> String {
        percent(points, of: max).replacing(".", with: ",") + "&nbsp;%"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    static func csvLine(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\n" }

    /// `alumno,01-escalar-web,…,total,porcentaje`: points per exercise (hidden checks
    /// included; 0 when not submitted or refused), the total and the percentage of the maximum.
    var csv: String {
        var out = ClassGradingOutputs.csvLine(["alumno"] + grading.exercises.map(\.id) + ["total", "porcentaje"])
        for student in grading.students {
            out += ClassGradingOutputs.csvLine([student.name] + student.outcomes.map { "\($0.points)" }
                                               + ["\(student.points)", ClassGradingOutputs.percent(student.points, of: student.maxPoints)])
        }
        return out
    }

    /// Moodle's grade import (Calificaciones → Importar → Archivo CSV): an identifier column
    /// and one column per exercise. The identifier is the folder name: `Email address` when
    /// every folder name has an `@`, `ID number` otherwise; map it to the user field of the
    /// same name and each exercise column to its grade item.
    var moodle: String {
        let emails = !grading.students.isEmpty && grading.students.allSatisfy { $0.name.contains("@") }
        var out = ClassGradingOutputs.csvLine([emails ? "Email address" : "ID number"] + grading.exercises.map { "Taller K8s: \($0.id)" })
        for student in grading.students {
            out += ClassGradingOutputs.csvLine([student.name] + student.outcomes.map { "\($0.points)" })
        }
        return out
    }

    // MARK: JSON

    var json: String {
        let exercises: [Value] = grading.exercises.map { e in
            .mapping([.init("id", .string(e.id)), .init("titulo", .string(e.title)), .init("puntosMaximos", .int(Int64(ClassGrading.maxPoints(e))))])
        }
        let students: [Value] = grading.students.map { s in
            .mapping([.init("alumno", .string(s.name)), .init("puntos", .int(Int64(s.points))), .init("puntosMaximos", .int(Int64(s.maxPoints))),
                      .init("porcentaje", .string(ClassGradingOutputs.percent(s.points, of: s.maxPoints))),
                      .init("ejercicios", .sequence(zip(grading.exercises, s.outcomes).map { pairJSON($0, $1) }))])
        }
        let refused: [Value] = grading.refusedEntries.map { .mapping([.init("nombre", .string($0.name)), .init("motivo", .string($0.reason))]) }
        let root: Value = .mapping([.init("version", 1), .init("ejercicios", .sequence(exercises)), .init("alumnos", .sequence(students)),
                                    .init("rechazadas", .sequence(refused))])
        return JSONWriter.string(root, sortKeys: false) + "\n"
    }

    func place(_ r: CheckResult) -> String? {
        guard let file = r.file else { return nil }
        return shown(file) + (r.line.map { ":\($0)" } ?? "")
    }

    func pairJSON(_ exercise: Exercise, _ o: ClassGrading.Outcome) -> Value {
        let checks: [Value] = (o.report?.results ?? []).map { r in
            .mapping([.init("id", .string(r.id)), .init("descripcion", .string(r.description)), .init("oculta", .bool(r.hidden)),
                      .init("aprobada", .bool(r.passed)), .init("puntos", .int(Int64(r.points))), .init("puntosMaximos", .int(Int64(r.maxPoints))),
                      .init("mensaje", .string(shown(r.message))), .init("archivo", r.file.map { .string(shown($0)) } ?? .null),
                      .init("linea", r.line.map { .int(Int64($0)) } ?? .null), .init("ubicacion", place(r).map(Value.string) ?? .null)])
        }
        let problems: [Value] = ((o.report?.errors ?? []) + (o.report?.contentErrors ?? [])).map { p in
            let file = (p.mark?.file).flatMap { $0.isEmpty ? nil : $0 } ?? p.file
            return .mapping([.init("archivo", file.map { .string(shown($0)) } ?? .null),
                             .init("linea", p.mark.map { .int(Int64($0.line)) } ?? .null),
                             .init("columna", p.mark.map { .int(Int64($0.column)) } ?? .null),
                             .init("mensaje", .string(shown(p.text)))])
        }
        return .mapping([.init("ejercicio", .string(exercise.id)), .init("estado", .string(o.status.rawValue)),
                         .init("puntos", .int(Int64(o.points))), .init("puntosMaximos", .int(Int64(o.maxPoints))),
                         .init("motivos", .sequence(o.refusals.map(Value.string))),
                         .init("comprobaciones", .sequence(checks)), .init("errores", .sequence(problems))])
    }

    // MARK: feedback

    /// One Markdown file per student, `ALUMNO.md`: each exercise's state, the visible checks
    /// (hidden ones never appear, nor count in the points shown), messages and hints.
    func feedback(_ student: ClassGrading.Student) -> String {
        var out = "# Resultados de \(student.name)\n\n"
        let visible = zip(grading.exercises, student.outcomes).map { e, o in
            (e, o, (o.report?.visibleResults ?? []), e.checks.filter { !$0.hidden }.reduce(0) { $0 + $1.points })
        }
        out += "| ejercicio | estado | puntos |\n|---|---|---|\n"
        for (e, o, results, max) in visible {
            out += "| \(e.id) | \(o.status.rawValue) | \(results.reduce(0) { $0 + $1.points }) de \(max) |\n"
        }
        for (e, o, results, max) in visible {
            out += "\n## \(e.id): \(e.title)\n\n"
            switch o.status {
            case .missing:
                out += "No entregaste este ejercicio: no hay carpeta `\(student.name)/\(e.id)/`.\n"
                continue
            case .refused:
                out += "Tu entrega no se ha podido corregir:\n\n" + o.refusals.map { "- \($0)\n" }.joined()
                continue
            case .graded:
                break
            }
            let got = results.reduce(0) { $0 + $1.points }
            let errors = (o.report?.errors ?? []) + (o.report?.contentErrors ?? [])
            if !errors.isEmpty {
                out += "Tus archivos tienen errores; las comprobaciones no se ejecutaron hasta que se apliquen sin errores:\n\n```\n"
                out += errors.map { shown($0.text) }.joined(separator: "\n") + "```\n\n"
            }
            out += "Puntos: **\(got) de \(max)**.\n\n"
            for r in results {
                if r.passed {
                    out += "- ✓ \(r.description)\n"
                    continue
                }
                out += "- ✗ \(r.description)" + (place(r).map { " — `\($0)`" } ?? "") + "\n"
                out += "  - \(shown(r.message))\n"
                if let hint = r.hint { out += "  - Pista: \(hint)\n" }
                if let command = r.command { out += "  - Míralo tú: `\(command)`\n" }
            }
        }
        return out
    }
}
