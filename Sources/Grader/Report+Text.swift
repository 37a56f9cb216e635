/// The report for a terminal, as a compiler or rustlings would show it: the learner's file
/// errors first (the renderers of `taller k apply`), then one line per check, ✓ or ✗, and
/// under each failure where to look (`archivo:línea`), the hint and the command to see it.
public struct ReportText: Sendable {
    public var color: Bool
    /// Hidden checks too (instructors, `taller revisar-curso`).
    public var showHidden: Bool

    public init(color: Bool = false, showHidden: Bool = false) {
        self.color = color
        self.showHidden = showHidden
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text }

    public func render(_ report: Report) -> String {
        var out = paint("Ejercicio \(report.exerciseID): \(report.title)", "1") + "\n\n"
        if !report.contentErrors.isEmpty {
            out += paint("El ejercicio tiene errores (es cosa de quien lo escribió, no tuya):", "1;35") + "\n"
            out += report.contentErrors.map(\.text).joined(separator: "\n") + "\n"
        }
        if !report.errors.isEmpty {
            out += paint(report.errors.count == 1 ? "Tu archivo tiene un error:" : "Tus archivos tienen \(report.errors.count) errores:", "1;31") + "\n\n"
            out += report.errors.map(\.text).joined(separator: "\n")
            out += "\n" + paint("Corrige y guarda: las comprobaciones se ejecutan cuando tus archivos se aplican sin errores.", "1") + "\n"
            return out
        }
        let results = showHidden ? report.results : report.visibleResults
        for r in results {
            let mark = r.passed ? paint("✓", "32") : paint("✗", "31")
            let points = r.maxPoints == 1 ? "1 punto" : "\(r.maxPoints) puntos"
            let hidden = r.hidden ? " [oculta]" : ""
            out += "\(mark) \(r.description)\(hidden) " + paint("(\(r.passed ? points : "0 de " + points))", "2") + "\n"
            guard !r.passed else { continue }
            let place = r.mark.map { m in m.file.isEmpty ? "" : paint("\(m.file):\(m.line)", "1") + ": " } ?? ""
            out += "    \(place)\(r.message)\n"
            if let hint = r.hint { out += "    " + paint("pista:", "33") + " \(hint)\n" }
            if let command = r.command { out += "    " + paint("míralo tú:", "36") + " \(command)\n" }
        }
        let max = showHidden ? report.results.reduce(0) { $0 + $1.maxPoints } : report.maxPoints
        let got = showHidden ? report.results.reduce(0) { $0 + $1.points } : report.points
        out += "\n"
        if showHidden ? report.passedAll : report.passed {
            out += paint("¡Aprobado! \(got) de \(max) puntos.", "1;32") + "\n"
        } else {
            out += paint("Todavía no: \(got) de \(max) puntos.", "1;31") + " Corrige lo marcado con ✗, guarda y vuelve a verificar.\n"
        }
        return out
    }
}
