import YAML

/// describe.go `describeIngressV1`, `describeBackendV1`, `serviceBackendStringer`,
/// `formatEndpointSlices`, `describeIngressTLSV1`.
///
/// `related` holds the Services and EndpointSlices of the Ingress's namespace. A backend
/// shows as `web:http (10.244.1.2:80,10.244.2.2:80)`: the ready endpoints of the Service port
/// it names (three at most, then `+ N more...`), `()` when there are none, and `(<error:
/// services "x" not found>)` for a Service that does not exist.
extension Describer {
    static func ingress(_ o: Value, related: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.write(0, "Namespace:\t\(o.namespace)\n")
        let address = o.seq("status", "loadBalancer", "ingress").map { $0.str("ip").nonEmpty ?? $0.str("hostname") }
        w.write(0, "Address:\t\(address.joined(separator: ","))\n")
        w.write(0, "Ingress Class:\t\(o.str("spec", "ingressClassName").nonEmpty ?? "<none>")\n")
        var defaultBackend = "<default>"
        if let def = o.at("spec", "defaultBackend"), !def.isNull { defaultBackend = backend(def, related: related) }
        w.write(0, "Default backend:\t\(defaultBackend)\n")
        let tls = o.seq("spec", "tls")
        if !tls.isEmpty {
            w.write(0, "TLS:\n")
            for t in tls {
                let hosts = t.seq("hosts").compactMap(\.string).joined(separator: ",")
                if let secret = t.str("secretName").nonEmpty { w.write(1, "\(secret) terminates \(hosts)\n") } else { w.write(1, "SNI routes \(hosts)\n") }
            }
        }
        w.write(0, "Rules:\n  Host\tPath\tBackends\n")
        w.write(1, "----\t----\t--------\n")
        var count = 0
        for rule in o.seq("spec", "rules") {
            guard let http = rule["http"], !http.isNull else { continue }
            count += 1
            w.write(1, "\(rule.str("host").nonEmpty ?? "*")\t\n")
            for path in http.seq("paths") {
                w.write(2, "\t\(path.str("path")) \t\(backend(path["backend"] ?? .null, related: related))\n")
            }
        }
        if count == 0 { w.write(1, "*\t*\t\(defaultBackend)\n") }
        w.annotations(o.stringMap("metadata", "annotations"))
    }

    static func backend(_ b: Value, related: [Value]) -> String {
        guard let service = b["service"], !service.isNull else {
            guard let r = b["resource"], !r.isNull else { return "" }
            return "APIGroup: \(r.str("apiGroup").nonEmpty ?? "<none>"), Kind: \(r.str("kind")), Name: \(r.str("name"))"
        }
        let name = service.str("name")
        let number = service.int("port", "number")
        let stringer = "\(name):\(number != 0 ? String(number) : service.str("port", "name"))"
        guard let svc = related.first(where: { $0.str("kind") == "Service" && $0.name == name }) else {
            return "\(stringer) (<error: services \"\(name)\" not found>)"
        }
        var portName = ""
        for sp in svc.seq("spec", "ports") {
            if number != 0 && number == sp.int("port") { portName = sp.str("name") } else if !service.str("port", "name").isEmpty && service.str("port", "name") == sp.str("name") { portName = sp.str("name") }
        }
        let slices = related.filter { $0.str("kind") == "EndpointSlice" && $0.stringMap("metadata", "labels").contains { $0.key == "kubernetes.io/service-name" && $0.value == name } }
        return "\(stringer) (\(endpointSlices(slices, port: portName)))"
    }

    /// `formatEndpointSlices` for one port name: ready endpoints, three at most.
    static func endpointSlices(_ slices: [Value], port name: String) -> String {
        if slices.isEmpty { return "<none>" }
        var list: [String] = []
        var count = 0
        for slice in slices {
            for p in slice.seq("ports") where p.str("name") == name {
                for e in slice.seq("endpoints") {
                    if e.at("conditions", "ready")?.bool == false { continue }
                    count += 1
                    if list.count < 3, let address = e.seq("addresses").first?.string { list.append("\(address):\(p.int("port"))") }
                }
            }
        }
        return list.joined(separator: ",") + (count > 3 ? " + \(count - 3) more..." : "")
    }
}
