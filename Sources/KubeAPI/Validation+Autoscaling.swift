import YAML

// HorizontalPodAutoscaler validation. Source: pkg/apis/autoscaling/validation/validation.go
// (ValidateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerSpec,
// ValidateCrossVersionObjectReference). Without the HPAScaleToZero gate (alpha, off in v1.32)
// minReplicas must be at least 1.
extension Validation {
    static func horizontalPodAutoscaler(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        let minReplicas = spec["minReplicas"]?.int
        let maxReplicas = spec["maxReplicas"]?.int ?? 0
        if let min = minReplicas, min < 1 {
            errs.append(.invalid(path.child("minReplicas"), .int(min), "must be greater than or equal to 1"))
        }
        if maxReplicas < 1 {
            errs.append(.invalid(path.child("maxReplicas"), .int(maxReplicas), "must be greater than 0"))
        }
        if let min = minReplicas, maxReplicas < min {
            errs.append(.invalid(path.child("maxReplicas"), .int(maxReplicas), "must be greater than or equal to `minReplicas`"))
        }
        let ref = spec["scaleTargetRef"]
        let refPath = path.child("scaleTargetRef")
        for field in ["kind", "name"] {
            let value = ref?[field]?.string ?? ""
            if value.isEmpty {
                errs.append(.required(refPath.child(field)))
            } else {
                errs += Names.pathSegmentName(value).map { .invalid(refPath.child(field), .string(value), $0) }
            }
        }
        for (i, metric) in (spec["metrics"]?.sequence ?? []).enumerated() {
            let p = path.child("metrics").index(i)
            let type = metric["type"]?.string ?? ""
            let types = ["ContainerResource", "External", "Object", "Pods", "Resource"]
            if type.isEmpty {
                errs.append(.required(p.child("type"), "must specify a metric source type"))
            } else if !types.contains(type) {
                errs.append(.notSupported(p.child("type"), .string(type), types))
            }
            if type == "Resource", let utilization = metric["resource"]?["target"]?["averageUtilization"]?.int, utilization <= 0 {
                errs.append(.invalid(p.child("resource", "target", "averageUtilization"), .int(utilization), "must be greater than 0"))
            }
        }
        return errs
    }
}
