import KubeAPI
import YAML

/// The ServiceAccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go
/// `syncNamespace`, with `DefaultServiceAccountsControllerOptions`): every active namespace has
/// a ServiceAccount named `default`, created as `{metadata: {name: default}}` and nothing else.
///
/// Example: `kubectl create namespace tienda` adds the namespace (phase `Active`); the
/// namespace's add event queues `tienda`; the sync finds no `tienda/default` and creates it, so
/// `kubectl get sa -n tienda` lists `default   0   0s` at once. `kubectl delete sa default -n
/// tienda` queues `tienda` again (the controller watches ServiceAccount deletions only) and
/// the sync creates a new `default`, with a new uid. A namespace being deleted (`Terminating`)
/// is left alone: the namespace controller is emptying it.
public struct ServiceAccountsController: Controller {
    public let name = "service-account-controller"
    public var watchedResources: Set<String>? { [ObjectKey.namespaces, ServiceAccountsController.serviceAccounts] }

    static let serviceAccounts = "serviceaccounts"
    /// serviceaccounts_controller.go `DefaultServiceAccountsControllerOptions`; also
    /// plugin/pkg/admission/serviceaccount/admission.go `DefaultServiceAccountName`.
    public static let defaultName = "default"

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case ObjectKey.namespaces:
            // namespaceAdded and namespaceUpdated; a namespace's removal queues nothing.
            return change.new == nil ? [] : [change.key]
        case ServiceAccountsController.serviceAccounts:
            // serviceAccountDeleted: any ServiceAccount's deletion queues its namespace.
            guard change.new == nil else { return [] }
            return [ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: change.key.namespace)]
        default:
            return []
        }
    }

    /// Active namespaces without `default` (a cluster saved before this controller existed).
    public func startupKeys(state: ClusterState) -> [ObjectKey] {
        state.activeNamespaces(lacking: ServiceAccountsController.serviceAccounts, named: ServiceAccountsController.defaultName)
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        // syncNamespace: nothing for a namespace that is gone or not Active.
        guard let namespace = state[key], namespace.value["status"]?["phase"]?.string == "Active" else { return [] }
        let sa = ObjectKey(resource: ServiceAccountsController.serviceAccounts, namespace: key.name, name: ServiceAccountsController.defaultName)
        guard state[sa] == nil else { return [] }
        return [.create(["apiVersion": "v1", "kind": "ServiceAccount",
                         "metadata": ["name": .string(ServiceAccountsController.defaultName), "namespace": .string(key.name)]])]
    }
}

extension ClusterState {
    /// The Active namespaces with no `resource` object called `name`, by key (what the
    /// namespace-driven controllers' start-up lists would find to do).
    func activeNamespaces(lacking resource: String, named name: String) -> [ObjectKey] {
        list(ObjectKey.namespaces, namespace: nil).filter { ns in
            ns.value["status"]?["phase"]?.string == "Active" && self[ObjectKey(resource: resource, namespace: ns.name, name: name)] == nil
        }.map(\.key)
    }
}
