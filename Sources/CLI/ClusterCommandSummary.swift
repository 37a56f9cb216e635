import KubeAPI
import Simulator
import YAML

/// `taller cluster estado`: virtual time, nodes, pods by phase, deployments ready and the
/// last warning events.
enum ClusterSummary {
    static func text(_ cluster: Cluster, folder: String) -> String {
        let now = Timestamp(milliseconds: cluster.now.milliseconds)
        var out = "Clúster simulado en \(folder)\n"
        let age = HumanDuration.string(milliseconds: cluster.now.milliseconds - VirtualTime.courseEpoch.milliseconds)
        out += "Hora virtual: \(cluster.now.rfc3339) (\(age) desde que empezó)\n"
        let nodes = cluster.api.list(KubectlCreate.resource("nodes"), namespace: nil)
        let ready = nodes.filter { n in n.value.at(["status", "conditions"])?.sequence?.contains { $0["type"]?.string == "Ready" && $0["status"]?.string == "True" } ?? false }
        out += "Nodos: \(nodes.count) (\(ready.count) Ready)"
        out += nodes.isEmpty ? "\n" : ": " + nodes.map(\.name).joined(separator: ", ") + "\n"
        let pods = cluster.api.list(KubectlCreate.resource("pods"), namespace: nil)
        var phases: [String: Int] = [:]
        for p in pods { phases[p.value.at(["status", "phase"])?.string ?? "Unknown", default: 0] += 1 }
        let order = ["Pending", "Running", "Succeeded", "Failed", "Unknown"]
        let phaseText = order.compactMap { phase in phases[phase].map { "\($0) \(phase)" } }.joined(separator: ", ")
        out += "Pods: \(pods.count)" + (pods.isEmpty ? "\n" : " (\(phaseText))\n")
        let deployments = cluster.api.list(KubectlCreate.resource("deployments.apps"), namespace: nil)
        if deployments.isEmpty {
            out += "Deployments: ninguno\n"
        } else {
            out += "Deployments:\n"
            for d in deployments {
                let want = d.value.at(["spec", "replicas"])?.int ?? 1
                let have = d.value.at(["status", "readyReplicas"])?.int ?? 0
                out += "  \(d.namespace)/\(d.name): \(have)/\(want) listos\n"
            }
        }
        // The scheduler's events.k8s.io Events have no lastTimestamp.
        let lastSeen = EventTiming.lastSeen
        let warnings = cluster.api.list(KubectlCreate.resource("events"), namespace: nil)
            .map(\.value).filter { $0["type"]?.string == "Warning" }
            .sorted { (Timestamp(rfc3339: lastSeen($0)?.text ?? "")?.milliseconds ?? 0) < (Timestamp(rfc3339: lastSeen($1)?.text ?? "")?.milliseconds ?? 0) }
            .suffix(5)
        if warnings.isEmpty {
            out += "Avisos recientes: ninguno\n"
        } else {
            out += "Avisos recientes:\n"
            for e in warnings {
                let object = "\((e.at(["involvedObject", "kind"])?.text ?? "").lowercased())/\(e.at(["involvedObject", "name"])?.text ?? "")"
                out += "  hace \(HumanDuration.since(lastSeen(e), now: now))  \(e["reason"]?.text ?? "")  \(object): \(e["message"]?.text ?? "")\n"
            }
        }
        return out
    }
}

/// What `taller cluster …` says, in Spanish.
enum ClusterMessages {
    static let stateHelp = "la carpeta del estado del clúster (por omisión .taller, o la variable TALLER_ESTADO)"

    static func reset(folder: String, workers: Int, time: String) -> String {
        let nodes = workers == 1 ? "1 nodo de trabajo" : "\(workers) nodos de trabajo"
        return "Clúster nuevo en \(folder): un nodo de control (taller-control-plane) y \(nodes). Hora virtual: \(time).\n"
    }

    static func advanced(from: String, to: String) -> String { "Reloj del clúster: \(from) → \(to)\n" }

    static func badNodeCount(_ word: String) -> String { "--nodos espera un número entero entre 0 y 5000, no «\(word)»" }

    static func badDuration(_ text: String, _ error: GoDuration.Failure) -> String {
        switch error {
        case .missingUnit: return "a «\(text)» le falta la unidad: escribe, por ejemplo, 30s, 5m o 1h (Go: time: missing unit in duration \"\(text)\")"
        case .unknownUnit(let unit): return "no conozco la unidad «\(unit)» de «\(text)»: usa ms, s, m o h (Go: time: unknown unit \"\(unit)\" in duration \"\(text)\")"
        case .invalid: return "«\(text)» no es una duración: usa números con unidad, como 30s, 5m, 1h o 1h30m (Go: time: invalid duration \"\(text)\")"
        }
    }

    static func negativeDuration(_ text: String) -> String { "el reloj del clúster no puede ir hacia atrás («\(text)»)" }
    static func tooLong(_ text: String) -> String { "«\(text)» es demasiado: como mucho, 7 días (168h) de una vez" }
}
