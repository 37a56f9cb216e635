import KubeAPI
import YAML

/// The simulated load balancer: what MetalLB's controller does on a kind or minikube cluster
/// (metallb.universe.tf, `controller/service.go`: assign an IP from the pool, write
/// `status.loadBalancer.ingress`, record `IPAllocated`), or `minikube tunnel`.
///
/// Off by default, as on a laptop cluster: a `LoadBalancer` Service keeps an empty
/// `status.loadBalancer` and kubectl shows EXTERNAL-IP `<pending>`. It is switched on by the
/// legacy MetalLB configuration, ConfigMap `config` in namespace `metallb-system` with the
/// address pool kind's documentation uses (`172.18.255.200-172.18.255.250`,
/// kind.sigs.k8s.io/docs/user/loadbalancer); `Cluster.setLoadBalancer(enabled:)` writes or
/// deletes it. Example: enabled, Service `web` of type LoadBalancer gets
/// `ingress: [{ip: 172.18.255.200, ipMode: VIP}]` (`ipMode` as the apiserver defaults it) and
/// the event `IPAllocated` `Assigned IP ["172.18.255.200"]`; the next one `.201`. Turned off,
/// the ingress is withdrawn (`<pending>` again); a Service that stops being a LoadBalancer
/// loses it too.
public struct LoadBalancerController: Controller {
    public let name = "metallb-controller"
    public var watchedResources: Set<String>? { [LoadBalancerController.configKey.resource, ServiceEndpoints.services] }
    public static let namespace = "metallb-system"
    public static let configName = "config"
    static let poolFirst = IPv4("172.18.255.200")!
    static let poolLast = IPv4("172.18.255.250")!
    public static let configKey = ObjectKey(resource: "configmaps", namespace: namespace, name: configName)

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        if change.key == LoadBalancerController.configKey {
            return state.list(ServiceEndpoints.services, namespace: nil).map(\.key).filter { state[$0].map(LoadBalancerController.hasIngress) ?? false || state[$0]?.value["spec"]?["type"]?.string == "LoadBalancer" }
        }
        if change.key.resource == ServiceEndpoints.services, change.new != nil { return [change.key] }
        return []
    }

    static func hasIngress(_ svc: StoredObject) -> Bool { !(svc.value["status"]?["loadBalancer"]?["ingress"]?.sequence ?? []).isEmpty }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let svc = state[key] else { return [] }
        let enabled = state[LoadBalancerController.configKey] != nil
        let wants = enabled && svc.value["spec"]?["type"]?.string == "LoadBalancer" && !svc.isBeingDeleted
        if !wants {
            guard LoadBalancerController.hasIngress(svc) else { return [] }
            var status = svc.value["status"] ?? .mapping([])
            status.set("loadBalancer", .mapping([]))
            return [.updateStatus(key, status)]
        }
        if LoadBalancerController.hasIngress(svc) { return [] }
        let used = Set(state.list(ServiceEndpoints.services, namespace: nil).flatMap { s in
            (s.value["status"]?["loadBalancer"]?["ingress"]?.sequence ?? []).compactMap { $0["ip"]?.string }
        })
        var candidate = LoadBalancerController.poolFirst.value
        while candidate <= LoadBalancerController.poolLast.value, used.contains(IPv4(candidate).description) { candidate += 1 }
        guard candidate <= LoadBalancerController.poolLast.value else {
            return [.event(EventSpec(involved: key, type: .warning, reason: "AllocationFailed",
                                     message: "Failed to allocate IP for \"\(key.namespace)/\(key.name)\": no available IPs", component: name))]
        }
        let ip = IPv4(candidate).description
        var status = svc.value["status"] ?? .mapping([])
        status.set("loadBalancer", ["ingress": [["ip": .string(ip), "ipMode": "VIP"]]])
        return [.updateStatus(key, status),
                .event(EventSpec(involved: key, type: .normal, reason: "IPAllocated", message: "Assigned IP [\"\(ip)\"]", component: name))]
    }
}
