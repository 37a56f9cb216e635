import YAML

/// The learner's progress, in `trabajo/.progreso.json`:
///
/// ```json
/// {"actual":"01-escalar-web","ejercicios":{"01-escalar-web":{"aprobado":"2026-05-04T10:12:00Z",
///  "intentos":3,"pistas":1,"solucionVista":false}},"version":1}
/// ```
///
/// Written atomically (a temporary file, `fsync`, `rename`): a kill at any moment leaves the
/// old file or the new one. A file that cannot be read as this shape is never overwritten:
/// `load` throws `ProgressError.corrupt` and the commands say so.
public struct Progress: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var attempts = 0
        public var hintsUsed = 0
        /// When it first passed (RFC 3339, wall clock).
        public var passedAt: String?
        public var solutionSeen = false
        public init() {}
    }

    public var current: String?
    public var exercises: [String: Entry] = [:]

    public init() {}

    public static let fileName = ".progreso.json"

    public func entry(_ id: String) -> Entry { exercises[id] ?? Entry() }
    public func passed(_ id: String) -> Bool { exercises[id]?.passedAt != nil }

    /// Reads the progress; a missing file is an empty progress.
    public static func load(_ path: String) throws(ProgressError) -> Progress {
        guard FileSystem.exists(path) else { return Progress() }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch { throw .unreadable(path, reason: error.reason) }
        let value: Value
        do {
            guard let first = try YAML.load(bytes, file: path, schema: .core).first, first.mapping != nil else {
                throw ProgressError.corrupt(path, reason: "no es un objeto JSON")
            }
            value = first
        } catch let error as ProgressError {
            throw error
        } catch {
            throw .corrupt(path, reason: "no es JSON válido")
        }
        guard value["version"]?.int == 1 else { throw .corrupt(path, reason: "falta «version»: 1") }
        var progress = Progress()
        progress.current = value["actual"]?.string
        for pair in value["ejercicios"]?.mapping ?? [] {
            guard let id = pair.key.string, pair.value.mapping != nil else { throw .corrupt(path, reason: "«ejercicios» tiene una entrada que no es un objeto") }
            var entry = Entry()
            entry.attempts = Int(pair.value["intentos"]?.int ?? 0)
            entry.hintsUsed = Int(pair.value["pistas"]?.int ?? 0)
            entry.passedAt = pair.value["aprobado"]?.string
            entry.solutionSeen = pair.value["solucionVista"]?.bool ?? false
            progress.exercises[id] = entry
        }
        return progress
    }

    /// The JSON text (keys sorted, one line, final newline).
    public var json: String {
        var entries: [Value.Pair] = []
        for (id, e) in exercises.sorted(by: { $0.key < $1.key }) {
            var v: Value = ["intentos": .int(Int64(e.attempts)), "pistas": .int(Int64(e.hintsUsed)), "solucionVista": .bool(e.solutionSeen)]
            if let passed = e.passedAt { v.set("aprobado", .string(passed)) }
            entries.append(Value.Pair(id, v))
        }
        var root: Value = ["version": 1, "ejercicios": .mapping(entries)]
        if let current { root.set("actual", .string(current)) }
        return JSONWriter.string(root, sortKeys: true) + "\n"
    }

    /// Writes atomically (temporary file, fsync, rename).
    public func save(_ path: String) throws(ProgressError) {
        do {
            try FileSystem.makeDirectories(FileSystem.directory(of: path))
            try FileSystem.write(path, json)
        } catch {
            throw .unwritable(path, reason: error.reason)
        }
    }

    /// Loads, changes and saves: the read–modify–write every command does.
    public static func update(_ path: String, _ body: (inout Progress) -> Void) throws(ProgressError) -> Progress {
        var progress = try load(path)
        body(&progress)
        try progress.save(path)
        return progress
    }
}

public enum ProgressError: Error, Sendable, Equatable {
    case corrupt(String, reason: String)
    case unreadable(String, reason: String)
    case unwritable(String, reason: String)

    public var message: String {
        switch self {
        case .corrupt(let path, let reason):
            return "error: tu progreso en «\(path)» está dañado (\(reason)) y no lo voy a sobrescribir.\n  pista: si lo editaste a mano, corrígelo; si no, muévelo aparte (mv \(path) \(path).roto) y empezará uno nuevo.\n"
        case .unreadable(let path, let reason): return "error: no puedo leer tu progreso en «\(path)»: \(reason).\n"
        case .unwritable(let path, let reason): return "error: no puedo guardar tu progreso en «\(path)»: \(reason).\n"
        }
    }
}
