import KubeAPI
import YAML

/// The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go
/// `syncService`, staging/src/k8s.io/endpointslice/reconciler.go `reconcileByAddressType`,
/// utils.go `podToEndpoint`, `newEndpointSlice`).
///
/// Example: Service `web` (port 80, selector `app=web`) with three nginx pods. First sync: no
/// slice yet, so one is created with `generateName: web-` (`web-x7k2p`), the labels
/// `kubernetes.io/service-name: web` and `endpointslice.kubernetes.io/managed-by:
/// endpointslice-controller.k8s.io` (plus the Service's own), a controller reference to the
/// Service, `addressType: IPv4`, `ports: [{name: "", port: 80, protocol: TCP}]` and one
/// endpoint per pod that has an IP: `addresses`, `conditions` (`serving` = pod Ready,
/// `terminating` = being deleted, `ready` = serving and not terminating, or always with
/// `publishNotReadyAddresses`), `nodeName`, `targetRef`. Terminating pods stay listed
/// (`ShouldPodBeInEndpoints(pod, true)`). As pods turn Ready their endpoints are updated in
/// place; new pods fill the slice with room (at most `maxEndpointsPerSlice` = 100), then a new
/// slice; a slice left empty is deleted. A Service selecting nothing keeps one placeholder
/// slice with no ports and no endpoints (kubectl shows `<unset>`). Endpoints with a different
/// resolved port set (a named targetPort some pods lack) go to separate slices.
///
/// When slices are both to create and to delete, the creates become updates of the slices that
/// would go (`finalize`), so a Service created before its pods keeps its slice's name.
///
/// Deviations: slices are compared and packed per port set without upstream's cross-set
/// "fill existing slices" optimisation; ports in a slice are ordered by port, not by hash.
public struct EndpointSliceController: Controller {
    public let name = "endpointslice-controller"
    public var watchedResources: Set<String>? { [ServiceEndpoints.services, ObjectKey.pods, ServiceEndpoints.endpointSlices] }
    /// `discovery.LabelManagedBy` value of this controller.
    public static let managedBy = "endpointslice-controller.k8s.io"
    public static let serviceNameLabel = "kubernetes.io/service-name"
    public static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    /// `--max-endpoints-per-slice` default.
    public static let maxEndpointsPerSlice = 100

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        ServiceEndpoints.serviceKeys(for: change, state: state, ownResource: ServiceEndpoints.endpointSlices)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let svc = state[key], !svc.isBeingDeleted, ServiceEndpoints.selector(svc.value) != nil else { return [] }
        let owned = state.list(ServiceEndpoints.endpointSlices, namespace: key.namespace,
                               selector: LabelSelector(matching: [EndpointSliceController.serviceNameLabel: key.name,
                                                                  EndpointSliceController.managedByLabel: EndpointSliceController.managedBy]))
            .sorted { $0.key < $1.key }
        var labels = ServiceEndpoints.labels(for: svc, dropping: [EndpointSliceController.serviceNameLabel, EndpointSliceController.managedByLabel])
        labels[EndpointSliceController.serviceNameLabel] = key.name
        labels[EndpointSliceController.managedByLabel] = EndpointSliceController.managedBy
        // Desired endpoints by port set, keyed by pod uid within each set.
        var desired: [[Value]: [(uid: String, endpoint: Value)]] = [:]
        var order: [[Value]] = []
        let publishNotReady = svc.value["spec"]?["publishNotReadyAddresses"]?.bool ?? false
        for pod in ServiceEndpoints.pods(for: svc, state: state) {
            guard ServiceEndpoints.shouldPodBeInEndpoints(pod.value, includeTerminating: true) else { continue }
            let ports = EndpointSliceController.ports(svc.value, pod: pod.value)
            if desired[ports] == nil { desired[ports] = []; order.append(ports) }
            desired[ports]!.append((pod.uid, EndpointSliceController.endpoint(pod, service: svc, publishNotReady: publishNotReady)))
        }
        var actions: [Action] = []
        var creates: [(ports: Value, endpoints: Value)] = []
        var used: Set<ObjectKey> = []
        for ports in order {
            var remaining = desired[ports]!
            let candidates = owned.filter { ($0.value["ports"]?.sequence ?? []) == ports }
            for slice in candidates {
                // Keep the endpoints already here (updated), drop those gone.
                var kept: [Value] = []
                for ep in slice.value["endpoints"]?.sequence ?? [] {
                    let uid = ep["targetRef"]?["uid"]?.string ?? ""
                    if let i = remaining.firstIndex(where: { $0.uid == uid }) { kept.append(remaining.remove(at: i).endpoint) }
                }
                while kept.count < EndpointSliceController.maxEndpointsPerSlice, !remaining.isEmpty { kept.append(remaining.removeFirst().endpoint) }
                if kept.isEmpty { continue }
                used.insert(slice.key)
                actions += EndpointSliceController.write(slice: slice, ports: ports, endpoints: kept, labels: labels, now: now)
            }
            while !remaining.isEmpty {
                let chunk = remaining.prefix(EndpointSliceController.maxEndpointsPerSlice).map(\.endpoint)
                remaining.removeFirst(chunk.count)
                creates.append((.sequence(ports), .sequence(chunk)))
            }
        }
        if desired.isEmpty {
            // The placeholder slice: no ports, no endpoints.
            if let placeholder = owned.first(where: { ($0.value["endpoints"]?.sequence ?? []).isEmpty }) {
                used.insert(placeholder.key)
                if placeholder.labels != labels || !(placeholder.value["ports"]?.isNull ?? true) {
                    actions += EndpointSliceController.write(slice: placeholder, ports: nil, endpoints: nil, labels: labels, now: now)
                }
            } else {
                creates.append((.null, .null))
            }
        }
        // finalize: a slice that would be deleted takes the place of one to create (same name).
        var deletes = owned.filter { !used.contains($0.key) }
        while let create = creates.last, !deletes.isEmpty {
            creates.removeLast()
            let slice = deletes.removeFirst()
            actions += EndpointSliceController.write(slice: slice, ports: create.ports.sequence, endpoints: create.endpoints.sequence, labels: labels, now: now)
        }
        for c in creates { actions.append(.create(EndpointSliceController.newSlice(svc, ports: c.ports, endpoints: c.endpoints, labels: labels, now: now))) }
        for slice in deletes { actions.append(.delete(slice.key, .background)) }
        return actions
    }

    /// `getEndpointPorts`: the Service ports this pod resolves, each with its name (`""` when
    /// unnamed), number and protocol.
    static func ports(_ svc: Value, pod: Value) -> [Value] {
        var out: [Value] = []
        for sp in svc["spec"]?["ports"]?.sequence ?? [] {
            guard let number = ServiceEndpoints.findPort(pod, servicePort: sp) else { continue }
            var port: Value = ["name": .string(sp["name"]?.string ?? ""), "port": .int(number), "protocol": sp["protocol"] ?? "TCP"]
            if let ap = sp["appProtocol"], !ap.isNull { port.set("appProtocol", ap) }
            out.append(port)
        }
        return out.sorted { ($0["port"]?.int ?? 0, $0["name"]?.string ?? "") < ($1["port"]?.int ?? 0, $1["name"]?.string ?? "") }
    }

    /// `podToEndpoint`.
    static func endpoint(_ pod: StoredObject, service: StoredObject, publishNotReady: Bool) -> Value {
        let serving = PodRanking.isReady(pod.value)
        let terminating = pod.isBeingDeleted
        let ips = (pod.value["status"]?["podIPs"]?.sequence ?? []).compactMap { $0["ip"]?.string }
        let addresses = ips.isEmpty ? [pod.value["status"]?["podIP"]?.string ?? ""] : [ips[0]]
        var ep: Value = ["addresses": .sequence(addresses.map { .string($0) }),
                         "conditions": ["ready": .bool(publishNotReady || (serving && !terminating)),
                                        "serving": .bool(serving), "terminating": .bool(terminating)]]
        if let host = ServiceEndpoints.hostname(pod, service: service) { ep.set("hostname", .string(host)) }
        if let node = pod.value["spec"]?["nodeName"]?.string, !node.isEmpty { ep.set("nodeName", .string(node)) }
        ep.set("targetRef", ServiceEndpoints.targetRef(pod))
        return ep
    }

    /// `newEndpointSlice`.
    static func newSlice(_ svc: StoredObject, ports: Value, endpoints: Value, labels: [String: String], now: VirtualTime) -> Value {
        let owner: Value = ["apiVersion": "v1", "kind": "Service", "name": .string(svc.name), "uid": .string(svc.uid),
                            "controller": true, "blockOwnerDeletion": true]
        return ["apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                "metadata": ["generateName": .string(svc.name + "-"), "namespace": .string(svc.namespace),
                             "labels": ServiceEndpoints.labelsValue(labels),
                             "annotations": ServiceEndpoints.labelsValue([ServiceEndpoints.triggerTimeAnnotation: now.rfc3339]),
                             "ownerReferences": [owner]],
                "addressType": "IPv4", "endpoints": endpoints, "ports": ports]
    }

    static func write(slice: StoredObject, ports: [Value]?, endpoints: [Value]?, labels: [String: String], now: VirtualTime) -> [Action] {
        let newPorts: Value = ports.map { .sequence($0) } ?? .null
        let newEndpoints: Value = endpoints.map { .sequence($0) } ?? .null
        if slice.labels == labels, (slice.value["ports"] ?? .null) == newPorts, (slice.value["endpoints"] ?? .null) == newEndpoints { return [] }
        var v = slice.value
        v.set("ports", newPorts)
        v.set("endpoints", newEndpoints)
        v.editMetadata { meta in
            meta.set("labels", ServiceEndpoints.labelsValue(labels))
            var annotations = Value.strings(meta["annotations"])
            annotations[ServiceEndpoints.triggerTimeAnnotation] = now.rfc3339
            meta.set("annotations", ServiceEndpoints.labelsValue(annotations))
        }
        return [.update(slice.key, v)]
    }
}
