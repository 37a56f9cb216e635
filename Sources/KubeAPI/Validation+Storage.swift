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
