import Courseware
import KubeAPI
import Simulator
import YAML

extension GradingRun {
    /// `alcanzable` / `bloqueado`: one HTTP request through the simulated network
    /// (`Cluster.send`, the engine behind `taller cluster pedir`), from a pod of `desde`
    /// (`[ns/]tipo/nombre`: a pod, or the first Ready pod a workload selects; `fuera`: the
    /// learner's machine) to `http://SERVICIO:PUERTO/`. `alcanzable` passes when an HTTP
    /// answer comes back; `bloqueado` when a NetworkPolicy drops the connection.
    mutating func traffic(_ check: Check) -> Outcome {
        let from = check.parameters["desde"]?.string ?? ""
        let service = check.parameters["servicio"]?.string ?? ""
        let port = Int(check.parameters["puerto"]?.int ?? 80)
        let request = TrafficRequest(host: service, port: port)
        let origin: TrafficOrigin
        if from == "fuera" {
            origin = .outside
        } else {
            switch podOrigin(from, namespace: "default") {
            case .success(let key): origin = .pod(key)
            case .failure(let outcome): return outcome
            }
        }
        let result = cluster.send(request, from: origin)
        let reachable = check.kind == .reachable
        let policyMark = result.blockedBy?.policies.first.flatMap { name -> Mark? in
            let parts = name.split(separator: "/").map(String.init)
            guard parts.count == 2, let policy = cluster.api.store[ObjectKey(resource: "networkpolicies.networking.k8s.io", namespace: parts[0], name: parts[1])] else { return nil }
            return locate(policy, "spec.podSelector")
        }
        if reachable {
            guard let failure = result.failure else { return .pass }
            let serviceMark = learnerObjects.first { $0.key.resource == "services" && $0.name == service.split(separator: ".").first.map(String.init) }
                .flatMap { locate($0, "spec.selector") }
            return .fail(GraderMessages.notReached(from: from, url: request.url, reason: GraderMessages.trafficFailure(failure),
                                                   policies: result.blockedBy?.policies ?? []), at: policyMark ?? serviceMark)
        }
        if result.blockedBy != nil, !(result.blockedBy?.allowed ?? true) { return .pass }
        let anyPolicy = learnerObjects.first { $0.key.resource == "networkpolicies.networking.k8s.io" }.flatMap { locate($0, "spec") }
        if let failure = result.failure {
            return .fail(GraderMessages.failedNotBlocked(from: from, url: request.url, reason: GraderMessages.trafficFailure(failure)), at: anyPolicy)
        }
        return .fail(GraderMessages.notBlocked(from: from, url: request.url, status: result.status, pod: result.pod?.name), at: anyPolicy)
    }

    /// The pod a request leaves from: the pod named, or the first Ready pod (by name) of a
    /// workload.
    func podOrigin(_ text: String, namespace: String) -> Result<ObjectKey, Outcome> {
        let parts = text.split(separator: "/").map(String.init)
        let (ns, type, name) = parts.count == 3 ? (parts[0], parts[1], parts[2]) : (namespace, parts.count == 2 ? parts[0] : "pod", parts.last ?? "")
        guard let resource = Kinds.resolve(type) else { return .failure(.fail(GraderMessages.unknownType(type), at: nil)) }
        let key = ObjectKey(resource, namespace: ns, name: name)
        guard let object = cluster.api.store[key] else { return .failure(missing(key, reference: "\(type)/\(name)")) }
        let pods = GradingRun.pods(of: object, store: cluster.api.store).filter(GradingRun.isReady).sorted { $0.name < $1.name }
        guard let pod = pods.first else { return .failure(.fail(GraderMessages.noReadyOrigin("\(type)/\(name)"), at: locate(object, ""))) }
        return .success(pod.key)
    }
}
