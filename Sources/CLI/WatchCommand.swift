#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware
import Grader

/// `taller vigilar [EJERCICIO]`: watch mode, as rustlings does it. Grades at once, then
/// every time a file of `trabajo/EJERCICIO/` is saved (polled every 200 ms, debounced), and
/// moves on to the next exercise when one passes. On a terminal, one key each: n (next),
/// p (a hint), l (the list), q (quit).
struct WatchCommand: Command {
    static let path = ["vigilar"]
    static let summary = "corrige cada vez que guardas y pasa al siguiente al aprobar; teclas: n siguiente, p pista, l lista, q salir"
    static let signature = Signature(positionals: [.init(name: "[EJERCICIO]", help: "por dónde empezar (por omisión, el siguiente sin aprobar)")],
                                     options: [CourseContext.rootOption], variadic: true)
    /// Files are polled every 200 ms; once a change is seen, every 25 ms until they have
    /// been quiet for the debouncer's 100 ms.
    static let pollMilliseconds: Int32 = 200
    static let pendingPollMilliseconds: Int32 = 25
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) {
        if arguments.positionals.count > 1 { throw .usage(Messages.extraArgument(arguments.positionals[1]), usage: Self.usage) }
        self.arguments = arguments
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let ordered = context.course.exercises.sorted { $0.id < $1.id }
        var progress = try context.loadProgress()
        guard var exercise = try arguments.positionals.first.map({ (name) throws(CLIError) in try context.exercise(name) }) ?? context.nextExercise(progress) else {
            io.out(WatchTexts.allDone)
            return
        }
        let keys = KeyReader(enabled: context.environment.inputIsTerminal)
        defer { keys.restore() }
        var debouncer = try open(exercise, context: context, io: &io)
        while true {
            switch keys.read(timeout: debouncer.pending ? WatchCommand.pendingPollMilliseconds : WatchCommand.pollMilliseconds) {
            case "q", "\u{03}", "\u{04}":
                io.out(WatchTexts.bye)
                return
            case "n":
                guard let next = WatchCommand.after(exercise, in: ordered) else { io.out(WatchTexts.last); continue }
                exercise = next
                debouncer = try open(exercise, context: context, io: &io)
            case "p":
                io.out("\n" + (try HintCommand.next(exercise, context: context)) + WatchTexts.footer(exercise, context: context))
            case "l":
                progress = (try? context.loadProgress()) ?? progress
                io.out("\n" + WatchTexts.list(ordered, current: exercise, progress: progress, context: context) + WatchTexts.footer(exercise, context: context))
            default:
                break
            }
            let watcher = FileWatcher(folders: [context.course.workFolder(exercise)])
            guard debouncer.tick(watcher.snapshot(), now: WatchCommand.monotonicMilliseconds()) else { continue }
            if grade(exercise, context: context, io: &io) {
                progress = (try? context.loadProgress()) ?? progress
                guard let next = context.nextExercise(progress) else {
                    io.out(WatchTexts.allDone)
                    return
                }
                io.out(WatchTexts.movingOn(next))
                exercise = next
                debouncer = try open(exercise, context: context, io: &io)
            }
        }
    }

    /// Starts an exercise (starter files, statement), grades it once, and watches its folder.
    func open<IO: TextStreams>(_ exercise: Exercise, context: CourseContext, io: inout IO) throws(CLIError) -> Debouncer {
        let copied = try context.start(exercise)
        _ = try? context.updateProgress { $0.current = exercise.id }
        io.out((context.environment.outputIsTerminal ? "\u{1B}[2J\u{1B}[H" : "") + CourseTexts.statement(exercise, context: context, copied: copied) + "\n")
        _ = grade(exercise, context: context, io: &io, clear: false)
        return Debouncer(initial: FileWatcher(folders: [context.course.workFolder(exercise)]).snapshot())
    }

    /// Grades, prints, records the attempt; true when it passed.
    func grade<IO: TextStreams>(_ exercise: Exercise, context: CourseContext, io: inout IO, clear: Bool = true) -> Bool {
        let report = context.grade(exercise, submission: context.course.workFolder(exercise))
        let screen = clear && context.environment.outputIsTerminal ? "\u{1B}[2J\u{1B}[H" : (clear ? "\n" : "")
        io.out(screen + ReportText(color: context.color).render(report) + WatchTexts.footer(exercise, context: context))
        if report.contentErrors.isEmpty, let warning = VerifyCommand.record(report, context: context) { io.err(warning) }
        return report.passed
    }

    static func after(_ exercise: Exercise, in ordered: [Exercise]) -> Exercise? {
        guard let i = ordered.firstIndex(where: { $0.id == exercise.id }), i + 1 < ordered.count else { return nil }
        return ordered[i + 1]
    }

    static func monotonicMilliseconds() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
    }
}

/// Single keys from a terminal: raw mode (no echo, no line buffering, Ctrl-C as a key so
/// the terminal is always restored), `poll` with a timeout. Off a terminal it only waits.
final class KeyReader {
    let enabled: Bool
    var saved = termios()

    init(enabled: Bool) {
        self.enabled = enabled && tcgetattr(0, &saved) == 0
        guard self.enabled else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutablePointer(to: &raw.c_cc) { $0.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        } }
        tcsetattr(0, TCSANOW, &raw)
    }

    func restore() {
        if enabled { tcsetattr(0, TCSANOW, &saved) }
    }

    /// A key pressed within `timeout` milliseconds, or nil.
    func read(timeout: Int32) -> Character? {
        guard enabled else {
            usleep(UInt32(timeout) * 1000)
            return nil
        }
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, timeout) > 0 else { return nil }
        var byte: UInt8 = 0
        guard Glibc.read(0, &byte, 1) == 1 else { return nil }
        return Character(Unicode.Scalar(byte))
    }
}

enum WatchTexts {
    static let bye = "\nHasta luego. Tu progreso está guardado; vuelve con taller vigilar.\n"
    static let last = "\nEste es el último ejercicio.\n"
    static let allDone = "\n¡Has aprobado todos los ejercicios del curso! Enhorabuena.\n"

    static func movingOn(_ next: Exercise) -> String { "\n¡Aprobado! Pasamos al siguiente: \(next.id).\n" }

    static func footer(_ e: Exercise, context: CourseContext) -> String {
        "\n" + context.paint("Vigilando \(context.shown(context.course.workFolder(e)))/: guarda para volver a corregir.", "2")
            + (context.environment.inputIsTerminal ? "  " + context.paint("n", "1") + " siguiente · " + context.paint("p", "1") + " pista · "
                + context.paint("l", "1") + " lista · " + context.paint("q", "1") + " salir" : "") + "\n"
    }

    static func list(_ exercises: [Exercise], current: Exercise, progress: Progress, context: CourseContext) -> String {
        context.bar(progress) + "\n" + exercises.map { e in
            let mark = progress.passed(e.id) ? context.paint("✓", "32") : (e.id == current.id ? "▶" : "·")
            return "  \(mark) \(e.id): \(e.title)\n"
        }.joined()
    }
}
