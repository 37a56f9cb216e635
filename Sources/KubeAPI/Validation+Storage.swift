import YAML

// PersistentVolumeClaim validation. Source: pkg/apis/core/validation/validation.go
// (ValidatePersistentVolumeClaim, ValidatePersistentVolumeClaimSpec).
extension Validation {
    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]

    static func persistentVolumeClaim(_ o: Value) -> [FieldError] {
        objectMeta(o, rule: .dns1123Subdomain) + claimSpec(o["spec"] ?? .mapping([]), FieldPath("spec"))
    }

    static func claimSpec(_ spec: Value, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let modes = (spec["accessModes"]?.sequence ?? []).compactMap(\.string)
        if modes.isEmpty { errs.append(.required(path.child("accessModes"), "at least 1 access mode is required")) }
        errs += Labels.validateSelector(spec["selector"], path.child("selector"))
        for mode in modes where !accessModes.contains(mode) {
            errs.append(.notSupported(path.child("accessModes"), .string(mode), accessModes))
        }
        let storagePath = path.child("resources").key("storage")
        if let storage = spec["resources"]?["requests"]?["storage"] {
            if let q = Validation.quantity(storage), q <= Validation.zeroQuantity {
                errs.append(.invalid(storagePath, .string(q.canonical), "must be greater than zero"))
            }
        } else {
            errs.append(.required(storagePath))
        }
        if let mode = spec["volumeMode"]?.string, mode != "Block" && mode != "Filesystem" {
            errs.append(.notSupported(path.child("volumeMode"), .string(mode), ["Block", "Filesystem"]))
        }
        return errs
    }
}

// PersistentVolume and StorageClass validation. Sources: pkg/apis/core/validation/validation.go
// (ValidatePersistentVolume, ValidatePersistentVolumeSpec) and pkg/apis/storage/validation/
// validation.go (ValidateStorageClass).
extension Validation {
    /// The volume sources a PersistentVolume may name (`PersistentVolumeSource`).
    static let persistentVolumeSources = [
        "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "quobyte", "cinder", "cephfs",
        "flexVolume", "flocker", "azureFile", "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume",
        "scaleIO", "local", "storageos", "csi", "iscsi", "fc",
    ]

    static func persistentVolume(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain, namespaced: false)
        let spec = o["spec"] ?? .mapping([])
        let path = FieldPath("spec")
        let modes = (spec["accessModes"]?.sequence ?? []).compactMap(\.string)
        if modes.isEmpty { errs.append(.required(path.child("accessModes"))) }
        for mode in modes where !accessModes.contains(mode) {
            errs.append(.notSupported(path.child("accessModes"), .string(mode), accessModes))
        }
        if modes.contains("ReadWriteOncePod") && modes.count > 1 {
            errs.append(.forbidden(path.child("accessModes"), "may not use ReadWriteOncePod with other access modes"))
        }
        if (spec["capacity"]?.mapping ?? []).isEmpty {
            errs.append(.required(path.child("capacity")))
        } else if let storage = spec["capacity"]?["storage"], let q = quantity(storage), q <= zeroQuantity {
            errs.append(.invalid(path.child("capacity").key("storage"), .string(q.canonical), "must be greater than zero"))
        }
        if let mode = spec["volumeMode"]?.string, mode != "Block" && mode != "Filesystem" {
            errs.append(.notSupported(path.child("volumeMode"), .string(mode), ["Block", "Filesystem"]))
        }
        if let policy = spec["persistentVolumeReclaimPolicy"]?.string, !policy.isEmpty, !["Delete", "Recycle", "Retain"].contains(policy) {
            errs.append(.notSupported(path.child("persistentVolumeReclaimPolicy"), .string(policy), ["Delete", "Recycle", "Retain"]))
        }
        let sources = persistentVolumeSources.filter { spec[$0].map { !$0.isNull } ?? false }
        for extra in sources.dropFirst() {
            errs.append(.forbidden(path.child(extra), "may not specify more than 1 volume type"))
        }
        if sources.isEmpty {
            errs.append(.required(path, "must specify a volume type"))
        } else if sources.first == "hostPath", (spec["hostPath"]?["path"]?.string ?? "").isEmpty {
            errs.append(.required(path.child("hostPath").child("path")))
        }
        return errs
    }

    static func storageClass(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain, namespaced: false)
        let provisioner = o["provisioner"]?.string ?? ""
        if provisioner.isEmpty {
            errs.append(.required(FieldPath("provisioner"), provisioner))
        } else {
            errs += Names.qualifiedName(provisioner.lowercased()).map { .invalid(FieldPath("provisioner"), .string(provisioner), $0) }
        }
        if let policy = o["reclaimPolicy"]?.string, !["Delete", "Retain"].contains(policy) {
            errs.append(.notSupported(FieldPath("reclaimPolicy"), .string(policy), ["Delete", "Retain"]))
        }
        if let mode = o["volumeBindingMode"]?.string, !["Immediate", "WaitForFirstConsumer"].contains(mode) {
            errs.append(.notSupported(FieldPath("volumeBindingMode"), .string(mode), ["Immediate", "WaitForFirstConsumer"]))
        }
        return errs
    }
}
