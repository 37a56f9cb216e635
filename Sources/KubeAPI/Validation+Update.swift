import YAML

// Immutable fields on update. Sources: pkg/apis/apps/validation/validation.go
// (ValidateDeploymentUpdate, ValidateReplicaSetUpdate, ValidateDaemonSetUpdate: selector;
// ValidateStatefulSetUpdate: everything but a few spec fields), pkg/apis/batch/validation/
// validation.go (ValidateJobSpecUpdate: selector, template, completions), pkg/apis/core/
// validation/validation.go (ValidateServiceUpdate: clusterIPs; ValidatePersistentVolumeClaimUpdate;
// ValidateSecretUpdate/ValidateConfigMapUpdate: type and `immutable`).
extension Validation {
    static func immutableFields(old: Value, new: Value, kind: String, group: String) -> [FieldError] {
        let spec = FieldPath("spec")
        var errs: [FieldError] = []
        func changed(_ keys: String...) -> Bool {
            var a: Value? = old, b: Value? = new
            for k in keys { a = a?[k]; b = b?[k] }
            return (a ?? .null) != (b ?? .null)
        }
        switch (group, kind) {
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"):
            if changed("spec", "selector") {
                errs.append(.invalid(spec.child("selector"), GoValue.labelSelector(new["spec"]?["selector"]), immutable))
            }
        case ("apps", "StatefulSet"):
            let mutable: Set<String> = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"]
            let keys = Set((old["spec"]?.mappingKeys ?? []) + (new["spec"]?.mappingKeys ?? [])).subtracting(mutable)
            if keys.contains(where: { changed("spec", $0) }) {
                errs.append(.forbidden(spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))
            }
        case ("batch", "Job"):
            if changed("spec", "selector") {
                errs.append(.invalid(spec.child("selector"), GoValue.labelSelector(new["spec"]?["selector"]), immutable))
            }
            if changed("spec", "template") && new["spec"]?["suspend"] != true {
                // Go prints the whole core.PodTemplateSpec here (hundreds of characters); the
                // course shows a short form.
                errs.append(.invalid(spec.child("template"), .raw("core.PodTemplateSpec{…}"), immutable))
            }
            if changed("spec", "completions"), new["spec"]?["completionMode"] != "Indexed" {
                errs.append(.invalid(spec.child("completions"), .int(new["spec"]?["completions"]?.int ?? 0), immutable))
            }
        case ("", "Service"):
            let before = old["spec"]?["clusterIP"]?.string ?? ""
            let after = new["spec"]?["clusterIP"]?.string ?? ""
            if !before.isEmpty, !after.isEmpty, before != after,
               old["spec"]?["type"] != "ExternalName", new["spec"]?["type"] != "ExternalName" {
                let ips = (new["spec"]?["clusterIPs"]?.sequence?.compactMap(\.string)).flatMap { $0.isEmpty ? nil : $0 } ?? [after]
                errs.append(.invalid(spec.child("clusterIPs").index(0), .stringSlice(ips), "may not change once set"))
            }
        case ("", "PersistentVolumeClaim"):
            var oldSpec = old["spec"] ?? .mapping([]), newSpec = new["spec"] ?? .mapping([])
            oldSpec.set("resources", .null); newSpec.set("resources", .null)
            // The PV controller sets volumeName once; the retroactive default class fills a
            // storageClassName that was never set (ValidatePersistentVolumeClaimUpdate,
            // validateStorageClassUpgradeFromNil).
            if (oldSpec["volumeName"]?.string ?? "").isEmpty, let name = newSpec["volumeName"] { oldSpec.set("volumeName", name) }
            if oldSpec["storageClassName"] == nil || oldSpec["storageClassName"]?.isNull == true,
               !(newSpec["storageClassName"]?.string ?? "").isEmpty,
               (old["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"]?.string ?? "").isEmpty {
                newSpec.set("storageClassName", .null); oldSpec.set("storageClassName", .null)
            }
            oldSpec.set("volumeAttributesClassName", .null); newSpec.set("volumeAttributesClassName", .null)
            if oldSpec != newSpec {
                errs.append(.forbidden(spec, "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))
            }
        case ("storage.k8s.io", "StorageClass"):
            // ValidateStorageClassUpdate (pkg/apis/storage/validation/validation.go).
            if changed("parameters") { errs.append(.forbidden(FieldPath("parameters"), "updates to parameters are forbidden.")) }
            if changed("provisioner") { errs.append(.forbidden(FieldPath("provisioner"), "updates to provisioner are forbidden.")) }
            if changed("reclaimPolicy") { errs.append(.forbidden(FieldPath("reclaimPolicy"), "updates to reclaimPolicy are forbidden.")) }
            if changed("volumeBindingMode") {
                errs.append(.invalid(FieldPath("volumeBindingMode"), .string(new["volumeBindingMode"]?.string ?? ""), immutable))
            }
        case ("", "Secret"), ("", "ConfigMap"):
            if kind == "Secret", changed("type") {
                errs.append(.invalid(FieldPath("type"), .string(new["type"]?.string ?? ""), immutable))
            }
            if old["immutable"] == true {
                if new["immutable"] != true {
                    errs.append(.forbidden(FieldPath("immutable"), "field is immutable when `immutable` is set"))
                }
                for field in ["data", "binaryData"] where changed(field) {
                    errs.append(.forbidden(FieldPath(field), "field is immutable when `immutable` is set"))
                }
            }
        default: break
        }
        return errs
    }
}
