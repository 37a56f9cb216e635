import YAML

/// An exercise as its author wrote it in `exercises/NN-slug/ejercicio.yaml` (format in the
/// README's authoring section). Every part keeps the mark of where it was written, so a
/// content problem found later (a selector that does not parse, a kind the cluster does not
/// serve) still points at the author's line.
public struct Exercise: Sendable {
    public var id: String
    public var title: String
    public var lesson: String
    public var level: Int
    public var statement: String
    public var cluster: ClusterSetup
    /// Shell patterns of the learner's files, in order (`["*.yaml"]`).
    public var files: [String]
    public var steps: [Step]
    public var checks: [Check]
    public var hints: [String]
    /// `exercises/NN-slug`.
    public var folder: String
    /// `exercises/NN-slug/ejercicio.yaml`.
    public var specFile: String
    public var source: [UInt8]
    /// Where the value of each top-level key was written.
    public var valueMarks: [String: Mark] = [:]

    /// The two-digit number the id starts with.
    public var number: Int { Int(id.prefix { $0.isNumber }) ?? 0 }
    public var starterFolder: String { FileSystem.join(folder, "inicial") }
    /// Visible checks' points.
    public var maxPoints: Int { checks.filter { !$0.hidden }.reduce(0) { $0 + $1.points } }

    /// The line of `mark`, to echo under an error found after loading.
    public func error(_ problem: CourseError.Problem, at mark: Mark?) -> CourseError {
        CourseError(problem, file: specFile, mark: mark, sourceLine: mark.flatMap { SourceText(source).line($0.line) })
    }
}

/// `cluster:`: the nodes the grader starts with and the exercise's own manifests.
public struct ClusterSetup: Sendable, Equatable {
    public enum Nodes: Sendable, Equatable {
        /// kind's control plane and this many workers (default 3).
        case workers(Int)
        case list([NodeDescription])
    }

    public struct NodeDescription: Sendable, Equatable {
        public var name: String
        public var cpu: String
        public var memory: String
        public var labels: [String: String]
        /// `clave=valor:Efecto` or `clave:Efecto`.
        public var taints: [String]
        public var controlPlane: Bool
    }

    public var nodes: Nodes = .workers(3)
    /// Files of the exercise folder applied before the learner's.
    public var prepare: [String] = []

    public init(nodes: Nodes = .workers(3), prepare: [String] = []) {
        self.nodes = nodes
        self.prepare = prepare
    }
}

/// One of `pasos:`, run in order after the learner's files are applied.
public struct Step: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// `avanzar: 2m`: virtual time, in milliseconds.
        case advance(milliseconds: Int64)
        /// `comando: "k set image …"`: the words after `taller` (starting with `k`).
        case command([String])
        /// `aplicar: v2.yaml`: another learner file.
        case apply(String)
        /// `carga: {servicio: web, rps: 300, durante: 5m, namespace: default}`.
        case load(service: String, namespace: String, rps: Double, milliseconds: Int64?)
        /// `nodoCae: taller-worker2`.
        case nodeDown(String)
        /// `nodoVuelve: taller-worker2`.
        case nodeUp(String)
    }

    public var action: Action
    public var mark: Mark
}

/// One of `comprobaciones:`.
public struct Check: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case field = "campo"
        case noDowntime = "sinCaida"
        case readyEndpoints = "endpointsListos"
        case probes = "sondas"
        case secretInEnv = "secretoEnEnv"
        case noPlainText = "sinTextoPlano"
        case resources = "recursos"
        case pinnedImage = "imagenFijada"
        case healthyPods = "podsSanos"
        case replicasBetween = "replicasEntre"
        case reachable = "alcanzable"
        case blocked = "bloqueado"
        case allowed = "permitido"
    }

    public var id: String
    public var description: String?
    public var kind: Kind
    /// `objeto: [namespace/]kind/name`.
    public var object: ObjectReference?
    /// `objetos: pods -l app=web [-n ns]`.
    public var objects: ObjectQuery?
    public var field: FieldPath?
    public var condition: Condition
    public var points: Int
    public var hint: String?
    public var hidden: Bool
    /// `ver:`: the `taller k …` command shown to see it (generated when absent).
    public var see: String?
    /// Parameters of the named checks (`sondas`, `variable`, `secreto`, `valores`, `desde`,
    /// `servicio`, `puerto`, `verbo`, `recurso`, `como`…), as written.
    public var parameters: [String: Value]
    public var mark: Mark
}

/// `deployment/web`, `kube-system/configmap/coredns`.
public struct ObjectReference: Sendable, Equatable, CustomStringConvertible {
    public var namespace: String?
    public var type: String
    public var name: String
    public var mark: Mark

    public var description: String { (namespace.map { $0 + "/" } ?? "") + type + "/" + name }
}

/// `pods -l app=web -n prod`: a type, an optional label selector (as `-l` takes it) and
/// namespace. The selector is parsed by the grader, which knows the syntax.
public struct ObjectQuery: Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var selector: String?
    public var namespace: String?
    public var mark: Mark

    public var description: String {
        var words = [type]
        if let selector { words += ["-l", selector] }
        if let namespace { words += ["-n", namespace] }
        return words.joined(separator: " ")
    }
}
