import Courseware
import KubeAPI
import Simulator
import YAML

/// What one check found: nothing wrong, or what was wrong and where.
struct Outcome: Error {
    var failure: String?
    var mark: Mark?
    var unavailable = false

    static let pass = Outcome()
    static func fail(_ message: String, at mark: Mark?) -> Outcome { Outcome(failure: message, mark: mark) }
}

extension GradingRun {
    func description(_ check: Check) -> String {
        if let text = check.description { return text }
        let target = check.object?.description ?? check.objects?.description ?? ""
        switch check.kind {
        case .field:
            guard let field = check.field else { return "existe \(target)" }
            return "\(target): \(field.text) " + check.condition.clauses.map(GraderMessages.expected).joined(separator: " y ")
        default:
            return check.kind.rawValue + (target.isEmpty ? "" : " (\(target))")
        }
    }

    mutating func evaluate(_ check: Check) -> CheckResult {
        var result = CheckResult(id: check.id, description: description(check), passed: false, points: 0, maxPoints: check.points,
                                 hidden: check.hidden, message: "", mark: nil, hint: check.hint, command: check.see ?? command(for: check))
        let outcome: Outcome
        do {
            outcome = check.kind == .reachable || check.kind == .blocked ? traffic(check) : try self.outcome(check)
        } catch {
            let courseError = exercise.error(.invalidValue(key: check.id, value: "", reason: error.message), at: error.mark)
            report.contentErrors.append(FileProblem(mark: error.mark, file: exercise.specFile, text: "\(courseError.location): error: \(error.message)\n"))
            result.message = "sin comprobar: \(error.message)"
            return result
        }
        result.unavailable = outcome.unavailable
        if let failure = outcome.failure {
            result.message = failure
            result.mark = outcome.mark
        } else {
            result.passed = true
            result.points = check.points
            result.message = result.description
            result.hint = nil
        }
        return result
    }

    func outcome(_ check: Check) throws(ContentProblem) -> Outcome {
        switch check.kind {
        case .field: return try fieldCheck(check)
        case .noDowntime: return try noDowntime(check)
        case .readyEndpoints: return try readyEndpoints(check)
        case .probes: return try probes(check)
        case .secretInEnv: return try secretInEnv(check)
        case .noPlainText: return try noPlainText(check)
        case .resources: return try resources(check)
        case .pinnedImage: return try pinnedImage(check)
        case .healthyPods: return try healthyPods(check)
        case .replicasBetween: return try replicasBetween(check)
        case .reachable, .blocked:
            return .pass // evaluated by `traffic`, which sends a request (it counts in the cluster)
        case .allowed: return try allowed(check)
        }
    }

    // MARK: campo

    func fieldCheck(_ check: Check) throws(ContentProblem) -> Outcome {
        guard let target = try target(of: check) else { return .pass }
        let wantsAbsent = check.condition.clauses.contains { if case .exists(false) = $0 { return true }; return false }
        switch target {
        case .object(let key, let reference):
            guard let object = cluster.api.store[key] else {
                if check.field == nil && wantsAbsent { return .pass }
                return missing(key, reference: reference)
            }
            guard let field = check.field else {
                return wantsAbsent ? .fail(GraderMessages.objectPresent(reference), at: locate(object, "")) : .pass
            }
            let found = ValuePath.resolve(field, in: object.value)
            if let failure = ConditionEvaluator.evaluate(check.condition, on: found, multiple: field.isMultiple) {
                return .fail(GraderMessages.fieldFailure(reference, failure), at: locate(object, failure.path))
            }
            return .pass
        case .query(_, _, _, let text):
            let objects = self.objects(target)
            guard let field = check.field else {
                let count = ValuePath.Result(matches: [.init(path: "", value: .int(Int64(objects.count)))], missing: [])
                let condition = check.condition.isEmpty ? Condition([.minimum(1)]) : check.condition
                if let failure = ConditionEvaluator.evaluate(condition, on: count, multiple: false) {
                    return .fail(GraderMessages.countFailure(text, count: objects.count, expected: failure.expected), at: objects.first.flatMap { locate($0, "") })
                }
                return .pass
            }
            guard !objects.isEmpty else { return .fail(GraderMessages.noObjects(text), at: nil) }
            for object in objects {
                let found = ValuePath.resolve(field, in: object.value)
                if let failure = ConditionEvaluator.evaluate(check.condition, on: found, multiple: field.isMultiple) {
                    let name = (object.kind.lowercased()) + "/" + object.name
                    return .fail(GraderMessages.fieldFailure(name, failure), at: locate(object, failure.path))
                }
            }
            return .pass
        }
    }

    /// An object that is not there, pointing at a misspelled one of the same type if any.
    func missing(_ key: ObjectKey, reference: String) -> Outcome {
        if let other = sameTypeObject(key) {
            return .fail(GraderMessages.objectMissingNamed(reference, namespace: key.namespace.isEmpty ? "default" : key.namespace, yours: other.name),
                         at: locate(other, "metadata.name"))
        }
        return .fail(GraderMessages.objectMissing(reference, namespace: key.namespace.isEmpty ? "default" : key.namespace), at: nil)
    }

    // MARK: the command to see it

    func command(for check: Check) -> String? {
        if let ref = check.object {
            let ns = ref.namespace.map { " -n \($0)" } ?? ""
            switch check.kind {
            case .field:
                guard let field = check.field else { return "taller k get \(ref.type) \(ref.name)\(ns)" }
                return "taller k get \(ref.type) \(ref.name)\(ns) -o jsonpath='{\(GradingRun.jsonPath(field))}'"
            case .readyEndpoints: return "taller k get endpoints \(ref.name)\(ns)"
            case .noDowntime:
                return Kinds.resolve(ref.type)?.kind == "Service" ? "taller k get endpoints \(ref.name)\(ns)" : "taller k rollout status \(ref.type)/\(ref.name)\(ns)"
            case .replicasBetween: return "taller k get \(ref.type) \(ref.name)\(ns)"
            case .healthyPods: return "taller k get pods\(ns)"
            default: return "taller k describe \(ref.type) \(ref.name)\(ns)"
            }
        }
        if let q = check.objects {
            guard let field = check.field else { return "taller k get \(q.description)" }
            return "taller k get \(q.description) -o jsonpath='{.items[*]\(GradingRun.jsonPath(field))}'"
        }
        switch check.kind {
        case .reachable, .blocked:
            let from = check.parameters["desde"]?.string ?? ""
            let url = "http://\(check.parameters["servicio"]?.string ?? ""):\(check.parameters["puerto"]?.int ?? 80)/"
            return from == "fuera" ? "taller cluster pedir \(url)" : "taller cluster pedir \(url) --desde POD   (POD: un pod de \(from), taller k get pods)"
        case .noPlainText: return "taller k get configmaps -o yaml"
        case .healthyPods: return "taller k get pods"
        case .resources, .pinnedImage, .probes: return "taller k describe deployments"
        default: return nil
        }
    }

    /// A field path as kubectl's JSONPath: `.spec.containers[?(@.name=="web")].image`.
    static func jsonPath(_ path: Courseware.FieldPath) -> String {
        path.components.map { component in
            switch component {
            case .key(let key): return "." + key.replacing(".", with: "\\.")
            case .index(let i): return "[\(i)]"
            case .all: return "[*]"
            case .match(let key, let value): return "[?(@.\(key)==\"\(value)\")]"
            }
        }.joined()
    }
}
