import YAML

/// Request load on Services, and how it reaches pods.
///
/// Load is something that happens in the cluster, never a number typed into a pod:
///
/// - a pod running the classic load generator of the HPA walkthrough,
///   `while sleep 0.01; do wget -q -O- http://php-apache; done`: one request per loop, so
///   `1 / (sleep + 5 ms)` requests per second to that URL (busybox `wget` waits for each answer);
/// - `taller cluster carga SERVICIO --rps N [--durante 5m]`, the simulated external load
///   generator, kept as a ConfigMap in namespace `taller-carga` (as MetalLB keeps its pool in a
///   ConfigMap; see LoadBalancerController) so that it persists and shows in `get cm -A`.
///
/// A Service's requests are shared equally among its ready endpoints, which is what
/// kube-proxy's random choice among them gives on average (pkg/proxy/iptables/proxier.go,
/// `statistic --mode random --probability 1/n`): a pod that is not Ready gets nothing.
public enum Load {
    public static let namespace = "taller-carga"
    /// Time of one request on the wire, added to a generator's sleep.
    static let requestMilliseconds = 5.0

    public struct Source: Sendable, Equatable {
        public var namespace: String
        public var service: String
        public var rps: Double
    }

    // MARK: taller cluster carga

    /// The ConfigMap `taller cluster carga` writes: data `servicio`, `namespace`, `rps` and,
    /// with `--durante`, `hasta` (RFC 3339, virtual time).
    public static func configMap(service: String, namespace: String, rps: Double, until: VirtualTime?) -> Value {
        var data: Value = ["servicio": .string(service), "namespace": .string(namespace), "rps": .string(GoFormat.float(rps))]
        if let until { data.set("hasta", .string(until.rfc3339)) }
        return ["apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": .string(configMapName(service: service, namespace: namespace)), "namespace": .string(Load.namespace),
                             "labels": ["app.kubernetes.io/managed-by": "taller-carga"]],
                "data": data]
    }

    public static func configMapName(service: String, namespace: String) -> String { "\(namespace).\(service)" }

    // MARK: Sources

    /// Every source active at `now`, in a fixed order (ConfigMaps, then generator pods, by
    /// key); with `services` (`namespace/name`), only the sources aimed at those.
    public static func sources(state: ClusterState, now: VirtualTime, services: Set<String>? = nil) -> [Source] {
        var out: [Source] = []
        let configMaps: [StoredObject]
        if let services {
            configMaps = services.sorted().compactMap { id in
                let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
                return state[ObjectKey(resource: "configmaps", namespace: Load.namespace, name: configMapName(service: parts[1], namespace: parts[0]))]
            }
        } else {
            configMaps = state.list("configmaps", namespace: Load.namespace).sorted(by: { $0.key < $1.key })
        }
        for cm in configMaps {
            let data = cm.value["data"]
            guard let service = data?["servicio"]?.string, let rps = data?["rps"]?.string.flatMap(Double.init), rps > 0 else { continue }
            if let until = data?["hasta"]?.string.flatMap(VirtualTime.init(rfc3339:)), until <= now { continue }
            out.append(Source(namespace: data?["namespace"]?.string ?? "default", service: service, rps: rps))
        }
        for key in state.store.traffic.generators.sorted() {
            guard let pod = state[key], pod.value["status"]?["phase"]?.string == "Running", !pod.value.isBeingDeleted else { continue }
            for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
                let words = (c["command"]?.sequence ?? []) + (c["args"]?.sequence ?? [])
                guard let generator = Generator(words.compactMap(\.string).joined(separator: " ")),
                      let target = resolve(generator.host, from: pod.namespace) else { continue }
                if let services, !services.contains("\(target.namespace)/\(target.service)") { continue }
                out.append(Source(namespace: target.namespace, service: target.service, rps: generator.rps))
            }
        }
        return out
    }

    /// Requests per second reaching each pod (by key) at `now`; with `only`, just for those
    /// pods (only the sources aimed at Services that select them are looked at).
    public static func podRates(state: ClusterState, now: VirtualTime, only pods: [StoredObject]? = nil) -> [ObjectKey: Double] {
        var rates: [ObjectKey: Double] = [:]
        var wanted: Set<String>?
        if let pods {
            var names: Set<String> = []
            var seen: Set<[String: String]> = []
            for pod in pods where seen.insert(pod.labels).inserted {
                for service in state.services(selecting: pod.labels, in: pod.namespace) { names.insert("\(service.namespace)/\(service.name)") }
            }
            wanted = names
        }
        for source in sources(state: state, now: now, services: wanted) {
            let pods = readyPods(service: source.service, namespace: source.namespace, state: state)
            guard !pods.isEmpty else { continue }
            let share = source.rps / Double(pods.count)
            for pod in pods { rates[pod, default: 0] += share }
        }
        return rates
    }

    /// The pods behind the Service's ready addresses (its Endpoints, as kube-proxy sees them).
    static func readyPods(service: String, namespace: String, state: ClusterState) -> [ObjectKey] {
        guard let ep = state[ObjectKey(resource: ServiceEndpoints.endpoints, namespace: namespace, name: service)] else { return [] }
        var pods: [ObjectKey] = []
        for subset in ep.value["subsets"]?.sequence ?? [] {
            for address in subset["addresses"]?.sequence ?? [] {
                guard let name = address["targetRef"]?["name"]?.string else { continue }
                let key = ObjectKey(resource: ObjectKey.pods, namespace: address["targetRef"]?["namespace"]?.string ?? namespace, name: name)
                if !pods.contains(key) { pods.append(key) }
            }
        }
        return pods
    }

    /// Cluster DNS names of a Service as a pod writes them: `web`, `web.prod`, `web.prod.svc`,
    /// `web.prod.svc.cluster.local` (pkg/kubelet/network/dns: search `<ns>.svc.cluster.local
    /// svc.cluster.local cluster.local`).
    static func resolve(_ host: String, from namespace: String) -> (service: String, namespace: String)? {
        var parts = host.split(separator: ".").map(String.init)
        if parts.count >= 4, parts.suffix(2) == ["cluster", "local"] { parts.removeLast(2) }
        if parts.count == 3, parts[2] == "svc" { parts.removeLast() }
        switch parts.count {
        case 1: return (parts[0], namespace)
        case 2: return (parts[0], parts[1])
        default: return nil
        }
    }

    /// A shell loop that requests a URL over and over.
    struct Generator: Equatable {
        var host: String
        var rps: Double

        /// `while sleep 0.01; do wget -q -O- http://php-apache; done`, `while true; do curl -s
        /// web:8080/; sleep 1; done`, …: a `while` loop around `wget` or `curl`.
        init?(_ script: String) {
            let words = ShellScript.tokenize(script)
            guard words.contains("while"), let tool = words.firstIndex(where: { $0 == "wget" || $0 == "curl" }) else { return nil }
            var url: String?
            var i = tool + 1
            while i < words.count, words[i] != ";" {
                let w = words[i]
                if w == "-O" || w == "-o" || w == "-T" || w == "-H" { i += 2; continue }
                if !w.hasPrefix("-") { url = w; break }
                i += 1
            }
            guard var target = url else { return nil }
            for scheme in ["http://", "https://"] where target.hasPrefix(scheme) { target.removeFirst(scheme.count) }
            let host = target.prefix { $0 != "/" && $0 != ":" }
            guard !host.isEmpty else { return nil }
            self.host = String(host)
            var sleep = 0.0
            for (k, w) in words.enumerated() where w == "sleep" && k + 1 < words.count {
                sleep += Double(words[k + 1]) ?? 0
            }
            rps = 1000 / (sleep * 1000 + Load.requestMilliseconds)
        }
    }
}

extension Cluster {
    /// `taller cluster carga`: starts (or replaces, or with `rps` 0 stops) the simulated external
    /// load on a Service. Returns false when the Service does not exist.
    public mutating func setLoad(service: String, namespace: String, rps: Double, duration: Duration?) -> Bool {
        guard api.store[ObjectKey(resource: ServiceEndpoints.services, namespace: namespace, name: service)] != nil else { return false }
        let key = ObjectKey(resource: "configmaps", namespace: Load.namespace, name: Load.configMapName(service: service, namespace: namespace))
        _ = try? api.deleteObject(key)
        if rps > 0 {
            if api.store[ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: Load.namespace)] == nil {
                createAsController(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(Load.namespace)]])
            }
            createAsController(Load.configMap(service: service, namespace: namespace, rps: rps, until: duration.map { api.now + $0 }))
        }
        advance()
        return true
    }

    /// The load sources active now (for `taller cluster estado` and the checks).
    public var loadSources: [Load.Source] { Load.sources(state: ClusterState(store: api.store), now: api.now) }
}
