import KubeAPI
import YAML

/// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go `syncService`).
///
/// Example: Service `web` selects `app=web`, port 80 → targetPort `http`. Pods `web-a`
/// (Ready, 10.244.1.2, container port `http` 80) and `web-b` (Running, not ready yet,
/// 10.244.2.3) give one subset: `addresses: [{ip: 10.244.1.2, nodeName, targetRef}]`,
/// `notReadyAddresses: [10.244.2.3 …]`, `ports: [{port: 80, protocol: TCP}]`. A pod with no IP
/// yet, a terminal pod or one being deleted is left out (`ShouldPodBeInEndpoints` with
/// `includeTerminating` = `publishNotReadyAddresses`); with `publishNotReadyAddresses` every
/// pod listed counts as ready. A pod whose named targetPort it does not declare is skipped for
/// that port. Addresses with the same ports are packed into one subset (`RepackSubsets`),
/// sorted by IP. When `web-b` turns Ready the pod update wakes `web` and the address moves to
/// `addresses`; the write carries `endpoints.kubernetes.io/last-change-trigger-time`.
/// Nothing is written when subsets and labels are unchanged. A Service without a selector is
/// left alone (its Endpoints are the user's); a deleted Service's Endpoints are deleted.
///
/// Deviations: the trigger time is the reconcile instant (the loop reconciles at the instant of
/// the change); subsets with several port sets, and ports inside a subset, are ordered by port
/// rather than by upstream's object hash; the 1000-address truncation is not modelled.
public struct EndpointsController: Controller {
    public let name = "endpoint-controller"
    public var watchedResources: Set<String>? { [ServiceEndpoints.services, ObjectKey.pods, ServiceEndpoints.endpoints] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        ServiceEndpoints.serviceKeys(for: change, state: state, ownResource: ServiceEndpoints.endpoints)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        let epKey = ObjectKey(resource: ServiceEndpoints.endpoints, namespace: key.namespace, name: key.name)
        guard let svc = state[key], !svc.isBeingDeleted else {
            return state[epKey] != nil && state[key] == nil ? [.delete(epKey, .background)] : []
        }
        guard ServiceEndpoints.selector(svc.value) != nil else { return [] }
        let subsets = EndpointsController.subsets(for: svc, state: state)
        let labels = ServiceEndpoints.labels(for: svc)
        let existing = state[epKey]
        if let existing, (existing.value["subsets"] ?? .sequence([])) == .sequence(subsets), existing.labels == labels {
            return []
        }
        var ep: Value = existing?.value ?? ["apiVersion": "v1", "kind": "Endpoints",
                                            "metadata": ["name": .string(key.name), "namespace": .string(key.namespace)]]
        ep.editMetadata { meta in
            // An empty label map is omitted (omitempty).
            if labels.isEmpty { meta.remove("labels") } else { meta.set("labels", ServiceEndpoints.labelsValue(labels)) }
            var annotations = Value.strings(meta["annotations"])
            annotations[ServiceEndpoints.triggerTimeAnnotation] = now.rfc3339
            meta.set("annotations", ServiceEndpoints.labelsValue(annotations))
        }
        if subsets.isEmpty { ep.remove("subsets") } else { ep.set("subsets", .sequence(subsets)) }
        return existing == nil ? [.create(ep)] : [.update(epKey, ep)]
    }

    /// The subsets `syncService` computes, repacked and sorted.
    static func subsets(for svc: StoredObject, state: ClusterState) -> [Value] {
        let spec = svc.value["spec"] ?? .mapping([])
        let tolerateUnready = spec["publishNotReadyAddresses"]?.bool ?? false
        let servicePorts = spec["ports"]?.sequence ?? []
        // address entry, ready, and its ports (each rendered as a Value)
        var entries: [(address: Value, ip: String, ready: Bool, ports: [Value])] = []
        for pod in ServiceEndpoints.pods(for: svc, state: state) {
            guard ServiceEndpoints.shouldPodBeInEndpoints(pod.value, includeTerminating: tolerateUnready) else { continue }
            let ip = pod.value["status"]?["podIP"]?.string ?? ""
            var address: Value = ["ip": .string(ip)]
            if let host = ServiceEndpoints.hostname(pod, service: svc) { address.set("hostname", .string(host)) }
            if let node = pod.value["spec"]?["nodeName"]?.string, !node.isEmpty { address.set("nodeName", .string(node)) }
            address.set("targetRef", ServiceEndpoints.targetRef(pod))
            let ready = tolerateUnready || PodRanking.isReady(pod.value)
            if servicePorts.isEmpty {
                // Headless without ports: addresses only.
                if spec["clusterIP"]?.string == "None" { entries.append((address, ip, ready, [])) }
                continue
            }
            var ports: [Value] = []
            for sp in servicePorts {
                guard let number = ServiceEndpoints.findPort(pod.value, servicePort: sp) else { continue }
                var port: Value = [:]
                if let n = sp["name"]?.string, !n.isEmpty { port.set("name", .string(n)) }
                port.set("port", .int(number))
                port.set("protocol", sp["protocol"] ?? "TCP")
                if let ap = sp["appProtocol"], !ap.isNull { port.set("appProtocol", ap) }
                ports.append(port)
            }
            if !ports.isEmpty { entries.append((address, ip, ready, ports)) }
        }
        // RepackSubsets: addresses with the same port set share a subset.
        var groups: [[Value]: (ready: [(String, Value)], notReady: [(String, Value)])] = [:]
        var order: [[Value]] = []
        for e in entries {
            let key = e.ports.sorted { ($0["port"]?.int ?? 0, $0["name"]?.string ?? "") < ($1["port"]?.int ?? 0, $1["name"]?.string ?? "") }
            if groups[key] == nil { groups[key] = ([], []); order.append(key) }
            if e.ready { groups[key]!.ready.append((e.ip, e.address)) } else { groups[key]!.notReady.append((e.ip, e.address)) }
        }
        order.sort { ($0.first?["port"]?.int ?? 0) < ($1.first?["port"]?.int ?? 0) }
        return order.map { ports in
            let g = groups[ports]!
            var subset: Value = [:]
            let byIP: ((String, Value), (String, Value)) -> Bool = { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            if !g.ready.isEmpty { subset.set("addresses", .sequence(g.ready.sorted(by: byIP).map(\.1))) }
            if !g.notReady.isEmpty { subset.set("notReadyAddresses", .sequence(g.notReady.sorted(by: byIP).map(\.1))) }
            if !ports.isEmpty { subset.set("ports", .sequence(ports)) }
            return subset
        }
    }
}
