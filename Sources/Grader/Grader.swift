import Courseware
import KubeAPI
import Simulator
import YAML

/// Grades an exercise: builds the cluster the exercise describes, applies the learner's
/// files exactly as `taller k apply -f` does (`Simulator/Manifests.swift`, the same decoder,
/// validation and error texts), runs the steps on virtual time, and evaluates every check
/// against the resulting state. Deterministic: same exercise and files, same report.
///
/// ```
/// cluster (seed 2026, cluster.nodos) → preparar → learner files → 1 min of virtual time
///   → pasos (sinCaida samples here) → comprobaciones → Report
/// ```
///
/// `comando` steps run `taller k …` through `commands`, which the command line provides
/// (the verbs live above this module); without one, such a step is reported as an error.
public struct Grader: Sendable {
    public var commands: (any CommandRunner)?
    /// Limits for untrusted submissions (`taller calificar`); nil for `taller verificar`,
    /// which grades exactly as before.
    public var budget: GradingBudget?
    /// The exercise's cluster before the learner's files, built once and copied for every
    /// grading (`taller calificar`): the same value `buildCluster` makes each time.
    public var prepared: PreparedClusters?

    /// Virtual time the cluster runs after the learner's files are applied, before the
    /// steps: as if the learner waited a moment (pods pull, start and turn Ready).
    public static let settle: Duration = .seconds(60)

    public init(commands: (any CommandRunner)? = nil, budget: GradingBudget? = nil, prepared: PreparedClusters? = nil) {
        self.commands = commands
        self.budget = budget
        self.prepared = prepared
    }

    /// `submission`: the folder with the learner's files (`trabajo/01-escalar-web`), as it
    /// should appear in messages.
    public func grade(_ exercise: Exercise, submission: String) -> Report {
        var run: GradingRun
        if let prepared {
            let start = prepared.entry(exercise) {
                var build = GradingRun(exercise: exercise, submission: submission, commands: commands)
                build.buildCluster()
                return PreparedClusters.Entry(cluster: build.cluster, contentErrors: build.report.contentErrors)
            }
            run = GradingRun(exercise: exercise, submission: submission, commands: commands, start: start)
        } else {
            run = GradingRun(exercise: exercise, submission: submission, commands: commands)
        }
        run.budget = budget
        run.grade()
        return run.report
    }
}

/// Runs `taller k …` words (starting with `k`) against an in-memory cluster, as the
/// command line would against the saved one.
public protocol CommandRunner: Sendable {
    func run(_ words: [String], cluster: inout Cluster) -> CommandOutput
}

public struct CommandOutput: Sendable, Equatable {
    public var out: String
    public var err: String
    public var failed: Bool

    public init(out: String = "", err: String = "", failed: Bool = false) {
        self.out = out
        self.err = err
        self.failed = failed
    }
}

/// One grading, step by step.
struct GradingRun {
    let exercise: Exercise
    let submission: String
    let commands: (any CommandRunner)?
    var cluster: Cluster
    /// The cluster came built (`PreparedClusters`): `buildCluster` is skipped.
    let prebuilt: Bool
    var report: Report
    /// Objects created from the learner's files, in the order they were applied.
    var learnerKeys: [ObjectKey] = []
    /// `sinCaida` checks: the fewest ready endpoints seen during the steps.
    var samples: [String: Sample] = [:]
    var stepsStart: VirtualTime?
    var budget: GradingBudget?
    /// Objects the learner's files asked for so far (objects plus the Pods their replicas make).
    var requested = 0

    struct Sample {
        var fewest: Int
        var at: VirtualTime
    }

    init(exercise: Exercise, submission: String, commands: (any CommandRunner)?, start: PreparedClusters.Entry? = nil) {
        self.exercise = exercise
        self.submission = submission
        self.commands = commands
        report = Report(exerciseID: exercise.id, title: exercise.title)
        cluster = start?.cluster ?? Cluster.interactive(seed: CourseNodes.seed, workers: 0)
        prebuilt = start != nil
        if let start { report.contentErrors = start.contentErrors }
    }

    mutating func grade() {
        if !prebuilt { buildCluster() }
        if report.contentErrors.isEmpty { applyLearnerFiles() }
        guard report.errors.isEmpty && report.contentErrors.isEmpty else {
            notRun()
            return
        }
        cluster.advance(by: Grader.settle)
        if overBudget() { return notRun() }
        runSteps()
        if overBudget() { return notRun() }
        for check in exercise.checks { report.results.append(evaluate(check)) }
    }

