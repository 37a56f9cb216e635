#if canImport(Glibc)
import Glibc
#endif
import KubeAPI
import Simulator
import YAML

/// `taller bench escala [--nodos N] [--pods N]` (hidden): a cluster of N nodes (default 5,000)
/// and N pods (default 150,000, Kubernetes' published limits) created through Deployments of
/// 100 replicas (each makes its ReplicaSet, which makes the pods), advanced until every pod is
/// scheduled, Running and Ready. Reports wall time,
/// pods scheduled per second and peak memory (`getrusage`). `scripts/bench-scale.sh` runs it
/// in a release build.
struct BenchScaleCommand: Command {
    static let path = ["bench", "escala"]
    static let summary = "mide el clúster simulado a escala (5.000 nodos, 150.000 pods)"
    static let hidden = true
    static let signature = Signature(options: [.init(name: "--nodos", valueName: "N", help: "cuántos nodos"),
                                               .init(name: "--pods", valueName: "N", help: "cuántos pods")])
    var nodes: Int
    var pods: Int

    init(_ arguments: ParsedArguments) throws(CLIError) {
        guard let n = Int(arguments[option: "--nodos"] ?? "5000"), n > 0, let p = Int(arguments[option: "--pods"] ?? "150000"), p > 0 else {
            throw .usage("--nodos y --pods necesitan números positivos", usage: Self.usage)
        }
        nodes = n
        pods = p
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let clock = ContinuousClock()
        let seconds = BenchFigures.seconds
        let t0 = clock.now
        var cluster = Cluster(nodes: (0..<nodes).map { NodeSpec(name: "nodo-\($0)") })
        let deploymentResource = Kinds.resolve("deployments")!
        let perSet = 100
        var remaining = pods, index = 0
        while remaining > 0 {
            let replicas = min(perSet, remaining)
            let deployment: Value = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string("app-\(index)"), "namespace": "default"],
                             "spec": ["replicas": .int(Int64(replicas)), "selector": ["matchLabels": ["app": .string("app-\(index)")]],
                                      "template": ["metadata": ["labels": ["app": .string("app-\(index)")]],
                                                   "spec": ["containers": [["name": "web", "image": "nginx:1.27",
                                                                            "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]]]]]]
            do { _ = try cluster.api.benchCreate(deployment, resource: deploymentResource) } catch { io.err("\(error)\n"); return }
            remaining -= replicas
            index += 1
        }
        let t1 = clock.now
        let reconciles = cluster.advance(by: .seconds(5))
        let t2 = clock.now
        var scheduled = 0, ready = 0
        for pod in cluster.api.list(Kinds.resolve("pods")!, namespace: "default") {
            if !(pod.value["spec"]?["nodeName"]?.string ?? "").isEmpty { scheduled += 1 }
            let ok = pod.value["status"]?["conditions"]?.sequence?.contains { $0["type"]?.string == "Ready" && $0["status"]?.string == "True" } ?? false
            if ok && pod.value["status"]?["phase"]?.string == "Running" { ready += 1 }
        }
        let total = seconds(t2 - t0)
        io.out("nodos: \(nodes), Deployments: \(index), pods: \(pods)\n")
        io.out("creación de nodos y Deployments: \(fmt(seconds(t1 - t0))) s\n")
        io.out("simulación hasta Running y Ready: \(fmt(seconds(t2 - t1))) s\n")
        io.out("pods planificados: \(scheduled), Running y Ready: \(ready)\n")
        io.out("tiempo total: \(fmt(total)) s; \(Int(Double(scheduled) / seconds(t2 - t1))) pods planificados por segundo (incluye controladores de Deployment y ReplicaSet, kubelet y eventos)\n")
        io.out("reconciliaciones: \(reconciles) (" + zip(cluster.controllers, cluster.reconcileCounts).filter { $0.1 > 0 }.map { "\($0.0.name) \($0.1)" }.joined(separator: ", ") + "); escrituras: \(cluster.api.store.revision), objetos: \(cluster.api.store.count)\n")
        io.out("memoria máxima: \(BenchFigures.peakMemoryMiB()) MiB\n")
        // The process ends here: leave the 150,000 pods for it to reclaim (freeing the trees
        // one by one took a tenth of the run).
        ProcessExit.keep(cluster)
    }

    func fmt(_ x: Double) -> String { String((x * 100).rounded() / 100) }
}
