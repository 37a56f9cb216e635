import KubeAPI
import YAML

/// What kube-proxy's iptables rules do with a connection to an address of the cluster
/// (pkg/proxy/iptables/proxier.go `syncProxyRules`).
///
/// Example: Service `web` (ClusterIP 10.96.45.12, port 80 → targetPort `http`, NodePort
/// 30080) has two ready pods, 10.244.1.2:8080 and 10.244.2.3:8080. A connection to
/// 10.96.45.12:80, or to any node's address on 30080, or to its LoadBalancer IP on 80, is
/// DNATed to one of them: `KUBE-SVC-…` jumps to each endpoint chain with probability 1/n,
/// 1/(n-1)… (`statistic --mode random`), that is, uniformly at random; with `sessionAffinity:
/// ClientIP` a client keeps its endpoint (`recent --rcheck`). The endpoints are the ready
/// addresses of the Service's Endpoints for that port name (not-ready pods get nothing).
/// With no ready endpoint the filter table REJECTs (`"… has no endpoints"`, icmp
/// port-unreachable): the client sees "Connection refused" at once. With
/// `externalTrafficPolicy: Local` a NodePort only reaches pods on the node it arrived at,
/// keeping the client's address, and is dropped where there is none (`KUBE-EXT-…` to
/// `KUBE-SVL-…`, an empty chain: DROP).
///
/// Deviations: a ClusterIP on a port the Service does not expose has no rule and the packet
/// is lost (timeout); the choice among endpoints comes from the traffic model's seeded
/// generator, not the kernel's.
struct ServiceProxy {
    let state: ClusterState

    /// Where a destination address and port lead.
    enum Target {
        /// A Service's port reached through its ClusterIP, a node's NodePort or its LoadBalancer IP.
        case service(StoredObject, port: Value, via: Via)
        /// A pod's own address.
        case pod(StoredObject)
        /// A node's address on a port no Service claims.
        case node(StoredObject)
        /// An address nobody has.
        case nowhere
    }

    enum Via: Equatable {
        case clusterIP
        case nodePort(node: String)
        case loadBalancer
    }

    /// An endpoint of a Service port: the pod, its address and the port it answers on.
    struct Backend: Equatable {
        var pod: ObjectKey
        var ip: String
        var port: Int
        var node: String
    }

    func target(ip: String, port: Int, proto: String = "TCP") -> Target {
        let services = state.list(ServiceEndpoints.services, namespace: nil).sorted { $0.key < $1.key }
        for svc in services {
            let ports = svc.value["spec"]?["ports"]?.sequence ?? []
            if ServiceAllocation.clusterIPs(svc.value).contains(ip) {
                // Only `port` counts: a ClusterIP answers nothing else.
                if let p = ports.first(where: { $0["port"]?.int == Int64(port) && ($0["protocol"]?.string ?? "TCP") == proto }) {
                    return .service(svc, port: p, via: .clusterIP)
                }
                return .nowhere
            }
            let ingress = (svc.value["status"]?["loadBalancer"]?["ingress"]?.sequence ?? []).compactMap { $0["ip"]?.string }
            if ingress.contains(ip), let p = ports.first(where: { $0["port"]?.int == Int64(port) }) {
                return .service(svc, port: p, via: .loadBalancer)
            }
        }
        if let node = node(withIP: ip) {
            for svc in services where ServiceAllocation.needsNodePort(svc.value) {
                if let p = (svc.value["spec"]?["ports"]?.sequence ?? []).first(where: { $0["nodePort"]?.int == Int64(port) }) {
                    return .service(svc, port: p, via: .nodePort(node: node.name))
                }
            }
            return .node(node)
        }
        if let pod = pod(withIP: ip) { return .pod(pod) }
        return .nowhere
    }

    func node(withIP ip: String) -> StoredObject? {
        state.list("nodes", namespace: nil).sorted { $0.key < $1.key }.first { node in
            (node.value["status"]?["addresses"]?.sequence ?? []).contains { $0["type"]?.string == "InternalIP" && $0["address"]?.string == ip }
        }
    }

    /// The live pod with this address (not terminal, not gone).
    func pod(withIP ip: String) -> StoredObject? {
        state.list(ObjectKey.pods, namespace: nil).sorted { $0.key < $1.key }.first { pod in
            let phase = pod.value["status"]?["phase"]?.string
            return pod.value["status"]?["podIP"]?.string == ip && phase != "Succeeded" && phase != "Failed"
        }
    }

    /// The ready endpoints of a Service port, in the Endpoints' order; with `onNode`, only
    /// those on that node (`externalTrafficPolicy: Local`).
    func backends(_ svc: StoredObject, port servicePort: Value, onNode: String? = nil) -> [Backend] {
        guard let ep = state[ObjectKey(resource: ServiceEndpoints.endpoints, namespace: svc.namespace, name: svc.name)] else { return [] }
        let name = servicePort["name"]?.string ?? ""
        var out: [Backend] = []
        for subset in ep.value["subsets"]?.sequence ?? [] {
            let ports = subset["ports"]?.sequence ?? []
            guard let match = ports.first(where: { ($0["name"]?.string ?? "") == name }) ?? (ports.count == 1 && name.isEmpty ? ports.first : nil),
                  let number = match["port"]?.int else { continue }
            for address in subset["addresses"]?.sequence ?? [] {
                let node = address["nodeName"]?.string ?? ""
                if let onNode, node != onNode { continue }
                let podName = address["targetRef"]?["name"]?.string ?? ""
                let podNamespace = address["targetRef"]?["namespace"]?.string ?? svc.namespace
                out.append(Backend(pod: ObjectKey(resource: ObjectKey.pods, namespace: podNamespace, name: podName),
                                   ip: address["ip"]?.string ?? "", port: Int(number), node: node))
            }
        }
        return out
    }

    /// kube-proxy's choice: uniform among `backends`, or by the client's address with
    /// `sessionAffinity: ClientIP`.
    static func choose(_ backends: [Backend], service: StoredObject, clientIP: String, random: inout SeededRandom) -> Backend {
        if service.value["spec"]?["sessionAffinity"]?.string == "ClientIP" {
            let sorted = backends.sorted { $0.ip.utf8.lexicographicallyPrecedes($1.ip.utf8) }
            return sorted[Int(ServiceAllocation.fnv("\(service.key)|\(clientIP)") % UInt64(sorted.count))]
        }
        return backends[Int(random.below(UInt64(backends.count)))]
    }
}