    /// Every check as failed, saying why it did not run.
    mutating func notRun() {
        let message = report.contentErrors.isEmpty ? GraderMessages.notRun(report.errors.count) : "sin comprobar: el ejercicio tiene errores."
        report.results = exercise.checks.map {
            CheckResult(id: $0.id, description: description($0), passed: false, points: 0, maxPoints: $0.points, hidden: $0.hidden,
                        message: message, mark: nil, hint: nil, command: nil)
        }
    }

    // MARK: cluster

    mutating func buildCluster() {
        switch exercise.cluster.nodes {
        case .workers(let n):
            cluster = Cluster.interactive(seed: CourseNodes.seed, workers: n)
        case .list(let described):
            var specs: [NodeSpec] = []
            for d in described {
                var taints: [Taint] = []
                for text in d.taints {
                    guard let taint = GradingRun.taint(text) else {
                        contentError(GraderMessages.badTaint(text), at: exercise.valueMarks["cluster"])
                        continue
                    }
                    taints.append(taint)
                }
                specs.append(NodeSpec(name: d.name, cpu: d.cpu, memory: d.memory, labels: d.labels, taints: taints, controlPlane: d.controlPlane))
            }
            cluster = Cluster(seed: CourseNodes.seed, nodes: specs)
            cluster.advance()
        }
        for name in exercise.cluster.prepare {
            let path = FileSystem.join(exercise.folder, name)
            guard let bytes = try? FileSystem.read(path) else {
                contentError(GraderMessages.prepareMissing(name), at: exercise.valueMarks["cluster"])
                continue
            }
            let decoded = Manifests.decode(bytes, file: path)
            report.contentErrors += decoded.errors.map(FileProblem.init)
            for object in decoded.objects {
                if case .failure(let error) = Manifests.send(object, verb: .apply, namespace: "default", dryRun: .none, to: &cluster.api) {
                    report.contentErrors.append(FileProblem(error))
                }
            }
        }
        cluster.advance()
    }

    /// `clave=valor:Efecto` or `clave:Efecto`.
    static func taint(_ text: String) -> Taint? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let effect = String(text[text.index(after: colon)...])
        guard ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) else { return nil }
        let pair = text[..<colon]
        if let eq = pair.firstIndex(of: "=") {
            return Taint(key: String(pair[..<eq]), value: String(pair[pair.index(after: eq)...]), effect: effect)
        }
        return pair.isEmpty ? nil : Taint(key: String(pair), effect: effect)
    }

    mutating func contentError(_ message: String, at mark: Mark?) {
        let error = exercise.error(.invalidValue(key: "cluster", value: "", reason: message), at: mark)
        report.contentErrors.append(FileProblem(mark: mark, file: exercise.specFile, text: "\(error.location): error: \(message)\n"))
    }

    // MARK: the learner's files

    /// The learner's files, pattern by pattern, each pattern's matches in byte order.
    func learnerFiles() -> [String] {
        var files: [String] = []
        for pattern in exercise.files {
            for name in FileSystem.glob(pattern, in: submission) where !files.contains(name) { files.append(name) }
        }
        return files.map { FileSystem.join(submission, $0) }
    }

    mutating func applyLearnerFiles() {
        guard FileSystem.isDirectory(submission) else {
            report.errors.append(FileProblem(mark: nil, file: submission, text: GraderMessages.noSubmission(submission, exercise: exercise.id)))
            return
        }
        let files = learnerFiles()
        if files.isEmpty {
            report.errors.append(FileProblem(mark: nil, file: submission, text: GraderMessages.noFiles(submission, patterns: exercise.files)))
            return
        }
        for file in files { applyLearnerFile(file) }
    }

    mutating func applyLearnerFile(_ file: String) {
        guard let bytes = try? FileSystem.read(file) else {
            report.errors.append(FileProblem(ManifestError.unreadable(file)))
            return
        }
        let decoded = Manifests.decode(bytes, file: file)
        var errors = decoded.errors
        if let budget {
            requested += decoded.objects.reduce(0) { $0 + GradingBudget.weight($1.value) }
            if requested > budget.maxObjects {
                report.errors.append(FileProblem(mark: nil, file: file, text: GraderMessages.tooManyObjects(file, limit: budget.maxObjects)))
                return
            }
            if overBudget() { return }
        }
        for object in decoded.objects {
            switch Manifests.send(object, verb: .apply, namespace: "default", dryRun: .none, to: &cluster.api) {
            case .success(let outcome):
                report.log.append(outcome.kubectlMessage)
                let key = ObjectKey(outcome.resource, namespace: outcome.namespace, name: outcome.name)
                if !learnerKeys.contains(key) { learnerKeys.append(key) }
            case .failure(let error):
                errors.append(error)
            }
        }
        report.errors += errors.map(FileProblem.init)
        cluster.advance()
    }
}
