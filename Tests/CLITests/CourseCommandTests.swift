#if canImport(Glibc)
import Glibc
#endif
import Testing
import Courseware
import Grader
import Simulator
@testable import CLI

/// The course commands end to end, in-process, over a copy of the repository's sample
/// content in a temporary folder (TALLER_RAIZ), with a fixed wall clock.
struct CourseCommandTests {
    /// The repository (this file is Tests/CLITests/…).
    static let repository: String = {
        var path = #filePath
        for _ in 0..<3 { path = FileSystem.directory(of: path) }
        return path
    }()

    struct Course {
        let root: String

        init() {
            var template = Array("/tmp/taller-cursocli-XXXXXX".utf8CString)
            root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
            for folder in ["lessons", "exercises", "solutions"] { Course.copy(CourseCommandTests.repository + "/" + folder, to: root + "/" + folder) }
            try! FileSystem.copy(CourseCommandTests.repository + "/INDICE.md", to: root + "/INDICE.md")
        }

        static func copy(_ from: String, to: String) {
            try! FileSystem.makeDirectories(to)
            for name in FileSystem.list(from) {
                let source = from + "/" + name
                if FileSystem.isDirectory(source) { copy(source, to: to + "/" + name) } else { try! FileSystem.copy(source, to: to + "/" + name) }
            }
        }

        @discardableResult
        func run(_ args: String...) -> KubectlHarness.Result {
            var io = CapturedStreams()
            var environment = CommandEnvironment(stateVariable: root + "/.taller", wallClock: { 1_767_225_600_000 })
            environment.variables["TALLER_RAIZ"] = root
            let code = Taller.run(args, io: &io, environment: environment)
            return KubectlHarness.Result(code: code, out: io.stdout, err: io.stderr)
        }

        func progress() -> String { (try? FileSystem.readText(root + "/trabajo/.progreso.json")) ?? "" }
    }

    @Test func theRepositoryCourseIsSound() {
        let course = Courseware.Course.load(root: CourseCommandTests.repository)
        let review = CourseReview.run(course)
        #expect(review.problems == [], "\(review.text)")
        #expect(course.exercises.count >= 30)
        for id in course.exercises.map(\.id) {
            #expect(review.lines.contains { $0.hasPrefix("✓ \(id): los archivos iniciales no aprueban") })
            #expect(review.lines.contains { $0.hasPrefix("✓ \(id): la solución aprueba") })
        }
        #expect(review.lines.contains("✓ INDICE.md está al día"))
    }

    @Test func startVerifyAndPass() throws {
        let c = Course()
        let start = c.run("empezar", "11")
        #expect(start.code == 0)
        #expect(start.out.contains("He copiado a \(c.root)/trabajo/11-escalar-web/: web.yaml."))
        #expect(start.out.hasPrefix("Escala el frontend a tres réplicas\n==================================\n"))
        let fail = c.run("verificar", "--formato", "json")
        #expect(fail.code == 1)
        #expect(fail.out.hasPrefix("{\"version\":1,\"ejercicio\":\"11-escalar-web\",\"aprobado\":false,\"puntos\":1,\"puntosMaximos\":6,\"comprobaciones\":[{\"id\":\"existe\""))
        #expect(!fail.out.contains("pods-sanos"))
        #expect(c.run("verificar", "--formato", "json").out == fail.out)
        try FileSystem.copy(c.root + "/solutions/11-escalar-web/web.yaml", to: c.root + "/trabajo/11-escalar-web/web.yaml")
        let pass = c.run("verificar")
        #expect(pass.code == 0)
        #expect(pass.out.contains("¡Aprobado! 6 de 6 puntos."))
        #expect(pass.out.contains("Siguiente: taller empezar 01-deployment-apiversion"))
        #expect(c.progress() == "{\"actual\":\"11-escalar-web\",\"ejercicios\":{\"11-escalar-web\":{\"aprobado\":\"2026-01-01T00:00:00Z\",\"intentos\":3,\"pistas\":0,\"solucionVista\":false}},\"version\":1}\n")
        let progress = c.run("progreso")
        #expect(progress.out.contains("11-escalar-web  ✓ aprobado el 2026-01-01; 3 intentos, 0 de 3 pistas"))
        let total = Courseware.Course.load(root: c.root).exercises.count
        #expect(c.run().out.contains("░] 1 de \(total) ejercicios"))
    }

