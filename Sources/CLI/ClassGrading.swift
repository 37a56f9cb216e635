#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware
import Grader
import Synchronization

/// `taller calificar`: every (student, exercise) pair of `ENTREGAS/<alumno>/<ejercicio>/`,
/// graded as `taller verificar` grades it, in parallel, each one inside its budget. The
/// result does not depend on the number of threads: pairs are graded into fixed slots and
/// kept sorted by student and exercise (bytes of their names).
struct ClassGrading {
    /// The limits of one grading (README, «Calificar una clase»).
    struct Limits: Sendable {
        var maxFileBytes = 1 << 20
        var maxFiles = 50
        var maxObjects = 500
        /// Wall time of one grading, in milliseconds.
        var wallMilliseconds = 2_000
    }

    enum Status: String, Sendable {
        case graded = "corregido"
        case missing = "no entregado"
        case refused = "rechazado"
    }

    struct Outcome: Sendable {
        var status: Status
        /// Why the submission was refused (one line each), for the instructor.
        var refusals: [String] = []
        var report: Report?
        /// Every check counts here, hidden ones too.
        var points = 0
        var maxPoints: Int
        /// The learner's file errors (or a refusal): the grading did not get to the checks.
        var hasErrors: Bool { status == .refused || !(report?.errors.isEmpty ?? true) }
    }

    struct Student: Sendable {
        var name: String
        /// One per exercise, in `exercises` order.
        var outcomes: [Outcome]
        var points: Int { outcomes.reduce(0) { $0 + $1.points } }
        var maxPoints: Int { outcomes.reduce(0) { $0 + $1.maxPoints } }
    }

    var exercises: [Exercise]
    var students: [Student]
    /// Students' folders refused as a whole (a symbolic link, a file), by name.
    var refusedEntries: [(name: String, reason: String)]

    var maxPoints: Int { exercises.reduce(0) { $0 + ClassGrading.maxPoints($1) } }

    static func maxPoints(_ exercise: Exercise) -> Int { exercise.checks.reduce(0) { $0 + $1.points } }

    /// Grades the class in `root` (`ENTREGAS`). `progress(done, total)` is called from the
    /// grading threads, serialized.
    static func grade(root: String, exercises: [Exercise], threads: Int, limits: Limits = Limits(),
                      progress: (@Sendable (Int, Int) -> Void)? = nil) -> ClassGrading {
        let realRoot = ClassGrading.realPath(root) ?? root
        var names: [String] = []
        var refusedEntries: [(String, String)] = []
        for name in FileSystem.list(root) where !name.hasPrefix(".") {
            let path = FileSystem.join(root, name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: names.append(name)
            case S_IFLNK: refusedEntries.append((name, "es un enlace simbólico; las entregas tienen que ser carpetas de verdad"))
            default: refusedEntries.append((name, "no es una carpeta"))
            }
        }
        let total = names.count * exercises.count
        let folders = names
        let slots = Slots(count: total)
        let grader = Grader(commands: InMemoryKubectl(), prepared: PreparedClusters())
        let work: @Sendable (Int) -> Void = { index in
            let student = folders[index / exercises.count]
            let exercise = exercises[index % exercises.count]
            let folder = FileSystem.join(FileSystem.join(root, student), exercise.id)
            let outcome = ClassGrading.gradeOne(exercise, folder: folder, realRoot: realRoot, grader: grader, limits: limits)
            let done = slots.store(outcome, at: index)
            progress?(done, total)
        }
        ClassGrading.run(total, threads: max(1, threads), work)
        let outcomes = slots.values
        var students: [Student] = []
        for (i, name) in names.enumerated() {
            students.append(Student(name: name, outcomes: Array(outcomes[(i * exercises.count)..<((i + 1) * exercises.count)])))
        }
        return ClassGrading(exercises: exercises, students: students, refusedEntries: refusedEntries)
    }

    /// One pair: checked, then graded inside its budget.
    static func gradeOne(_ exercise: Exercise, folder: String, realRoot: String, grader: Grader, limits: Limits) -> Outcome {
        let maxPoints = ClassGrading.maxPoints(exercise)
        var info = stat()
        guard lstat(folder, &info) == 0 else { return Outcome(status: .missing, maxPoints: maxPoints) }
        let refusals = inspect(folder, mode: info.st_mode, exercise: exercise, realRoot: realRoot, limits: limits)
        guard refusals.isEmpty else { return Outcome(status: .refused, refusals: refusals, maxPoints: maxPoints) }
        var grader = grader
        grader.budget = GradingBudget(maxObjects: limits.maxObjects,
                                      deadline: GradingBudget.now() + UInt64(limits.wallMilliseconds) * 1_000_000)
        let report = grader.grade(exercise, submission: folder)
        return Outcome(status: .graded, report: report, points: report.results.reduce(0) { $0 + $1.points }, maxPoints: maxPoints)
    }

