import YAML

// Container validation. Source: pkg/apis/core/validation/validation.go (validateContainers,
// validateInitContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
// validateEnvVarValueFrom, ValidateVolumeMounts, validatePullPolicy, validateProbe,
// validateHandler, ValidatePortNumOrName, ValidateResourceRequirements).
extension Validation {
    static func containers(_ value: Value?, volumes: Set<String>, _ path: FieldPath) -> [FieldError] {
        let list = value?.sequence ?? []
        if list.isEmpty { return [.required(path)] }
        var names: Set<String> = []
        var errs: [FieldError] = []
        for (i, c) in list.enumerated() {
            let p = path.index(i)
            errs += containerCommon(c, volumes: volumes, p)
            let name = c["name"]?.string ?? ""
            if names.contains(name) {
                errs.append(.duplicate(p.child("name"), .string(name)))
            } else {
                names.insert(name)
            }
            errs += probe(c["livenessProbe"], p.child("livenessProbe"), mustSucceedOnce: true)
            errs += probe(c["readinessProbe"], p.child("readinessProbe"), mustSucceedOnce: false)
            errs += probe(c["startupProbe"], p.child("startupProbe"), mustSucceedOnce: true)
        }
        return errs
    }

    static func initContainers(_ value: Value?, volumes: Set<String>, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var names: Set<String> = []
        for (i, c) in (value?.sequence ?? []).enumerated() {
            let p = path.index(i)
            errs += containerCommon(c, volumes: volumes, p)
            let name = c["name"]?.string ?? ""
            if names.contains(name) { errs.append(.duplicate(p.child("name"), .string(name))) } else { names.insert(name) }
            // Plain init containers run to completion: no probes (sidecars, with
            // restartPolicy Always, may have them).
            if c["restartPolicy"] != "Always" {
                for probe in ["livenessProbe", "readinessProbe", "startupProbe"] where !(c[probe]?.isNull ?? true) {
                    errs.append(.forbidden(p.child(probe), "may not be set for init containers without restartPolicy=Always"))
                }
            }
        }
        return errs
    }

    static func containerCommon(_ c: Value, volumes: Set<String>, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let name = c["name"]?.string ?? ""
        if name.isEmpty {
            errs.append(.required(p.child("name")))
        } else {
            errs += Names.dns1123Label(name).map { .invalid(p.child("name"), .string(name), $0) }
        }
        if (c["image"]?.string ?? "").isEmpty { errs.append(.required(p.child("image"))) }
        let tmp = c["terminationMessagePolicy"]?.string ?? ""
        if tmp.isEmpty {
            errs.append(.required(p.child("terminationMessagePolicy")))
        } else if tmp != "File" && tmp != "FallbackToLogsOnError" {
            errs.append(.notSupported(p.child("terminationMessagePolicy"), .string(tmp), ["File", "FallbackToLogsOnError"]))
        }
        errs += containerPorts(c["ports"], p.child("ports"))
        errs += env(c["env"], p.child("env"))
        errs += volumeMounts(c["volumeMounts"], volumes: volumes, p.child("volumeMounts"))
        let pull = c["imagePullPolicy"]?.string ?? ""
        if pull.isEmpty {
            errs.append(.required(p.child("imagePullPolicy")))
        } else if !["Always", "IfNotPresent", "Never"].contains(pull) {
            errs.append(.notSupported(p.child("imagePullPolicy"), .string(pull), ["Always", "IfNotPresent", "Never"]))
        }
        errs += resources(c["resources"], p.child("resources"))
        return errs
    }

    static func containerPorts(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var names: Set<String> = []
        for (i, port) in (value?.sequence ?? []).enumerated() {
            let p = path.index(i)
            if let name = port["name"]?.string, !name.isEmpty {
                let msgs = Names.portName(name)
                if !msgs.isEmpty {
                    errs += msgs.map { .invalid(p.child("name"), .string(name), $0) }
                } else if names.contains(name) {
                    errs.append(.duplicate(p.child("name"), .string(name)))
                } else {
                    names.insert(name)
                }
            }
            let containerPort = port["containerPort"]?.int ?? 0
            if containerPort == 0 {
                errs.append(.required(p.child("containerPort")))
            } else {
                errs += Names.portNum(containerPort).map { .invalid(p.child("containerPort"), .int(containerPort), $0) }
            }
            if let hostPort = port["hostPort"]?.int, hostPort != 0 {
                errs += Names.portNum(hostPort).map { .invalid(p.child("hostPort"), .int(hostPort), $0) }
            }
            errs += portProtocol(port["protocol"], p.child("protocol"))
        }
        return errs
    }

    static func portProtocol(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        let proto = value?.string ?? ""
        if proto.isEmpty { return [.required(path)] }
        if !["SCTP", "TCP", "UDP"].contains(proto) { return [.notSupported(path, .string(proto), ["SCTP", "TCP", "UDP"])] }
        return []
    }

    static func env(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, variable) in (value?.sequence ?? []).enumerated() {
            let p = path.index(i)
            let name = variable["name"]?.string ?? ""
            if name.isEmpty { errs.append(.required(p.child("name"))) }
            errs += Names.relaxedEnvVarName(name).map { .invalid(p.child("name"), .string(name), $0) }
            guard let from = variable["valueFrom"], !from.isNull else { continue }
            let vp = p.child("valueFrom")
            let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter { !(from[$0]?.isNull ?? true) }
            for source in sources where source == "configMapKeyRef" || source == "secretKeyRef" {
                let ref = from[source] ?? .null
                if (ref["key"]?.string ?? "").isEmpty {
                    errs.append(.required(vp.child(source, "key")))
                } else {
                    let key = ref["key"]?.string ?? ""
                    errs += Names.configMapKey(key).map { .invalid(vp.child(source, "key"), .string(key), $0) }
                }
            }
            if sources.isEmpty {
                errs.append(.invalid(vp, .string(""), "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
            } else if !(variable["value"]?.string ?? "").isEmpty {
                errs.append(.invalid(vp, .string(""), "may not be specified when `value` is not empty"))
            } else if sources.count > 1 {
                errs.append(.invalid(vp, .string(""), "may not have more than one field specified at a time"))
            }
        }
        return errs
    }

    static func volumeMounts(_ value: Value?, volumes: Set<String>, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var mountPoints: Set<String> = []
        for (i, mount) in (value?.sequence ?? []).enumerated() {
            let p = path.index(i)
            let name = mount["name"]?.string ?? ""
            if name.isEmpty { errs.append(.required(p.child("name"))) }
            if !volumes.contains(name) {
                errs.append(FieldError(type: .notFound, field: p.child("name").rendered, badValue: .string(name)))
            }
            let mountPath = mount["mountPath"]?.string ?? ""
            if mountPath.isEmpty { errs.append(.required(p.child("mountPath"))) }
            if mountPoints.contains(mountPath) {
                errs.append(.invalid(p.child("mountPath"), .string(mountPath), "must be unique"))
            }
            mountPoints.insert(mountPath)
        }
        return errs
    }
}
