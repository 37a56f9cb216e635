#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware
import Grader
import Synchronization

/// `taller calificar ENTREGAS [--ejercicios ID,…] [--formato csv|json|html|moodle]
/// [--salida RUTA] [--hilos N] [--retroalimentacion CARPETA]`: grades a whole class
/// (`ClassGrading`), writes the chosen output and, if asked, one feedback file per student.
/// Progress goes to standard error: a bar on a terminal, one summary line otherwise.
struct GradeClassCommand: Command {
    static let path = ["calificar"]
    static let summary = "(docentes) califica una clase entera: ENTREGAS/alumno/ejercicio/, en paralelo"
    static let signature = Signature(
        positionals: [.init(name: "ENTREGAS", help: "la carpeta con una subcarpeta por alumno y, dentro, una por ejercicio")],
        options: [.init(name: "--ejercicios", valueName: "ID,…", help: "solo estos ejercicios (por omisión, todos los del curso)"),
                  .init(name: "--formato", valueName: "FORMATO", help: "csv (por omisión), json, html o moodle", allowed: ["csv", "json", "html", "moodle"]),
                  .init(name: "--salida", valueName: "RUTA", help: "el archivo donde escribir el resultado (por omisión, la salida estándar)"),
                  .init(name: "--hilos", valueName: "N", help: "cuántas correcciones a la vez (por omisión, una por núcleo)"),
                  .init(name: "--retroalimentacion", valueName: "CARPETA", help: "escribe ahí un ALUMNO.md por alumno, sin comprobaciones ocultas"),
                  CourseContext.rootOption])
    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let context = try CourseContext(arguments)
        try context.requireValidContent()
        let root = arguments.positionals[0]
        guard FileSystem.isDirectory(root) else { throw .reported("error: no existe la carpeta de entregas «\(root)».\n") }
        var threads = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let text = arguments[option: "--hilos"] {
            guard let n = Int(text), n >= 1, n <= 256 else {
                throw .usage("--hilos tiene que ser un número entre 1 y 256, no «\(text)».", usage: Self.usage)
            }
            threads = n
        }
        var exercises = context.course.exercises.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        if let list = arguments[option: "--ejercicios"] {
            exercises = []
            for name in list.split(separator: ",").map({ String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }) where !name.isEmpty {
                let exercise = try context.exercise(name)
                if !exercises.contains(where: { $0.id == exercise.id }) { exercises.append(exercise) }
            }
            guard !exercises.isEmpty else { throw .usage("--ejercicios no nombra ningún ejercicio.", usage: Self.usage) }
        }

        let start = GradingBudget.now()
        let bar = context.environment.errorIsTerminal ? ProgressBar() : nil
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar { progress = { done, total in bar.show(done, total) } }
        let grading = ClassGrading.grade(root: root, exercises: exercises, threads: threads, progress: progress)
        let outputs = ClassGradingOutputs(grading: grading, root: root)
        let text: String
        switch arguments[option: "--formato"] ?? "csv" {
        case "json": text = outputs.json
        case "html": text = outputs.html
        case "moodle": text = outputs.moodle
        default: text = outputs.csv
        }
        if let folder = arguments[option: "--retroalimentacion"] {
            do {
                try FileSystem.makeDirectories(folder)
                for student in grading.students { try FileSystem.write(FileSystem.join(folder, student.name + ".md"), outputs.feedback(student)) }
            } catch {
                throw .reported("error: no puedo escribir «\(error.path)»: \(error.reason).\n")
            }
        }
        if let path = arguments[option: "--salida"] {
            do { try FileSystem.write(path, text) } catch { throw .reported("error: no puedo escribir «\(error.path)»: \(error.reason).\n") }
        } else {
            io.out(text)
        }
        let pairs = grading.students.flatMap(\.outcomes)
        let refused = pairs.filter { $0.status == .refused }.count
        let missing = pairs.filter { $0.status == .missing }.count
        let seconds = Double(GradingBudget.now() - start) / 1e9
        let rate = seconds > 0 ? Int((Double(pairs.count) / seconds).rounded()) : 0
        if bar != nil { io.err("\r\u{1B}[K") }
        io.err("calificadas \(pairs.count) entregas (\(grading.students.count) alumnos × \(exercises.count) ejercicios) con \(threads) hilos: "
               + "\(missing) sin entregar, \(refused) rechazadas; \(Self.twoDecimals(seconds)) s, \(rate) por segundo.\n")
    }

    /// `12.34`: seconds with two decimals, as `%.2f` prints them.
    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let cents = hundredths % 100
        return "\(hundredths / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// `[████████░░░░] 420 de 1000` redrawn on standard error, at most every 1 %.
    final class ProgressBar: Sendable {
        let shown = Mutex(-1)

        func show(_ done: Int, _ total: Int) {
            let percent = total == 0 ? 100 : done * 100 / total
            shown.withLock { shown in
                guard percent != shown else { return }
                shown = percent
                let full = percent * 30 / 100
                StandardStreams.write("\r[" + String(repeating: "█", count: full) + String(repeating: "░", count: 30 - full) + "] \(done) de \(total)", to: 2)
            }
        }
    }
}
