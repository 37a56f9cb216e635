import YAML

/// describe.go `describeHorizontalPodAutoscalerV2` (kubectl reads HPAs through autoscaling/v2:
/// a v1 object shows its conditions and metrics as the apiserver keeps them, passed here as
/// `v2Status`), with `printDirectionBehavior`.
extension Describer {
    static func horizontalPodAutoscaler(_ o: Value, v2Status: Value?, _ w: inout PrefixWriter) {
        let isV1 = o.str("apiVersion") == "autoscaling/v1"
        let metrics = TableGenerator.hpaMetricSpecs(o)
        let status = isV1 ? (v2Status ?? .mapping([])) : (o["status"] ?? .mapping([]))
        let current = status.seq("currentMetrics")
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "CreationTimestamp:\t\(time(o.creationTimestamp) ?? "")\n")
        w.write(0, "Reference:\t\(o.str("spec", "scaleTargetRef", "kind"))/\(o.str("spec", "scaleTargetRef", "name"))\n")
        w.write(0, "Metrics:\t( current / target )\n")
        for (i, m) in metrics.enumerated() {
            let status: Value? = i < current.count ? current[i] : nil
            switch m.str("type") {
            case "Resource", "ContainerResource":
                let key = m.str("type") == "Resource" ? "resource" : "containerResource"
                let name = m.str(key, "name")
                if key == "resource" {
                    w.write(1, "resource \(name) on pods")
                } else {
                    w.write(1, "resource \(name) of container \"\(m.str(key, "container"))\" on pods")
                }
                let now = status?.at(key, "current")
                if let average = m.at(key, "target", "averageValue"), !average.isNull {
                    w.write(0, ":\t\(now?.at("averageValue").map(Value.scalarText) ?? "<unknown>") / \(Value.scalarText(average))\n")
                } else {
                    var text = "<unknown>"
                    if let u = now?.at("averageUtilization")?.int {
                        text = "\(u)% (\(now?.at("averageValue").map(Value.scalarText) ?? "0"))"
                    }
                    let target = m.at(key, "target", "averageUtilization")?.int.map { "\($0)%" } ?? "<auto>"
                    w.write(1, "(as a percentage of request):\t\(text) / \(target)\n")
                }
            case "Pods":
                let value = status?.at("pods", "current", "averageValue").map(Value.scalarText) ?? "<unknown>"
                w.write(1, "\"\(m.str("pods", "metric", "name"))\" on pods:\t\(value) / \(m.at("pods", "target", "averageValue").map(Value.scalarText) ?? "")\n")
            default:
                w.write(1, "\(m.str("type").lowercased()) metric \(m.str(m.str("type").lowercased(), "metric", "name")):\t<unknown> / <unknown>\n")
            }
        }
        w.write(0, "Min replicas:\t\(o.at("spec", "minReplicas")?.int.map(String.init) ?? "<unset>")\n")
        w.write(0, "Max replicas:\t\(o.int("spec", "maxReplicas"))\n")
        if let behavior = o.at("spec", "behavior"), !behavior.isNull {
            w.write(0, "Behavior:\n")
            direction("Scale Up", behavior["scaleUp"], &w)
            direction("Scale Down", behavior["scaleDown"], &w)
        }
        w.write(0, "\(o.str("spec", "scaleTargetRef", "kind")) pods:\t")
        w.write(0, "\(o.int("status", "currentReplicas")) current / \(o.int("status", "desiredReplicas")) desired\n")
        let conditions = status.seq("conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tReason\tMessage\n")
            w.write(1, "----\t------\t------\t-------\n")
            for c in conditions { w.write(1, "\(c.str("type"))\t\(c.str("status"))\t\(c.str("reason"))\t\(c.str("message"))\n") }
        }
    }

    static func direction(_ title: String, _ rules: Value?, _ w: inout PrefixWriter) {
        guard let rules, !rules.isNull else { return }
        w.write(1, "\(title):\n")
        if let window = rules["stabilizationWindowSeconds"]?.int { w.write(2, "Stabilization Window: \(window) seconds\n") }
        let policies = rules.seq("policies")
        guard !policies.isEmpty else { return }
        w.write(2, "Select Policy: \(rules["selectPolicy"]?.string ?? "Max")\n")
        w.write(2, "Policies:\n")
        for p in policies { w.write(3, "- Type: \(p.str("type"))\tValue: \(p.int("value"))\tPeriod: \(p.int("periodSeconds")) seconds\n") }
    }
}
