#if canImport(Glibc)
import Glibc
#endif
import Testing
import Courseware
import Grader
@testable import CLI

/// `taller calificar` on a tiny class in a copy of the repository's course.
struct GradeClassTests {
    typealias Course = CourseCommandTests.Course
    static let repo = CourseCommandTests.repository

    /// ana: 01 right, 02 not submitted. beto: 01 the starter files, 02 right.
    static func tinyClass() throws -> Course {
        let c = Course()
        let e = c.root + "/entregas"
        try FileSystem.makeDirectories(e + "/ana/11-escalar-web")
        try FileSystem.copy(repo + "/solutions/11-escalar-web/web.yaml", to: e + "/ana/11-escalar-web/web.yaml")
        try FileSystem.makeDirectories(e + "/beto/11-escalar-web")
        try FileSystem.copy(repo + "/exercises/11-escalar-web/inicial/web.yaml", to: e + "/beto/11-escalar-web/web.yaml")
        try FileSystem.makeDirectories(e + "/beto/15-service-web")
        try FileSystem.copy(repo + "/solutions/15-service-web/service.yaml", to: e + "/beto/15-service-web/service.yaml")
        return c
    }

    static let two = ["--ejercicios", "11-escalar-web,15-service-web"]

    @Test func csvShape() throws {
        let c = try GradeClassTests.tinyClass()
        let r = c.run(["calificar", c.root + "/entregas"] + GradeClassTests.two)
        #expect(r.code == 0)
        #expect(r.out == "alumno,11-escalar-web,15-service-web,total,porcentaje\nana,7,0,7,50.0\nbeto,2,7,9,64.3\n")
        #expect(r.err.hasPrefix("calificadas 4 entregas (2 alumnos × 2 ejercicios) con "))
        #expect(r.err.contains(": 1 sin entregar, 0 rechazadas; "))
    }

    @Test func moodleShape() throws {
        let c = try GradeClassTests.tinyClass()
        let r = c.run(["calificar", c.root + "/entregas", "--formato", "moodle"] + GradeClassTests.two)
        #expect(r.out == "ID number,Taller K8s: 11-escalar-web,Taller K8s: 15-service-web\nana,7,0\nbeto,2,7\n")
        try FileSystem.move(c.root + "/entregas/ana", to: c.root + "/entregas/ana@uni.es")
        try FileSystem.move(c.root + "/entregas/beto", to: c.root + "/entregas/beto,\"b\"@uni.es")
        let mail = c.run(["calificar", c.root + "/entregas", "--formato", "moodle"] + GradeClassTests.two)
        #expect(mail.out == "Email address,Taller K8s: 11-escalar-web,Taller K8s: 15-service-web\nana@uni.es,7,0\n\"beto,\"\"b\"\"@uni.es\",2,7\n")
    }

    @Test func jsonShape() throws {
        let c = try GradeClassTests.tinyClass()
        let r = c.run(["calificar", c.root + "/entregas", "--formato", "json"] + GradeClassTests.two)
        #expect(r.out.hasPrefix("{\"version\":1,\"ejercicios\":[{\"id\":\"11-escalar-web\",\"titulo\":\"Escala el frontend a tres réplicas\",\"puntosMaximos\":7},"))
        #expect(r.out.contains("{\"alumno\":\"ana\",\"puntos\":7,\"puntosMaximos\":14,\"porcentaje\":\"50.0\",\"ejercicios\":[{\"ejercicio\":\"11-escalar-web\",\"estado\":\"corregido\",\"puntos\":7,\"puntosMaximos\":7,\"motivos\":[],\"comprobaciones\":[{\"id\":\"existe\",\"descripcion\":\"Existe el Deployment web\",\"oculta\":false,\"aprobada\":true,\"puntos\":1,\"puntosMaximos\":1,"))
        #expect(r.out.contains("{\"ejercicio\":\"15-service-web\",\"estado\":\"no entregado\",\"puntos\":0,\"puntosMaximos\":7,\"motivos\":[],\"comprobaciones\":[],\"errores\":[]}"))
        // Hidden checks are in the instructor's output, with their place.
        #expect(r.out.contains("{\"id\":\"pods-sanos\",\"descripcion\":\"Todos los Pods de web están sanos\",\"oculta\":true,"))
        #expect(r.out.contains("\"mensaje\":\"deployment/web: se esperaba spec.replicas igual a 3, pero es 1.\",\"archivo\":\"beto/11-escalar-web/web.yaml\",\"linea\":8,\"ubicacion\":\"beto/11-escalar-web/web.yaml:8\""))
        #expect(r.out.hasSuffix("\"rechazadas\":[]}\n"))
        #expect(!r.out.contains(c.root))
    }

