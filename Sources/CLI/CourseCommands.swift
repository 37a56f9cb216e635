import Courseware
import Grader

/// `taller lecciones`: the lessons in order, with their exercises and what is done.
struct LessonsCommand: Command {
    static let path = ["lecciones"]
    static let summary = "lista las lecciones, con sus ejercicios"
    static let signature = Signature(options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let progress = (try? context.loadProgress()) ?? Progress()
        var out = context.paint("Lecciones", "1") + "\n\n"
        for lesson in context.course.lessons {
            out += "  \(context.paint(lesson.id, "1"))  \(lesson.title) (\(lesson.duration))\n"
            for e in context.course.exercises(of: lesson) {
                let mark = progress.passed(e.id) ? context.paint("✓", "32") : "·"
                out += "      \(mark) \(e.id): \(e.title)\n"
            }
        }
        out += "\n" + CourseTexts.readHint
        io.out(out)
    }
}

/// `taller leer LECCIÓN`: the lesson as Markdown for the terminal.
struct ReadCommand: Command {
    static let path = ["leer"]
    static let summary = "muestra una lección (su número, su nombre o su id: 1, pods, 01-pods)"
    static let signature = Signature(positionals: [.init(name: "LECCIÓN", help: "la lección: 1, 01-pods o pods")], options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let lesson: Lesson
        do { lesson = try context.course.lesson(arguments.positionals[0]) } catch { throw .content(error.rendered) }
        var text = "# \(lesson.title)\n\n*\(lesson.duration)*\n\n"
        if !lesson.objectives.isEmpty { text += "**Objetivos**\n\n" + lesson.objectives.map { "- \($0)\n" }.joined() + "\n" }
        text += lesson.body
        var out = context.markdown.render(text)
        let exercises = context.course.exercises(of: lesson)
        if !exercises.isEmpty {
            out += "\n" + context.paint("Ejercicios de esta lección:", "1") + "\n"
            out += exercises.map { "  taller empezar \($0.id)    \($0.title)\n" }.joined()
        }
        io.out(out)
    }
}

/// `taller ejercicios`: every exercise with its level and state.
struct ExercisesCommand: Command {
    static let path = ["ejercicios"]
    static let summary = "lista los ejercicios, su nivel y cuáles has aprobado"
    static let signature = Signature(options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let progress = (try? context.loadProgress()) ?? Progress()
        var out = context.paint("Ejercicios", "1") + "  " + context.bar(progress) + "\n\n"
        for e in context.course.exercises {
            let state = progress.passed(e.id) ? context.paint("✓ aprobado", "32")
                : FileSystem.isDirectory(context.course.workFolder(e)) ? context.paint("… empezado", "33") : "· pendiente"
            out += "  \(e.id)  nivel \(e.level) (\(CourseIndex.levels[e.level] ?? ""))  \(state)\n      \(e.title)\n"
        }
        out += "\n" + CourseTexts.startHint
        io.out(out)
    }
}

/// `taller empezar EJERCICIO`: copies the starter files to `trabajo/EJERCICIO/` and shows
/// the statement.
struct StartCommand: Command {
    static let path = ["empezar"]
    static let summary = "prepara un ejercicio en trabajo/EJERCICIO/ y muestra su enunciado"
    static let signature = Signature(positionals: [.init(name: "EJERCICIO", help: "el ejercicio: 1, 01-escalar-web o escalar-web")], options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let exercise = try context.exercise(arguments.positionals[0])
        let copied = try context.start(exercise)
        try context.updateProgress { $0.current = exercise.id }
        io.out(CourseTexts.statement(exercise, context: context, copied: copied))
    }
}

/// `taller pista EJERCICIO`: the next hint of the ladder.
struct HintCommand: Command {
    static let path = ["pista"]
    static let summary = "da la siguiente pista de un ejercicio (de un empujón a casi la respuesta)"
    static let signature = Signature(positionals: [.init(name: "EJERCICIO", help: "el ejercicio")], options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let exercise = try context.exercise(arguments.positionals[0])
        io.out(try HintCommand.next(exercise, context: context))
    }

    static func next(_ exercise: Exercise, context: CourseContext) throws(CLIError) -> String {
        guard !exercise.hints.isEmpty else { return CourseTexts.noHints(exercise) }
        var shown = 0
        try context.updateProgress { p in
            var entry = p.entry(exercise.id)
            entry.hintsUsed = min(entry.hintsUsed + 1, exercise.hints.count)
            shown = entry.hintsUsed
            p.exercises[exercise.id] = entry
        }
        return CourseTexts.hint(exercise, number: shown, context: context)
    }
}

