import Courseware
import Simulator

extension GradingRun {
    /// `pasos:`, in order, on virtual time. While they run, every instant the cluster
    /// settles is sampled for the `sinCaida` checks.
    mutating func runSteps() {
        guard !exercise.steps.isEmpty else { return }
        stepsStart = cluster.now
        let targets = exercise.checks.filter { $0.kind == .noDowntime }.compactMap { check in
            (try? target(of: check)).map { (check.id, $0) }
        }
        var sampled = samples
        func observe(_ c: Cluster) {
            for (id, target) in targets {
                let n = GradingRun.readyCount(target, store: c.api.store)
                if sampled[id].map({ n < $0.fewest }) ?? true { sampled[id] = Sample(fewest: n, at: c.now) }
            }
        }
        observe(cluster)
        for step in exercise.steps {
            switch step.action {
            case .advance(let ms):
                cluster.advance(by: .milliseconds(ms), observe: observe)
            case .command(let words):
                let line = "taller " + words.joined(separator: " ")
                guard let commands else {
                    report.contentErrors.append(FileProblem(mark: step.mark, file: exercise.specFile,
                                                            text: "\(exercise.error(.missingFile, at: step.mark).location): error: \(GraderMessages.noCommandRunner)"))
                    continue
                }
                let output = commands.run(words, cluster: &cluster)
                report.log.append("$ " + line)
                if !output.out.isEmpty { report.log.append(output.out.trimmedNewline) }
                if !output.err.isEmpty { report.log.append(output.err.trimmedNewline) }
            case .apply(let name):
                let file = FileSystem.join(submission, name)
                if FileSystem.exists(file) {
                    applyLearnerFile(file)
                } else {
                    report.errors.append(FileProblem(mark: nil, file: file, text: GraderMessages.missingStepFile(file)))
                }
            case .load(let service, let namespace, let rps, let ms):
                if !cluster.setLoad(service: service, namespace: namespace, rps: rps, duration: ms.map { .milliseconds($0) }) {
                    report.log.append(GraderMessages.stepFailed("carga", GraderMessages.unknownService(service, namespace)))
                }
            case .nodeDown(let name), .nodeUp(let name):
                // As `taller cluster nodo caer|levantar` (CLI/ClusterNodeCommand.swift).
                guard cluster.api.store[ObjectKey(resource: "nodes", namespace: "", name: name)] != nil else {
                    contentError(GraderMessages.unknownNode(name), at: step.mark)
                    continue
                }
                if case .nodeDown = step.action { cluster.nodeDown(name) } else { cluster.nodeUp(name) }
            }
            cluster.advance(by: .zero, observe: observe)
        }
        samples = sampled
    }
}

extension String {
    var trimmedNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
