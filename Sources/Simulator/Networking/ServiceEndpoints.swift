import KubeAPI
import YAML

/// What the Endpoints and EndpointSlice controllers share: which pods a Service selects, which
/// of them belong in its endpoints, and the port each pod answers on
/// (staging/src/k8s.io/endpointslice/util/controller_utils.go, pkg/api/v1/pod/util.go).
enum ServiceEndpoints {
    static let services = "services"
    static let endpoints = "endpoints"
    static let endpointSlices = "endpointslices.discovery.k8s.io"
    /// `v1.IsHeadlessService`.
    static let headlessLabel = "service.kubernetes.io/headless"
    /// `v1.EndpointsLastChangeTriggerTime`.
    static let triggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time"

    /// The Service's selector; nil for a Service without one (its endpoints are not managed).
    static func selector(_ svc: Value) -> [String: String]? {
        let s = Value.strings(svc["spec"]?["selector"])
        return s.isEmpty ? nil : s
    }

    /// The pods in the Service's namespace its selector matches, in key order.
    static func pods(for svc: StoredObject, state: ClusterState) -> [StoredObject] {
        guard let selector = selector(svc.value) else { return [] }
        return state.list(ObjectKey.pods, namespace: svc.namespace, selector: LabelSelector(matching: selector))
            .sorted { $0.key < $1.key }
    }

    /// `ShouldPodBeInEndpoints`: not terminal, has an IP, and (unless `includeTerminating`) not
    /// being deleted.
    static func shouldPodBeInEndpoints(_ pod: Value, includeTerminating: Bool) -> Bool {
        let phase = pod["status"]?["phase"]?.string ?? ""
        if phase == "Succeeded" || phase == "Failed" { return false }
        if (pod["status"]?["podIP"]?.string ?? "").isEmpty && (pod["status"]?["podIPs"]?.sequence ?? []).isEmpty { return false }
        if !includeTerminating && pod.isBeingDeleted { return false }
        return true
    }

    /// `podutil.FindPort`: a number is used as is; a name is looked up among the containers'
    /// ports (then the restartable init containers') with the Service port's protocol.
    static func findPort(_ pod: Value, servicePort: Value) -> Int64? {
        let target = servicePort["targetPort"] ?? servicePort["port"] ?? .null
        if let n = target.int { return n }
        guard let name = target.string else { return nil }
        if let n = Int64(name) { return n }
        let proto = servicePort["protocol"]?.string ?? "TCP"
        let sidecars = (pod["spec"]?["initContainers"]?.sequence ?? []).filter { $0["restartPolicy"]?.string == "Always" }
        for c in (pod["spec"]?["containers"]?.sequence ?? []) + sidecars {
            for p in c["ports"]?.sequence ?? [] where p["name"]?.string == name && (p["protocol"]?.string ?? "TCP") == proto {
                if let n = p["containerPort"]?.int { return n }
            }
        }
        return nil
    }

    /// `ShouldSetHostname`.
    static func hostname(_ pod: StoredObject, service: StoredObject) -> String? {
        let host = pod.value["spec"]?["hostname"]?.string ?? ""
        guard !host.isEmpty, pod.value["spec"]?["subdomain"]?.string == service.name, pod.namespace == service.namespace else { return nil }
        return host
    }

    /// `v1.ObjectReference` to the pod.
    static func targetRef(_ pod: StoredObject) -> Value {
        ["kind": "Pod", "name": .string(pod.name), "namespace": .string(pod.namespace), "uid": .string(pod.uid)]
    }

    /// Service labels as both controllers copy them: the headless label set or removed.
    static func labels(for svc: StoredObject, dropping: Set<String> = []) -> [String: String] {
        var labels = svc.labels.filter { !dropping.contains($0.key) }
        if svc.value["spec"]?["clusterIP"]?.string == "None" { labels[headlessLabel] = "" } else { labels.removeValue(forKey: headlessLabel) }
        return labels
    }

    static func labelsValue(_ labels: [String: String]) -> Value {
        .mapping(labels.sorted { $0.key < $1.key }.map { Value.Pair($0.key, .string($0.value)) })
    }

    /// Keys to wake for a store change: the Service itself, the Services selecting a changed
    /// pod by its old or new labels (`GetPodServiceMemberships`), the Service of a deleted
    /// Endpoints or a changed EndpointSlice.
    static func serviceKeys(for change: StoreChange, state: ClusterState, ownResource: String) -> [ObjectKey] {
        switch change.key.resource {
        case services:
            return [change.key]
        case ObjectKey.pods:
            // The store's index of selecting Services (Store+Traffic.swift); most namespaces
            // have none, and then the label maps are not even built.
            let selecting = state.store.traffic.services(in: change.key.namespace)
            guard !selecting.isEmpty else { return [] }
            let sets = [change.old, change.new].compactMap { $0?.labelMap }
            return selecting.compactMap { svc in
                sets.contains { labels in svc.selector.allSatisfy { labels[$0.key] == $0.value } } ? svc.key : nil
            }
        case ownResource where ownResource == endpoints:
            return change.new == nil ? [ObjectKey(resource: services, namespace: change.key.namespace, name: change.key.name)] : []
        case ownResource:
            let name = (change.new ?? change.old)?.labelMap["kubernetes.io/service-name"] ?? ""
            return name.isEmpty ? [] : [ObjectKey(resource: services, namespace: change.key.namespace, name: name)]
        default:
            return []
        }
    }
}
