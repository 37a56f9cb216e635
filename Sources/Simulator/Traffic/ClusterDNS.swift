import KubeAPI
import YAML

/// The cluster DNS: what CoreDNS's `kubernetes` plugin answers in a kubeadm or kind cluster
/// (coredns/plugin/kubernetes; the record schema of kubernetes/dns docs/specification.md) and
/// how a pod's resolver asks for it (pkg/kubelet/network/dns/dns.go writes `search
/// <ns>.svc.cluster.local svc.cluster.local cluster.local` and `options ndots:5`).
///
/// Example: pod `cliente` in `default` looks up `web.prod`. The name has one dot, fewer than
/// ndots (5), so the resolver (musl's or glibc's `getaddrinfo`) tries the search list first:
/// `web.prod.default.svc.cluster.local` is NXDOMAIN (there is no namespace `prod` under
/// `default`), `web.prod.svc.cluster.local` is Service `web` of namespace `prod`: its ClusterIP.
/// A headless Service (`clusterIP: None`) answers with the addresses of its ready endpoints,
/// and `db-0.db.prod.svc.cluster.local` with the endpoint whose `hostname` is `db-0` (a
/// StatefulSet pod of `serviceName: db`); an ExternalName Service with a CNAME to its
/// `externalName`; `10-244-1-5.prod.pod.cluster.local` with 10.244.1.5 (`pods insecure` in
/// kubeadm's Corefile). Names outside `cluster.local` go to the upstream servers, which the
/// simulated cluster does not have: NXDOMAIN.
///
/// Deviations: the kube-dns Service answers although the simulator runs no CoreDNS pods;
/// CoreDNS's `loadbalance` plugin shuffles multi-address answers, which the traffic model
/// does with its seeded generator when it picks one (`TrafficEngine`).
public struct ClusterDNS: Sendable {
    public static let domain = "cluster.local"
    /// kube-dns's ClusterIP (cmd/kubeadm/app/constants `GetDNSIP`).
    public static let serverIP = ServiceAllocation.dnsServiceIP
    /// `options ndots:5` (pkg/kubelet/network/dns/dns.go `defaultDNSOptions`).
    static let ndots = 5

    let state: ClusterState
    /// The instant asked about: objects created after it do not answer yet. A script in a
    /// container (`until nslookup db; do …`) is worked out ahead of the clock from the state
    /// now, so the Service `db` created at 0:30 answers its lookups from 0:30 on.
    var asOf: VirtualTime?

    public init(state: ClusterState, asOf: VirtualTime? = nil) {
        self.state = state
        self.asOf = asOf
    }

    /// Whether `o` existed at `asOf` (always, without one).
    func existed(_ o: StoredObject) -> Bool {
        guard let asOf, let created = o.value["metadata"]?["creationTimestamp"]?.string.flatMap(VirtualTime.init(rfc3339:)) else { return true }
        return created <= asOf
    }

    /// One answer for an A query.
    public enum Answer: Equatable, Sendable {
        /// A records.
        case addresses([String])
        /// A CNAME and the addresses its target resolved to (none when it is outside the cluster).
        case alias(String, [String])
        case nxdomain
    }

    /// The search list of a pod in `namespace` (ClusterFirst).
    public static func searchList(namespace: String) -> [String] {
        ["\(namespace).svc.\(domain)", "svc.\(domain)", domain]
    }

    /// The names `getaddrinfo` tries, in order: with fewer than ndots dots the search list
    /// first and the name as written last; a name ending in `.` only as written.
    public static func candidates(_ name: String, namespace: String) -> [String] {
        if name.hasSuffix(".") { return [String(name.dropLast())] }
        let expanded = searchList(namespace: namespace).map { "\(name).\($0)" }
        return name.filter { $0 == "." }.count >= ndots ? [name] + expanded : expanded + [name]
    }

    /// `getaddrinfo` in a pod of `namespace`: the first candidate with an address, with the
    /// name it was found under. nil: no candidate resolves (`bad address`).
    public func resolve(_ name: String, from namespace: String) -> (name: String, addresses: [String])? {
        let lower = name.lowercased()
        if IPv4(lower) != nil { return (lower, [lower]) }
        for candidate in ClusterDNS.candidates(lower, namespace: namespace) {
            switch query(candidate) {
            case .addresses(let ips) where !ips.isEmpty: return (candidate, ips)
            case .alias(_, let ips) where !ips.isEmpty: return (candidate, ips)
            default: continue
            }
        }
        return nil
    }

