import KubeAPI
import YAML

/// printers.go `printPersistentVolume`, `printPersistentVolumeClaim`, `printStorageClass`,
/// `printHorizontalPodAutoscaler` (with `formatHPAMetrics`).
extension TableGenerator {
    /// helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that fixed order, comma-joined.
    static func accessModes(_ modes: [Value]) -> String {
        let set = Set(modes.compactMap(\.string))
        return [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
            .filter { set.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// `resource.Quantity.String()`: the canonical form (`1024Mi` → `1Gi`); `0` when absent.
    static func quantity(_ v: Value?) -> String {
        guard let v, !v.isNull else { return "0" }
        let text = v.string ?? v.int.map(String.init) ?? ""
        return (try? Quantity(parsing: text))?.canonical ?? text
    }

    /// GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins.
    static func storageClassName(_ o: Value) -> String {
        if let a = o.at("metadata", "annotations", "volume.beta.kubernetes.io/storage-class")?.string { return a }
        return o.str("spec", "storageClassName")
    }

    static let persistentVolume = Spec(columns: [name, Table.Column("Capacity"), Table.Column("Access Modes"), Table.Column("Reclaim Policy"),
                                                 Table.Column("Status"), Table.Column("Claim"), Table.Column("StorageClass"),
                                                 Table.Column("VolumeAttributesClass"), Table.Column("Reason"), age] + wide("VolumeMode")) { o, now in
        var claim = ""
        if let ref = o.at("spec", "claimRef"), !ref.isNull { claim = "\(ref.str("namespace"))/\(ref.str("name"))" }
        let phase = o.hasDeletionTimestamp ? "Terminating" : o.str("status", "phase")
        return [o.name, quantity(o.at("spec", "capacity", "storage")), accessModes(o.seq("spec", "accessModes")),
                o.str("spec", "persistentVolumeReclaimPolicy"), phase, claim, storageClassName(o),
                o.at("spec", "volumeAttributesClassName")?.string ?? "<unset>", o.str("status", "reason"), age(o, now),
                o.at("spec", "volumeMode")?.string ?? "<unset>"]
    }

    static let persistentVolumeClaim = Spec(columns: [name, Table.Column("Status"), Table.Column("Volume"), Table.Column("Capacity"),
                                                      Table.Column("Access Modes"), Table.Column("StorageClass"),
                                                      Table.Column("VolumeAttributesClass"), age] + wide("VolumeMode")) { o, now in
        let phase = o.hasDeletionTimestamp ? "Terminating" : o.str("status", "phase")
        var capacity = "", modes = ""
        if !o.str("spec", "volumeName").isEmpty {
            modes = accessModes(o.seq("status", "accessModes"))
            capacity = quantity(o.at("status", "capacity", "storage"))
        }
        return [o.name, phase, o.str("spec", "volumeName"), capacity, modes, storageClassName(o),
                o.at("spec", "volumeAttributesClassName")?.string ?? "<unset>", age(o, now), o.at("spec", "volumeMode")?.string ?? "<unset>"]
    }

    static let storageClass = Spec(columns: [name, Table.Column("Provisioner"), Table.Column("ReclaimPolicy"), Table.Column("VolumeBindingMode"),
                                             Table.Column("AllowVolumeExpansion"), age]) { o, now in
        let annotations = o.at("metadata", "annotations")
        let isDefault = annotations?["storageclass.kubernetes.io/is-default-class"]?.string == "true"
            || annotations?["storageclass.beta.kubernetes.io/is-default-class"]?.string == "true"
        return [o.name + (isDefault ? " (default)" : ""), o.str("provisioner"), o["reclaimPolicy"]?.string ?? "Delete",
                o["volumeBindingMode"]?.string ?? "Immediate", (o["allowVolumeExpansion"]?.bool ?? false) ? "true" : "false", age(o, now)]
    }

    static let horizontalPodAutoscaler = Spec(columns: [name, Table.Column("Reference"), Table.Column("Targets"), Table.Column("MinPods"),
                                                        Table.Column("MaxPods"), Table.Column("Replicas"), age]) { o, now in
        let reference = "\(o.str("spec", "scaleTargetRef", "kind"))/\(o.str("spec", "scaleTargetRef", "name"))"
        let minPods = o.at("spec", "minReplicas")?.int.map(String.init) ?? "<unset>"
        return [o.name, reference, hpaMetrics(o), minPods, "\(o.int("spec", "maxReplicas"))", "\(o.int("status", "currentReplicas"))", age(o, now)]
    }

    /// An HPA's metrics as autoscaling/v2 has them: a v1 object's `targetCPUUtilizationPercentage`
    /// becomes one cpu Utilization metric, 80 % when unset (pkg/apis/autoscaling/v1/conversion.go
    /// and the v2 defaults kubectl reads back).
    static func hpaMetricSpecs(_ o: Value) -> [Value] {
        guard o.str("apiVersion") == "autoscaling/v1" else { return o.seq("spec", "metrics") }
        let target = o.at("spec", "targetCPUUtilizationPercentage")?.int ?? 80
        return [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(target)]]]]
    }

    /// `formatHPAMetrics` over autoscaling/v2 (v1 objects: `targetCPUUtilizationPercentage`).
    static func hpaMetrics(_ o: Value) -> String {
        let specs = hpaMetricSpecs(o)
        var statuses = o.seq("status", "currentMetrics")
        if o.str("apiVersion") == "autoscaling/v1" {
            if let current = o.at("status", "currentCPUUtilizationPercentage")?.int {
                statuses = [["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": .int(current)]]]]
            }
        }
        if specs.isEmpty { return "<none>" }
        var list: [String] = []
        for (i, spec) in specs.enumerated() {
            let status: Value? = i < statuses.count ? statuses[i] : nil
            func q(_ v: Value?) -> String? { v.flatMap { $0.isNull ? nil : ($0.string ?? $0.int.map(String.init)) } }
            switch spec.str("type") {
            case "External", "Object":
                let key = spec.str("type") == "External" ? "external" : "object"
                if let avg = q(spec.at(key, "target", "averageValue")) {
                    list.append("\(q(status?.at(key, "current", "averageValue")) ?? "<unknown>")/\(avg) (avg)")
                } else {
                    list.append("\(status?.at(key).map { q($0.at("current", "value")) ?? "0" } ?? "<unknown>")/\(q(spec.at(key, "target", "value")) ?? "0")")
                }
            case "Pods":
                list.append("\(status?.at("pods").map { q($0.at("current", "averageValue")) ?? "0" } ?? "<unknown>")/\(q(spec.at("pods", "target", "averageValue")) ?? "0")")
            case "Resource", "ContainerResource":
                let key = spec.str("type") == "Resource" ? "resource" : "containerResource"
                let resource = spec.str(key, "name")
                if let avg = q(spec.at(key, "target", "averageValue")) {
                    let current = status?.at(key).map { q($0.at("current", "averageValue")) ?? "0" } ?? "<unknown>"
                    list.append("\(resource): \(current)/\(avg)")
                } else {
                    let current = status?.at(key, "current", "averageUtilization")?.int.map { "\($0)%" } ?? "<unknown>"
                    let target = spec.at(key, "target", "averageUtilization")?.int.map { "\($0)%" } ?? "<auto>"
                    list.append("\(resource): \(current)/\(target)")
                }
            default:
                list.append("<unknown type>")
            }
        }
        if list.count > 2 { return list.prefix(2).joined(separator: ", ") + " + \(list.count - 2) more..." }
        return list.joined(separator: ", ")
    }
}
