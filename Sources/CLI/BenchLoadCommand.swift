#if canImport(Glibc)
import Glibc
#endif
import KubeAPI
import Simulator
import YAML

/// `taller bench carga` (hidden): a busy cluster, as issue 4 asks: 200 Deployments of 10
/// pods (2,000 pods) behind 200 Services, external load on every Service, 50 of the
/// Deployments under an HPA (cpu 50 %), one virtual hour. Reports wall time, peak memory and
/// how the HPAs ended. `scripts/bench-carga.sh` runs it in a release build.
struct BenchLoadCommand: Command {
    static let path = ["bench", "carga"]
    static let summary = "mide un clúster ocupado: 2.000 pods, 200 Services con carga y 50 HPA durante una hora virtual"
    static let hidden = true
    static let signature = Signature(options: [.init(name: "--servicios", valueName: "N", help: "cuántos Deployments y Services (10 pods cada uno)"),
                                               .init(name: "--hpa", valueName: "N", help: "cuántos llevan HPA"),
                                               .init(name: "--minutos", valueName: "N", help: "minutos virtuales")])
    var services: Int
    var hpas: Int
    var minutes: Int

    init(_ arguments: ParsedArguments) throws(CLIError) {
        guard let s = Int(arguments[option: "--servicios"] ?? "200"), s > 0, let h = Int(arguments[option: "--hpa"] ?? "50"), h >= 0,
              let m = Int(arguments[option: "--minutos"] ?? "60"), m > 0 else {
            throw .usage("--servicios, --hpa y --minutos necesitan números positivos", usage: Self.usage)
        }
        services = s
        hpas = min(h, s)
        minutes = m
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let clock = ContinuousClock()
        let seconds = BenchFigures.seconds
        let t0 = clock.now
        var cluster = Cluster.interactive(workers: 25)
        for i in 0..<services {
            let name = "app-\(i)"
            let objects: [Value] = [
                ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "default"],
                 "spec": ["replicas": 10, "selector": ["matchLabels": ["app": .string(name)]],
                          "template": ["metadata": ["labels": ["app": .string(name)]],
                                       "spec": ["containers": [["name": "web", "image": "registry.k8s.io/hpa-example", "ports": [["containerPort": 80]],
                                                                "resources": ["requests": ["cpu": "20m", "memory": "16Mi"], "limits": ["cpu": "500m"]]]]]]]],
                ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": "default"],
                 "spec": ["selector": ["app": .string(name)], "ports": [["port": 80]]]],
            ]
            for o in objects {
                guard let r = Kinds.resource(apiVersion: o["apiVersion"]?.string ?? "", kind: o["kind"]?.string ?? "") else { continue }
                do { _ = try cluster.api.createGenerated(o, resource: r, namespace: "default") } catch { io.err("\(error)\n"); return }
            }
            if i < hpas {
                let hpa: Value = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": ["name": .string(name), "namespace": "default"],
                                  "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(name)],
                                           "minReplicas": 2, "maxReplicas": 20,
                                           "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 50]]]]]]
                do { _ = try cluster.api.createGenerated(hpa, resource: Kinds.resource(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler")!, namespace: "default") }
                catch { io.err("\(error)\n"); return }
            }
        }
        cluster.advance(by: .seconds(60))
        for i in 0..<services {
            // 5 to 20 requests/s: 50m to 200m of CPU per Service at 10 ms a request.
            _ = cluster.setLoad(service: "app-\(i)", namespace: "default", rps: Double(5 + (i * 7) % 16), duration: nil)
        }
        let t1 = clock.now
        let reconciles = cluster.advance(by: .seconds(Int64(minutes) * 60))
        io.out("reconciliaciones: \(reconciles) (" + zip(cluster.controllers, cluster.reconcileCounts).filter { $0.1 > 0 }.map { "\($0.0.name) \($0.1)" }.joined(separator: ", ") + ")\n")
        let t2 = clock.now
        let pods = cluster.api.store.list("pods", namespace: "default").count
        var replicas: [Int64] = []
        for i in 0..<hpas {
            replicas.append(cluster.api.store[ObjectKey(resource: "deployments.apps", namespace: "default", name: "app-\(i)")]?.value["spec"]?["replicas"]?.int ?? -1)
        }
        io.out("Services: \(services), HPA: \(hpas), pods al final: \(pods)\n")
        io.out("preparación (nodos, objetos, 1 min hasta Running): \(fmt(seconds(t1 - t0))) s\n")
        io.out("\(minutes) min virtuales con carga: \(fmt(seconds(t2 - t1))) s\n")
        io.out("réplicas de los Deployments con HPA: mín \(replicas.min() ?? 0), máx \(replicas.max() ?? 0)\n")
        io.out("memoria máxima: \(BenchFigures.peakMemoryMiB()) MiB\n")
        var reasons: [String: Int] = [:]
        for e in cluster.api.store.list("events", namespace: "default") {
            reasons[e.value["reason"]?.string ?? "", default: 0] += Int(e.value["count"]?.int ?? 1)
        }
        io.out("eventos: " + reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n")
    }

    func fmt(_ x: Double) -> String { String((x * 100).rounded() / 100) }
}