    /// The answer to an A query for a fully qualified name (no trailing dot).
    public func query(_ fqdn: String, depth: Int = 0) -> Answer {
        let name = fqdn.lowercased()
        let suffix = "." + ClusterDNS.domain
        guard name.hasSuffix(suffix) else { return .nxdomain }
        let labels = name.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (labels.count, labels.last) {
        case (3, "svc"): return service(labels[0], namespace: labels[1], depth: depth)
        case (4, "svc"): return endpoint(labels[0], service: labels[1], namespace: labels[2])
        case (3, "pod"):
            // `pods insecure`: any dashed address is answered as is.
            let ip = labels[0].replacingAll("-", with: ".")
            return IPv4(ip) == nil ? .nxdomain : .addresses([ip])
        default: return .nxdomain
        }
    }

    func service(_ name: String, namespace: String, depth: Int) -> Answer {
        guard let svc = state[ObjectKey(resource: ServiceEndpoints.services, namespace: namespace, name: name)], existed(svc) else { return .nxdomain }
        let spec = svc.value["spec"]
        if spec?["type"]?.string == "ExternalName" {
            let target = (spec?["externalName"]?.string ?? "").lowercased()
            let trimmed = target.hasSuffix(".") ? String(target.dropLast()) : target
            guard depth < 8, case .addresses(let ips) = query(trimmed, depth: depth + 1) else { return .alias(trimmed, []) }
            return .alias(trimmed, ips)
        }
        if spec?["clusterIP"]?.string == "None" {
            let ips = endpointAddresses(service: name, namespace: namespace).map(\.ip)
            return ips.isEmpty ? .nxdomain : .addresses(ips)
        }
        let ip = spec?["clusterIP"]?.string ?? ""
        return ip.isEmpty ? .nxdomain : .addresses([ip])
    }

    /// `<hostname>.<service>.<ns>.svc.cluster.local`, or the endpoint's dashed address.
    func endpoint(_ host: String, service: String, namespace: String) -> Answer {
        for a in endpointAddresses(service: service, namespace: namespace) {
            if a.hostname == host || a.ip.replacingAll(".", with: "-") == host { return .addresses([a.ip]) }
        }
        return .nxdomain
    }

    /// The ready addresses of a Service's Endpoints, in their order.
    func endpointAddresses(service: String, namespace: String) -> [(ip: String, hostname: String)] {
        guard let ep = state[ObjectKey(resource: ServiceEndpoints.endpoints, namespace: namespace, name: service)], existed(ep) else { return [] }
        var out: [(ip: String, hostname: String)] = []
        for subset in ep.value["subsets"]?.sequence ?? [] {
            for a in subset["addresses"]?.sequence ?? [] {
                let ip = a["ip"]?.string ?? ""
                if !out.contains(where: { $0.ip == ip }) { out.append((ip, a["hostname"]?.string ?? "")) }
            }
        }
        return out
    }

    /// The PTR name of an address: a Service's ClusterIP, or an endpoint of a headless
    /// Service (its hostname, else its dashed address). nil when CoreDNS has no record.
    public func reverse(_ ip: String) -> String? {
        let services = state.list(ServiceEndpoints.services, namespace: nil).filter(existed).sorted { $0.key < $1.key }
        for svc in services where ServiceAllocation.clusterIPs(svc.value).contains(ip) {
            return "\(svc.name).\(svc.namespace).svc.\(ClusterDNS.domain)"
        }
        for svc in services where svc.value["spec"]?["clusterIP"]?.string == "None" {
            for a in endpointAddresses(service: svc.name, namespace: svc.namespace) where a.ip == ip {
                let host = a.hostname.isEmpty ? ip.replacingAll(".", with: "-") : a.hostname
                return "\(host).\(svc.name).\(svc.namespace).svc.\(ClusterDNS.domain)"
            }
        }
        return nil
    }

    /// The lines of a pod's `/etc/resolv.conf` as containerd writes them (search, nameserver,
    /// options: containerd pkg/cri `parseDNSOptions`).
    public static func resolvConf(namespace: String) -> String {
        "search \(searchList(namespace: namespace).joined(separator: " "))\nnameserver \(serverIP)\noptions ndots:\(ndots)\n"
    }
}
