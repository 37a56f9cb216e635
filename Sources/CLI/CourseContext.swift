#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware
import Grader
import Simulator

/// What every course command needs: the course (found from `--raiz`, `TALLER_RAIZ` or the
/// current folder up to `INDICE.md`), the learner's progress file, and how to print
/// (colors only on a terminal without `NO_COLOR`; the terminal's width).
struct CourseContext {
    var course: Course
    var environment: CommandEnvironment

    static let rootOption = Signature.Option(name: "--raiz", valueName: "CARPETA", help: "la carpeta del curso (por omisión TALLER_RAIZ, o la que tenga INDICE.md, subiendo desde aquí)")

    init(_ arguments: ParsedArguments) throws(CLIError) {
        environment = arguments.environment
        let root: String
        do {
            root = try CourseRoot.find(option: arguments[option: "--raiz"], variable: environment.variables["TALLER_RAIZ"],
                                       start: environment.workingDirectory)
        } catch {
            throw .content(error.rendered)
        }
        course = Course.load(root: CourseContext.relative(root, from: environment.workingDirectory))
    }

    /// The root as the learner would type it from where they are: `.`, `..`, `../..`.
    static func relative(_ root: String, from cwd: String) -> String {
        if root == cwd { return "." }
        guard cwd.hasPrefix(root + "/") else { return root }
        let depth = cwd.dropFirst(root.count + 1).split(separator: "/").count
        return Array(repeating: "..", count: depth).joined(separator: "/")
    }

    var color: Bool { environment.outputIsTerminal && environment.variables["NO_COLOR"] == nil }

    var width: Int {
        if let columns = environment.variables["COLUMNS"].flatMap(Int.init), columns > 0 { return min(columns, 100) }
        if environment.outputIsTerminal {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return min(Int(size.ws_col), 100) }
        }
        return 80
    }

    var markdown: TerminalMarkdown { TerminalMarkdown(width: width, color: color) }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text }

    var progressPath: String { FileSystem.join(course.workRoot, Progress.fileName) }

    /// The course's content errors stop every command but the author's ones.
    func requireValidContent() throws(CLIError) {
        guard course.errors.isEmpty else {
            throw .content(CourseTexts.contentBroken + course.errors.map(\.rendered).joined(separator: "\n"))
        }
    }

    func exercise(_ name: String) throws(CLIError) -> Exercise {
        do { return try course.exercise(name) } catch { throw .content(error.rendered) }
    }

    func loadProgress() throws(CLIError) -> Progress {
        do { return try Progress.load(progressPath) } catch { throw .reported(error.message) }
    }

    /// Read, change, write atomically; a damaged file is reported and left as it is.
    @discardableResult
    func updateProgress(_ body: (inout Progress) -> Void) throws(CLIError) -> Progress {
        do { return try Progress.update(progressPath, body) } catch { throw .reported(error.message) }
    }

    /// `2026-05-04T10:12:00Z` from the wall clock (tests pass a fixed one).
    var now: String { VirtualTime(milliseconds: environment.wallClock() ?? 0).rfc3339 }

    /// The exercise to work on: the current one if not passed, else the first not passed.
    func nextExercise(_ progress: Progress) -> Exercise? {
        let ordered = course.exercises.sorted { $0.id < $1.id }
        if let current = progress.current, let e = ordered.first(where: { $0.id == current }), !progress.passed(e.id) { return e }
        return ordered.first { !progress.passed($0.id) }
    }

    /// A path as the learner should type it: relative to the current folder when inside it.
    func shown(_ path: String) -> String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }

    /// Copies the starter files into `trabajo/EJ/` (never over a file already there).
    func start(_ exercise: Exercise) throws(CLIError) -> [String] {
        let work = course.workFolder(exercise)
        var copied: [String] = []
        do {
            try FileSystem.makeDirectories(work)
            for name in FileSystem.list(exercise.starterFolder) where !FileSystem.isDirectory(FileSystem.join(exercise.starterFolder, name)) {
                let target = FileSystem.join(work, name)
                if FileSystem.exists(target) { continue }
                try FileSystem.copy(FileSystem.join(exercise.starterFolder, name), to: target)
                copied.append(name)
            }
        } catch {
            throw .reported("error: no puedo preparar «\(error.path)»: \(error.reason).\n")
        }
        return copied
    }

    /// Grades an exercise with the verbs of `taller k` available to its steps.
    func grade(_ exercise: Exercise, submission: String) -> Report {
        Grader(commands: InMemoryKubectl()).grade(exercise, submission: submission)
    }

    /// A progress bar: `[██████░░░░░░] 1 de 3 ejercicios`.
    func bar(_ progress: Progress) -> String {
        let total = course.exercises.count
        let done = course.exercises.filter { progress.passed($0.id) }.count
        let cells = 24
        let full = total == 0 ? 0 : done * cells / total
        return "[" + paint(String(repeating: "█", count: full), "32") + String(repeating: "░", count: cells - full) + "] \(done) de \(total) ejercicios"
    }
}
