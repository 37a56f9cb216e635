import YAML

// Ingress (networking.k8s.io/v1) validation. Source: pkg/apis/networking/validation/validation.go
// (ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
// validateIngressBackend).
extension Validation {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    static func ingress(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        let rules = spec["rules"]?.sequence ?? []
        if let backend = spec["defaultBackend"], !backend.isNull {
            errs += ingressBackend(backend, path.child("defaultBackend"))
        } else if rules.isEmpty {
            errs.append(.invalid(path, .raw("[]networking.IngressRule(nil)"), "either `defaultBackend` or `rules` must be specified"))
        }
        for (i, rule) in rules.enumerated() {
            let p = path.child("rules").index(i)
            if let host = rule["host"]?.string, !host.isEmpty {
                if host.hasPrefix("*.") {
                    if !Names.matchesDNS1123Subdomain(String(host.dropFirst(2))) {
                        errs.append(.invalid(p.child("host"), .string(host), Names.regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character", "\\*\\." + Names.dns1123SubdomainFmt, "*.example.com")))
                    }
                } else {
                    if host.split(separator: ".").count == 4, host.split(separator: ".").allSatisfy({ UInt8($0) != nil }) {
                        errs.append(.invalid(p.child("host"), .string(host), "must be a DNS name, not an IP address"))
                    }
                    errs += Names.dns1123Subdomain(host).map { .invalid(p.child("host"), .string(host), $0) }
                }
            }
            guard let http = rule["http"], !http.isNull else { continue }
            let hp = p.child("http")
            let paths = http["paths"]?.sequence ?? []
            if paths.isEmpty { errs.append(.required(hp.child("paths"))) }
            for (j, entry) in paths.enumerated() {
                errs += ingressPath(entry, hp.child("paths").index(j))
            }
        }
        return errs
    }

    static func ingressPath(_ entry: Value, _ p: FieldPath) -> [FieldError] {
        guard let pathType = entry["pathType"]?.string else {
            return [.required(p.child("pathType"), "pathType must be specified")]
        }
        var errs: [FieldError] = []
        let value = entry["path"]?.string ?? ""
        switch pathType {
        case "Exact", "Prefix":
            if !value.hasPrefix("/") { errs.append(.invalid(p.child("path"), .string(value), "must be an absolute path")) }
            if !value.isEmpty {
                for sequence in ["//", "/./", "/../", "%2f", "%2F"] where value.contains(sequence) {
                    errs.append(.invalid(p.child("path"), .string(value), "must not contain '\(sequence)'"))
                }
                for suffix in ["/..", "/."] where value.hasSuffix(suffix) {
                    errs.append(.invalid(p.child("path"), .string(value), "cannot end with '\(suffix)'"))
                }
            }
        case "ImplementationSpecific":
            if !value.isEmpty && !value.hasPrefix("/") {
                errs.append(.invalid(p.child("path"), .string(value), "must be an absolute path"))
            }
        default:
            errs.append(.notSupported(p.child("pathType"), .string(pathType), pathTypes))
        }
        return errs + ingressBackend(entry["backend"], p.child("backend"))
    }

    static func ingressBackend(_ backend: Value?, _ p: FieldPath) -> [FieldError] {
        let resource = !(backend?["resource"]?.isNull ?? true)
        guard let service = backend?["service"], !service.isNull else {
            return resource ? [] : [.invalid(p, .string(""), "resource or service backend is required")]
        }
        if resource { return [.invalid(p, .string(""), "cannot set both resource and service backends")] }
        var errs: [FieldError] = []
        let name = service["name"]?.string ?? ""
        if name.isEmpty {
            errs.append(.required(p.child("service", "name")))
        } else {
            errs += Names.dns1035Label(name).map { .invalid(p.child("service", "name"), .string(name), $0) }
        }
        let portName = service["port"]?["name"]?.string ?? ""
        let portNumber = service["port"]?["number"]?.int ?? 0
        if !portName.isEmpty && portNumber != 0 {
            errs.append(.invalid(p, .string(""), "cannot set both port name & port number"))
        } else if !portName.isEmpty {
            errs += Names.portName(portName).map { .invalid(p.child("service", "port", "name"), .string(portName), $0) }
        } else if portNumber != 0 {
            errs += Names.portNum(portNumber).map { .invalid(p.child("service", "port", "number"), .int(portNumber), $0) }
        } else {
            errs.append(.required(p, "port name or number is required"))
        }
        return errs
    }
}
