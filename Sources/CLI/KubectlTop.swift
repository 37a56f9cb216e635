import KubeAPI
import Simulator
import YAML

/// `top pods|nodes` (kubectl/pkg/cmd/top, metricsutil/metrics_printer.go) over the simulated
/// metrics-server, and `autoscale` (kubectl/pkg/cmd/autoscale/autoscale.go, kubectl 1.32:
/// an autoscaling/v1 HPA with `targetCPUUtilizationPercentage`).
enum KubectlTop {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let what = c.args.first else {
            throw .message("Display Resource (CPU/Memory) usage.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n")
        }
        let state = ClusterState(store: cluster.api.store)
        var w = TabWriter.table()
        func cell(_ s: String) { w.write(s + "\t") }
        switch what {
        case "pod", "pods", "po":
            let all = c.flags.bool("all-namespaces")
            let namespace = all ? nil : c.namespace
            var usages = MetricsServer.pods(namespace: namespace, state: state, now: cluster.now)
            let names = Array(c.args.dropFirst())
            if !names.isEmpty { usages = usages.filter { names.contains($0.key.name) } }
            if let selector = c.flags.value("selector") {
                guard let s = try? LabelSelector.parse(selector) else { throw .message("error: unable to parse requirement: \(selector)") }
                usages = usages.filter { cluster.api.store[$0.key].map { s.matches($0.labels) } ?? false }
            }
            if usages.isEmpty {
                let pods = cluster.api.store.list("pods", namespace: namespace)
                if pods.isEmpty && names.isEmpty { return KubectlOutput(err: all ? "No resources found\n" : "No resources found in \(c.namespace) namespace.\n") }
                if let name = names.first, let pod = pods.first(where: { $0.name == name }) {
                    let age = HumanDuration.since(pod.value["metadata"]?["creationTimestamp"], now: Timestamp(milliseconds: cluster.now.milliseconds))
                    throw .message("error: Metrics not available for pod \(pod.namespace)/\(name), age: \(age)")
                }
                if let name = names.first { throw .message("Error from server (NotFound): pods \"\(name)\" not found") }
                throw .message("error: metrics not available yet")
            }
            let containers = c.flags.bool("containers")
            if !c.flags.bool("no-headers") {
                if all { cell("NAMESPACE") }
                if containers { cell("POD") }
                cell("NAME"); cell("CPU(cores)"); cell("MEMORY(bytes)"); w.write("\n")
            }
            for u in usages {
                if containers {
                    for container in u.containers.sorted(by: { $0.name < $1.name }) {
                        if all { cell(u.key.namespace) }
                        cell(u.key.name); cell(container.name)
                        cell("\(container.milliCPU)m"); cell("\(container.memory / 1_048_576)Mi"); w.write("\n")
                    }
                } else {
                    if all { cell(u.key.namespace) }
                    cell(u.key.name); cell("\(u.milliCPU)m"); cell("\(u.memory / 1_048_576)Mi"); w.write("\n")
                }
            }
        case "node", "nodes", "no":
            var usages = MetricsServer.nodes(state: state, now: cluster.now)
            let names = Array(c.args.dropFirst())
            if !names.isEmpty { usages = usages.filter { names.contains($0.name) } }
            if usages.isEmpty {
                if let name = names.first { throw .message("Error from server (NotFound): nodes \"\(name)\" not found") }
                return KubectlOutput(err: "No resources found\n")
            }
            if !c.flags.bool("no-headers") {
                for h in ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"] { cell(h) }
                w.write("\n")
            }
            // Nodes with metrics first (by name), then the unreachable ones, as PrintNodeMetrics does.
            for u in usages where u.milliCPU != nil {
                let cpu = u.milliCPU ?? 0, memory = u.memory ?? 0
                cell(u.name)
                cell("\(cpu)m"); cell("\(u.allocatableMilliCPU == 0 ? 0 : cpu * 100 / u.allocatableMilliCPU)%")
                cell("\(memory / 1_048_576)Mi"); cell("\(u.allocatableMemory == 0 ? 0 : Int64(Double(memory) / Double(u.allocatableMemory) * 100))%")
                w.write("\n")
            }
            for u in usages where u.milliCPU == nil {
                cell(u.name); for _ in 0..<4 { cell("<unknown>") }
                w.write("\n")
            }
        default:
            throw .message("error: unknown command \"\(what)\" for \"kubectl top\"\n\nDid you mean this?\n\tpod\n\tnode")
        }
        return KubectlOutput(out: w.finish())
    }

    // MARK: autoscale

    static func autoscale(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let maxText = c.flags.value("max") ?? "-1"
        guard let max = Int64(maxText), max >= 1 else {
            throw .message("error: --max=MAXPODS is required and must be at least 1, max: \(maxText)")
        }
        let min = Int64(c.flags.value("min") ?? "-1") ?? -1
        guard max >= min else {
            throw .message("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: \(max), min: \(min)")
        }
        let cpu = Int64(c.flags.value("cpu-percent") ?? "-1") ?? -1
        let dryRun = try c.flags.dryRun()
        let (objects, errors) = try KubectlEdit.targets(c.args, c, cluster, verb: "autoscale")
        var output = KubectlOutput()
        for o in objects {
            guard KubectlEdit.scalable.contains(o.kind) else {
                output.fail("error: cannot autoscale a \(o.kind): could not find scale subresource for \(o.key.resource) in discovery information")
                continue
            }
            var spec: Value = ["scaleTargetRef": ["apiVersion": .string(o.apiVersion), "kind": .string(o.kind), "name": .string(o.name)],
                               "maxReplicas": .int(max)]
            if min > 0 { spec.set("minReplicas", .int(min)) }
            if cpu >= 0 { spec.set("targetCPUUtilizationPercentage", .int(cpu)) }
            let hpa: Value = ["apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
                              "metadata": ["name": .string(c.flags.value("name") ?? o.name), "namespace": .string(o.namespace)],
                              "spec": spec]
            do {
                let outcome = try cluster.api.createGenerated(hpa, resource: Kinds.resource(apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler")!, namespace: c.namespace, dryRun: dryRun)
                output.out += "horizontalpodautoscaler.autoscaling/\(outcome.name) autoscaled\(dryRun.kubectlSuffix)\n"
            } catch {
                output.fail(KubectlMessages.apiError(error, file: nil, verb: "creating", source: nil))
            }
        }
        for e in errors { output.fail(e) }
        if objects.isEmpty && errors.isEmpty { output.fail("error: no objects passed to autoscale") }
        return output
    }
}
