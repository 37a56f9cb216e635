import KubeAPI
import YAML

/// An HPA's spec read the same way whether it was written as autoscaling/v1 or v2 (the
/// controller works on the internal version, which v1 converts to:
/// pkg/apis/autoscaling/v1/conversion.go turns `targetCPUUtilizationPercentage` into one
/// cpu Utilization metric, 80 % when unset, pkg/apis/autoscaling/v1/defaults.go).
struct HPASpec: Sendable {
    enum Target: Sendable, Equatable {
        case utilization(Int64)
        case averageValue(milli: Int64)
        case value(milli: Int64)
    }

    enum Metric: Sendable, Equatable {
        /// `Resource` (container nil) or `ContainerResource`.
        case resource(name: String, container: String?, target: Target)
        /// Pods, Object and External metrics: need a custom or external metrics adapter.
        case custom(type: String, name: String)
    }

    struct Rules: Sendable, Equatable {
        struct Policy: Sendable, Equatable {
            var percent: Bool
            var value: Int64
            var periodSeconds: Int64
        }
        var stabilizationSeconds: Int64
        /// Max, Min or Disabled.
        var selectPolicy: String
        var policies: [Policy]
    }

    var version: String
    var targetKind: String
    var targetName: String
    var targetAPIVersion: String
    var minReplicas: Int64
    var maxReplicas: Int64
    var metrics: [Metric]
    /// nil without `behavior` (then the rules of `normalizeDesiredReplicas` apply).
    var scaleUp: Rules?
    var scaleDown: Rules?

    init(_ hpa: Value) {
        let spec = hpa["spec"] ?? .mapping([])
        version = (hpa["apiVersion"]?.string ?? "").split(separator: "/").last.map(String.init) ?? "v2"
        targetKind = spec["scaleTargetRef"]?["kind"]?.string ?? ""
        targetName = spec["scaleTargetRef"]?["name"]?.string ?? ""
        targetAPIVersion = spec["scaleTargetRef"]?["apiVersion"]?.string ?? ""
        minReplicas = spec["minReplicas"]?.int ?? 1
        maxReplicas = spec["maxReplicas"]?.int ?? 1
        if version == "v1" {
            metrics = [.resource(name: "cpu", container: nil, target: .utilization(spec["targetCPUUtilizationPercentage"]?.int ?? 80))]
            return
        }
        metrics = (spec["metrics"]?.sequence ?? []).map(HPASpec.metric)
        if let behavior = spec["behavior"], !behavior.isNull {
            scaleUp = HPASpec.rules(behavior["scaleUp"], defaultWindow: 0)
            // horizontal.go maybeInitScaleDownStabilizationWindow: the controller's
            // --horizontal-pod-autoscaler-downscale-stabilization (5 min) when unset.
            scaleDown = HPASpec.rules(behavior["scaleDown"], defaultWindow: HPAController.downscaleStabilizationSeconds)
        }
    }

    static func metric(_ m: Value) -> Metric {
        let type = m["type"]?.string ?? ""
        switch type {
        case "Resource", "ContainerResource":
            let source = m[type == "Resource" ? "resource" : "containerResource"] ?? .mapping([])
            let target = source["target"] ?? .mapping([])
            let t: Target
            switch target["type"]?.string {
            case "AverageValue": t = .averageValue(milli: PodResources.milli(target["averageValue"]))
            case "Value": t = .value(milli: PodResources.milli(target["value"]))
            default: t = .utilization(target["averageUtilization"]?.int ?? 80)
            }
            return .resource(name: source["name"]?.string ?? "cpu", container: source["container"]?.string, target: t)
        default:
            let key = type.prefix(1).lowercased() + type.dropFirst()
            return .custom(type: type, name: m[key]?["metric"]?["name"]?.string ?? "")
        }
    }

    static func rules(_ v: Value?, defaultWindow: Int64) -> Rules {
        let policies = (v?["policies"]?.sequence ?? []).map {
            Rules.Policy(percent: $0["type"]?.string == "Percent", value: $0["value"]?.int ?? 0, periodSeconds: $0["periodSeconds"]?.int ?? 15)
        }
        return Rules(stabilizationSeconds: v?["stabilizationWindowSeconds"]?.int ?? defaultWindow,
                     selectPolicy: v?["selectPolicy"]?.string ?? "Max", policies: policies)
    }

    /// The resource the scale target lives in (`deployments.apps`, …), if it can be scaled.
    var targetResource: String? {
        switch targetKind {
        case "Deployment": return Workload.deployments
        case "ReplicaSet": return ObjectKey.replicaSets
        case "StatefulSet": return Workload.statefulSets
        case "ReplicationController": return "replicationcontrollers"
        default: return nil
        }
    }
}
