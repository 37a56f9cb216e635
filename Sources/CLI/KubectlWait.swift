import KubeAPI
import Simulator
import YAML

/// `kubectl wait --for=… (TYPE/NAME | TYPE -l SEL | TYPE --all) [--timeout=30s]`
/// (k8s.io/kubectl/pkg/cmd/wait/wait.go `conditionFuncFor`, `RunWait`, `IsDeleted`, `IsCreated`;
/// condition.go `checkCondition`, `getObjAndCheckCondition`, `extendErrWaitTimeout`;
/// jsonpath_waiter.go `isJSONPathConditionMet`).
///
/// Time here is virtual: instead of watching, the verb moves the cluster's clock a second at
/// a time (as `drain` does) until the object meets the condition or the timeout (30 s by
/// default, one deadline for all objects, as kubectl's shared context) runs out. When no
/// controller has work left nothing can change any more, so the clock jumps to the deadline.
/// Each object that meets it prints `pod/web-… condition met`; each one that does not,
/// `error: timed out waiting for the condition on pods/web-…`, and the exit code is 1.
/// `--timeout=0` checks once (`condition not met for pods/web-…`); a negative one waits a week.
enum KubectlWait {
    enum Condition: Equatable {
        /// `create` (kubectl 1.31+): the objects exist (create.go `IsCreated`).
        case create
        case delete
        /// `condition=NAME[=STATUS]`; STATUS defaults to `true`, compared case-insensitively.
        case condition(name: String, status: String)
        /// `jsonpath={EXPR}[=VALUE]`; nil value: any value found.
        case jsonPath(expression: String, value: String?)
    }

