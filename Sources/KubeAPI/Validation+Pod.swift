import YAML

// Pod and pod-spec validation. Source: pkg/apis/core/validation/validation.go (ValidatePod,
// ValidatePodTemplateSpec, ValidatePodSpec, validateVolumes, validateRestartPolicy,
// validateDNSPolicy). Only the commonly written fields are checked.
extension Validation {
    static func pod(_ object: Value) -> [FieldError] {
        objectMeta(object, rule: .dns1123Subdomain)
            + podSpec(object["spec"] ?? .mapping([]), FieldPath("spec"))
    }

    /// `ValidatePodTemplateSpec`: template labels and annotations, then the pod spec.
    static func podTemplate(_ template: Value?, _ path: FieldPath) -> [FieldError] {
        let meta = template?["metadata"]
        return Labels.validate(meta?["labels"], path.child("labels"))
            + Labels.validateAnnotations(meta?["annotations"], path.child("annotations"))
            + podSpec(template?["spec"] ?? .mapping([]), path.child("spec"))
    }

    static func podSpec(_ spec: Value, _ path: FieldPath) -> [FieldError] {
        let (volumeNames, volumeErrors) = volumes(spec["volumes"], path.child("volumes"))
        var errs = volumeErrors
        errs += containers(spec["containers"], volumes: volumeNames, path.child("containers"))
        errs += initContainers(spec["initContainers"], volumes: volumeNames, path.child("initContainers"))
        errs += restartPolicy(spec["restartPolicy"], path.child("restartPolicy"))
        let dns = spec["dnsPolicy"]?.string ?? ""
        let dnsValues = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
        if dns.isEmpty {
            errs.append(.required(path.child("dnsPolicy")))
        } else if !dnsValues.contains(dns) {
            errs.append(.notSupported(path.child("dnsPolicy"), .string(dns), dnsValues))
        }
        errs += Labels.validate(spec["nodeSelector"], path.child("nodeSelector"))
        if let sa = spec["serviceAccountName"]?.string, !sa.isEmpty {
            errs += Names.dns1123Subdomain(sa).map { .invalid(path.child("serviceAccountName"), .string(sa), $0) }
        }
        if let deadline = spec["activeDeadlineSeconds"]?.int, deadline < 1 || deadline > Int64(Int32.max) {
            errs.append(.invalid(path.child("activeDeadlineSeconds"), .int(deadline), Names.inclusiveRangeError(1, Int(Int32.max))))
        }
        for field in ["hostname", "subdomain"] {
            if let v = spec[field]?.string, !v.isEmpty {
                errs += Names.dns1123Label(v).map { .invalid(path.child(field), .string(v), $0) }
            }
        }
        return errs
    }

    static func restartPolicy(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        let policy = value?.string ?? ""
        switch policy {
        case "Always", "OnFailure", "Never": return []
        case "": return [.required(path)]
        default: return [.notSupported(path, .string(policy), ["Always", "OnFailure", "Never"])]
        }
    }

    static let volumeSourceKeys = Defaults.volumeSources.sorted()

    /// `validateVolumes`: names are DNS-1123 labels and unique; exactly one source; the usual
    /// required references.
    static func volumes(_ value: Value?, _ path: FieldPath) -> (Set<String>, [FieldError]) {
        var names: Set<String> = []
        var errs: [FieldError] = []
        for (i, volume) in (value?.sequence ?? []).enumerated() {
            let p = path.index(i)
            let sources = volume.mappingKeys.filter { Defaults.volumeSources.contains($0) && !(volume[$0]?.isNull ?? true) }
            if sources.isEmpty {
                errs.append(.required(p, "must specify a volume type"))
            }
            for extra in sources.dropFirst() {
                errs.append(.forbidden(p.child(extra), "may not specify more than 1 volume type"))
            }
            if let cm = volume["configMap"], !cm.isNull, cm["name"]?.isZeroScalar ?? true {
                errs.append(.required(p.child("configMap", "name")))
            }
            if let secret = volume["secret"], !secret.isNull, secret["secretName"]?.isZeroScalar ?? true {
                errs.append(.required(p.child("secret", "secretName")))
            }
            if let claim = volume["persistentVolumeClaim"], !claim.isNull, claim["claimName"]?.isZeroScalar ?? true {
                errs.append(.required(p.child("persistentVolumeClaim", "claimName")))
            }
            if let hostPath = volume["hostPath"], !hostPath.isNull, hostPath["path"]?.isZeroScalar ?? true {
                errs.append(.required(p.child("hostPath", "path")))
            }
            let name = volume["name"]?.string ?? ""
            if name.isEmpty {
                errs.append(.required(p.child("name")))
            } else {
                errs += Names.dns1123Label(name).map { .invalid(p.child("name"), .string(name), $0) }
            }
            if names.contains(name) {
                errs.append(.duplicate(p.child("name"), .string(name)))
            } else {
                names.insert(name)
            }
        }
        return (names, errs)
    }
}
