import KubeAPI
import Simulator

/// `taller cluster historia TIPO/NOMBRE [--namespace NS]`: the replicas, ready pods and (with
/// an HPA) CPU of a Deployment or StatefulSet over virtual time, as a small terminal chart.
struct ClusterHistoryCommand: Command {
    static let path = ["cluster", "historia"]
    static let summary = "dibuja cómo cambiaron las réplicas, los pods listos y la CPU de un Deployment o StatefulSet"
    static let signature = Signature(
        positionals: [.init(name: "TIPO/NOMBRE", help: "deployment/web o statefulset/db")],
        options: [.init(name: "--namespace", valueName: "NS", help: "el namespace (por omisión default)"),
                  .init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var kind: String
    var resource: String
    var name: String
    var namespace: String
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        let word = arguments.positionals[0]
        let parts = word.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let api = Kinds.resolve(parts[0]), ["Deployment", "StatefulSet"].contains(api.kind) else {
            throw .usage("«\(word)» no es un Deployment ni un StatefulSet: escribe, por ejemplo, deployment/web o statefulset/db", usage: Self.usage)
        }
        kind = api.kind
        resource = api.groupResource
        name = parts[1]
        namespace = arguments[option: "--namespace"] ?? "default"
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (kind, resource, name, namespace) = (self.kind, self.resource, self.name, self.namespace)
        let text = try session.run(mutates: false) { (cluster: inout Cluster) throws(CLIError) -> String? in
            guard cluster.api.store[ObjectKey(resource: resource, namespace: namespace, name: name)] != nil
                    || !cluster.history(resource: resource, namespace: namespace, name: name).isEmpty else { return nil }
            return HistoryChart.render(.init(title: "\(kind.lowercased())/\(name) en \(namespace)",
                                             samples: cluster.history(resource: resource, namespace: namespace, name: name),
                                             cpu: cluster.utilizationHistory(kind: kind, namespace: namespace, name: name),
                                             now: cluster.now.milliseconds))
        }
        guard let text else {
            throw .reported("Error from server (NotFound): \(resource) \"\(name)\" not found\n  No existe \(kind.lowercased())/\(name) en el namespace «\(namespace)» ni quedó historia suya.\n")
        }
        io.out(text)
    }
}
