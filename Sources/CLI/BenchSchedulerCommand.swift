import KubeAPI
import Simulator
import YAML

/// `taller bench planificador [--nodos N] [--iniciales N] [--pods N]` (hidden): the scheduler
/// alone, measured the way kube-scheduler measures itself. Mirrors the `SchedulingBasic`
/// workload of test/integration/scheduler_perf/misc/performance-config.yaml
/// (`5000Nodes_50000Pods`: 5,000 nodes, 5,000 initial pods, 50,000 measured pods; threshold
/// 810 pods/s, and 680 for `5000Nodes_10000Pods`): an API server with the scheduler as its
/// only controller (no kubelet, no controller-manager loops; the ServiceAccount controller
/// runs once so the pods pass admission), nodes from templates/node-default.yaml (4 CPU,
/// 32Gi, 110 pods) and pods from templates/pod-default.yaml (pause, 100m / 500Mi requests
/// and limits). The measured figure is scheduler_perf's `SchedulingThroughput`: pods bound
/// per second while the measured pods are scheduled (their creation is not timed, as the
/// test client creates them apart from the scheduler). Binding writes and `Scheduled`
/// events are inside the measured time, as they are upstream.
struct BenchSchedulerCommand: Command {
    static let path = ["bench", "planificador"]
    static let summary = "mide el planificador solo, como scheduler_perf (SchedulingBasic)"
    static let hidden = true
    static let signature = Signature(options: [.init(name: "--nodos", valueName: "N", help: "cuántos nodos (5000)"),
                                               .init(name: "--iniciales", valueName: "N", help: "pods planificados antes de medir (5000)"),
                                               .init(name: "--pods", valueName: "N", help: "pods medidos (50000)")])
    var nodes: Int
    var initial: Int
    var measured: Int

    init(_ arguments: ParsedArguments) throws(CLIError) {
        guard let n = Int(arguments[option: "--nodos"] ?? "5000"), n > 0,
              let i = Int(arguments[option: "--iniciales"] ?? "5000"), i >= 0,
              let p = Int(arguments[option: "--pods"] ?? "50000"), p > 0 else {
            throw .usage("--nodos, --iniciales y --pods necesitan números (positivos, salvo --iniciales, que puede ser 0)", usage: Self.usage)
        }
        nodes = n
        initial = i
        measured = p
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let clock = ContinuousClock()
        var cluster = Cluster(controllers: [ServiceAccountsController(), Scheduler()])
        cluster.addNodes((0..<nodes).map { NodeSpec(name: "scheduler-perf-\($0)", cpu: "4", memory: "32Gi", pods: 110) })
        cluster.advance()
        let pods = Kinds.resolve("pods")!
        let template: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["generateName": "pod-", "namespace": "default"],
                               "spec": ["containers": [["image": "registry.k8s.io/pause:3.10", "name": "pause", "ports": [["containerPort": 80]],
                                                        "resources": ["limits": ["cpu": "100m", "memory": "500Mi"],
                                                                      "requests": ["cpu": "100m", "memory": "500Mi"]]]]]]
        func create(_ n: Int) throws(CLIError) {
            for _ in 0..<n {
                do { _ = try cluster.api.benchCreate(template, resource: pods) } catch { throw .reported("\(error)") }
            }
        }
        try create(initial)
        cluster.advance()
        try create(measured)
        let before = bound(cluster)
        let t0 = clock.now
        cluster.advance()
        let elapsed = clock.now - t0
        let after = bound(cluster)
        let seconds = BenchFigures.seconds(elapsed)
        io.out("nodos: \(nodes), pods iniciales: \(initial), pods medidos: \(measured)\n")
        io.out("pods planificados al medir: \(after - before) de \(measured) en \(String((seconds * 1000).rounded() / 1000)) s\n")
        io.out("rendimiento del planificador: \(Int(Double(after - before) / seconds)) pods/s (SchedulingThroughput; umbral de scheduler_perf: 680–810 pods/s)\n")
        io.out("memoria máxima: \(BenchFigures.peakMemoryMiB()) MiB\n")
        ProcessExit.keep(cluster)
    }

    private func bound(_ cluster: Cluster) -> Int {
        cluster.api.list(Kinds.resolve("pods")!, namespace: "default").count { !($0.value["spec"]?["nodeName"]?.string ?? "").isEmpty }
    }
}
