import Simulator

/// `taller cluster nodo caer|levantar NOMBRE` (`volver` is `levantar`, the word the course
/// uses: a node falls and comes back): stops or starts a node's kubelet, as `docker
/// stop`/`docker start` of a kind node. A stopped node stops posting status; the node
/// lifecycle controller marks it `NotReady` after 40 s and taints it `unreachable`, and its
/// pods are evicted 300 s later (pkg/controller/nodelifecycle, pkg/controller/tainteviction;
/// the simulator's side is `Cluster.nodeDown`/`nodeUp`).
struct ClusterNodeCommand: Command {
    static let path = ["cluster", "nodo"]
    static let summary = "hace caer un nodo (su kubelet deja de informar) o lo vuelve a levantar"
    static let signature = Signature(positionals: [.init(name: "ACCIÓN", help: "caer, o levantar (también volver)"),
                                                   .init(name: "NOMBRE", help: "el nodo, como lo muestra taller k get nodes")],
                                     options: [.init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var down: Bool
    var node: String
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        switch arguments.positionals[0] {
        case "caer": down = true
        case "levantar", "volver": down = false
        case let other: throw .usage(NodeMessages.badAction(other), usage: Self.usage)
        }
        node = arguments.positionals[1]
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (down, name) = (self.down, node)
        let text = try session.run(mutates: true) { (cluster: inout Cluster) throws(CLIError) -> String in
            guard let node = try? cluster.api.get(KubectlCreate.resource("nodes"), namespace: "", name: name) else {
                throw .reported(NodeMessages.unknown(name))
            }
            let wasDown = node.value.at(["metadata", "annotations", SchedulerCache.kubeletStoppedAnnotation]) != nil
            if wasDown == down { return NodeMessages.unchanged(name, down: down) }
            if down { cluster.nodeDown(name) } else { cluster.nodeUp(name) }
            return NodeMessages.changed(name, down: down)
        }
        io.out(text)
    }
}

/// The command's Spanish texts.
enum NodeMessages {
    static func badAction(_ word: String) -> String {
        "acción desconocida «\(word)»: usa «caer» o «levantar» (o «volver», que es lo mismo)"
    }

    static func unknown(_ name: String) -> String {
        "no hay ningún nodo «\(name)»: mira sus nombres con taller k get nodes\n"
    }

    static func changed(_ name: String, down: Bool) -> String {
        down
            ? "El nodo \(name) ha caído: su kubelet ya no informa. A los 40 s pasará a NotReady y, 5 min después, sus pods se desalojarán.\n"
            : "El nodo \(name) vuelve a estar en marcha: su kubelet informa Ready otra vez.\n"
    }

    static func unchanged(_ name: String, down: Bool) -> String {
        down ? "El nodo \(name) ya estaba caído.\n" : "El nodo \(name) ya estaba en marcha.\n"
    }
}
