import KubeAPI
import Simulator
import YAML

/// The eviction half of `kubectl drain` (k8s.io/kubectl/pkg/drain/drain.go `evictPods`,
/// `deletePods`, `waitForDelete`), run in the cluster's virtual time.
///
/// kubectl starts one goroutine per pod: print `evicting pod NS/NAME`, call the Eviction API;
/// on 429 (a PodDisruptionBudget says no) print `error when evicting pods/"NAME" -n "NS"
/// (will retry after 5s): …` and try again 5 s later; on success poll the pod every second
/// until it is gone (or replaced by a pod with another uid) and print `pod/NAME evicted`.
/// Past `--timeout`, a pod still waiting fails with `global timeout reached: 1m0s`. Here the
/// goroutines are one loop that advances the cluster a second at a time, so the controllers
/// and kubelets act in between, and every run prints the same lines.
///
/// `--disable-eviction` deletes the pods instead (no budget is consulted) and waits for all of
/// them, printing `pod/NAME deleted`.
struct DrainEviction {
    enum State {
        case retry(at: VirtualTime)
        case waiting(uid: String)
        case done
        case failed(String)
    }

    /// How long drain waits without `--timeout` before giving up (kubectl would wait forever).
    static let patience = Duration.seconds(600)

    var pods: [StoredObject]
    var settings: KubectlDrain.Settings
    var dryRun: DryRun

    init(pods: [StoredObject], settings: KubectlDrain.Settings, dryRun: DryRun) {
        self.pods = pods
        self.settings = settings
        self.dryRun = dryRun
    }

    /// nil when every pod went; else the aggregated error, as kubectl returns it.
    mutating func run(_ cluster: inout Cluster, _ output: inout KubectlOutput) -> String? {
        guard !pods.isEmpty else { return nil }
        let start = cluster.now
        let timeout = settings.timeout
        // With --timeout the deadline is kubectl's context; without one, taller's patience.
        let limit = start + (timeout > 0 ? .milliseconds(timeout) : DrainEviction.patience)
        let timeoutText = timeout > 0 ? GoDuration.string(timeout) : ""
        var states = [State](repeating: .retry(at: start), count: pods.count)
        if settings.disableEviction { return deleteAll(&cluster, &output, limit: limit, timeoutText: timeoutText) }
        while true {
            for (i, pod) in pods.enumerated() {
                guard case .retry(let at) = states[i], at <= cluster.now else { continue }
                let id = "pods/\(GoText.quote(pod.name)) -n \(GoText.quote(pod.namespace))"
                output.out += "evicting pod \(pod.namespace)/\(pod.name)\(dryRun == .server ? " (server dry run)" : "")\n"
                if cluster.now >= limit && timeout > 0 {
                    states[i] = .failed("error when evicting \(id): global timeout reached: \(timeoutText)")
                    continue
                }
                do {
                    try cluster.api.evict(namespace: pod.namespace, name: pod.name, gracePeriod: settings.gracePeriod, dryRun: dryRun)
                    states[i] = dryRun == .server ? .done : .waiting(uid: pod.uid)
                } catch {
                    switch error {
                    case .notFound: states[i] = .done
                    case .tooManyRequests:
                        output.err += "error when evicting \(id) (will retry after 5s): \(error.statusMessage)\n"
                        states[i] = .retry(at: cluster.now + .seconds(5))
                    default: states[i] = .failed("error when evicting \(id): \(error.statusMessage)")
                    }
                }
            }
            for (i, pod) in pods.enumerated() {
                guard case .waiting(let uid) = states[i] else { continue }
                if cluster.api.store[pod.key]?.uid != uid {
                    output.out += "pod/\(pod.name) evicted\n"
                    states[i] = .done
                } else if cluster.now >= limit && timeout > 0 {
                    states[i] = .failed("error when waiting for pod \(GoText.quote(pod.name)) in namespace \(GoText.quote(pod.namespace)) to terminate: global timeout reached: \(timeoutText)")
                }
            }
            let open = states.contains { if case .retry = $0 { return true }; if case .waiting = $0 { return true }; return false }
            if !open { break }
            if timeout == 0 && cluster.now >= limit {
                output.err += DrainMessages.gaveUp
                return DrainEviction.aggregate(pods.indices.compactMap { i in
                    if case .failed(let e) = states[i] { return e }
                    if case .done = states[i] { return nil }
                    return "error when evicting pods/\(GoText.quote(pods[i].name)) -n \(GoText.quote(pods[i].namespace)): " + DrainMessages.stillWaiting
                })
            }
            cluster.advance(by: .seconds(1))
        }
        let errors = states.compactMap { if case .failed(let e) = $0 { return e }; return nil }
        return errors.isEmpty ? nil : DrainEviction.aggregate(errors)
    }

    /// `deletePods`: DELETE each pod, then wait for all of them.
    mutating func deleteAll(_ cluster: inout Cluster, _ output: inout KubectlOutput, limit: VirtualTime, timeoutText: String) -> String? {
        var waiting: [(StoredObject, String)] = []
        for pod in pods {
            do {
                _ = try cluster.api.delete(KubectlCreate.resource("pods"), namespace: pod.namespace, name: pod.name, dryRun: dryRun)
                waiting.append((pod, pod.uid))
            } catch {
                if case .notFound = error { continue }
                return error.statusMessage
            }
        }
        while true {
            waiting.removeAll { pod, uid in
                guard cluster.api.store[pod.key]?.uid != uid else { return false }
                output.out += "pod/\(pod.name) deleted\n"
                return true
            }
            if waiting.isEmpty { return nil }
            if cluster.now >= limit { return settings.timeout > 0 ? "global timeout reached: \(timeoutText)" : DrainMessages.stillWaiting }
            cluster.advance(by: .seconds(1))
        }
    }

    /// k8s.io/apimachinery/pkg/util/errors `aggregate.Error()`.
    static func aggregate(_ messages: [String]) -> String {
        var seen: [String] = []
        for m in messages where !seen.contains(m) { seen.append(m) }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }
}

/// Spanish around drain.
enum DrainMessages {
    static let stillWaiting = "taller dejó de esperar tras 10 min de reloj del clúster (kubectl seguiría esperando; pon --timeout)"

    static let gaveUp = "  taller: drain lleva 10 minutos de reloj del clúster esperando; kubectl, sin --timeout, seguiría esperando hasta que lo pararas.\n"

    static func explanation(_ failures: [String]) -> String {
        let text = failures.joined(separator: " ")
        var lines: [String] = []
        if text.contains("use --ignore-daemonsets") {
            lines.append("Los pods de un DaemonSet no se desalojan (el DaemonSet los volvería a crear en el mismo nodo): añade --ignore-daemonsets para dejarlos donde están.")
        }
        if text.contains("use --delete-emptydir-data") {
            lines.append("Hay pods con volúmenes emptyDir: sus datos se perderán al desalojarlos. Si no importa, añade --delete-emptydir-data.")
        }
        if text.contains("use --force") {
            lines.append("Hay pods sin controlador (ni Deployment, ni ReplicaSet, ni StatefulSet, ni Job): nadie los recreará. Bórralos tú o añade --force.")
        }
        if text.contains("global timeout reached") {
            lines.append("Se acabó el --timeout: algún PodDisruptionBudget seguía sin permitir el desalojo. Mira ALLOWED DISRUPTIONS en taller k get pdb.")
        }
        if lines.isEmpty { lines.append("El nodo quedó acordonado pero no vacío: corrige lo indicado y vuelve a lanzar drain.") }
        return lines.map { "  \($0)\n" }.joined()
    }
}
