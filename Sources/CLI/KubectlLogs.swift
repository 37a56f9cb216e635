import KubeAPI
import Simulator
import YAML

/// `kubectl logs POD|TYPE/NAME [-c C] [--previous] [--tail N]` (k8s.io/kubectl/pkg/cmd/logs).
/// Lines come from the simulated kubelet (`Cluster.containerLog`); when it has none, the
/// answer follows the container's state as the kubelet gives it
/// (pkg/kubelet/kubelet_pods.go `validateContainerLogStatus`).
enum KubectlLogs {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard !c.args.isEmpty else {
            throw .message("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        }
        var output = KubectlOutput()
        let pod = try findPod(c, cluster, &output)
        let containers = (pod.value.at(["spec", "containers"])?.sequence ?? []).map { $0["name"]?.text ?? "" }
        let initContainers = (pod.value.at(["spec", "initContainers"])?.sequence ?? []).map { $0["name"]?.text ?? "" }
        let container: String
        if let asked = c.flags.value("container") {
            guard containers.contains(asked) || initContainers.contains(asked) else {
                throw .message("error: container \(asked) is not valid for pod \(pod.name)")
            }
            container = asked
        } else {
            container = containers.first ?? ""
            if containers.count + initContainers.count > 1 {
                let all = containers + initContainers.map { "\($0) (init)" }
                output.err += "Defaulted container \(GoText.quote(container)) out of: \(all.joined(separator: ", "))\n"
            }
        }
        // logs.go: a GET of the pod's `log` subresource.
        try KubectlResources.authorize(cluster, "get", KubectlCreate.resource("pods"), namespace: pod.namespace, name: pod.name, subresource: "log")
        let previous = c.flags.bool("previous")
        if var lines = cluster.containerLog(namespace: pod.namespace, pod: pod.name, container: container, previous: previous) {
            if let tail = c.flags.value("tail").flatMap(Int.init), tail >= 0 { lines = Array(lines.suffix(tail)) }
            output.out += lines.map { $0 + "\n" }.joined()
            return output
        }
        let statuses = (pod.value.at(["status", "containerStatuses"])?.sequence ?? []) + (pod.value.at(["status", "initContainerStatuses"])?.sequence ?? [])
        let status = statuses.first { $0["name"]?.string == container }
        if previous {
            if status?.at(["lastState", "terminated"]) == nil {
                throw .message("Error from server (BadRequest): previous terminated container \(GoText.quote(container)) in pod \(GoText.quote(pod.name)) not found")
            }
            return output
        }
        // A pod not yet on a node has no kubelet to ask: the apiserver answers with nothing.
        if pod.value.at(["spec", "nodeName"])?.text.isEmpty ?? true { return output }
        if status == nil || status?.at(["state", "waiting"]) != nil {
            // validateContainerLogStatus: the two image failures have their own words.
            let reason: String
            switch status?.at(["state", "waiting", "reason"])?.text ?? "ContainerCreating" {
            case "ErrImagePull": reason = "image can't be pulled"
            case "ImagePullBackOff": reason = "trying and failing to pull image"
            case let other: reason = other
            }
            throw .message("Error from server (BadRequest): container \(GoText.quote(container)) in pod \(GoText.quote(pod.name)) is waiting to start: \(reason)\n  El contenedor aún no ha arrancado: mira su estado con taller k describe pod \(pod.name)")
        }
        return output
    }

