import KubeAPI
import YAML

/// The root CA certificate publisher
/// (pkg/controller/certificates/rootcacertpublisher/publisher.go `syncNamespace`): every
/// namespace holds the ConfigMap `kube-root-ca.crt` whose `ca.crt` is the cluster's CA bundle,
/// annotated `kubernetes.io/description`. It is what the projected `kube-api-access-xxxxx`
/// volume mounts as `ca.crt` (ServiceAccount admission).
///
/// Example: `kubectl create namespace tienda` queues `tienda` (namespaceAdded) and the sync
/// creates `tienda/kube-root-ca.crt`; `kubectl get cm -n tienda` shows it with DATA 1. If a
/// learner edits its data, or removes the annotation, the update queues the namespace
/// (configMapUpdated) and the sync writes back `{ca.crt: <CA>}` and the annotation, keeping
/// anything else they added to the metadata; if they delete it, it is created again
/// (configMapDeleted). Other ConfigMaps are never looked at. A create in a namespace that is
/// gone or terminating is not retried.
///
/// The CA is `ClusterCA.certificate`: one fixed certificate, so every cluster and every run
/// publishes the same bytes.
public struct RootCACertPublisher: Controller {
    public let name = "root-ca-cert-publisher"
    public var watchedResources: Set<String>? { [ObjectKey.namespaces, RootCACertPublisher.configMaps] }

    static let configMaps = "configmaps"
    // publisher.go: RootCACertConfigMapName, DescriptionAnnotation, Description.
    public static let configMapName = "kube-root-ca.crt"
    public static let descriptionAnnotation = "kubernetes.io/description"
    public static let description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints "
        + "such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."
    /// The data key, and the item the projected token volume takes from it.
    public static let dataKey = "ca.crt"

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case ObjectKey.namespaces:
            // namespaceAdded always; namespaceUpdated only while Active.
            guard let new = change.new else { return [] }
            if change.old != nil && new["status"]?["phase"]?.string != "Active" { return [] }
            return [change.key]
        case RootCACertPublisher.configMaps:
            // configMapDeleted and configMapUpdated of this one name (not its creation).
            guard change.key.name == RootCACertPublisher.configMapName, change.old != nil else { return [] }
            return [ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: change.key.namespace)]
        default:
            return []
        }
    }

    /// Active namespaces without `kube-root-ca.crt` (a cluster saved before this controller
    /// existed).
    public func startupKeys(state: ClusterState) -> [ObjectKey] {
        state.activeNamespaces(lacking: RootCACertPublisher.configMaps, named: RootCACertPublisher.configMapName)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        let cmKey = ObjectKey(resource: RootCACertPublisher.configMaps, namespace: key.name, name: RootCACertPublisher.configMapName)
        let data: Value = [RootCACertPublisher.dataKey: .string(ClusterCA.certificate)]
        guard let cm = state[cmKey] else {
            // "don't retry a create if the namespace doesn't exist or is terminating": the
            // simulator does not even send it.
            guard let ns = state[key], ns.value["status"]?["phase"]?.string == "Active" else { return [] }
            return [.create(["apiVersion": "v1", "kind": "ConfigMap",
                             "metadata": ["name": .string(RootCACertPublisher.configMapName), "namespace": .string(key.name),
                                          "annotations": [RootCACertPublisher.descriptionAnnotation: .string(RootCACertPublisher.description)]],
                             "data": data])]
        }
        // Ensure the data and the one annotation describing its use match.
        let annotation = cm.value.annotation(RootCACertPublisher.descriptionAnnotation) ?? ""
        if Value.strings(cm.value["data"]) == [RootCACertPublisher.dataKey: ClusterCA.certificate],
           (cm.value["data"]?.mapping?.count ?? 0) == 1, !annotation.isEmpty {
            return []
        }
        var updated = cm.value
        updated.set("data", data)
        updated.editMetadata { meta in
            meta.edit("annotations") { $0.set(RootCACertPublisher.descriptionAnnotation, .string(RootCACertPublisher.description)) }
        }
        return [.update(cmKey, updated)]
    }
}
