import KubeAPI
import YAML

/// The simulated ingress-nginx controller, as kind's deploy manifest runs it
/// (deploy/static/provider/kind/deploy.yaml: `--controller-class=k8s.io/ingress-nginx`,
/// `--ingress-class=nginx`, `--watch-ingress-without-class=false`,
/// `--publish-status-address=localhost`). It has no pods: like MetalLB's controller
/// (LoadBalancerController) it is a controller of the simulated control plane, and its routing
/// is `IngressRouter`.
///
/// Example: `web` (class `nginx`) is created at 00:00:10. The store's handler records
/// `Normal Sync Scheduled for sync` (internal/ingress/controller/store/store.go, on add and on
/// every change of a handled Ingress). The status updater runs every 60 s
/// (`--status-update-interval`, internal/ingress/status/status.go): at 00:01:00 it writes
/// `status.loadBalancer.ingress: [{hostname: localhost}]`, so `kubectl get ingress` shows
/// ADDRESS `localhost`, and that write is a change: a second `Sync` (`x2`). An Ingress of
/// another class, or of none, is left alone.
public struct IngressController: Controller {
    public let name = "nginx-ingress-controller"
    public var watchedResources: Set<String>? { [IngressRouter.resource, IngressRouter.classResource] }
    static let statusPeriod: Int64 = 60_000
    static let address: Value = [["hostname": "localhost"]]

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case IngressRouter.resource: return [change.key]
        case IngressRouter.classResource:
            return state.list(IngressRouter.resource, namespace: nil).map(\.key).sorted()
        default: return []
        }
    }

    static func memoryKey(_ key: ObjectKey) -> String { "ingress-nginx/\(key.namespace)/\(key.name)" }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        let memory = IngressController.memoryKey(key)
        guard let ing = state[key], !ing.isBeingDeleted else {
            return state.memory(memory) == nil ? [] : [.remember(memory, nil)]
        }
        guard IngressRouter(state: state).handled().contains(where: { $0.key == key }) else { return [] }
        var actions: [Action] = []
        let version = Value.string(ing.resourceVersion)
        if state.memory(memory) != version {
            actions.append(.event(EventSpec(involved: key, type: .normal, reason: "Sync", message: "Scheduled for sync", component: name)))
            actions.append(.remember(memory, version))
        }
        if ing.value["status"]?["loadBalancer"]?["ingress"] != IngressController.address {
            // The first tick of the 60 s status loop after the Ingress appeared.
            let period = IngressController.statusPeriod
            let created = (ing.value["metadata"]?["creationTimestamp"]?.string).flatMap(VirtualTime.init(rfc3339:)) ?? now
            let tick = VirtualTime(milliseconds: (created.milliseconds / period + 1) * period)
            if tick > now { return actions + [.requeueAfter(tick.since(now))] }
            var status = ing.value["status"] ?? .mapping([])
            if status.isNull { status = .mapping([]) }
            status.set("loadBalancer", ["ingress": IngressController.address])
            actions.insert(.updateStatus(key, status), at: 0)
        }
        return actions
    }
}
