import YAML

// Probes and resources. Source: pkg/apis/core/validation/validation.go (validateProbe,
// validateLivenessProbe/validateStartupProbe's "must be 1", validateHandler,
// ValidatePortNumOrName, validateHTTPGetAction, ValidateResourceRequirements,
// validateContainerResourceName, validateResourceName).
extension Validation {
    static func probe(_ value: Value?, _ path: FieldPath, mustSucceedOnce: Bool) -> [FieldError] {
        guard let probe = value, !probe.isNull else { return [] }
        var errs = handler(probe, path)
        for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            errs += nonNegative(probe[field], path.child(field))
        }
        if let grace = probe["terminationGracePeriodSeconds"]?.int, grace <= 0 {
            errs.append(.invalid(path.child("terminationGracePeriodSeconds"), .int(grace), "must be greater than 0"))
        }
        if mustSucceedOnce, let success = probe["successThreshold"]?.int, success != 1 {
            errs.append(.invalid(path.child("successThreshold"), .int(success), "must be 1"))
        }
        return errs
    }

    /// Exactly one of exec, httpGet, tcpSocket, grpc: every extra one is Forbidden, none is
    /// Required.
    static func handler(_ probe: Value, _ path: FieldPath) -> [FieldError] {
        var count = 0
        var errs: [FieldError] = []
        for kind in ["exec", "httpGet", "tcpSocket", "grpc"] {
            guard let h = probe[kind], !h.isNull else { continue }
            if count > 0 {
                errs.append(.forbidden(path.child(kind), "may not specify more than 1 handler type"))
                continue
            }
            count += 1
            let p = path.child(kind)
            switch kind {
            case "exec":
                if h["command"]?.isEmptyCollection ?? true { errs.append(.required(p.child("command"))) }
            case "httpGet":
                if (h["path"]?.string ?? "").isEmpty { errs.append(.required(p.child("path"))) }
                errs += portNumOrName(h["port"], p.child("port"))
                let scheme = h["scheme"]?.string ?? ""
                if scheme != "HTTP" && scheme != "HTTPS" {
                    errs.append(.notSupported(p.child("scheme"), .string(scheme), ["HTTP", "HTTPS"]))
                }
            case "tcpSocket":
                errs += portNumOrName(h["port"], p.child("port"))
            default:
                if let port = h["port"]?.int {
                    errs += Names.portNum(port).map { .invalid(p.child("port"), .int(port), $0) }
                }
            }
        }
        if count == 0 { errs.append(.required(path, "must specify a handler type")) }
        return errs
    }

    /// `ValidatePortNumOrName` on an IntOrString.
    static func portNumOrName(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        if let name = value?.string {
            return Names.portName(name).map { .invalid(path, .string(name), $0) }
        }
        let number = value?.int ?? 0
        return Names.portNum(number).map { .invalid(path, .int(number), $0) }
    }

    static let standardContainerResources: Set<String> = ["cpu", "memory", "ephemeral-storage"]
    static let standardResources: Set<String> = [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
        "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    ]

    static func resources(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        guard let resources = value, !resources.isNull else { return [] }
        var errs: [FieldError] = []
        let limits = resources["limits"]?.mapping ?? []
        let requests = resources["requests"]?.mapping ?? []
        for (section, list) in [("limits", limits), ("requests", requests)] {
            for pair in list {
                let name = pair.key.string ?? ""
                let p = path.child(section).key(name)
                errs += resourceName(name, p)
                if let q = Validation.quantity(pair.value), q < Validation.zeroQuantity {
                    errs.append(.invalid(p, .string(q.canonical), isNegative))
                }
            }
        }
        let requestsPath = path.child("requests")
        for pair in requests {
            guard let name = pair.key.string,
                  let limitValue = limits.last(where: { $0.key.string == name })?.value,
                  let request = Validation.quantity(pair.value), let limit = Validation.quantity(limitValue) else { continue }
            let overcommit = !name.hasPrefix("hugepages-") && !(name.contains("/") && !name.hasPrefix("kubernetes.io/"))
            if request != limit && !overcommit {
                errs.append(.invalid(requestsPath, .string(request.canonical), "must be equal to \(name) limit of \(limit.canonical)"))
            } else if request > limit {
                errs.append(.invalid(requestsPath, .string(request.canonical), "must be less than or equal to \(name) limit of \(limit.canonical)"))
            }
        }
        return errs
    }

    static func resourceName(_ name: String, _ path: FieldPath) -> [FieldError] {
        var errs = Names.qualifiedName(name).map { FieldError.invalid(path, .string(name), $0) }
        if !errs.isEmpty { return errs }
        if !name.contains("/") {
            if !standardResources.contains(name) && !name.hasPrefix("hugepages-") {
                errs.append(.invalid(path, .string(name), "must be a standard resource type or fully qualified"))
            }
            if !standardContainerResources.contains(name) && !name.hasPrefix("hugepages-") {
                errs.append(.invalid(path, .string(name), "must be a standard resource for containers"))
            }
        }
        return errs
    }
}
