import KubeAPI
import Simulator
import YAML

/// `kubectl taint node NAME… KEY[=VALUE]:EFFECT… KEY[:EFFECT]-…` (k8s.io/kubectl/pkg/cmd/taint/
/// taint.go `Complete`, `Validate`, `RunTaint`; taint/utils.go `parseTaints`, `reorganizeTaints`).
///
/// The words are split at the first one that looks like a taint (contains `=` or `:`, or ends
/// in `-`): resources before, taint changes after. The new list is the added taints first,
/// then the old ones they do not replace (same key and effect), minus the removed ones. The
/// verb word kubectl prints follows `reorganizeTaints`: `modified` with `--overwrite` (or when
/// a command both adds and removes), `tainted` when the list grew, else `untainted`. The
/// scheduler and the taint-eviction controller read `spec.taints`, so a NoSchedule taint
/// leaves new pods Pending and a NoExecute one evicts the pods that do not tolerate it.
enum KubectlTaint {
    /// A taint as written on the command line (`corev1.Taint` without `timeAdded`).
    struct Spec: Equatable {
        var key: String
        var value = ""
        var effect = ""

        /// `corev1.Taint.ToString`: `key=value:effect`, dropping the empty parts.
        var text: String { key + (value.isEmpty ? "" : "=" + value) + (effect.isEmpty ? "" : ":" + effect) }

        /// `Taint.MatchTaint`: same key and effect.
        func matches(_ taint: Value) -> Bool {
            taint["key"]?.string == key && (taint["effect"]?.string ?? "") == effect
        }

        var object: Value {
            var pairs = [Value.Pair("key", .string(key))]
            if !value.isEmpty { pairs.append(.init("value", .string(value))) }
            pairs.append(.init("effect", .string(effect)))
            return .mapping(pairs)
        }
    }

    static let effects: Set<String> = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    /// taint.go `Complete`: resources, then taint changes.
    static func split(_ args: [String]) throws(KubectlError) -> (resources: [String], taints: [String]) {
        var resources: [String] = [], taints: [String] = []
        for word in args {
            let isTaint = word.contains("=") || word.contains(":") || word.hasSuffix("-")
            if isTaint {
                taints.append(word)
            } else if taints.isEmpty {
                resources.append(word)
            } else {
                throw .message("error: all resources must be specified before taint changes: \(word)")
            }
        }
        return (resources, taints)
    }

    /// utils.go `parseTaints`: the taints to add and to remove, or the message of the usage
    /// error kubectl prints.
    static func parse(_ specs: [String]) -> Result<(add: [Spec], remove: [Spec]), TaintSpecError> {
        var add: [Spec] = [], remove: [Spec] = []
        for text in specs {
            if text.hasSuffix("-") {
                switch parseOne(String(text.dropLast())) {
                case .success(let t): remove.append(Spec(key: t.key, effect: t.effect))
                case .failure(let e): return .failure(e)
                }
                continue
            }
            switch parseOne(text) {
            case .failure(let e): return .failure(e)
            case .success(let t):
                if t.effect.isEmpty { return .failure(TaintSpecError(message: "invalid taint spec: \(text)")) }
                if add.contains(where: { $0.key == t.key && $0.effect == t.effect }) {
                    // Go's %v of the struct: {key value effect timeAdded}.
                    return .failure(TaintSpecError(message: "duplicated taints with the same key and effect: {\(t.key) \(t.value) \(t.effect) <nil>}"))
                }
                add.append(t)
            }
        }
        return .success((add, remove))
    }

