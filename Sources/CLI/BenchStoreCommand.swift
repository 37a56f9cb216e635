import KubeAPI
import Simulator
import YAML

/// `taller bench almacen [--pods N]` (hidden): fills the simulated store with N pods
/// (default 150,000: Kubernetes' published limit) across 5,000 ReplicaSet-like label groups,
/// lists by label selector, and saves/loads a 500-object cluster. `scripts/bench-store.sh`
/// runs it in a release build. Timings come from `ContinuousClock`, outside the simulator.
struct BenchStoreCommand: Command {
    static let path = ["bench", "almacen"]
    static let summary = "mide el almacén del clúster simulado (150.000 pods, listas por etiqueta)"
    static let hidden = true
    static let signature = Signature(options: [.init(name: "--pods", valueName: "N", help: "cuántos pods crear")])
    var count: Int

    init(_ arguments: ParsedArguments) throws(CLIError) {
        let word = arguments[option: "--pods"] ?? "150000"
        guard let n = Int(word), n > 0 else { throw .usage("--pods necesita un número positivo", usage: Self.usage) }
        count = n
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let clock = ContinuousClock()
        let seconds = BenchFigures.seconds
        var api = APIServer(seed: 1)
        let pods = Kinds.resolve("pods")!
        let start = clock.now
        for i in 0..<count {
            let group = i % 5000
            let pod: Value = ["apiVersion": "v1", "kind": "Pod",
                              "metadata": ["name": .string("p-\(i)"), "namespace": "default",
                                           "labels": ["app": .string("app-\(group)"), "tier": i % 2 == 0 ? "fe" : "be"]],
                              "spec": ["containers": [["name": "c", "image": "nginx:1.25"]]]]
            do { _ = try api.benchCreate(pod, resource: pods) } catch { io.err("\(error)\n"); return }
        }
        let created = clock.now
        var found = 0
        let lists = 1000
        for i in 0..<lists {
            found += api.list(pods, namespace: "default", selector: (try? LabelSelector.parse("app=app-\(i % 5000),tier=fe")) ?? .everything).count
        }
        let listed = clock.now
        let all = api.list(pods, namespace: "default").count
        let full = clock.now
        io.out("pods creados: \(count) en \(fmt(seconds(created - start))) s (\(Int(Double(count) / seconds(created - start))) pods/s, con valores por defecto y validación)\n")
        io.out("listas por etiqueta: \(lists) en \(fmt(seconds(listed - created) * 1000)) ms (\(fmt(seconds(listed - created) * 1e6 / Double(lists))) µs cada una, \(found / lists) pods por lista)\n")
        io.out("lista completa ordenada: \(all) pods en \(fmt(seconds(full - listed) * 1000)) ms\n")
        // A cluster of ~500 objects: a ReplicaSet of 480 pods plus namespaces and events.
        var cluster = Cluster(seed: 1)
        let rs: Value = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "web", "namespace": "default"],
                         "spec": ["replicas": 480, "selector": ["matchLabels": ["app": "web"]],
                                  "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx:1.25"]]]]]]
        _ = try? cluster.api.benchCreate(rs, resource: Kinds.resolve("rs")!)
        cluster.advance()
        let folder = StateFolder(path: "/tmp/taller-bench-estado")
        do { try folder.save(cluster) } catch { io.err(error.message + "\n"); return }
        var times: [Double] = []
        for _ in 0..<21 {
            let t0 = clock.now
            _ = try? folder.load()
            times.append(seconds(clock.now - t0) * 1000)
        }
        times.sort()
        io.out("estado de \(cluster.api.store.count) objetos: carga mediana \(fmt(times[10])) ms\n")
    }

    func fmt(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return String(r)
    }
}