    /// `POD`, `pod/NAME`, or a controller (`deploy/web`): the first of its pods in the
    /// `ByLogging` order (logsforobject.go, `GetFirstPod`).
    static func findPod(_ c: KubectlContext, _ cluster: Cluster, _ output: inout KubectlOutput) throws(KubectlError) -> StoredObject {
        let pods = KubectlCreate.resource("pods")
        let first = c.args[0]
        guard first.contains("/") else { return try KubectlResources.get(cluster, pods, namespace: c.namespace, name: first) }
        let (resource, name) = try KubectlResources.single([first], verb: "logs")
        if resource == pods { return try KubectlResources.get(cluster, pods, namespace: c.namespace, name: name) }
        let owner = try KubectlResources.get(cluster, resource, namespace: c.namespace, name: name)
        let labels = owner.value.at(["spec", "selector", "matchLabels"])?.mapping ?? owner.value.at(["spec", "selector"])?.mapping ?? []
        let text = labels.map { "\($0.key.text)=\($0.value.text)" }.joined(separator: ",")
        let selector = (try? LabelSelector.parse(text)) ?? .everything
        let found = cluster.api.list(pods, namespace: c.namespace, selector: selector)
        guard let pod = found.min(by: byLogging) else { throw .message("error: timed out waiting for the condition") }
        if found.count > 1 { output.err += "Found \(found.count) pods, using pod/\(pod.name)\n" }
        return pod
    }
}

/// k8s.io/kubectl/pkg/util/podutils `ByLogging`, the order `logs TYPE/NAME` picks its pod by:
/// on a node first; Running, then Unknown, then the rest; ready first, the one ready for
/// longer first; more restarts first; older first (then by name: upstream's sort is not
/// stable, any tie is possible there).
func byLogging(_ a: StoredObject, _ b: StoredObject) -> Bool {
    func assigned(_ p: StoredObject) -> Bool { !(p.value.at(["spec", "nodeName"])?.text.isEmpty ?? true) }
    func phase(_ p: StoredObject) -> Int { ["Running": 2, "Unknown": 1][p.value.at(["status", "phase"])?.text ?? ""] ?? 0 }
    func readySince(_ p: StoredObject) -> Int64? {
        let ready = (p.value.at(["status", "conditions"])?.sequence ?? []).first { $0["type"]?.string == "Ready" && $0["status"]?.string == "True" }
        return ready.map { Timestamp(rfc3339: $0["lastTransitionTime"]?.text ?? "")?.milliseconds ?? Int64.max }
    }
    func restarts(_ p: StoredObject) -> Int64 {
        (p.value.at(["status", "containerStatuses"])?.sequence ?? []).map { $0["restartCount"]?.int ?? 0 }.max() ?? 0
    }
    func created(_ p: StoredObject) -> Int64 { Timestamp(rfc3339: p.value.at(["metadata", "creationTimestamp"])?.text ?? "")?.milliseconds ?? Int64.max }
    if assigned(a) != assigned(b) { return assigned(a) }
    if phase(a) != phase(b) { return phase(a) > phase(b) }
    let (ra, rb) = (readySince(a), readySince(b))
    if (ra != nil) != (rb != nil) { return ra != nil }
    if let ra, let rb, ra != rb { return ra < rb }
    if restarts(a) != restarts(b) { return restarts(a) > restarts(b) }
    if created(a) != created(b) { return created(a) < created(b) }
    return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
}

/// `kubectl events [--for TYPE/NAME] [--types=Warning] [-A]` (k8s.io/kubectl/pkg/cmd/events):
/// sorted by time, `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE`.
enum KubectlEvents {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let resource = Kinds.resolve("events") else { return KubectlOutput() }
        try KubectlResources.authorize(cluster, "list", resource, namespace: c.flags.allNamespaces ? nil : c.namespace)
        var events = cluster.api.list(resource, namespace: c.flags.allNamespaces ? nil : c.namespace).map(\.value)
        if let target = c.flags.value("for") {
            let (r, name) = try KubectlResources.single([target], verb: "events")
            events = events.filter { $0.at(["involvedObject", "kind"])?.string == r.kind && $0.at(["involvedObject", "name"])?.string == name }
        }
        if let types = c.flags.value("types") {
            let wanted = types.split(separator: ",").map { $0.lowercased() }
            events = events.filter { wanted.contains(($0["type"]?.text ?? "").lowercased()) }
        }
        guard !events.isEmpty else {
            return KubectlOutput(err: c.flags.allNamespaces ? "No events found.\n" : "No events found in \(c.namespace) namespace.\n")
        }
        func time(_ e: Value) -> Int64 { Timestamp(rfc3339: EventTiming.lastSeen(e)?.string ?? "")?.milliseconds ?? 0 }
        events = events.enumerated().sorted { (time($0.element), $0.offset) < (time($1.element), $1.offset) }.map(\.element)
        let now = Timestamp(milliseconds: cluster.now.milliseconds)
        var w = TabWriter.table()
        let all = c.flags.allNamespaces
        w.write((all ? "NAMESPACE\t" : "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n")
        for e in events {
            let interval = EventTiming.interval(e, now: now)
            let object = "\(e.at(["involvedObject", "kind"])?.text ?? "")/\(e.at(["involvedObject", "name"])?.text ?? "")"
            let message = (e["message"]?.text ?? "").trimmed(" \n\t")
            w.write((all ? (e.at(["metadata", "namespace"])?.text ?? "") + "\t" : "") + "\(interval)\t\(e["type"]?.text ?? "")\t\(e["reason"]?.text ?? "")\t\(object)\t\(message)\n")
        }
        return KubectlOutput(out: w.finish())
    }
}
