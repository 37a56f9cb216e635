import YAML

/// printers.go `printService`, `printEndpoints`, `printEndpointSlice`, `printIngress`,
/// `printIngressClass`, `printNetworkPolicy`.
extension TableGenerator {
    static let service = Spec(columns: [name, Table.Column("Type"), Table.Column("Cluster-IP"), Table.Column("External-IP"),
                                        Table.Column("Port(s)"), age] + wide("Selector")) { o, now in
        let clusterIP = o.seq("spec", "clusterIPs").first?.string ?? "<none>"
        let ports = o.seq("spec", "ports").map { p -> String in
            let proto = p.str("protocol")
            let nodePort = p.int("nodePort")
            return nodePort > 0 ? "\(p.int("port")):\(nodePort)/\(proto)" : "\(p.int("port"))/\(proto)"
        }.joined(separator: ",")
        return [o.name, o.str("spec", "type"), clusterIP, serviceExternalIP(o), ports.nonEmpty ?? "<none>", age(o, now),
                GoFormat.labels(o.stringMap("spec", "selector"))]
    }

    /// `getServiceExternalIP` with wide = true (the apiserver always generates wide rows).
    static func serviceExternalIP(_ o: Value) -> String {
        let externalIPs = o.seq("spec", "externalIPs").compactMap(\.string)
        switch o.str("spec", "type") {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let lb = loadBalancerIngress(o.seq("status", "loadBalancer", "ingress"))
            if !externalIPs.isEmpty {
                return ((lb.isEmpty ? [] : lb.split(separator: ",").map(String.init)) + externalIPs).joined(separator: ",")
            }
            return lb.isEmpty ? "<pending>" : lb
        case "ExternalName":
            return o.str("spec", "externalName")
        default:
            return "<unknown>"
        }
    }

    /// `loadBalancerStatusStringer` (wide): sorted, de-duplicated IPs or hostnames.
    static func loadBalancerIngress(_ ingress: [Value]) -> String {
        let items = Set(ingress.compactMap { i -> String? in
            if !i.str("ip").isEmpty { return i.str("ip") }
            return i.str("hostname").nonEmpty
        })
        return items.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: ",")
    }

    static let endpoints = Spec(columns: [name, Table.Column("Endpoints"), age]) { o, now in
        [o.name, formatEndpoints(o), age(o, now)]
    }

    /// `formatEndpoints` with ports = nil: up to 3 `ip:port`, then ` + N more...`.
    static func formatEndpoints(_ o: Value) -> String {
        let subsets = o.seq("subsets")
        if subsets.isEmpty { return "<none>" }
        var list: [String] = []
        var more = false
        var count = 0
        for ss in subsets {
            let addresses = ss.seq("addresses")
            let ports = ss.seq("ports")
            if ports.isEmpty {
                count += addresses.count
                for a in addresses {
                    if list.count == 3 { more = true; break }
                    list.append(a.str("ip"))
                }
                continue
            }
            for p in ports {
                count += addresses.count
                for a in addresses {
                    if list.count == 3 { more = true; break }
                    let ip = a.str("ip")
                    list.append(ip.contains(":") ? "[\(ip)]:\(p.int("port"))" : "\(ip):\(p.int("port"))")
                }
            }
        }
        let ret = list.joined(separator: ",")
        return more ? "\(ret) + \(count - 3) more..." : ret
    }

    static let endpointSlice = Spec(columns: [name, Table.Column("AddressType"), Table.Column("Ports"), Table.Column("Endpoints"), age]) { o, now in
        var ports: [String] = []
        var portCount = 0
        for p in o.seq("ports") {
            if ports.count < 3 {
                ports.append(p["port"]?.int.map(String.init) ?? p["name"]?.string ?? "*")
            }
            portCount += 1
        }
        var addresses: [String] = []
        var addressCount = 0
        for e in o.seq("endpoints") {
            for a in e.seq("addresses") {
                if addresses.count < 3 { addresses.append(a.string ?? "") }
                addressCount += 1
            }
        }
        return [o.name, o.str("addressType"), listWithMore(ports, count: portCount), listWithMore(addresses, count: addressCount), age(o, now)]
    }

    /// `listWithMoreString` (max 3).
    static func listWithMore(_ list: [String], count: Int) -> String {
        let ret = list.joined(separator: ",")
        if count > 3 { return "\(ret) + \(count - 3) more..." }
        return ret.isEmpty ? "<unset>" : ret
    }

    static let ingress = Spec(columns: [name, Table.Column("Class"), Table.Column("Hosts"), Table.Column("Address"), Table.Column("Ports"), age]) { o, now in
        let rules = o.seq("spec", "rules")
        var hosts: [String] = []
        var more = false
        for r in rules {
            if hosts.count == 3 { more = true }
            if !more, !r.str("host").isEmpty { hosts.append(r.str("host")) }
        }
        var hostText = hosts.isEmpty ? "*" : hosts.joined(separator: ",")
        if more { hostText = "\(hostText) + \(rules.count - 3) more..." }
        let ports = o.seq("spec", "tls").isEmpty ? "80" : "80, 443"
        return [o.name, o.at("spec", "ingressClassName")?.string ?? "<none>", hostText,
                loadBalancerIngress(o.seq("status", "loadBalancer", "ingress")), ports, age(o, now)]
    }

    static let ingressClass = Spec(columns: [name, Table.Column("Controller"), Table.Column("Parameters"), age]) { o, now in
        var parameters = "<none>"
        if let p = o.at("spec", "parameters"), !p.isNull {
            parameters = p.str("kind")
            if let group = p["apiGroup"]?.string { parameters += "." + group }
            parameters += "/" + p.str("name")
        }
        return [o.name, o.str("spec", "controller"), parameters, age(o, now)]
    }

    static let networkPolicy = Spec(columns: [name, Table.Column("Pod-Selector"), age]) { o, now in
        [o.name, SelectorFormat.format(o.at("spec", "podSelector") ?? .mapping([])), age(o, now)]
    }
}