    /// wait.go `conditionFuncFor` and `processJSONPathInput`; the error is kubectl's text
    /// without `error: `.
    static func parseFor(_ text: String) -> Result<Condition, TaintSpecError> {
        if text.lowercased() == "delete" { return .success(.delete) }
        if text.lowercased() == "create" { return .success(.create) }
        if text.hasPrefix("condition=") {
            let rest = text.dropFirst("condition=".count)
            guard let eq = rest.firstIndex(of: "=") else { return .success(.condition(name: String(rest), status: "true")) }
            return .success(.condition(name: String(rest[..<eq]), status: String(rest[rest.index(after: eq)...])))
        }
        if text.hasPrefix("jsonpath=") {
            let parts = splitJSONPath(String(text.dropFirst("jsonpath=".count)))
            guard parts.count <= 2 else {
                return .failure(TaintSpecError(message: "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'"))
            }
            if parts[0].isEmpty { return .failure(TaintSpecError(message: "jsonpath expression cannot be empty")) }
            let expression: String
            do { expression = try CustomColumns.relaxed(parts[0]) } catch { return .failure(TaintSpecError(message: error.description)) }
            guard parts.count == 2 else { return .success(.jsonPath(expression: expression, value: nil)) }
            let value = trimmed(parts[1], "'\"")
            if value.isEmpty {
                return .failure(TaintSpecError(message: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"))
            }
            return .success(.jsonPath(expression: expression, value: value))
        }
        return .failure(TaintSpecError(message: "unrecognized condition: \(GoText.quote(text))"))
    }

    /// wait.go `splitJSONPathInput`: split on single `=`; `==` stays in the expression.
    static func splitJSONPath(_ input: String) -> [String] {
        var parts: [String] = [], current = ""
        var chars = input[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "=" {
                if chars.first == "=" { current += "=="; chars = chars.dropFirst(); continue }
                parts.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        return parts + [current]
    }

    /// Go's `strings.Trim(text, cutset)`.
    static func trimmed(_ text: String, _ cutset: String) -> String {
        String(text.drop { cutset.contains($0) }.reversed().drop { cutset.contains($0) }.reversed())
    }

    /// Whether `object` (nil: gone) meets `condition`; a text when the wait must stop with
    /// that error.
    enum Check: Equatable { case met, notYet, failed(String) }

    static func check(_ condition: Condition, original: StoredObject, current: StoredObject?) -> Check {
        switch condition {
        case .create:
            return current != nil ? .met : .failed(notFound(original))
        case .delete:
            return current == nil || current?.uid != original.uid ? .met : .notYet
        case .condition(let name, let status):
            guard let current else { return .failed(notFound(original)) }
            return conditionMet(current.value, name: name, status: status) ? .met : .notYet
        case .jsonPath(let expression, let value):
            guard let current else { return .failed(notFound(original)) }
            guard let path = try? JSONPath(expression), let results = try? path.findResults(current.value),
                  let first = results.first, !first.isEmpty else { return .notYet }
            if results.count > 1 { return .failed("given jsonpath expression matches more than one list") }
            if first.count > 1 { return .failed("given jsonpath expression matches more than one value") }
            guard let value else { return .met }
            switch first[0] {
            case .mapping, .sequence: return .failed("jsonpath leads to a nested object or list which is not supported")
            default: return trimmed(Value.scalarText(first[0]), " \t\n\r") == value ? .met : .notYet
            }
        }
    }

    /// condition.go `checkCondition`: the first condition of that type decides; one observed
    /// for an older generation does not count.
    static func conditionMet(_ object: Value, name: String, status: String) -> Bool {
        for condition in object.at(["status", "conditions"])?.sequence ?? [] {
            guard let type = condition["type"]?.string, type.lowercased() == name.lowercased(),
                  let value = condition["status"]?.string else { continue }
            if let generation = object.at(["metadata", "generation"])?.int,
               let observed = condition["observedGeneration"]?.int ?? object.at(["status", "observedGeneration"])?.int,
               observed < generation {
                return false
            }
            return value.lowercased() == status.lowercased()
        }
        return false
    }

    static func notFound(_ o: StoredObject) -> String {
        KubectlMessages.requestError(.notFound(resource: o.key.apiResource?.groupResource ?? o.key.resource, name: o.name))
    }

    /// wait.go `RunWait` for `--for=create`: polls until every object named exists (with a
    /// selector, until one matches), then the objects are visited as for any condition
    /// (`IsCreated`: `… condition met`). Out of time: `error: timed out waiting for the
    /// condition`, naming no object. False when the wait ended with an error in `output`.
    static func waitForCreation(_ c: KubectlContext, _ cluster: inout Cluster, timeout: Int64, deadline: VirtualTime,
                                _ output: inout KubectlOutput) throws(KubectlError) -> Bool {
        let notFound = "Error from server (NotFound)"
        while true {
            let (objects, errors) = try KubectlEdit.targets(c.args, c, cluster, verb: "wait")
            let other = errors.filter { !$0.hasPrefix(notFound) }
            if !other.isEmpty {
                for e in other { output.fail(e) }
                return false
            }
            if errors.isEmpty && !objects.isEmpty { return true }
            if timeout == 0 || cluster.now >= deadline {
                output.fail("error: timed out waiting for the condition")
                return false
            }
            step(&cluster, toward: deadline)
        }
    }

    /// A second of the clock towards `deadline`, or all the way when no controller has work
    /// left (nothing can change any more).
    static func step(_ cluster: inout Cluster, toward deadline: VirtualTime) {
        let left = deadline.since(cluster.now)
        cluster.advance(by: cluster.pendingWork == 0 ? left : min(.seconds(1), left))
    }

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let condition: Condition
        switch parseFor(c.flags.value("for") ?? "") {
        case .success(let parsed): condition = parsed
        case .failure(let e): throw .message("error: \(e.message)")
        }
        var timeout = try c.flags.duration("timeout", verb: "wait") ?? 30_000
        if timeout < 0 { timeout = 168 * 3_600_000 }
        let deadline = cluster.now + .milliseconds(timeout)
        var output = KubectlOutput()
        if condition == .create, !(try waitForCreation(c, &cluster, timeout: timeout, deadline: deadline, &output)) { return output }
        let (objects, errors) = try KubectlEdit.targets(c.args, c, cluster, verb: "wait", ignoreNotFound: condition == .delete)
        for e in errors { output.fail(e) }
        if objects.isEmpty && errors.isEmpty && condition != .delete {
            output.fail("error: no matching resources found")
            return output
        }
        for o in objects {
            // `info.ObjectName()`: the plural without its group (`deployments/web`).
            let resource = o.key.apiResource?.plural ?? o.key.resource
            while true {
                let result = check(condition, original: o, current: cluster.api.store[o.key])
                if result == .met {
                    output.out += KubectlEdit.name(o) + " condition met\n"
                } else if case .failed(let message) = result {
                    output.fail(message.hasPrefix("Error from server") ? message : "error: " + message)
                } else if timeout == 0 {
                    output.fail("error: condition not met for \(resource)/\(o.name)")
                } else if cluster.now >= deadline {
                    // wait.ErrWaitTimeout, extended by condition.go `extendErrWaitTimeout`.
                    output.fail("error: timed out waiting for the condition on \(resource)/\(o.name)")
                } else {
                    step(&cluster, toward: deadline)
                    continue
                }
                break
            }
        }
        return output
    }
}
