import KubeAPI
import YAML

/// What happened to a `kubectl exec` once the API server sent it to the node.
public enum ExecOutcome: Sendable, Equatable {
    /// The command ran: its output and exit code.
    case ran(stdout: String, stderr: String, exitCode: Int32)
    /// The runtime could not start it (runc: `exec: "x": executable file not found in
    /// $PATH`); `execID` is the exec's id in containerd; `shell` whether the image has one,
    /// `tools` the network tools it does have.
    case notFound(executable: String, execID: String, shell: Bool, tools: [String])
    /// The container has not started yet (kubelet `GetExec`: `container not found ("web")`).
    case containerNotFound
    /// The container has stopped (containerd: `container is in CONTAINER_EXITED state`).
    case containerExited
    /// A shell with nothing to run (`-it -- sh`): an interactive session, which `taller`
    /// cannot hold.
    case interactive(shell: String)
}

extension Cluster {
    /// Runs `command` in `container` of the pod, as the kubelet and containerd would
    /// (pkg/kubelet/server/streaming; containerd's `Exec`): the executable must be in the image
    /// (a shell and its tools, the catalog's `bin`), `sh -c '…'` goes through the image's shell.
    /// Commands that make requests go through the cluster (`send`), so they count as traffic.
    public mutating func exec(pod key: ObjectKey, container: String, command: [String]) -> ExecOutcome {
        guard let pod = api.store[key], let first = command.first,
              let spec = (pod.value["spec"]?["containers"]?.sequence ?? []).first(where: { $0["name"]?.string == container }) else {
            return .containerNotFound
        }
        let status = (pod.value["status"]?["containerStatuses"]?.sequence ?? []).first { $0["name"]?.string == container }
        guard status?["state"]?["running"] != nil else {
            let ranBefore = status?["state"]?["terminated"] != nil || status?["lastState"]?["terminated"] != nil
            return ranBefore ? .containerExited : .containerNotFound
        }
        guard case .found(let image) = imageCatalog.resolve(spec["image"]?.string ?? "") else { return .containerNotFound }
        let state = ClusterState(store: api.store)
        var session = ExecSession(pod: pod, container: spec, image: image,
                                  files: PodFiles(pod: pod, container: spec, state: state, shell: image.execShell), now: now,
                                  variables: PodEnvironment.variables(pod: pod, container: spec, state: state))
        let name = String(first.split(separator: "/").last ?? "")
        let execID = PodSync.digest("exec/\(pod.uid)/\(container)/\(api.store.memory[Cluster.trafficCounterKey]?.int ?? 0)/\(command.joined(separator: " "))")
        let tools = image.binaries.sorted()
        guard session.executables.contains(name) else {
            return .notFound(executable: first, execID: execID, shell: image.execShell != .none, tools: tools)
        }
        if ExecSession.shells.contains(name) {
            guard let c = command.firstIndex(of: "-c"), c + 1 < command.count else {
                if command.count == 1 { return .interactive(shell: first) }
                // A script file: the simulated images have none (dash: `sh: 0: cannot open x: No
                // such file`; busybox ash: `sh: can't open 'x': No such file or directory`).
                let file = command[1]
                let text = image.execShell == .ash ? "\(name): can't open '\(file)': No such file or directory\n" : "\(name): 0: cannot open \(file): No such file\n"
                return .ran(stdout: "", stderr: text, exitCode: 2)
            }
            let o = session.script(command[c + 1], shell: name, cluster: &self)
            return .ran(stdout: o.out, stderr: o.err, exitCode: o.code)
        }
        let o = session.tool(name, Array(command.dropFirst()), stdin: "", cluster: &self)
        return .ran(stdout: o.out, stderr: o.err, exitCode: o.code)
    }
}
