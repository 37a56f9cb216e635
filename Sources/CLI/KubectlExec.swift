import KubeAPI
import Simulator
import YAML

/// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [ARGS…]`
/// (k8s.io/kubectl/pkg/cmd/exec/exec.go): kubectl's checks, then the API server's
/// (pkg/registry/core/pod/strategy.go `streamLocation`), then the node's
/// (`Cluster.exec`). `-i` and `-t` are accepted and change nothing: the command runs to the
/// end and its output is printed. A command that exits with N makes kubectl print `command
/// terminated with exit code N` and exit with N.
enum KubectlExec {
    /// kubectl 1.32 opens the stream over WebSockets (a GET of `pods/exec`) and falls back to
    /// SPDY (a POST, `create`) when the upgrade is refused: either permission is enough, and
    /// the error reported is the fallback's.
    static func authorizeExec(_ pod: StoredObject, _ cluster: Cluster) throws(KubectlError) {
        let pods = KubectlCreate.resource("pods")
        if (try? cluster.api.authorize("get", pods, namespace: pod.namespace, name: pod.name, subresource: "exec")) != nil { return }
        try KubectlResources.authorize(cluster, "create", pods, namespace: pod.namespace, name: pod.name, subresource: "exec")
    }

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard !c.args.isEmpty else {
            throw .message("error: pod, type/name or --filename must be specified")
        }
        if c.flags.command == nil && c.args.count > 1 {
            throw .message("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples")
        }
        guard let command = c.flags.command, !command.isEmpty else {
            throw .message("error: you must specify at least one command for the container")
        }
        var ignored = KubectlOutput()
        let pod = try KubectlLogs.findPod(c, cluster, &ignored)
        try authorizeExec(pod, cluster)
        let phase = pod.value.at(["status", "phase"])?.text ?? ""
        if phase == "Succeeded" || phase == "Failed" {
            throw .message("error: cannot exec into a container in a completed pod; current phase is \(phase)")
        }
        var output = KubectlOutput()
        let containers = (pod.value.at(["spec", "containers"])?.sequence ?? []).map { $0["name"]?.text ?? "" }
        let container: String
        if let asked = c.flags.value("container") {
            guard containers.contains(asked) else {
                throw .message("Error from server (BadRequest): container \(asked) is not valid for pod \(pod.name)")
            }
            container = asked
        } else {
            // podcmd.FindOrDefaultContainerByName: the default-container annotation, else the first.
            let annotated = pod.value.at(["metadata", "annotations", "kubectl.kubernetes.io/default-container"])?.text
            container = annotated.flatMap { containers.contains($0) ? $0 : nil } ?? containers.first ?? ""
            let initContainers = (pod.value.at(["spec", "initContainers"])?.sequence ?? []).map { $0["name"]?.text ?? "" }
            if annotated == nil, containers.count + initContainers.count > 1, !c.flags.bool("quiet") {
                let all = containers + initContainers.map { "\($0) (init)" }
                output.err += "Defaulted container \(GoText.quote(container)) out of: \(all.joined(separator: ", "))\n"
            }
        }
        if pod.value.at(["spec", "nodeName"])?.text.isEmpty ?? true {
            throw .message("Error from server (BadRequest): pod \(pod.name) does not have a host assigned\n" + ExecMessages.noNode(pod.name))
        }
        switch cluster.exec(pod: pod.key, container: container, command: command) {
        case .ran(let stdout, let stderr, let code):
            output.out += stdout
            output.err += stderr
            if code != 0 {
                output.err += "command terminated with exit code \(code)\n"
                output.exitCode = code
            }
        case .notFound(let executable, let execID, let shell, let tools):
            output.fail("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"\(execID)\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"\(executable)\": executable file not found in $PATH: unknown")
            output.err += ExecMessages.notFound(executable, image: KubectlExec.image(pod, container), shell: shell, tools: tools)
        case .containerNotFound:
            output.fail("error: unable to upgrade connection: container not found (\"\(container)\")")
            output.err += ExecMessages.notStarted(pod.name)
        case .containerExited:
            output.fail("error: Internal error occurred: error executing command in container: failed to exec in container: container is in CONTAINER_EXITED state")
            output.err += ExecMessages.exited(pod.name, container: container)
        case .interactive(let shell):
            output.err += ExecMessages.interactive(shell, pod: pod.name)
        }
        return output
    }

    static func image(_ pod: StoredObject, _ container: String) -> String {
        (pod.value.at(["spec", "containers"])?.sequence ?? []).first { $0["name"]?.text == container }?["image"]?.text ?? ""
    }
}

/// The Spanish lines `taller k exec` adds after kubectl's words.
enum ExecMessages {
    static func noNode(_ pod: String) -> String {
        "  El pod «\(pod)» aún no tiene nodo: hasta que el planificador lo asigne no hay contenedor donde ejecutar nada. Mira por qué con «taller k describe pod \(pod)».\n"
    }

    static func notFound(_ executable: String, image: String, shell: Bool, tools: [String]) -> String {
        let has = !shell ? "no tiene ni shell (es una imagen mínima, construida FROM scratch)"
            : tools.isEmpty ? "tiene un shell y sus órdenes básicas (echo, cat, ls, env), pero ninguna herramienta de red"
            : "tiene un shell y \(tools.joined(separator: ", "))"
        return "  La imagen «\(image)» no trae «\(executable)»: \(has). Para probar la red desde dentro usa un pod con busybox (wget, nslookup), por ejemplo «taller k create deployment prueba --image=busybox -- sleep 3600» y luego «taller k exec deploy/prueba -- wget -qO- http://SERVICIO».\n"
    }

    static func notStarted(_ pod: String) -> String {
        "  El contenedor aún no se ha creado (descargando la imagen o esperando). Espera a que el pod esté Running: «taller k get pod \(pod) -w» o «taller cluster avanzar 30s».\n"
    }

    static func exited(_ pod: String, container: String) -> String {
        "  El contenedor «\(container)» ha terminado y espera a reiniciarse: mira por qué con «taller k logs \(pod) -c \(container) --previous».\n"
    }

    static func interactive(_ shell: String, pod: String) -> String {
        "taller no abre terminales interactivas: escribe la orden detrás de «--», por ejemplo «taller k exec \(pod) -- \(shell) -c 'env; cat /etc/resolv.conf'».\n"
    }
}
