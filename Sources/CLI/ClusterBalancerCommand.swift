import Simulator

/// `taller cluster balanceador activar|desactivar`: the simulated load balancer (MetalLB on
/// kind, `minikube tunnel`). Off, LoadBalancer Services wait with EXTERNAL-IP `<pending>`; on,
/// each gets an address from 172.18.255.200 up.
struct ClusterBalancerCommand: Command {
    static let path = ["cluster", "balanceador"]
    static let summary = "activa o desactiva el balanceador de carga simulado (las IP externas de los Services LoadBalancer)"
    static let signature = Signature(positionals: [.init(name: "ACCIÓN", help: "activar o desactivar")],
                                     options: [.init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var enabled: Bool
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        switch arguments.positionals[0] {
        case "activar": enabled = true
        case "desactivar": enabled = false
        case let other: throw .usage(BalancerMessages.badAction(other), usage: Self.usage)
        }
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let on = enabled
        let changed = try session.run(mutates: true) { (cluster: inout Cluster) throws(CLIError) -> Bool in
            let was = cluster.loadBalancerEnabled
            cluster.setLoadBalancer(enabled: on)
            return was != on
        }
        io.out(BalancerMessages.result(enabled: on, changed: changed))
    }
}

/// The command's Spanish texts.
enum BalancerMessages {
    static func badAction(_ word: String) -> String {
        "acción desconocida «\(word)»: usa «activar» o «desactivar»"
    }

    static func result(enabled: Bool, changed: Bool) -> String {
        switch (enabled, changed) {
        case (true, true):
            "Balanceador de carga activado: cada Service de tipo LoadBalancer recibe una IP externa desde 172.18.255.200 (como MetalLB en kind o «minikube tunnel»).\n"
        case (true, false):
            "El balanceador de carga ya estaba activado.\n"
        case (false, true):
            "Balanceador de carga desactivado: los Services de tipo LoadBalancer vuelven a mostrar EXTERNAL-IP <pending>.\n"
        case (false, false):
            "El balanceador de carga ya estaba desactivado.\n"
        }
    }
}
