import YAML

// Defaults of the smaller kinds. Sources: pkg/apis/core/v1/defaults.go
// (SetDefaults_PersistentVolume, SetDefaults_PersistentVolumeClaim{,Spec}, SetDefaults_Secret,
// SetDefaults_StorageClass in pkg/apis/storage/v1/defaults.go,
// SetDefaults_Namespace, SetDefaults_NamespaceStatus); pkg/registry/core/namespace/strategy.go
// (PrepareForCreate adds the `kubernetes` finalizer); pkg/apis/autoscaling/v2/defaults.go;
// pkg/apis/networking/v1/defaults.go (SetDefaults_NetworkPolicy{,Port}, SetDefaults_IngressClass).
// ConfigMap's SetDefaults_ConfigMap sets `data: {}`, which `omitempty` never prints, so it is
// left out. Ingress v1, ServiceAccount and PodDisruptionBudget (policy/v1) have no defaults.
extension Defaults {
    static func persistentVolumeClaim(_ o: inout Value) {
        o.editField("spec", create: true) { $0.setFieldIfMissing("volumeMode", "Filesystem") }
        o.editField("status", create: true) { $0.setFieldIfZero("phase", "Pending") }
    }

    static func persistentVolume(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfZero("persistentVolumeReclaimPolicy", "Retain")
            spec.setFieldIfMissing("volumeMode", "Filesystem")
            spec.editField("hostPath") { $0.setFieldIfMissing("type", "") } // SetDefaults_HostPathVolumeSource
        }
        o.editField("status", create: true) { $0.setFieldIfZero("phase", "Pending") }
    }

    /// pkg/apis/storage/v1/defaults.go `SetDefaults_StorageClass`.
    static func storageClass(_ o: inout Value) {
        o.setFieldIfMissing("reclaimPolicy", "Delete")
        o.setFieldIfMissing("volumeBindingMode", "Immediate")
    }

    static func secret(_ o: inout Value) {
        o.setFieldIfZero("type", "Opaque")
        // Not a default but the v1 → internal conversion (pkg/apis/core/v1/conversion.go,
        // `Convert_v1_Secret_To_core_Secret`): `stringData` is merged into `data`, its keys
        // winning, and never stored. Validation and `-o yaml` then see only `data`.
        if let stringData = o["stringData"]?.mapping {
            o.editField("data", create: true) { data in
                for pair in stringData {
                    guard let key = pair.key.string else { continue }
                    data.set(key, .string(GoBase64.encode(Array((pair.value.string ?? "").utf8))))
                }
            }
            if case .mapping(let pairs) = o { o = .mapping(pairs.filter { $0.key != .string("stringData") }) }
        }
    }

    static func namespace(_ o: inout Value) {
        if let name = o["metadata"]?["name"]?.string, !name.isEmpty {
            o.editField("metadata", create: true) { meta in
                meta.editField("labels", create: true) { $0.set("kubernetes.io/metadata.name", .string(name)) }
            }
        }
        o.editField("spec", create: true) { $0.setFieldIfMissing("finalizers", ["kubernetes"]) }
        o.editField("status", create: true) { $0.setFieldIfZero("phase", "Active") }
    }

    static func horizontalPodAutoscaler(_ o: inout Value, version: String) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfMissing("minReplicas", 1)
            guard version == "v2" else {
                // autoscaling/v1 (pkg/apis/autoscaling/v1/defaults.go) has no metrics list;
                // targetCPUUtilizationPercentage stays unset and means 80 %.
                return
            }
            if spec["metrics"]?.isEmptyCollection ?? true {
                spec.set("metrics", [[
                    "type": "Resource",
                    "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]],
                ]])
            }
            // Behavior is filled in only when the learner wrote one (scaleDown keeps no
            // stabilizationWindowSeconds: the controller's --horizontal-pod-autoscaler-
            // downscale-stabilization flag, 300 s, applies instead).
            if let behavior = spec["behavior"], !behavior.isNull {
                spec.editField("behavior") { b in
                    b.editField("scaleUp", create: true) { rules in
                        rules.setFieldIfMissing("stabilizationWindowSeconds", 0)
                        rules.setFieldIfMissing("selectPolicy", "Max")
                        rules.setFieldIfMissing("policies", [
                            ["type": "Pods", "value": 4, "periodSeconds": 15],
                            ["type": "Percent", "value": 100, "periodSeconds": 15],
                        ])
                    }
                    b.editField("scaleDown", create: true) { rules in
                        rules.setFieldIfMissing("selectPolicy", "Max")
                        rules.setFieldIfMissing("policies", [["type": "Percent", "value": 100, "periodSeconds": 15]])
                    }
                }
            }
        }
    }

    static func networkPolicy(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            if spec["policyTypes"]?.isEmptyCollection ?? true {
                let egress = !(spec["egress"]?.isEmptyCollection ?? true)
                spec.set("policyTypes", egress ? ["Ingress", "Egress"] : ["Ingress"])
            }
            for direction in ["ingress", "egress"] {
                spec.editEach(direction) { rule in
                    rule.editEach("ports") { $0.setFieldIfMissing("protocol", "TCP") }
                }
            }
        }
    }

    static func ingressClass(_ o: inout Value) {
        o.editPath(["spec", "parameters"]) { $0.setFieldIfMissing("scope", "Cluster") }
    }
}