    @Test func usageAndContentExitCodes() {
        let c = Course()
        #expect(c.run("verificar").code == 2) // which exercise?
        #expect(c.run("verificar", "99").code == 2)
        #expect(c.run("verificar", "11", "--formato", "xml").code == 2)
        // --dir: grade any folder, and leave progress alone.
        #expect(c.run("verificar", "11", "--dir", c.root + "/solutions/11-escalar-web").code == 0)
        #expect(c.progress() == "")
        var io = CapturedStreams()
        #expect(Taller.run(["lecciones", "--raiz", "/tmp/no-existe-curso"], io: &io, environment: CommandEnvironment()) == 2)
    }

    @Test func hintsSolutionAndReset() throws {
        let c = Course()
        c.run("empezar", "15")
        #expect(c.run("pista", "15").out.hasPrefix("Pista 1 de 3 (15-service-web)\n\nMira las etiquetas"))
        #expect(c.run("pista", "15").out.hasPrefix("Pista 2 de 3"))
        let third = c.run("pista", "15")
        #expect(third.out.contains("No hay más pistas. Si quieres ver la solución: taller solucion 15-service-web --confirmar"))
        #expect(c.run("pista", "15").out.hasPrefix("Pista 3 de 3"))
        let locked = c.run("solucion", "15")
        #expect(locked.code == 1 && locked.out.hasPrefix("Todavía no has aprobado 15-service-web."))
        let shown = c.run("solucion", "15", "--confirmar")
        #expect(shown.code == 0 && shown.out.contains("service.yaml") && shown.out.contains("targetPort: 80"))
        #expect(c.progress().contains("\"15-service-web\":{\"intentos\":0,\"pistas\":3,\"solucionVista\":true}"))
        try FileSystem.write(c.root + "/trabajo/15-service-web/service.yaml", "mío\n")
        let reset = c.run("reiniciar", "15")
        #expect(reset.out == "He guardado tus archivos (service.yaml) en \(c.root)/trabajo/.copias/15-service-web/.\n\(c.root)/trabajo/15-service-web/ vuelve a tener los archivos iniciales (service.yaml).\n")
        #expect(try FileSystem.readText(c.root + "/trabajo/.copias/15-service-web/service.yaml") == "mío\n")
        #expect(try FileSystem.readText(c.root + "/trabajo/15-service-web/service.yaml") == FileSystem.readText(c.root + "/exercises/15-service-web/inicial/service.yaml"))
    }

    @Test func aDamagedProgressFileIsNotOverwritten() throws {
        let c = Course()
        c.run("empezar", "11")
        try FileSystem.write(c.root + "/trabajo/.progreso.json", "{roto")
        let verify = c.run("verificar", "11")
        #expect(verify.code == 1)
        #expect(verify.err.contains("tu progreso en «\(c.root)/trabajo/.progreso.json» está dañado (no es JSON válido) y no lo voy a sobrescribir"))
        #expect(c.progress() == "{roto")
        let progress = c.run("progreso")
        #expect(progress.code == 1 && progress.err.contains("está dañado"))
    }

    @Test func lessonsExercisesAndReading() {
        let c = Course()
        let lessons = c.run("lecciones").out
        #expect(lessons.contains("  06-replicasets-y-deployments  "))
        #expect(lessons.contains("      · 11-escalar-web: Escala el frontend a tres réplicas\n"))
        #expect(c.run("ejercicios").out.contains("  32-sondas-y-recursos  nivel 3 (reto)  · pendiente\n"))
        let read = c.run("leer", "7")
        #expect(read.code == 0)
        #expect(read.out.contains("\n==="))
        #expect(read.out.contains("Ejercicios de esta lección:\n  taller empezar 15-service-web "))
        #expect(read.out.contains("Un Service para el frontend\n"))
        #expect(c.run("leer", "nada").code == 2)
    }

