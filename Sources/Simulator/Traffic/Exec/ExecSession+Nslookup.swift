import YAML

/// busybox `nslookup` (networking/nslookup.c), in its two shapes.
///
/// Busybox 1.29 and later (`FEATURE_NSLOOKUP_BIG`, the musl-compatible rewrite) send an A and
/// an AAAA query for the name, under each search domain when it has no dot at all
/// (`add_query_with_search`; it does not apply ndots: `web.prod` is asked as written), and
/// print each answer as it comes: `Name:\tNAME` / `Address: IP`, `NAME\tcanonical name = X`,
/// `** server can't find NAME: NXDOMAIN`, after a `Server:\t\t10.96.0.10` /
/// `Address:\t10.96.0.10:53` header; with no reply at all `;; connection timed out; no servers
/// could be reached` and exit 1. Here the answers come in the order asked (A first).
///
/// Busybox 1.28 (the version the Kubernetes DNS debugging page recommends) used libc's
/// resolver (search list and ndots included) and printed `Server:    10.96.0.10` /
/// `Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local`, then `Name:      web` /
/// `Address 1: 10.96.45.12 web.default.svc.cluster.local`, or `nslookup: can't resolve 'web'`
/// with exit 1.
extension ExecSession {
    /// busybox images tagged 1.28.x carry the old applet.
    var oldNslookup: Bool { ExecSession.usesOldNslookup(container: container, image: image) }

    static func usesOldNslookup(container: Value, image: ImageCatalog.Image) -> Bool {
        let tag = ImageCatalog.reference(container["image"]?.string ?? "").tag
        return image.repository == "busybox" && (tag == "1.28" || tag.hasPrefix("1.28."))
    }

    func nslookup(_ args: [String], cluster: Cluster) -> Output {
        ExecSession.nslookup(args, pod: pod, old: oldNslookup, dns: ClusterDNS(state: ClusterState(store: cluster.api.store)))
    }

    /// The applet in `pod`, asking `dns` (at its `asOf` instant when a container's script runs
    /// it ahead of the clock).
    static func nslookup(_ args: [String], pod: StoredObject, old oldNslookup: Bool, dns: ClusterDNS) -> Output {
        let names = args.filter { !$0.hasPrefix("-") }
        guard let name = names.first else {
            return Output(err: "BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n", code: 1)
        }
        let state = dns.state
        let client = TrafficPeers.pod(pod, state: state)
        let reachable = NetworkPolicyEvaluator(state: state).verdict(from: client, to: TrafficPeers.coreDNS(state: state), port: 53, proto: "UDP").allowed
        let server = ClusterDNS.serverIP
        if oldNslookup {
            var o = Output()
            let serverName = reachable ? dns.reverse(server).map { " " + $0 } ?? "" : ""
            o.out = "Server:    \(server)\nAddress 1: \(server)\(serverName)\n\n"
            guard reachable, let found = dns.resolve(name, from: pod.namespace) else {
                o.err = "nslookup: can't resolve '\(name)'\n"
                o.code = 1
                return o
            }
            o.out += "Name:      \(name)\n"
            for (i, ip) in found.addresses.enumerated() {
                o.out += "Address \(i + 1): \(ip)\(dns.reverse(ip).map { " " + $0 } ?? "")\n"
            }
            return o
        }
        guard reachable else { return Output(out: ";; connection timed out; no servers could be reached\n\n", code: 1) }
        var out = "Server:\t\t\(server)\nAddress:\t\(server):53\n\n"
        if IPv4(name) != nil {
            let ptr = name.split(separator: ".").reversed().joined(separator: ".") + ".in-addr.arpa"
            if let host = dns.reverse(name) { out += "\(ptr)\tname = \(host)\n\n" } else { out += "** server can't find \(ptr): NXDOMAIN\n\n" }
            return Output(out: out)
        }
        let queries = name.contains(".") ? [name] : ClusterDNS.searchList(namespace: pod.namespace).map { "\(name).\($0)" }
        for aaaa in [false, true] {
            for q in queries {
                switch dns.query(q.hasSuffix(".") ? String(q.dropLast()) : q) {
                case .nxdomain: out += "** server can't find \(q): NXDOMAIN\n"
                case .addresses(let ips): if !aaaa { out += ips.map { "Name:\t\(q)\nAddress: \($0)\n" }.joined() }
                case .alias(let target, let ips):
                    out += "\(q)\tcanonical name = \(target)\n"
                    if !aaaa { out += ips.map { "Name:\t\(target)\nAddress: \($0)\n" }.joined() }
                }
                out += "\n"
            }
        }
        return Output(out: out)
    }
}
