import Simulator

/// `taller cluster pedir URL [--veces N] [--desde POD] [--host HOST] [--namespace NS]`: HTTP
/// requests through the simulated cluster, from the learner's machine (a node's address and
/// a NodePort, a LoadBalancer IP, `localhost` or a host name for the Ingress controller) or
/// from a pod (`--desde`, whatever tools its image has). One request prints its way and the
/// answer; `--veces N` sends N and counts who answered, by pod and by version (the pod's
/// `version` label, else `app.kubernetes.io/version`, else its `pod-template-hash`), which is
/// how a canary split or a blue-green switch is measured. Choices are seeded by the cluster's
/// request count (TrafficEngine), so a transcript replays byte for byte.
struct ClusterRequestCommand: Command {
    static let path = ["cluster", "pedir"]
    static let summary = "hace peticiones HTTP a través del clúster (desde fuera o --desde un pod) y cuenta quién responde (--veces N)"
    static let signature = Signature(
        positionals: [.init(name: "URL", help: "http://IP-de-nodo:NodePort/, http://IP-externa/, http://app.example.com/ (Ingress), http://web/ con --desde")],
        options: [.init(name: "--veces", valueName: "N", help: "cuántas peticiones (por omisión 1); con más de una, el reparto por pod y versión"),
                  .init(name: "--desde", valueName: "POD", help: "la petición sale de este pod (por omisión, de tu máquina, fuera del clúster)"),
                  .init(name: "--host", valueName: "HOST", help: "la cabecera Host (para un Ingress al pedir http://localhost/)"),
                  .init(name: "--namespace", valueName: "NS", help: "el namespace del pod de --desde (por omisión default)"),
                  .init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    static let maxRequests = 10_000

    var request: TrafficRequest
    var times: Int
    var fromPod: String?
    var namespace: String
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        let url = arguments.positionals[0]
        guard var request = TrafficRequest.parse(url) else { throw .usage(RequestMessages.badURL(url), usage: Self.usage) }
        request.hostHeader = arguments[option: "--host"]
        self.request = request
        let word = arguments[option: "--veces"] ?? "1"
        guard let n = Int(word), n >= 1, n <= Self.maxRequests else { throw .usage(RequestMessages.badTimes(word), usage: Self.usage) }
        times = n
        fromPod = arguments[option: "--desde"]
        namespace = arguments[option: "--namespace"] ?? "default"
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (request, times, fromPod, namespace) = (self.request, self.times, self.fromPod, self.namespace)
        let text = try session.run(mutates: true) { (cluster: inout Cluster) throws(CLIError) -> String in
            var origin = TrafficOrigin.outside
            if let name = fromPod {
                let key = ObjectKey(resource: "pods", namespace: namespace, name: name)
                guard let pod = cluster.api.store[key] else { throw .reported(RequestMessages.noPod(name, namespace: namespace)) }
                guard pod.value["status"]?["phase"]?.string == "Running", !(pod.value["status"]?["podIP"]?.string ?? "").isEmpty else {
                    throw .reported(RequestMessages.podNotRunning(name))
                }
                origin = .pod(key)
            }
            var results: [TrafficResult] = []
            for _ in 0..<times { results.append(cluster.send(request, from: origin)) }
            if times == 1 { return RequestMessages.single(results[0], origin: origin) }
            let pods = results.compactMap(\.pod)
            var labels: [ObjectKey: [String: String]] = [:]
            for key in Set(pods) { labels[key] = cluster.api.store[key]?.labels ?? [:] }
            return RequestMessages.tally(results, origin: origin, labels: labels)
        }
        io.out(text)
    }
}