    /// What makes a submission folder unsafe or too big to grade, before anything of it is
    /// read by the grader: only regular files and folders (or links that stay inside
    /// ENTREGAS), at most `maxFiles` entries in all, each file at most `maxFileBytes`.
    static func inspect(_ folder: String, mode: mode_t, exercise: Exercise, realRoot: String, limits: Limits) -> [String] {
        switch mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: return ["la carpeta del ejercicio es un enlace simbólico: no se sigue"]
        default: return ["«\(exercise.id)» no es una carpeta"]
        }
        var problems: [String] = []
        var entries = 0
        walk(folder, relative: "", depth: 0, exercise: exercise, realRoot: realRoot, limits: limits, entries: &entries, problems: &problems)
        if entries > limits.maxFiles { return ["tiene más de \(limits.maxFiles) archivos y carpetas, el límite por ejercicio"] }
        return problems
    }

    /// Every entry under `folder` (the grader reads the top files, and `aplicar` steps may
    /// name files in subfolders), at most 8 levels deep, counting entries as it goes.
    static func walk(_ folder: String, relative: String, depth: Int, exercise: Exercise, realRoot: String, limits: Limits,
                     entries: inout Int, problems: inout [String]) {
        guard depth < 8 else { problems.append("«\(relative)» está anidada a más de 8 carpetas"); return }
        for name in FileSystem.list(folder) {
            entries += 1
            if entries > limits.maxFiles { return }
            let path = FileSystem.join(folder, name)
            let shownName = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { problems.append("«\(shownName)» no se puede leer"); continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard let target = realPath(path), target == realRoot || target.hasPrefix(realRoot + "/") else {
                    problems.append("«\(shownName)» es un enlace simbólico que sale de la carpeta de entregas: no se sigue")
                    continue
                }
                guard stat(path, &info) == 0 else { problems.append("«\(shownName)» es un enlace roto"); continue }
                kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { problems.append("«\(shownName)» es un enlace simbólico a una carpeta: no se sigue"); continue }
            }
            switch kind {
            case S_IFREG:
                if Int(info.st_size) > limits.maxFileBytes {
                    problems.append("«\(shownName)» ocupa \(info.st_size) bytes y el límite es \(limits.maxFileBytes) por archivo")
                } else if exercise.files.contains(where: { fnmatch($0, shownName, 0) == 0 }), isBinary(path) {
                    problems.append("«\(shownName)» es un archivo binario, no un manifiesto de texto")
                }
            case S_IFDIR:
                walk(path, relative: shownName, depth: depth + 1, exercise: exercise, realRoot: realRoot, limits: limits,
                     entries: &entries, problems: &problems)
            case S_IFIFO: problems.append("«\(shownName)» es una tubería con nombre (FIFO): no se lee")
            case S_IFCHR, S_IFBLK: problems.append("«\(shownName)» es un archivo de dispositivo: no se lee")
            case S_IFSOCK: problems.append("«\(shownName)» es un socket: no se lee")
            default: problems.append("«\(shownName)» no es un archivo normal")
            }
        }
    }

    /// A NUL byte in the first 8 KiB (as git decides).
    static func isBinary(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return n > 0 && buffer[0..<n].contains(0)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `work(0..<count)` on `threads` threads with 64 MiB stacks (deep but legal YAML
    /// recurses), taking indexes in order from a shared counter.
    static func run(_ count: Int, threads: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let next = Mutex(0)
        let n = min(threads, max(count, 1))
        let body: @Sendable () -> Void = {
            while let i = next.withLock({ (value: inout Int) -> Int? in
                guard value < count else { return nil }
                value += 1
                return value - 1
            }) { work(i) }
        }
        let started = (0..<n).map { _ in BigStackThread(stackSize: 64 << 20, body) }
        for thread in started { thread.join() }
    }

    final class Slots: Sendable {
        private struct State {
            var storage: [Outcome?]
            var done = 0
        }
        private let state: Mutex<State>
        init(count: Int) { state = Mutex(State(storage: Array(repeating: nil, count: count))) }
        func store(_ outcome: Outcome, at index: Int) -> Int {
            state.withLock { state in
                state.storage[index] = outcome
                state.done += 1
                return state.done
            }
        }
        var values: [Outcome] { state.withLock { $0.storage.map { $0! } } }
    }
}
