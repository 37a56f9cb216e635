#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAML

/// Reads `ejercicio.yaml` into an `Exercise`. The file is YAML read by our own parser, so a
/// YAML mistake gets the same renderer as a learner's (`archivo:línea:columna`, the line, a
/// caret, a hint); every format mistake is a `CourseError` at the author's line.
public enum ExerciseLoader {
    static let topKeys = ["id", "titulo", "leccion", "nivel", "enunciado", "cluster", "archivos", "pasos", "comprobaciones", "pistas"]
    static let clusterKeys = ["nodos", "preparar"]
    static let nodeKeys = ["nombre", "cpu", "memoria", "etiquetas", "taints", "control"]
    static let stepKeys = ["avanzar", "comando", "aplicar", "carga", "nodoCae", "nodoVuelve"]
    static let loadKeys = ["servicio", "rps", "durante", "namespace"]
    static let checkKeys = ["id", "descripcion", "tipo", "objeto", "objetos", "campo", "puntos", "pista", "oculta", "ver"]
        + Condition.operatorKeys + parameterKeys
    /// Parameters of the named checks.
    static let parameterKeys = ["sondas", "variable", "secreto", "valores", "desde", "servicio", "puerto", "verbo", "recurso", "como", "contenedor"]
    static let nestedKeys = ["campo"] + Condition.operatorKeys

