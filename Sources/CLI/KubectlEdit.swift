import KubeAPI
import Simulator
import YAML

/// kubectl's read–modify–write verbs: `scale` (cmd/scale), `label` and `annotate`
/// (cmd/label, cmd/annotate), `set image` (cmd/set/set_image.go). Each gets the objects,
/// edits them and writes them back through the API (validation included), printing
/// `deployment.apps/web scaled|labeled|annotated|image updated`.
enum KubectlEdit {
    /// The objects of `TYPE NAME…`, `TYPE/NAME…`, or `TYPE -l SEL` / `TYPE --all`.
    /// `ignoreNotFound`: names that do not exist are skipped (`wait --for=delete`).
    static func targets(_ args: [String], _ c: KubectlContext, _ cluster: Cluster, verb: String,
                        ignoreNotFound: Bool = false) throws(KubectlError) -> (objects: [StoredObject], errors: [String]) {
        let (requests, _) = try KubectlResources.parse(args, verb: verb)
        var objects: [StoredObject] = []
        var errors: [String] = []
        let selecting = c.flags.has("selector") || c.flags.bool("all")
        for request in requests {
            if request.names.isEmpty {
                guard selecting else { throw .message("error: resource(s) were provided, but no name was specified") }
                objects += try KubectlResources.list(cluster, request.resource, flags: c.flags)
            } else {
                for name in request.names {
                    do { objects.append(try cluster.api.get(request.resource, namespace: c.namespace, name: name)) }
                    catch {
                        if ignoreNotFound, case .notFound = error { continue }
                        errors.append(KubectlMessages.requestError(error))
                    }
                }
            }
        }
        return (objects, errors)
    }

    static func name(_ o: StoredObject) -> String {
        (o.key.apiResource.map(KubectlResources.kindGroup) ?? o.kind.lowercased()) + "/" + o.name
    }

    /// Writes `value` over `o`; a refusal becomes kubectl's error text.
    static func write(_ o: StoredObject, _ value: Value, _ cluster: inout Cluster, dryRun: DryRun, subresource: String = "") throws(KubectlError) {
        do {
            try cluster.api.update(o.key, value, dryRun: dryRun, subresource: subresource)
        } catch {
            throw .message(KubectlMessages.apiError(error, file: nil, verb: "patching", source: o.source))
        }
    }

    // MARK: scale

