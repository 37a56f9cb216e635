import KubeAPI
import Simulator
import YAML

/// `kubectl expose (deployment|rs|pod|service) NAME [--port] [--target-port] [--type]
/// [--name] [--protocol]` (k8s.io/kubectl/pkg/cmd/expose/expose.go): a Service named after
/// the object, with its labels, its selector (a Pod's labels, a controller's matchLabels),
/// and its ports from `--port` or the containers' ports (`port-1`, `port-2` when several).
enum KubectlExpose {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let (resource, name) = try KubectlResources.single(c.args, verb: "expose")
        let o = try KubectlResources.get(cluster, resource, namespace: c.namespace, name: name)
        let selector: [Value.Pair]
        switch o.kind {
        case "Pod": selector = o.value.at(["metadata", "labels"])?.mapping ?? []
        case "Service": selector = o.value.at(["spec", "selector"])?.mapping ?? []
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet":
            if o.value.at(["spec", "selector", "matchExpressions"])?.sequence?.isEmpty == false {
                throw .message("error: couldn't retrieve selectors via --selector flag or introspection: the \(o.kind) has match expressions, therefore cannot be exposed")
            }
            selector = o.value.at(["spec", "selector", "matchLabels"])?.mapping ?? []
        default:
            throw .message("error: cannot expose a \(o.kind)\n  Se puede exponer un Deployment, ReplicaSet, StatefulSet, Pod o Service.")
        }
        if selector.isEmpty {
            throw .message("error: couldn't retrieve selectors via --selector flag or introspection: the \(o.kind) has no selector, therefore cannot be exposed")
        }
        var ports: [(Int64, String)] = []
        if let text = c.flags.value("port") {
            guard let p = Int64(text) else { throw .message("error: invalid argument \"\(text)\" for \"--port\" flag") }
            ports = [(p, c.flags.value("protocol") ?? "TCP")]
        } else {
            ports = introspectedPorts(o)
        }
        guard !ports.isEmpty else { throw .message("error: couldn't find port via --port flag or introspection\n  Indica el puerto: --port=80") }
        var servicePorts: [Value] = []
        for (i, (port, proto)) in ports.enumerated() {
            var pairs: [Value.Pair] = []
            if ports.count > 1 { pairs.append(.init("name", .string("port-\(i + 1)"))) }
            pairs.append(.init("protocol", .string(proto)))
            pairs.append(.init("port", .int(port)))
            let target: Value = c.flags.value("target-port").map { t in Int64(t).map { .int($0) } ?? .string(t) } ?? .int(port)
            pairs.append(.init("targetPort", target))
            servicePorts.append(.mapping(pairs))
        }
        let serviceName = c.flags.value("name") ?? o.name
        var meta: [Value.Pair] = [.init("name", .string(serviceName)), .init("creationTimestamp", .null)]
        if let labels = o.value.at(["metadata", "labels"]), labels.mapping?.isEmpty == false { meta.append(.init("labels", labels)) }
        var spec: [Value.Pair] = [.init("ports", .sequence(servicePorts)), .init("selector", .mapping(selector))]
        if let type = c.flags.value("type") { spec.append(.init("type", .string(type))) }
        let service: Value = ["kind": "Service", "apiVersion": "v1", "metadata": .mapping(meta), "spec": .mapping(spec),
                              "status": ["loadBalancer": .mapping([])]]
        let dryRun = try c.flags.dryRun()
        let format = try KubectlGet.format(c.flags)
        let outcome: APIOutcome
        do {
            outcome = try cluster.api.createGenerated(service, resource: KubectlCreate.resource("services"), namespace: c.namespace, dryRun: dryRun)
        } catch {
            throw .message(error.kubectlMessage() + "\n  " + error.explanation)
        }
        if format != .table {
            return try KubectlGet.render([GetPrinter.ResourceList(resource: KubectlCreate.resource("services"), objects: [outcome.object ?? service])],
                                         format: format, single: true, named: true, flags: c.flags, now: cluster.now)
        }
        return KubectlOutput(out: "service/\(serviceName) exposed\(dryRun.kubectlSuffix)\n")
    }

    /// The containers' ports, in order (polymorphichelpers `portsForObject`).
    static func introspectedPorts(_ o: StoredObject) -> [(Int64, String)] {
        if o.kind == "Service" {
            return (o.value.at(["spec", "ports"])?.sequence ?? []).compactMap { p in p["port"]?.int.map { ($0, p["protocol"]?.string ?? "TCP") } }
        }
        guard let path = KubectlEdit.podSpecPath(o.kind) else { return [] }
        var ports: [(Int64, String)] = []
        for container in o.value.at(path + ["containers"])?.sequence ?? [] {
            for p in container["ports"]?.sequence ?? [] {
                if let n = p["containerPort"]?.int { ports.append((n, p["protocol"]?.string ?? "TCP")) }
            }
        }
        return ports
    }
}
