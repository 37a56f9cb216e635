import YAML

// Workload validation. Source: pkg/apis/apps/validation/validation.go (ValidateDeployment,
// ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
// ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec,
// ValidatePodTemplateSpecForStatefulSet, ValidateDaemonSetSpec). Names: ValidateDeploymentName,
// ValidateReplicaSetName and ValidateDaemonSetName are DNS-1123 subdomains;
// ValidateStatefulSetName is a DNS-1123 label (pod hostnames are `<name>-<ordinal>`).
extension Validation {
    static let selectorMismatch = "`selector` does not match template `labels`"

    static func deployment(_ o: Value) -> [FieldError] {
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        errs += nonNegative(spec["replicas"], path.child("replicas"))
        errs += requiredSelector(spec["selector"], path.child("selector"), kind: "deployment")
        errs += templateForReplicaSet(spec, path)
        errs += deploymentStrategy(spec["strategy"], path.child("strategy"))
        errs += nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        errs += nonNegative(spec["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
        if let deadline = spec["progressDeadlineSeconds"]?.int {
            errs += nonNegative(.int(deadline), path.child("progressDeadlineSeconds"))
            if deadline <= spec["minReadySeconds"]?.int ?? 0 {
                errs.append(.invalid(path.child("progressDeadlineSeconds"), .int(deadline), "must be greater than minReadySeconds"))
            }
        }
        return errs
    }

    static func replicaSet(_ o: Value) -> [FieldError] {
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        errs += nonNegative(spec["replicas"], path.child("replicas"))
        errs += nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        // Upstream's ReplicaSet check reuses the Deployment wording.
        errs += requiredSelector(spec["selector"], path.child("selector"), kind: "deployment")
        errs += templateForReplicaSet(spec, path)
        return errs
    }

    static func statefulSet(_ o: Value) -> [FieldError] {
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        var errs = objectMeta(o, rule: .dns1123Label)
        let policy = spec["podManagementPolicy"]?.string ?? ""
        if policy.isEmpty {
            errs.append(.required(path.child("podManagementPolicy")))
        } else if policy != "OrderedReady" && policy != "Parallel" {
            errs.append(.invalid(path.child("podManagementPolicy"), .string(policy), "must be 'OrderedReady' or 'Parallel'"))
        }
        let strategy = spec["updateStrategy"]
        switch strategy?["type"]?.string ?? "" {
        case "": errs.append(.required(path.child("updateStrategy")))
        case "OnDelete":
            if !(strategy?["rollingUpdate"]?.isNull ?? true) {
                errs.append(.invalid(path.child("updateStrategy", "rollingUpdate"), .raw("&apps.RollingUpdateStatefulSetStrategy{…}"), "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            errs += nonNegative(strategy?["rollingUpdate"]?["partition"], path.child("updateStrategy", "rollingUpdate", "partition"))
        case let other:
            errs.append(.invalid(path.child("updateStrategy"), .raw("apps.StatefulSetUpdateStrategy{Type:\(GoValue.quote(other)), RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}"), "must be 'RollingUpdate' or 'OnDelete'"))
        }
        errs += nonNegative(spec["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
        errs += nonNegative(spec["replicas"], path.child("replicas"))
        errs += nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        errs += requiredSelector(spec["selector"], path.child("selector"), kind: "statefulset")
        let template = spec["template"]
        let templatePath = path.child("template")
        errs += templateMatches(spec["selector"], template, templatePath)
        // The pod spec sees the claim templates as volumes.
        var withClaims = template?["spec"] ?? .mapping([])
        var volumes = withClaims["volumes"]?.sequence ?? []
        for claim in spec["volumeClaimTemplates"]?.sequence ?? [] {
            volumes.append(["name": claim["metadata"]?["name"] ?? "", "persistentVolumeClaim": ["claimName": "template"]])
        }
        if !volumes.isEmpty { withClaims.set("volumes", .sequence(volumes)) }
        var templateWithClaims = template ?? .mapping([])
        templateWithClaims.set("spec", withClaims)
        errs += podTemplate(templateWithClaims, templatePath)
        errs += onlyRestartAlways(template, templatePath, kind: "StatefulSet")
        return errs
    }

    static func daemonSet(_ o: Value) -> [FieldError] {
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        errs += Labels.validateSelector(spec["selector"], path.child("selector"))
        let labels = spec["template"]?["metadata"]?["labels"]
        if Labels.selects(spec["selector"], labels?.stringMap ?? [:]) == false {
            errs.append(.invalid(path.child("template", "metadata", "labels"), .stringMap(labels?.stringMap), selectorMismatch))
        }
        if let selector = spec["selector"], !selector.isNull, Labels.isEmptySelector(selector) {
            errs.append(.invalid(path.child("selector"), GoValue.labelSelector(selector), "empty selector is invalid for daemonset"))
        }
        errs += podTemplate(spec["template"], path.child("template"))
        errs += onlyRestartAlways(spec["template"], path.child("template"), kind: "DaemonSet")
        errs += nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        errs += nonNegative(spec["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
        return errs
    }

    // MARK: Shared pieces

    /// Selector required, valid and not empty (Deployment, ReplicaSet, StatefulSet).
    static func requiredSelector(_ selector: Value?, _ path: FieldPath, kind: String) -> [FieldError] {
        guard let selector, !selector.isNull else { return [.required(path)] }
        var errs = Labels.validateSelector(selector, path)
        if Labels.isEmptySelector(selector) {
            errs.append(.invalid(path, GoValue.labelSelector(selector), "empty selector is invalid for \(kind)"))
        }
        return errs
    }

    /// The selector/labels match check, skipped for an empty selector (which selects
    /// everything); a missing selector selects nothing and so never matches.
    static func templateMatches(_ selector: Value?, _ template: Value?, _ path: FieldPath) -> [FieldError] {
        let labels = template?["metadata"]?["labels"]?.stringMap
        if let selector, !selector.isNull, Labels.isEmptySelector(selector) { return [] }
        if Labels.selects(selector, labels ?? [:]) == false {
            return [.invalid(path.child("metadata", "labels"), .stringMap(labels), selectorMismatch)]
        }
        return []
    }

    /// `ValidatePodTemplateSpecForReplicaSet`.
    static func templateForReplicaSet(_ spec: Value, _ path: FieldPath) -> [FieldError] {
        let template = spec["template"]
        let templatePath = path.child("template")
        return templateMatches(spec["selector"], template, templatePath)
            + podTemplate(template, templatePath)
            + onlyRestartAlways(template, templatePath, kind: "ReplicaSet")
    }

    static func onlyRestartAlways(_ template: Value?, _ path: FieldPath, kind: String) -> [FieldError] {
        var errs: [FieldError] = []
        let policy = template?["spec"]?["restartPolicy"]?.string ?? ""
        if policy != "Always" {
            errs.append(.notSupported(path.child("spec", "restartPolicy"), .string(policy), ["Always"]))
        }
        if !(template?["spec"]?["activeDeadlineSeconds"]?.isNull ?? true) {
            errs.append(.forbidden(path.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in \(kind) is not Supported"))
        }
        return errs
    }

    static func deploymentStrategy(_ strategy: Value?, _ path: FieldPath) -> [FieldError] {
        let type = strategy?["type"]?.string ?? ""
        let rollingUpdate = strategy?["rollingUpdate"]
        switch type {
        case "Recreate":
            if let ru = rollingUpdate, !ru.isNull {
                return [.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")]
            }
            return []
        case "RollingUpdate":
            guard let ru = rollingUpdate, !ru.isNull else {
                return [.required(path.child("rollingUpdate"), "this should be defaulted and never be nil")]
            }
            let p = path.child("rollingUpdate")
            var errs = intOrPercent(ru["maxUnavailable"], p.child("maxUnavailable"))
                + intOrPercent(ru["maxSurge"], p.child("maxSurge"))
            if percentOrInt(ru["maxUnavailable"]) == 0 && percentOrInt(ru["maxSurge"]) == 0 {
                errs.append(.invalid(p.child("maxUnavailable"), intOrStringGo(ru["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"))
            }
            if ru["maxUnavailable"]?.string != nil, let v = percentOrInt(ru["maxUnavailable"]), v > 100 {
                errs.append(.invalid(p.child("maxUnavailable"), intOrStringGo(ru["maxUnavailable"]), "must not be greater than 100%"))
            }
            return errs
        default:
            let ru = (rollingUpdate?.isNull ?? true) ? "(*apps.RollingUpdateDeployment)(nil)" : "(*apps.RollingUpdateDeployment)(…)"
            return [.notSupported(path, .raw("apps.DeploymentStrategy{Type:\(GoValue.quote(type)), RollingUpdate:\(ru)}"), ["Recreate", "RollingUpdate"])]
        }
    }

    /// `ValidatePositiveIntOrPercent`; IntOrString prints through its `String()` (no quotes).
    static func intOrPercent(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        if let s = value?.string {
            let digits = s.dropLast()
            if s.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return [] }
            return [.invalid(path, .raw(s), Names.regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"))]
        }
        if let i = value?.int, i < 0 { return [.invalid(path, .int(i), isNegative)] }
        return []
    }

    static func percentOrInt(_ value: Value?) -> Int64? {
        if let s = value?.string { return s.hasSuffix("%") ? Int64(s.dropLast()) : nil }
        return value?.int
    }

    static func intOrStringGo(_ value: Value?) -> GoValue {
        if let s = value?.string { return .raw(s) }
        return .int(value?.int ?? 0)
    }
}
