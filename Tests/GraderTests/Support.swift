#if canImport(Glibc)
import Glibc
#endif
import Courseware
@testable import Grader

/// Writes an exercise (`01-prueba`) and a submission folder (`envio/`) into a temporary
/// folder and grades it. File names in findings end in `envio/NAME`.
struct Fixture {
    let root: String
    var cluster = "cluster:\n  nodos: 1\n"
    var steps = ""
    var prepare: [String: String] = [:]

    init() {
        var template = Array("/tmp/taller-grader-XXXXXX".utf8CString)
        root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    func write(_ name: String, _ text: String) {
        let full = root + "/" + name
        try! FileSystem.makeDirectories(FileSystem.directory(of: full))
        try! FileSystem.write(full, text)
    }

    func exercise(_ checks: String) throws -> Exercise {
        var cluster = self.cluster
        if !prepare.isEmpty { cluster += "  preparar: [\(prepare.keys.sorted().joined(separator: ", "))]\n" }
        for (name, text) in prepare { write("01-prueba/\(name)", text) }
        write("01-prueba/ejercicio.yaml", "id: 01-prueba\ntitulo: Prueba\nleccion: 01-x\nenunciado: e\n" + cluster + "archivos: [\"*.yaml\"]\n" + steps + "comprobaciones:\n" + checks)
        return try ExerciseLoader.load(folder: root + "/01-prueba")
    }

    func grade(_ checks: String, files: [String: String]) throws -> Report {
        for (name, text) in files { write("envio/\(name)", text) }
        return Grader().grade(try exercise(checks), submission: root + "/envio")
    }
}

func deployment(name: String = "web", replicas: Int = 2, image: String = "nginx:1.27", extra: String = "", strategy: String = "") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: \(name)
    spec:
      replicas: \(replicas)
    \(strategy)  selector:
        matchLabels:
          app: \(name)
      template:
        metadata:
          labels:
            app: \(name)
        spec:
          containers:
            - name: \(name)
              image: \(image)
    \(extra)
    """
}

extension Report {
    func result(_ id: String) -> CheckResult? { results.first { $0.id == id } }
}

extension CheckResult {
    /// `web.yaml:7` with the folder cut off.
    var place: String? { mark.map { "\($0.file.split(separator: "/").last ?? ""):\($0.line)" } }
}