    @Test func sameBytesWhateverTheThreads() throws {
        let c = try GradeClassTests.tinyClass()
        try GradeClassTests.addHostile(c)
        for format in ["csv", "json", "html", "moodle"] {
            let one = c.run(["calificar", c.root + "/entregas", "--formato", format, "--hilos", "1"])
            let four = c.run(["calificar", c.root + "/entregas", "--formato", format, "--hilos", "4"])
            let seven = c.run(["calificar", c.root + "/entregas", "--formato", format, "--hilos", "7"])
            #expect(one.code == 0 && !one.out.isEmpty)
            #expect(one.out == four.out, "\(format)")
            #expect(one.out == seven.out, "\(format)")
        }
    }

    /// Students whose submissions try every trick the checks refuse.
    static func addHostile(_ c: Course) throws {
        let e = c.root + "/entregas"
        for folder in ["enlace/11-escalar-web", "enorme/11-escalar-web", "muchos/11-escalar-web", "anidado/11-escalar-web",
                       "binario/11-escalar-web", "bomba/11-escalar-web", "tuberia/11-escalar-web", "carpeta/15-service-web"] {
            try FileSystem.makeDirectories(e + "/" + folder)
        }
        symlink("/etc/passwd", e + "/enlace/11-escalar-web/web.yaml")
        try FileSystem.write(e + "/enorme/11-escalar-web/web.yaml", "# " + String(repeating: "x", count: 2 << 20) + "\n")
        for i in 0..<60 { try FileSystem.write(e + "/muchos/11-escalar-web/f\(i).yaml", "a: 1\n") }
        try FileSystem.write(e + "/anidado/11-escalar-web/web.yaml", String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n")
        try FileSystem.writeAtomically(e + "/binario/11-escalar-web/web.yaml", Array(0...255) + Array(0...255))
        let bomb = try FileSystem.readText(repo + "/solutions/11-escalar-web/web.yaml").replacingOccurrences(of: "replicas: 3", with: "replicas: 100000000")
        try FileSystem.write(e + "/bomba/11-escalar-web/web.yaml", bomb)
        mkfifo(e + "/tuberia/11-escalar-web/web.yaml", 0o644)
        symlink("/etc", e + "/carpeta/15-service-web/otra")
        try FileSystem.write(e + "/carpeta/15-service-web/service.yaml", "apiVersion: v1\n")
        symlink("/tmp", e + "/fuera")
        // A FIFO and a link out, in a subfolder an `aplicar` step could name.
        try FileSystem.makeDirectories(e + "/hondo/11-escalar-web/v2/v3")
        symlink("/etc/passwd", e + "/hondo/11-escalar-web/v2/v3/web.yaml")
        symlink(e + "/ana", e + "/hondo/11-escalar-web/otra")
    }

    @Test func hostileSubmissionsAreReportedAndIsolated() throws {
        let c = try GradeClassTests.tinyClass()
        let alone = c.run(["calificar", c.root + "/entregas", "--formato", "json"] + GradeClassTests.two)
        try GradeClassTests.addHostile(c)
        let r = c.run(["calificar", c.root + "/entregas", "--formato", "json"] + GradeClassTests.two)
        #expect(r.code == 0)
        func pair(_ student: String, in out: String? = nil) -> String {
            let out = out ?? r.out
            guard let start = out.range(of: "{\"alumno\":\"\(student)\"") else { return "" }
            let rest = out[start.lowerBound...]
            return String(rest[..<(rest.range(of: "{\"alumno\":\"", range: rest.index(after: rest.startIndex)..<rest.endIndex)?.lowerBound ?? rest.endIndex)])
        }
        #expect(pair("enlace").contains("«web.yaml» es un enlace simbólico que sale de la carpeta de entregas: no se sigue"))
        #expect(pair("enorme").contains("«web.yaml» ocupa 2097155 bytes y el límite es 1048576 por archivo"))
        #expect(pair("muchos").contains("tiene más de 50 archivos y carpetas, el límite por ejercicio"))
        #expect(pair("anidado").contains("\"estado\":\"corregido\",\"puntos\":0"))
        #expect(pair("anidado").contains("anidado/11-escalar-web/web.yaml:1:"))
        #expect(pair("binario").contains("«web.yaml» es un archivo binario, no un manifiesto de texto"))
        #expect(pair("bomba").contains("pide demasiados objetos"))
        #expect(pair("tuberia").contains("«web.yaml» es una tubería con nombre (FIFO): no se lee"))
        // A link inside a folder the grader does not read is refused too.
        #expect(pair("carpeta").contains("«otra» es un enlace simbólico que sale de la carpeta de entregas: no se sigue"))
        #expect(pair("hondo").contains("«v2/v3/web.yaml» es un enlace simbólico que sale de la carpeta de entregas: no se sigue"))
        #expect(pair("hondo").contains("«otra» es un enlace simbólico a una carpeta: no se sigue"))
        #expect(r.out.contains("\"rechazadas\":[{\"nombre\":\"fuera\",\"motivo\":\"es un enlace simbólico; las entregas tienen que ser carpetas de verdad\"}]"))
        // The others are graded as if alone.
        for student in ["ana", "beto"] {
            #expect(!pair(student, in: alone.out).isEmpty)
            #expect(pair(student) == pair(student, in: alone.out).replacingOccurrences(of: "]}],\"rechazadas\":[]}\n", with: "]},"))
        }
        #expect(!r.out.contains("root:x:0:0"))
    }

    @Test func feedbackHasNoHiddenChecks() throws {
        let c = try GradeClassTests.tinyClass()
        let r = c.run(["calificar", c.root + "/entregas", "--retroalimentacion", c.root + "/informes", "--salida", c.root + "/notas.csv"] + GradeClassTests.two)
        #expect(r.code == 0 && r.out.isEmpty)
        #expect(try FileSystem.readText(c.root + "/notas.csv").hasPrefix("alumno,11-escalar-web"))
        let beto = try FileSystem.readText(c.root + "/informes/beto.md")
        #expect(beto.hasPrefix("# Resultados de beto\n\n| ejercicio | estado | puntos |\n|---|---|---|\n| 11-escalar-web | corregido | 1 de 6 |\n| 15-service-web | corregido | 7 de 7 |\n"))
        #expect(beto.contains("- ✗ El Deployment web pide 3 réplicas — `beto/11-escalar-web/web.yaml:8`\n  - deployment/web: se esperaba spec.replicas igual a 3, pero es 1.\n  - Pista: Las réplicas que pides se escriben en spec.replicas.\n"))
        #expect(!beto.contains("pods-sanos") && !beto.contains("Todos los Pods de web están sanos") && !beto.contains("oculta"))
        let ana = try FileSystem.readText(c.root + "/informes/ana.md")
        #expect(ana.contains("No entregaste este ejercicio: no hay carpeta `ana/15-service-web/`."))
        #expect(!ana.contains("Todos los Pods de web están sanos"))
    }

    @Test func htmlIsSelfContained() throws {
        let c = try GradeClassTests.tinyClass()
        let r = c.run(["calificar", c.root + "/entregas", "--formato", "html"] + GradeClassTests.two)
        #expect(r.out.hasPrefix("<!DOCTYPE html>\n<html lang=\"es\">"))
        #expect(r.out.contains("<h2>Comprobaciones que más fallan</h2>"))
        #expect(r.out.contains("<svg"))
        #expect(!r.out.contains("http://") || !r.out.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!r.out.contains("<script"))
        // Numbers for people, as Spanish writes them: decimal comma, no break before the sign.
        let average = try #require(r.out.firstRange(of: "<div class=\"card\"><b>").map { String(r.out[$0.upperBound...].prefix { $0 != "<" }) })
        #expect(average.hasSuffix("&nbsp;%") && average.contains(",") && !average.contains("."), "\(average)")
    }

    @Test func usage() throws {
        let c = try GradeClassTests.tinyClass()
        #expect(c.run(["calificar"]).code == 2)
        #expect(c.run(["calificar", c.root + "/entregas", "--hilos", "0"]).code == 2)
        #expect(c.run(["calificar", c.root + "/entregas", "--ejercicios", "99"]).code != 0)
        #expect(c.run(["calificar", c.root + "/no-existe"]).code == 1)
    }
}

extension CourseCommandTests.Course {
    @discardableResult
    func run(_ args: [String]) -> KubectlHarness.Result {
        var io = CapturedStreams()
        var environment = CommandEnvironment(stateVariable: root + "/.taller", wallClock: { 1_767_225_600_000 })
        environment.variables["TALLER_RAIZ"] = root
        let code = Taller.run(args, io: &io, environment: environment)
        return KubectlHarness.Result(code: code, out: io.stdout, err: io.stderr)
    }
}

/// `taller calificar` builds each exercise's cluster once and copies it: the reports must be
/// those of `taller verificar`, which builds it every time.
struct PreparedClusterTests {
    @Test func sameReportsAsBuildingEachTime() throws {
        let repo = CourseCommandTests.repository
        let course = Courseware.Course.load(root: repo)
        let prepared = Grader(commands: InMemoryKubectl(), prepared: PreparedClusters())
        let fresh = Grader(commands: InMemoryKubectl())
        #expect(course.exercises.count >= 3)
        for exercise in course.exercises {
            for folder in [repo + "/solutions/" + exercise.id, exercise.starterFolder, "/tmp/no-existe-envio"] {
                let a = fresh.grade(exercise, submission: folder)
                for _ in 0..<2 {
                    let b = prepared.grade(exercise, submission: folder)
                    #expect(a.results == b.results, "\(exercise.id) \(folder)")
                    #expect(a.errors == b.errors && a.contentErrors == b.contentErrors && a.log == b.log)
                    #expect(a.json == b.json)
                }
            }
        }
    }
}
