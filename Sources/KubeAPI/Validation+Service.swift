import YAML

// Service validation. Source: pkg/apis/core/validation/validation.go (ValidateService,
// validateServicePort; names are DNS-1035 labels, ValidateServiceName) and the node-port range
// check of pkg/registry/core/service/portallocator (ErrNotInRange), which the registry reports
// as a field error on create with the default --service-node-port-range 30000-32767.
extension Validation {
    static let serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]

    static func service(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1035Label)
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        let type = spec["type"]?.string ?? ""
        let headless = spec["clusterIP"] == "None"
        let ports = spec["ports"]?.sequence ?? []
        if ports.isEmpty && !headless && type != "ExternalName" {
            errs.append(.required(path.child("ports")))
        }
        switch type {
        case "LoadBalancer", "NodePort":
            if headless {
                errs.append(.invalid(path.child("clusterIPs").index(0), .string("None"), "may not be set to 'None' for \(type) services"))
            }
        case "ExternalName":
            let cname = spec["externalName"]?.string.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? ""
            if cname.isEmpty {
                errs.append(.required(path.child("externalName")))
            } else {
                errs += Names.dns1123Subdomain(cname).map { .invalid(path.child("externalName"), .string(cname), $0) }
            }
        default: break
        }
        var names: Set<String> = []
        for (i, port) in ports.enumerated() {
            errs += servicePort(port, requireName: ports.count > 1, names: &names, path.child("ports").index(i))
        }
        errs += Labels.validate(spec["selector"], path.child("selector"))
        let affinity = spec["sessionAffinity"]?.string ?? ""
        if affinity.isEmpty {
            errs.append(.required(path.child("sessionAffinity")))
        } else if affinity != "ClientIP" && affinity != "None" {
            errs.append(.notSupported(path.child("sessionAffinity"), .string(affinity), ["ClientIP", "None"]))
        }
        if type.isEmpty {
            errs.append(.required(path.child("type")))
        } else if !serviceTypes.contains(type) {
            errs.append(.notSupported(path.child("type"), .string(type), serviceTypes))
        }
        if type == "ClusterIP" {
            for (i, port) in ports.enumerated() where (port["nodePort"]?.int ?? 0) != 0 {
                errs.append(.forbidden(path.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
            }
        }
        var seenNodePorts: Set<String> = []
        var seenPorts: Set<String> = []
        for (i, port) in ports.enumerated() {
            let proto = port["protocol"]?.string ?? ""
            if let nodePort = port["nodePort"]?.int, nodePort != 0 {
                if !seenNodePorts.insert("\(proto)/\(nodePort)").inserted {
                    errs.append(.duplicate(path.child("ports").index(i).child("nodePort"), .int(nodePort)))
                }
            }
            let number = port["port"]?.int ?? 0
            if !seenPorts.insert("\(proto)/\(number)").inserted {
                let key = "core.ServicePort{Name:\"\", Protocol:\(GoValue.quote(proto)), AppProtocol:(*string)(nil), Port:\(number), TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"
                errs.append(.duplicate(path.child("ports").index(i), .raw(key)))
            }
        }
        if type == "NodePort" || type == "LoadBalancer" {
            for (i, port) in ports.enumerated() {
                if let nodePort = port["nodePort"]?.int, nodePort != 0, !(30000...32767).contains(nodePort) {
                    errs.append(.invalid(path.child("ports").index(i).child("nodePort"), .int(nodePort), "provided port is not in the valid range. The range of valid ports is 30000-32767"))
                }
            }
        }
        return errs
    }

    static func servicePort(_ port: Value, requireName: Bool, names: inout Set<String>, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let name = port["name"]?.string ?? ""
        if requireName && name.isEmpty {
            errs.append(.required(path.child("name")))
        } else if !name.isEmpty {
            errs += Names.dns1123Label(name).map { .invalid(path.child("name"), .string(name), $0) }
            if !names.insert(name).inserted { errs.append(.duplicate(path.child("name"), .string(name))) }
        }
        let number = port["port"]?.int ?? 0
        errs += Names.portNum(number).map { .invalid(path.child("port"), .int(number), $0) }
        errs += portProtocol(port["protocol"], path.child("protocol"))
        errs += portNumOrName(port["targetPort"], path.child("targetPort"))
        return errs
    }
}
