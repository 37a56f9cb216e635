import YAML

extension Report {
    /// `taller verificar --formato json`, exactly:
    ///
    /// ```json
    /// {"version": 1, "ejercicio": "01-…", "aprobado": false, "puntos": 1, "puntosMaximos": 3,
    ///  "comprobaciones": [{"id", "aprobada", "puntos", "mensaje", "archivo", "linea"}],
    ///  "errores": [{"archivo", "linea", "columna", "mensaje"}]}
    /// ```
    ///
    /// Keys in that order; hidden checks left out; `archivo`/`linea` null when unknown;
    /// `errores` holds the learner's file errors and then the exercise's own, each with the
    /// full rendered text. Same report, same bytes.
    public var json: String {
        let checks: [Value] = visibleResults.map { r in
            .mapping([Value.Pair("id", .string(r.id)), Value.Pair("aprobada", .bool(r.passed)), Value.Pair("puntos", .int(Int64(r.points))),
                      Value.Pair("mensaje", .string(r.message)), Value.Pair("archivo", r.file.map(Value.string) ?? .null),
                      Value.Pair("linea", r.line.map { .int(Int64($0)) } ?? .null)])
        }
        let problems: [Value] = (errors + contentErrors).map { p in
            .mapping([Value.Pair("archivo", (p.mark?.file).flatMap { $0.isEmpty ? nil : Value.string($0) } ?? p.file.map(Value.string) ?? .null),
                      Value.Pair("linea", p.mark.map { .int(Int64($0.line)) } ?? .null),
                      Value.Pair("columna", p.mark.map { .int(Int64($0.column)) } ?? .null),
                      Value.Pair("mensaje", .string(p.text))])
        }
        let root: Value = .mapping([
            Value.Pair("version", 1), Value.Pair("ejercicio", .string(exerciseID)), Value.Pair("aprobado", .bool(passed)),
            Value.Pair("puntos", .int(Int64(points))), Value.Pair("puntosMaximos", .int(Int64(maxPoints))),
            Value.Pair("comprobaciones", .sequence(checks)), Value.Pair("errores", .sequence(problems)),
        ])
        return JSONWriter.string(root, sortKeys: false) + "\n"
    }
}