    /// utils.go `parseTaint`: `key=value:effect`, `key:effect` or `key`.
    static func parseOne(_ text: String) -> Result<Spec, TaintSpecError> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var spec = Spec(key: parts[0])
        switch parts.count {
        case 1: break
        case 2:
            guard effects.contains(parts[1]) else {
                return .failure(TaintSpecError(message: "invalid taint effect: \(parts[1]), unsupported taint effect"))
            }
            spec.effect = parts[1]
            let kv = parts[0].split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard kv.count <= 2 else { return .failure(TaintSpecError(message: "invalid taint spec: \(text)")) }
            spec.key = kv[0]
            if kv.count == 2 {
                spec.value = kv[1]
                let errs = NameRules.labelValueErrors(kv[1])
                if !errs.isEmpty { return .failure(TaintSpecError(message: "invalid taint spec: \(text), " + errs.joined(separator: "; "))) }
            }
        default:
            return .failure(TaintSpecError(message: "invalid taint spec: \(text)"))
        }
        let errs = NameRules.labelKeyErrors(spec.key)
        if !errs.isEmpty { return .failure(TaintSpecError(message: "invalid taint spec: \(text), " + errs.joined(separator: "; "))) }
        return .success(spec)
    }

    /// utils.go `reorganizeTaints` (with taint.go `updateTaints`' --overwrite check): the
    /// word kubectl prints and the node's new taints, or the error for this node.
    static func reorganize(node: String, old: [Value], add: [Spec], remove: [Spec], overwrite: Bool) -> Result<(String, [Value]), TaintSpecError> {
        if !overwrite {
            let existing = add.flatMap { t in old.filter { t.matches($0) }.map { _ in t.key } }
            if !existing.isEmpty {
                return .failure(TaintSpecError(message: "node \(node) already has \(existing.joined(separator: ",")) taint(s) with same effect(s) and --overwrite is false"))
            }
        }
        var new = add.map(\.object)
        for taint in old where !add.contains(where: { $0.matches(taint) }) { new.append(taint) }
        let added = old.count != new.count
        var errors: [String] = [], deleted = false
        for r in remove {
            let before = new.count
            new.removeAll { r.effect.isEmpty ? $0["key"]?.string == r.key : r.matches($0) }
            deleted = new.count != before
            if !deleted { errors.append("taint \(GoText.quote(r.text)) not found") }
        }
        if !errors.isEmpty { return .failure(TaintSpecError(message: DrainEviction.aggregate(errors))) }
        let word = (added && deleted) || overwrite ? "modified" : added ? "tainted" : "untainted"
        return .success((word, new))
    }

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let (resources, taintArgs) = try split(c.args)
        guard let type = resources.first else { throw .message("error: one or more resources must be specified as <resource> <name>") }
        guard !taintArgs.isEmpty else { throw .message("error: at least one taint update is required") }
        let changes: (add: [Spec], remove: [Spec])
        switch parse(taintArgs) {
        case .success(let parsed): changes = parsed
        case .failure(let e): throw .message("error: \(e.message)\nSee 'kubectl taint -h' for help and examples")
        }
        // taint.go `Validate`.
        let resolved = try KubectlResources.resolve(type)
        guard resolved.count == 1, resolved[0].kind == "Node" else {
            throw .message("error: invalid resource type \(type.lowercased()), only node types are supported")
        }
        var conflicts: [String] = []
        for a in changes.add {
            for r in changes.remove where a.key == r.key && (r.effect.isEmpty || r.effect == a.effect) {
                conflicts.append("{\"\(r.key)\":\"\(r.effect)\"}")
            }
        }
        if !conflicts.isEmpty {
            throw .message("error: can not both modify and remove the following taint(s) in the same command: " + conflicts.joined(separator: ", "))
        }
        let all = c.flags.bool("all"), selecting = !(c.flags.value("selector") ?? "").isEmpty
        if all && selecting { throw .message("error: setting 'all' parameter with a non empty selector is prohibited") }
        if !all && !selecting && resources.count < 2 {
            throw .message("error: at least one resource name must be specified since 'all' parameter is not set")
        }
        let dryRun = try c.flags.dryRun()
        let nodes = resolved[0]
        var objects: [StoredObject] = []
        var output = KubectlOutput()
        if all || selecting {
            objects = try KubectlResources.list(cluster, nodes, flags: c.flags)
        } else {
            for name in resources.dropFirst() {
                do { objects.append(try cluster.api.get(nodes, namespace: "", name: name)) } catch { output.fail(KubectlMessages.requestError(error)) }
            }
        }
        for node in objects {
            let old = node.value.at(["spec", "taints"])?.sequence ?? []
            switch reorganize(node: node.name, old: old, add: changes.add, remove: changes.remove, overwrite: c.flags.bool("overwrite")) {
            case .failure(let e):
                output.fail("error: \(e.message)")
            case .success(let (word, taints)):
                try KubectlEdit.write(node, node.value.setting(["spec", "taints"], taints.isEmpty ? nil : .sequence(taints)), &cluster, dryRun: dryRun)
                output.out += "node/\(node.name) \(word)\(dryRun.kubectlSuffix)\n"
            }
        }
        return output
    }
}

/// A taint argument or change kubectl refuses; `message` is kubectl's text without `error: `.
struct TaintSpecError: Error, Equatable {
    var message: String
}