    static let scalable: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]

    static func scale(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let text = c.flags.value("replicas"), let replicas = Int64(text), replicas >= 0 else {
            throw .message("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
        }
        let dryRun = try c.flags.dryRun()
        let (objects, errors) = try targets(c.args, c, cluster, verb: "scale")
        var output = KubectlOutput()
        for o in objects {
            guard scalable.contains(o.kind) else {
                output.fail("error: cannot scale \(o.key.resource) \(GoText.quote(o.name))\n  Solo se escalan Deployment, ReplicaSet y StatefulSet.")
                continue
            }
            if let current = c.flags.value("current-replicas"), let n = Int64(current), n != -1,
               n != (o.value["spec"]?["replicas"]?.int ?? 1) {
                output.fail("error: Expected replicas to be \(n), was \(o.value["spec"]?["replicas"]?.int ?? 1)")
                continue
            }
            // scale.go: a PATCH of the scale subresource.
            try write(o, o.value.setting(["spec", "replicas"], .int(replicas)), &cluster, dryRun: dryRun, subresource: "scale")
            output.out += "\(name(o)) scaled\(dryRun.kubectlSuffix)\n"
        }
        for e in errors { output.fail(e) }
        return output
    }

    // MARK: label, annotate

    static func labelOrAnnotate(_ c: KubectlContext, _ cluster: inout Cluster, labels: Bool) throws(KubectlError) -> KubectlOutput {
        let verb = labels ? "label" : "annotate"
        let changes = c.args.filter { $0.contains("=") || $0.hasSuffix("-") }
        let resourceArgs = c.args.filter { !($0.contains("=") || $0.hasSuffix("-")) }
        guard !changes.isEmpty else { throw .message("error: at least one \(labels ? "label" : "annotation") update is required") }
        var set: [(String, String)] = []
        var remove: [String] = []
        for change in changes {
            if change.hasSuffix("-") && !change.contains("=") { remove.append(String(change.dropLast())); continue }
            let parts = change.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            set.append((parts[0], parts.count > 1 ? parts[1] : ""))
        }
        let dryRun = try c.flags.dryRun()
        let overwrite = c.flags.bool("overwrite")
        let (objects, errors) = try targets(resourceArgs, c, cluster, verb: verb)
        var output = KubectlOutput()
        let field = labels ? "labels" : "annotations"
        for o in objects {
            var map = o.value["metadata"]?[field]?.mapping ?? []
            let old = map
            if !overwrite, let clash = set.first(where: { key, _ in map.contains { $0.key.string == key } }) {
                let existing = map.first { $0.key.string == clash.0 }?.value.string ?? ""
                let text = labels
                    ? "error: '\(clash.0)' already has a value (\(existing)), and --overwrite is false"
                    : "error: --overwrite is false but found the following declared annotation(s): '\(clash.0)' already has a value (\(existing))"
                output.fail(text + "\n  Para cambiar un valor que ya existe, añade --overwrite.")
                continue
            }
            for key in remove {
                if !map.contains(where: { $0.key.string == key }) { output.out += "\(labels ? "label" : "annotation") \(GoText.quote(key)) not found.\n" }
                map.removeAll { $0.key.string == key }
            }
            for (key, value) in set {
                if let i = map.firstIndex(where: { $0.key.string == key }) { map[i].value = .string(value) }
                else { map.append(.init(key, .string(value))) }
            }
            var message = labels ? "not labeled" : "annotated"
            if labels && map != old { message = !overwrite && map.count < old.count ? "unlabeled" : "labeled" }
            if map != old {
                let value = map.isEmpty ? o.value.setting(["metadata", field], nil) : o.value.setting(["metadata", field], .mapping(map))
                try write(o, value, &cluster, dryRun: dryRun)
            }
            output.out += "\(name(o)) \(message)\(dryRun.kubectlSuffix)\n"
        }
        for e in errors { output.fail(e) }
        return output
    }

    // MARK: set image

    static func set(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard c.args.first == "image" else {
            throw .message("error: unknown command \"\(c.args.first ?? "")\" for \"kubectl set\"\n  En taller: taller k set image deployment/web web=nginx:1.27")
        }
        let args = Array(c.args.dropFirst())
        let pairs = args.filter { $0.contains("=") }
        let resourceArgs = args.filter { !$0.contains("=") }
        guard !pairs.isEmpty else { throw .message("error: at least one image update is required") }
        let dryRun = try c.flags.dryRun()
        let (objects, errors) = try targets(resourceArgs, c, cluster, verb: "set image")
        var output = KubectlOutput()
        for o in objects {
            guard let path = podSpecPath(o.kind) else {
                output.fail("error: \(o.key.resource)/\(o.name) does not have a pod template")
                continue
            }
            var spec = o.value.at(path) ?? .mapping([])
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                var found = false
                for list in ["initContainers", "containers"] {
                    guard var containers = spec[list]?.sequence else { continue }
                    for i in containers.indices where parts[0] == "*" || containers[i]["name"]?.string == parts[0] {
                        containers[i] = containers[i].setting(["image"], .string(parts[1]))
                        found = true
                    }
                    spec = spec.setting([list], .sequence(containers))
                }
                if !found { throw .message("error: unable to find container named \(GoText.quote(parts[0]))") }
            }
            try write(o, o.value.setting(path, spec), &cluster, dryRun: dryRun)
            output.out += "\(name(o)) image updated\(dryRun.kubectlSuffix)\n"
        }
        for e in errors { output.fail(e) }
        return output
    }

    /// Where the pod spec is in each kind (polymorphichelpers `updatePodSpecForObject`).
    static func podSpecPath(_ kind: String) -> [String]? {
        switch kind {
        case "Pod": ["spec"]
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController": ["spec", "template", "spec"]
        case "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"]
        default: nil
        }
    }
}

extension DryRun {
    /// kubectl's ` (dry run)` / ` (server dry run)`.
    var kubectlSuffix: String {
        switch self {
        case .none: ""
        case .client: " (dry run)"
        case .server: " (server dry run)"
        }
    }
}
