import KubeAPI
import Simulator
import YAML

/// `kubectl run NAME --image=IMAGE [--port] [--labels] [--env] [--restart] [--command] -- …`
/// (kubectl/pkg/cmd/run/run.go, generate/versioned/run.go `BasicPod`): one Pod labelled
/// `run=NAME`, container named NAME, arguments after `--` as `args` (as `command` with
/// `--command`), `restartPolicy` from `--restart` (Always), `dnsPolicy: ClusterFirst`.
/// `-i`/`-t`/`--rm` attach a terminal in kubectl; here the pod is created and left running,
/// with a note on how to see its output and remove it.
enum KubectlRun {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let name = c.args.first else {
            throw .message("error: NAME is required for run\nSee 'kubectl run -h' for help and examples")
        }
        guard let image = c.flags.value("image"), !image.isEmpty else {
            throw .message("error: required flag(s) \"image\" not set")
        }
        let restart = c.flags.value("restart") ?? "Always"
        guard ["Always", "OnFailure", "Never"].contains(restart) else {
            throw .message("error: invalid restart policy: \(restart)")
        }
        var labels: [Value.Pair] = [.init("run", .string(name))]
        if let text = c.flags.value("labels") {
            labels = []
            for part in text.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw .message("error: invalid label spec: \(part)") }
                labels.append(.init(kv[0], .string(kv[1])))
            }
        }
        var container: [Value.Pair] = []
        let words = (c.flags.command ?? []).map { Value.string($0) }
        if !words.isEmpty { container.append(.init(c.flags.bool("command") ? "command" : "args", .sequence(words))) }
        let env = c.flags.all("env")
        if !env.isEmpty {
            container.append(.init("env", .sequence(env.map { e -> Value in
                let kv = e.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                return ["name": .string(kv[0]), "value": .string(kv.count > 1 ? kv[1] : "")]
            })))
        }
        container.append(.init("image", .string(image)))
        container.append(.init("name", .string(name)))
        if let port = c.flags.value("port") {
            guard let p = Int64(port) else { throw .message("error: invalid argument \"\(port)\" for \"--port\" flag: strconv.ParseInt: parsing \"\(port)\": invalid syntax") }
            container.append(.init("ports", [["containerPort": .int(p)]]))
        }
        container.append(.init("resources", .mapping([])))
        let pod: Value = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": .mapping([.init("creationTimestamp", .null), .init("labels", .mapping(labels)), .init("name", .string(name))]),
            "spec": .mapping([.init("containers", .sequence([.mapping(container)])), .init("dnsPolicy", "ClusterFirst"),
                              .init("restartPolicy", .string(restart))]),
            "status": .mapping([]),
        ]
        var output = try KubectlCreate.create(.init(object: pod, resource: KubectlCreate.resource("pods"), failurePrefix: nil), c, &cluster)
        if c.flags.bool("stdin") || c.flags.bool("tty") || c.flags.bool("rm") {
            output.err += "  taller no abre una terminal dentro del contenedor: el pod queda en marcha. Mira lo que escribe con «taller k logs \(name)» y bórralo con «taller k delete pod \(name)» cuando acabes.\n"
        }
        return output
    }
}
