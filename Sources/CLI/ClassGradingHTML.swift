import Courseware
import Grader

/// `taller calificar --formato html`: one self-contained page (inline CSS and SVG, no
/// scripts, no network) for the instructor: class summary, per exercise the pass rate and a
/// histogram of scores, the checks most often failed with an example message, and one
/// section per student (hidden checks included, marked).
extension ClassGradingOutputs {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A student's anchor: `a-` and the UTF-8 bytes of the name in hex (any name is valid).
    static func anchor(_ name: String) -> String { "a-" + name.utf8.map { String($0, radix: 16) }.joined() }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1b1f24;padding:0 1rem}
    h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
    table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
    th{background:#f3f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.barra{white-space:nowrap}
    .ok{color:#1a7f37}.ko{color:#cf222e}.tag{font-size:.75rem;background:#eee;border-radius:4px;padding:0 .3rem;margin-left:.3rem}
    .cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:8px;padding:.6rem 1rem;min-width:9rem}
    .card b{display:block;font-size:1.6rem}section.alumno{page-break-inside:avoid;break-inside:avoid}
    code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}pre{background:#f6f8fa;padding:.5rem;white-space:pre-wrap}
    .ancho{overflow-x:auto}ul.checks{list-style:none;padding-left:0}ul.checks li{margin:.15rem 0}.msg{color:#57606a;margin-left:1.4rem}
    @media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2{page-break-after:avoid}}
    """

    /// An exercise's scores, in ten bins of 10 % (the last one holds 100 %), as bars.
    static func histogram(_ percents: [Int]) -> String {
        var bins = Array(repeating: 0, count: 10)
        for p in percents { bins[min(p / 10, 9)] += 1 }
        let top = max(bins.max() ?? 0, 1)
        let w = 22, h = 60
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w * 10 + 2)\" height=\"\(h + 16)\" role=\"img\" aria-label=\"histograma de notas\">"
        for (i, n) in bins.enumerated() {
            let bh = n * h / top
            let color = i >= 5 ? "#2da44e" : "#cf222e"
            svg += "<rect x=\"\(1 + i * w)\" y=\"\(h - bh)\" width=\"\(w - 3)\" height=\"\(bh)\" fill=\"\(color)\"><title>\(i * 10)–\(i == 9 ? 100 : i * 10 + 9) %: \(n)</title></rect>"
        }
        svg += "<line x1=\"0\" y1=\"\(h).5\" x2=\"\(w * 10 + 2)\" y2=\"\(h).5\" stroke=\"#57606a\"/>"
        svg += "<text x=\"0\" y=\"\(h + 13)\" font-size=\"10\" fill=\"#57606a\">0 %</text><text x=\"\(w * 10 - 30)\" y=\"\(h + 13)\" font-size=\"10\" fill=\"#57606a\">100 %</text></svg>"
        return svg
    }

    /// The share of submissions with full marks, as a bar.
    static func rateBar(_ rate: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"14\" role=\"img\" aria-label=\"\(rate) %\"><rect width=\"120\" height=\"14\" fill=\"#eaeef2\"/><rect width=\"\(rate * 120 / 100)\" height=\"14\" fill=\"#2da44e\"/></svg>&nbsp;\(rate)&nbsp;%"
    }

    var html: String {
        let e = ClassGradingOutputs.escape
        let students = grading.students
        var out = "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n<title>Taller K8s: informe de calificación</title>\n<style>\n\(ClassGradingOutputs.style)\n</style>\n</head>\n<body>\n"
        out += "<h1>Informe de calificación</h1>\n<p>Taller K8s · \(students.count) alumnos · \(grading.exercises.count) ejercicios · las comprobaciones ocultas cuentan y están marcadas como <span class=\"tag\">oculta</span></p>\n"
        let outcomes = students.flatMap(\.outcomes)
        let graded = outcomes.filter { $0.status == .graded }.count
        let missing = outcomes.filter { $0.status == .missing }.count
        let refused = outcomes.filter { $0.status == .refused }.count
        let classPoints = students.reduce(0) { $0 + $1.points }
        let classMax = students.reduce(0) { $0 + $1.maxPoints }
        out += "<div class=\"cards\">"
        out += "<div class=\"card\"><b>\(ClassGradingOutputs.percentText(classPoints, of: classMax))</b>nota media de la clase</div>"
        out += "<div class=\"card\"><b>\(graded)</b>entregas corregidas</div>"
        out += "<div class=\"card\"><b>\(missing)</b>sin entregar</div>"
        out += "<div class=\"card\"><b>\(refused)</b>rechazadas</div></div>\n"
        if !grading.refusedEntries.isEmpty {
            out += "<p>Entradas de la carpeta de entregas que no se corrigen: " + grading.refusedEntries.map { "<code>\(e($0.name))</code> (\(e($0.reason)))" }.joined(separator: "; ") + ".</p>\n"
        }

        out += "<h2>Ejercicios</h2>\n<table>\n<tr><th>ejercicio</th><th>entregas</th><th>nota completa</th><th>media</th><th>histograma de notas</th></tr>\n"
        for (i, exercise) in grading.exercises.enumerated() {
            let column = students.map { $0.outcomes[i] }
            let submitted = column.filter { $0.status != .missing }
            let full = submitted.filter { $0.maxPoints > 0 && $0.points == $0.maxPoints }.count
            let rate = submitted.isEmpty ? 0 : full * 100 / submitted.count
            let points = submitted.reduce(0) { $0 + $1.points }, max = submitted.reduce(0) { $0 + $1.maxPoints }
            let percents = submitted.map { $0.maxPoints == 0 ? 0 : $0.points * 100 / $0.maxPoints }
            out += "<tr><td><b>\(e(exercise.id))</b><br>\(e(exercise.title))</td><td class=\"n\">\(submitted.count) de \(column.count)</td>"
            out += "<td class=\"barra\">\(ClassGradingOutputs.rateBar(rate))</td><td class=\"n\">\(ClassGradingOutputs.percentText(points, of: max))</td>"
            out += "<td>\(ClassGradingOutputs.histogram(percents))</td></tr>\n"
        }
        out += "</table>\n"

        out += "<h2>Comprobaciones que más fallan</h2>\n"
        out += "<table>\n<tr><th>ejercicio</th><th>comprobación</th><th>fallos</th><th>ejemplo</th></tr>\n"
        for failure in mostFailed(limit: 10) {
            out += "<tr><td>\(e(failure.exercise))</td><td><code>\(e(failure.id))</code>\(failure.hidden ? "<span class=\"tag\">oculta</span>" : "")<br>\(e(failure.description))</td>"
            out += "<td class=\"n\">\(failure.count) de \(failure.of)</td><td><a href=\"#\(ClassGradingOutputs.anchor(failure.student))\">\(e(failure.student))</a>: \(e(failure.example))</td></tr>\n"
        }
        out += "</table>\n"

        out += "<h2>Alumnos</h2>\n<div class=\"ancho\"><table>\n<tr><th>alumno</th>" + grading.exercises.map { "<th>\(e($0.id))</th>" }.joined() + "<th>total</th><th>%</th></tr>\n"
        for s in students {
            out += "<tr><td><a href=\"#\(ClassGradingOutputs.anchor(s.name))\">\(e(s.name))</a></td>"
            out += s.outcomes.map { o in "<td class=\"n\">\(o.status == .graded ? "\(o.points)" : o.status == .missing ? "—" : "rechazada")</td>" }.joined()
            out += "<td class=\"n\">\(s.points) de \(s.maxPoints)</td><td class=\"n\">\(ClassGradingOutputs.percentText(s.points, of: s.maxPoints))</td></tr>\n"
        }
        out += "</table></div>\n"
        for s in students { out += studentSection(s) }
        out += "</body>\n</html>\n"
        return out
    }

    func studentSection(_ s: ClassGrading.Student) -> String {
        let e = ClassGradingOutputs.escape
        var out = "<section class=\"alumno\" id=\"\(ClassGradingOutputs.anchor(s.name))\">\n<h2>\(e(s.name)): \(s.points) de \(s.maxPoints) (\(ClassGradingOutputs.percentText(s.points, of: s.maxPoints)))</h2>\n"
        for (exercise, o) in zip(grading.exercises, s.outcomes) {
            out += "<h3>\(e(exercise.id)) · \(o.points) de \(o.maxPoints) · \(o.status.rawValue)</h3>\n"
            if !o.refusals.isEmpty { out += "<ul>" + o.refusals.map { "<li class=\"ko\">\(e($0))</li>" }.joined() + "</ul>\n" }
            guard let report = o.report else { continue }
            let errors = report.errors + report.contentErrors
            if !errors.isEmpty { out += "<pre>" + errors.map { e(shown($0.text)) }.joined(separator: "\n") + "</pre>\n" }
            out += "<ul class=\"checks\">"
            for r in report.results {
                out += "<li><span class=\"\(r.passed ? "ok" : "ko")\">\(r.passed ? "✓" : "✗")</span> \(e(r.description))\(r.hidden ? "<span class=\"tag\">oculta</span>" : "") (\(r.points) de \(r.maxPoints))"
                if !r.passed { out += "<div class=\"msg\">" + (place(r).map { "<code>\(e($0))</code>: " } ?? "") + e(shown(r.message)) + "</div>" }
                out += "</li>"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    struct Failure {
        var exercise: String, id: String, description: String, hidden: Bool
        var count: Int, of: Int
        var student: String, example: String
    }

    /// Checks by number of failures (then exercise and check order), with the first failing
    /// student's message as the example.
    func mostFailed(limit: Int) -> [Failure] {
        var failures: [Failure] = []
        for (i, exercise) in grading.exercises.enumerated() {
            let graded = grading.students.filter { $0.outcomes[i].report != nil }
            for check in exercise.checks {
                var count = 0
                var example: (String, String)?
                var fallback: (String, String)?
                for s in graded {
                    guard let report = s.outcomes[i].report, let r = report.results.first(where: { $0.id == check.id }), !r.passed else { continue }
                    count += 1
                    // Prefer a check that ran over one stopped by the learner's file errors.
                    if report.errors.isEmpty, example == nil { example = (s.name, (place(r).map { $0 + ": " } ?? "") + shown(r.message)) }
                    if fallback == nil { fallback = (s.name, (place(r).map { $0 + ": " } ?? "") + shown(r.message)) }
                }
                example = example ?? fallback
                guard count > 0, let example else { continue }
                let description = graded.lazy.compactMap { $0.outcomes[i].report?.results.first { $0.id == check.id }?.description }.first ?? check.id
                failures.append(Failure(exercise: exercise.id, id: check.id, description: description, hidden: check.hidden,
                                        count: count, of: graded.count, student: example.0, example: example.1))
            }
        }
        return Array(failures.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element).prefix(limit))
    }
}
