import Simulator

/// `taller cluster carga SERVICIO --rps N [--durante 5m] [-n NS]`: the simulated external load
/// generator (what `hey`, `ab` or the walkthrough's busybox loop do from outside). `--rps 0`
/// stops it. The load is shared among the Service's ready pods and costs them CPU, which
/// `taller k top` and the HorizontalPodAutoscaler see.
struct ClusterLoadCommand: Command {
    static let path = ["cluster", "carga"]
    static let summary = "envía peticiones a un Service (--rps N [--durante 5m]); --rps 0 las detiene"
    static let signature = Signature(
        positionals: [.init(name: "SERVICIO", help: "el Service que recibe las peticiones")],
        options: [.init(name: "--rps", valueName: "N", help: "peticiones por segundo (0 detiene la carga)"),
                  .init(name: "--durante", valueName: "DURACIÓN", help: "cuánto dura (30s, 5m, 1h); sin ella, hasta que la detengas"),
                  .init(name: "--namespace", valueName: "NS", help: "el namespace del Service (por omisión default)"),
                  .init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var service: String
    var namespace: String
    var rps: Double
    var duration: Duration?
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        service = arguments.positionals[0]
        namespace = arguments[option: "--namespace"] ?? "default"
        let word = arguments[option: "--rps"] ?? ""
        guard let n = Double(word), n >= 0, n <= 1_000_000 else { throw .usage(LoadMessages.badRate(word), usage: Self.usage) }
        rps = n
        if let text = arguments[option: "--durante"] {
            guard case .success(let ms) = GoDuration.parse(text), ms > 0 else { throw .usage(LoadMessages.badDuration(text), usage: Self.usage) }
            duration = .milliseconds(ms)
        }
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (service, namespace, rps, duration) = (self.service, self.namespace, self.rps, self.duration)
        let found = try session.run(mutates: true) { (cluster: inout Cluster) throws(CLIError) -> Bool in
            cluster.setLoad(service: service, namespace: namespace, rps: rps, duration: duration)
        }
        guard found else { throw .reported(LoadMessages.noService(service, namespace: namespace)) }
        io.out(LoadMessages.started(service, namespace: namespace, rps: rps, duration: duration))
    }
}

enum LoadMessages {
    static func badRate(_ word: String) -> String {
        word.isEmpty ? "falta --rps N: cuántas peticiones por segundo (0 detiene la carga)"
                     : "«\(word)» no es un número de peticiones por segundo válido"
    }

    static func badDuration(_ word: String) -> String {
        "«\(word)» no es una duración válida: escribe, por ejemplo, 30s, 5m o 1h"
    }

    static func noService(_ name: String, namespace: String) -> String {
        "Error from server (NotFound): services \"\(name)\" not found\n  No hay ningún Service «\(name)» en el namespace «\(namespace)»: compruébalo con «taller k get svc -n \(namespace)».\n"
    }

    static func started(_ service: String, namespace: String, rps: Double, duration: Duration?) -> String {
        if rps == 0 { return "Carga detenida: el Service \(namespace)/\(service) ya no recibe peticiones de fuera.\n" }
        let n = rps == rps.rounded() ? String(Int64(rps)) : String(rps)
        let time = duration.map { " durante \(HumanDuration.string(milliseconds: $0.wholeMilliseconds))" } ?? " hasta que la detengas (--rps 0)"
        return "Carga en marcha: \(n) peticiones por segundo al Service \(namespace)/\(service)\(time). Se reparten entre sus pods listos; míralo con «taller k top pods».\n"
    }
}