    /// Each `exercises/<id>/errores/<caso>/` is a realistic wrong answer: grading it must not
    /// pass, and every line `id: fragmento` of its `esperado.txt` names a check that fails with
    /// a message containing that fragment (`error: fragmento`: one of the file errors).
    @Test func wrongAnswersFailWhereExpected() throws {
        let course = Courseware.Course.load(root: CourseCommandTests.repository)
        let grader = Grader(commands: InMemoryKubectl())
        var cases = 0
        for exercise in course.exercises {
            let folder = exercise.folder + "/errores"
            guard FileSystem.isDirectory(folder) else { continue }
            for name in FileSystem.list(folder).sorted() where FileSystem.isDirectory(folder + "/" + name) {
                let submission = folder + "/" + name
                let report = grader.grade(exercise, submission: submission)
                let label = "\(exercise.id)/errores/\(name)"
                #expect(report.contentErrors.isEmpty, "\(label): \(report.contentErrors.map(\.text))")
                #expect(!report.passedAll, "\(label) aprueba")
                let expected = try FileSystem.readText(submission + "/esperado.txt").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
                #expect(!expected.isEmpty, "\(label): esperado.txt vacío")
                for line in expected {
                    guard let sep = line.range(of: ": ") else { Issue.record("\(label): línea sin «: » en esperado.txt: \(line)"); continue }
                    let id = String(line[..<sep.lowerBound]), fragment = String(line[sep.upperBound...])
                    if id == "error" {
                        #expect(report.errors.contains { $0.text.contains(fragment) }, "\(label): ningún error contiene «\(fragment)»: \(report.errors.map(\.text))")
                    } else {
                        let result = report.results.first { $0.id == id }
                        #expect(result != nil, "\(label): no hay comprobación «\(id)»")
                        #expect(result?.passed == false, "\(label): «\(id)» aprueba")
                        #expect(result?.message.contains(fragment) == true, "\(label): «\(id)» dice «\(result?.message ?? "")», sin «\(fragment)»")
                    }
                    cases += 1
                }
            }
        }
        #expect(cases >= 40)
    }

    @Test func indexIsCheckedAndWritten() throws {
        let c = Course()
        #expect(c.run("indice", "--comprobar").code == 0)
        try FileSystem.write(c.root + "/INDICE.md", "viejo\n")
        let stale = c.run("indice", "--comprobar")
        #expect(stale.code == 2 && stale.err.contains("no está al día"))
        #expect(c.run("revisar-curso").code == 2)
        #expect(c.run("indice").code == 0)
        #expect(c.run("revisar-curso").code == 0)
    }

    @Test func commandStepsRunTallerKInMemory() throws {
        let c = Course()
        // Exercise 32 runs `k set image` as a step: the solution ends on nginx:1.28 (a hidden check).
        let report = Grader(commands: InMemoryKubectl()).grade(try Courseware.Course.load(root: c.root).exercise("32"), submission: c.root + "/solutions/32-sondas-y-recursos")
        #expect(report.passedAll)
        #expect(report.log.contains("$ taller k set image deployment/api api=nginx:1.28"))
        #expect(report.log.contains("deployment.apps/api image updated"))
        var cluster = Cluster.interactive()
        let out = InMemoryKubectl().run(["k", "create", "deployment", "web", "--image=nginx:1.27"], cluster: &cluster)
        #expect(out == CommandOutput(out: "deployment.apps/web created\n"))
        #expect(cluster.api.store.count("pods") == 1)
        let bad = InMemoryKubectl().run(["k", "get", "nada"], cluster: &cluster)
        #expect(bad.failed && bad.err.hasPrefix("error: the server doesn't have a resource type \"nada\""))
    }
}
