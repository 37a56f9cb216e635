import Courseware
import Grader

/// `taller indice [--comprobar]`: writes INDICE.md from the lessons and exercises, or (with
/// `--comprobar`) only says whether it is current.
struct IndexCommand: Command {
    static let path = ["indice"]
    static let summary = "genera INDICE.md a partir de las lecciones y los ejercicios (para autores)"
    static let signature = Signature(options: [.init(name: "--comprobar", valueName: "", help: "no escribe: falla si INDICE.md no está al día", flag: true),
                                               CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let course = context.course
        if arguments[option: "--comprobar"] != nil {
            guard CourseIndex.isCurrent(course) else { throw .content(CourseTexts.indexStale(course.indexPath)) }
            io.out(CourseTexts.indexCurrent(course.indexPath))
            return
        }
        do { try FileSystem.write(course.indexPath, CourseIndex.render(course)) } catch {
            throw .reported("error: no puedo escribir «\(error.path)»: \(error.reason).\n")
        }
        io.out(CourseTexts.indexWritten(course.indexPath, lessons: course.lessons.count, exercises: course.exercises.count))
    }
}

/// `taller revisar-curso`: every lesson and exercise loads, every starter fails, every
/// solution passes (hidden checks included), INDICE.md is current. `swift test` runs the
/// same review over the repository's content (`CourseReview`).
struct ReviewCommand: Command {
    static let path = ["revisar-curso"]
    static let summary = "revisa el curso entero: carga, iniciales que fallan, soluciones que aprueban, índice (para autores)"
    static let signature = Signature(options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let review = CourseReview.run(context.course)
        io.out(review.text)
        if !review.ok { throw .content("") }
    }
}

/// The review, as data (tests assert on `problems`).
struct CourseReview {
    var lines: [String] = []
    var problems: [String] = []
    var ok: Bool { problems.isEmpty }

    var text: String {
        (lines + (problems.isEmpty ? ["", "El curso está bien: \(lines.count) comprobaciones superadas."]
                                   : ["", "\(problems.count) \(problems.count == 1 ? "problema" : "problemas"):"] + problems)).joined(separator: "\n") + "\n"
    }

    static func run(_ course: Course) -> CourseReview {
        var review = CourseReview()
        for error in course.errors { review.problems.append(error.rendered) }
        review.lines.append("✓ \(course.lessons.count) lecciones y \(course.exercises.count) ejercicios cargados")
        let grader = Grader(commands: InMemoryKubectl())
        for exercise in course.exercises {
            for check in exercise.checks where check.kind == .allowed {
                review.problems.append("\(exercise.id): la comprobación «\(check.id)» es de tipo \(check.kind.rawValue), que este simulador aún no evalúa.")
            }
            if exercise.checks.contains(where: { $0.kind == .noDowntime }) && exercise.steps.isEmpty {
                review.problems.append("\(exercise.id): tiene una comprobación sinCaida pero ningún paso durante el que medir.")
            }
            let starter = grader.grade(exercise, submission: exercise.starterFolder)
            if !starter.contentErrors.isEmpty {
                review.problems.append("\(exercise.id): el ejercicio tiene errores:\n" + starter.contentErrors.map(\.text).joined())
                continue
            }
            if starter.passedAll {
                review.problems.append("\(exercise.id): los archivos iniciales ya aprueban: el ejercicio no pide nada.")
            } else {
                review.lines.append("✓ \(exercise.id): los archivos iniciales no aprueban (\(starter.results.filter(\.passed).count) de \(starter.results.count) comprobaciones)")
            }
            let folder = course.solutionFolder(exercise)
            guard FileSystem.isDirectory(folder) else {
                review.problems.append("\(exercise.id): falta la solución en \(folder)/")
                continue
            }
            let solution = grader.grade(exercise, submission: folder)
            if solution.passedAll {
                review.lines.append("✓ \(exercise.id): la solución aprueba (\(solution.results.count) comprobaciones, ocultas incluidas)")
            } else {
                review.problems.append("\(exercise.id): la solución no aprueba:\n" + ReportText(showHidden: true).render(solution))
            }
        }
        if course.errors.isEmpty {
            if CourseIndex.isCurrent(course) {
                review.lines.append("✓ INDICE.md está al día")
            } else {
                review.problems.append(CourseTexts.indexStale(course.indexPath))
            }
        }
        return review
    }
}