    /// Loads `folder/ejercicio.yaml`; `folder`'s last component must be the exercise's id.
    public static func load(folder: String) throws(CourseError) -> Exercise {
        let file = FileSystem.join(folder, "ejercicio.yaml")
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            throw CourseError(error.code == ENOENT ? .missingFile : .unreadable(reason: error.reason), file: file)
        }
        return try parse(bytes, file: file, folder: folder)
    }

    public static func parse(_ bytes: [UInt8], file: String, folder: String) throws(CourseError) -> Exercise {
        let documents: [Document]
        do {
            documents = try YAML.compose(bytes, file: file)
        } catch {
            throw CourseError(.yaml(error.rendered(source: bytes)), file: file, mark: error.focus)
        }
        let reader = SpecReader(file: file, source: bytes)
        guard let root = documents.first?.root else { throw reader.error(.notAMapping(what: "el ejercicio"), at: nil) }
        let top = try reader.mapping(root, what: "el ejercicio", allowed: topKeys)
        let id = try top.requiredString("id")
        let folderName = String(folder.split(separator: "/").last ?? "")
        if id != folderName { throw reader.error(.idMismatch(id: id, folder: folderName), at: top.node("id")?.mark) }
        if !CourseNames.isValid(id) { throw reader.error(.badName(id), at: top.node("id")?.mark) }
        let level = try top.int("nivel") ?? 1
        if !(1...3).contains(level) {
            throw reader.error(.invalidValue(key: "nivel", value: String(level), reason: "el nivel es 1 (guiado), 2 (práctica) o 3 (reto)"), at: top.node("nivel")?.mark)
        }
        var exercise = Exercise(
            id: id, title: try top.requiredString("titulo"), lesson: try top.requiredString("leccion"), level: level,
            statement: try top.requiredString("enunciado"), cluster: ClusterSetup(), files: try top.strings("archivos") ?? ["*.yaml"],
            steps: [], checks: [], hints: try top.strings("pistas") ?? [], folder: folder, specFile: file, source: bytes)
        for key in top.keys { exercise.valueMarks[key] = top.node(key)?.mark }
        if let node = top.node("cluster") { exercise.cluster = try cluster(node, reader: reader, folder: folder) }
        if let node = top.node("pasos") {
            guard let items = node.sequence else { throw reader.error(.wrongType(key: "pasos", expected: "una lista de pasos"), at: node.mark) }
            exercise.steps = try items.map { (item) throws(CourseError) in try step(item, reader: reader) }
        }
        let checksNode = try top.required("comprobaciones")
        guard let items = checksNode.sequence, !items.isEmpty else {
            throw reader.error(.wrongType(key: "comprobaciones", expected: "una lista con al menos una comprobación"), at: checksNode.mark)
        }
        var seen: Set<String> = []
        for item in items {
            let parsed = try check(item, reader: reader)
            if !seen.insert(parsed.id).inserted { throw reader.error(.duplicateID(parsed.id), at: parsed.mark) }
            exercise.checks.append(parsed)
        }
        return exercise
    }

    // MARK: cluster

    static func cluster(_ node: Node, reader: SpecReader, folder: String?) throws(CourseError) -> ClusterSetup {
        let entries = try reader.mapping(node, what: "cluster", allowed: clusterKeys)
        var setup = ClusterSetup()
        if let nodes = entries.node("nodos") {
            if let text = nodes.scalar {
                guard let n = Int(text), (0...20).contains(n) else {
                    throw reader.error(.invalidValue(key: "nodos", value: text, reason: "entre 0 y 20 nodos de trabajo, o una lista de nodos"), at: nodes.mark)
                }
                setup.nodes = .workers(n)
            } else if let list = nodes.sequence {
                var described: [ClusterSetup.NodeDescription] = []
                for item in list {
                    let e = try reader.mapping(item, what: "un nodo", allowed: nodeKeys)
                    var labels: [String: String] = [:]
                    if let l = e.node("etiquetas") {
                        let le = try reader.mapping(l, what: "etiquetas", allowed: (l.mapping ?? []).compactMap { $0.key.scalar })
                        for key in le.keys { labels[key] = try le.string(key) ?? "" }
                    }
                    described.append(.init(name: try e.requiredString("nombre"), cpu: try e.string("cpu") ?? "4", memory: try e.string("memoria") ?? "8Gi",
                                           labels: labels, taints: try e.strings("taints") ?? [], controlPlane: try e.bool("control") ?? false))
                }
                setup.nodes = .list(described)
            } else {
                throw reader.error(.wrongType(key: "nodos", expected: "un número o una lista de nodos"), at: nodes.mark)
            }
        }
        setup.prepare = try entries.strings("preparar") ?? []
        if let folder {
            for (i, name) in setup.prepare.enumerated() where !FileSystem.exists(FileSystem.join(folder, name)) {
                let mark = entries.node("preparar").flatMap { $0.sequence?[i].mark ?? $0.mark }
                throw reader.error(.invalidValue(key: "preparar", value: name, reason: "no existe en la carpeta del ejercicio"), at: mark)
            }
        }
        return setup
    }

    // MARK: pasos

    static func step(_ node: Node, reader: SpecReader) throws(CourseError) -> Step {
        let e = try reader.mapping(node, what: "un paso", allowed: stepKeys)
        guard e.keys.count == 1, let key = e.keys.first else {
            throw reader.error(.invalidValue(key: "pasos", value: e.keys.joined(separator: ", "), reason: "cada paso es una sola acción: " + stepKeys.joined(separator: ", ")), at: node.mark)
        }
        let value = e.node(key)!
        switch key {
        case "avanzar":
            let text = try e.requiredString(key)
            guard let ms = DurationText.milliseconds(text), ms > 0 else {
                throw reader.error(.invalidValue(key: key, value: text, reason: "una duración como 30s, 5m o 1h30m"), at: value.mark)
            }
            return Step(action: .advance(milliseconds: ms), mark: value.mark)
        case "comando":
            let text = try e.requiredString(key)
            guard var words = CommandWords.split(text), !words.isEmpty else {
                throw reader.error(.invalidValue(key: key, value: text, reason: "una comilla sin cerrar, o vacío"), at: value.mark)
            }
            if words.first == "taller" { words.removeFirst() }
            guard words.first == "k", words.count > 1 else {
                throw reader.error(.invalidValue(key: key, value: text, reason: "un paso «comando» es una orden de taller k, por ejemplo: k scale deployment/web --replicas=5"), at: value.mark)
            }
            return Step(action: .command(words), mark: value.mark)
        case "aplicar":
            return Step(action: .apply(try e.requiredString(key)), mark: value.mark)
        case "nodoCae":
            return Step(action: .nodeDown(try e.requiredString(key)), mark: value.mark)
        case "nodoVuelve":
            return Step(action: .nodeUp(try e.requiredString(key)), mark: value.mark)
        default: // carga
            let l = try reader.mapping(value, what: "carga", allowed: loadKeys)
            let rpsNode = try l.required("rps")
            guard let rps = rpsNode.scalar.flatMap(Double.init), rps >= 0 else {
                throw reader.error(.wrongType(key: "rps", expected: "un número de peticiones por segundo"), at: rpsNode.mark)
            }
            var duration: Int64?
            if let text = try l.string("durante") {
                guard let ms = DurationText.milliseconds(text), ms > 0 else {
                    throw reader.error(.invalidValue(key: "durante", value: text, reason: "una duración como 30s, 5m o 1h30m"), at: l.node("durante")?.mark)
                }
                duration = ms
            }
            return Step(action: .load(service: try l.requiredString("servicio"), namespace: try l.string("namespace") ?? "default", rps: rps, milliseconds: duration), mark: value.mark)
        }
    }
}

/// Course names: `NN-slug`, lowercase letters, digits and hyphens.
public enum CourseNames {
    public static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[0].count >= 2, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber) else { return false }
        return parts[1].allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" } && !parts[1].isEmpty
    }
}
