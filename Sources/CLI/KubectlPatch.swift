import KubeAPI
import Simulator
import YAML

/// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (kubectl/pkg/cmd/patch):
/// the patch may be JSON or YAML; the result goes through the same update path as `scale` or
/// `label` (defaults, validation, immutable fields). Prints `deployment.apps/web patched`, or
/// `… patched (no change)` when nothing changed.
enum KubectlPatch {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let text = c.flags.value("patch") else {
            throw .message("error: must specify -p to patch\nSee 'kubectl patch -h' for help and examples")
        }
        let type = c.flags.value("type") ?? "strategic"
        guard ["strategic", "merge", "json"].contains(type) else {
            throw .message("error: --type must be one of [json merge strategic], not \"\(type)\"")
        }
        let bytes = Array(text.utf8)
        let loaded: [Value]
        do {
            loaded = try YAML.load(bytes, file: "", schema: .kubernetes)
        } catch {
            throw .message("error: unable to parse \"\(text)\": \(error.kubectlMessage(source: bytes) ?? "yaml: invalid patch")\n"
                           + "  El parche debe ser JSON o YAML válido; en la terminal, rodéalo de comillas simples: -p '{\"spec\":{\"replicas\":3}}'.")
        }
        guard let patch = loaded.first, !patch.isNull else {
            throw .message("error: unable to parse \"\(text)\": empty patch")
        }
        let dryRun = try c.flags.dryRun()
        let (objects, errors) = try KubectlEdit.targets(c.args, c, cluster, verb: "patch")
        var output = KubectlOutput()
        for o in objects {
            let patched: Value
            switch type {
            case "merge": patched = Patch.merge(o.value, patch)
            case "json":
                do { patched = try Patch.json(o.value, patch) } catch {
                    output.fail("The request is invalid: \(error.message)")
                    continue
                }
            default: patched = Patch.strategic(o.value, patch)
            }
            if patched == o.value {
                output.out += "\(KubectlEdit.name(o)) patched (no change)\(dryRun.kubectlSuffix)\n"
                continue
            }
            try KubectlEdit.write(o, patched, &cluster, dryRun: dryRun)
            output.out += "\(KubectlEdit.name(o)) patched\(dryRun.kubectlSuffix)\n"
        }
        for e in errors { output.fail(e) }
        if objects.isEmpty && errors.isEmpty { output.fail("error: resource(s) were provided, but no name was specified") }
        return output
    }
}