/// `taller solucion EJERCICIO [--confirmar]`: the reference solution, after a pass or
/// after confirming.
struct SolutionCommand: Command {
    static let path = ["solucion"]
    static let summary = "muestra la solución de referencia (si ya aprobaste, o con --confirmar)"
    static let signature = Signature(positionals: [.init(name: "EJERCICIO", help: "el ejercicio")],
                                     options: [.init(name: "--confirmar", valueName: "", help: "verla aunque todavía no hayas aprobado", flag: true),
                                               CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let exercise = try context.exercise(arguments.positionals[0])
        let progress = try context.loadProgress()
        let confirmed = arguments[option: "--confirmar"] != nil
        guard progress.passed(exercise.id) || confirmed else {
            io.out(CourseTexts.solutionLocked(exercise))
            throw .reported("")
        }
        let folder = context.course.solutionFolder(exercise)
        let files = FileSystem.list(folder).filter { !FileSystem.isDirectory(FileSystem.join(folder, $0)) }
        guard !files.isEmpty else { throw .content("error: el ejercicio \(exercise.id) no tiene solución en «\(folder)».\n") }
        var text = "# Solución de \(exercise.id)\n\n"
        for name in files {
            let content = (try? FileSystem.readText(FileSystem.join(folder, name))) ?? ""
            let language = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? "yaml" : ""
            text += "## \(name)\n\n```\(language)\n\(content.hasSuffix("\n") ? String(content.dropLast()) : content)\n```\n\n"
        }
        try context.updateProgress { p in
            var entry = p.entry(exercise.id)
            entry.solutionSeen = true
            p.exercises[exercise.id] = entry
        }
        io.out(context.markdown.render(text))
    }
}

/// `taller reiniciar EJERCICIO`: the starter files again; the learner's files are kept in
/// `trabajo/.copias/EJERCICIO/`.
struct ResetCommand: Command {
    static let path = ["reiniciar"]
    static let summary = "vuelve a los archivos iniciales de un ejercicio (guarda los tuyos en trabajo/.copias/)"
    static let signature = Signature(positionals: [.init(name: "EJERCICIO", help: "el ejercicio")], options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let exercise = try context.exercise(arguments.positionals[0])
        let work = context.course.workFolder(exercise)
        let backup = FileSystem.join(FileSystem.join(context.course.workRoot, ".copias"), exercise.id)
        var saved: [String] = []
        do {
            if FileSystem.isDirectory(work) {
                try FileSystem.makeDirectories(backup)
                for name in FileSystem.list(work) where !FileSystem.isDirectory(FileSystem.join(work, name)) {
                    try FileSystem.copy(FileSystem.join(work, name), to: FileSystem.join(backup, name))
                    FileSystem.remove(FileSystem.join(work, name))
                    saved.append(name)
                }
            }
        } catch {
            throw .reported("error: no puedo guardar tus archivos en «\(error.path)»: \(error.reason). No he tocado nada más.\n")
        }
        let copied = try context.start(exercise)
        io.out(CourseTexts.reset(exercise, work: context.shown(work), backup: context.shown(backup), saved: saved, copied: copied))
    }
}

/// `taller progreso`: what is done, attempts and hints.
struct ProgressCommand: Command {
    static let path = ["progreso"]
    static let summary = "muestra tu progreso: ejercicios aprobados, intentos y pistas"
    static let signature = Signature(options: [CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        let progress = try context.loadProgress()
        var out = context.paint("Tu progreso", "1") + "  " + context.bar(progress) + "\n\n"
        for e in context.course.exercises {
            let entry = progress.entry(e.id)
            let state = entry.passedAt.map { context.paint("✓", "32") + " aprobado el \($0.prefix(10))" } ?? "· sin aprobar"
            out += "  \(e.id)  \(state); \(entry.attempts) \(entry.attempts == 1 ? "intento" : "intentos"), \(entry.hintsUsed) de \(e.hints.count) pistas"
            out += entry.solutionSeen ? ", solución vista\n" : "\n"
        }
        if let next = context.nextExercise(progress) { out += "\n" + CourseTexts.nextStep(next, context: context) }
        io.out(out)
    }
}
