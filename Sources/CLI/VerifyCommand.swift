import Courseware
import Grader

/// `taller verificar [EJERCICIO] [--dir DIR] [--formato texto|json]`: grades the learner's
/// files (by default `trabajo/EJERCICIO/`) and records the attempt. Exit 0 passed, 1 a check
/// failed or the files have errors, 2 usage or a broken exercise.
struct VerifyCommand: Command {
    static let path = ["verificar"]
    static let summary = "corrige un ejercicio: qué está bien, qué no y en qué línea de tu archivo"
    static let signature = Signature(
        positionals: [.init(name: "[EJERCICIO]", help: "el ejercicio (por omisión, el que empezaste el último)")],
        options: [.init(name: "--dir", valueName: "CARPETA", help: "dónde están tus archivos (por omisión trabajo/EJERCICIO)"),
                  .init(name: "--formato", valueName: "FORMATO", help: "texto (por omisión) o json", allowed: ["texto", "json"]),
                  CourseContext.rootOption],
        variadic: true)
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) {
        if arguments.positionals.count > 1 { throw .usage(Messages.extraArgument(arguments.positionals[1]), usage: Self.usage) }
        self.arguments = arguments
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let exercise = try VerifyCommand.chosen(arguments.positionals.first, context: context, usage: Self.usage)
        let submission = arguments[option: "--dir"] ?? context.course.workFolder(exercise)
        let report = context.grade(exercise, submission: submission)
        if arguments[option: "--formato"] == "json" {
            io.out(report.json)
        } else {
            io.out(ReportText(color: context.color).render(report))
        }
        if arguments[option: "--dir"] == nil, report.contentErrors.isEmpty {
            if let warning = VerifyCommand.record(report, context: context) { io.err(warning) }
            if report.passed, arguments[option: "--formato"] != "json" {
                io.out(CourseTexts.passedNext(exercise, context: context))
            }
        }
        switch report.exitCode {
        case 0: return
        case 2: throw .content("")
        default: throw .reported("")
        }
    }

    /// The named exercise, or the current one.
    static func chosen(_ name: String?, context: CourseContext, usage: String) throws(CLIError) -> Exercise {
        if let name { return try context.exercise(name) }
        let progress = (try? context.loadProgress()) ?? Progress()
        guard let current = progress.current, let exercise = try? context.course.exercise(current) else {
            throw .usage(CourseTexts.whichExercise, usage: usage)
        }
        return exercise
    }

    /// One more attempt, and the first pass. Returns a warning when progress cannot be saved.
    static func record(_ report: Report, context: CourseContext) -> String? {
        do {
            try context.updateProgress { p in
                var entry = p.entry(report.exerciseID)
                entry.attempts += 1
                if report.passed, entry.passedAt == nil { entry.passedAt = context.now }
                p.exercises[report.exerciseID] = entry
                p.current = report.exerciseID
            }
            return nil
        } catch {
            return error.rendered
        }
    }
}
