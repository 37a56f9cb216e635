import KubeAPI
import YAML

extension PersistentVolumeSync {
    /// `syncVolume`: Available without a claim (or pre-bound to one that has not bound yet),
    /// Bound while its claim points back, Released (then reclaimed) when the claim is gone.
    mutating func syncVolume(_ volume: StoredObject) {
        guard let ref = volume.value["spec"]?["claimRef"], !ref.isNull else { return setVolumePhase(volume, "Available") }
        let uid = ref["uid"]?.string ?? ""
        if uid.isEmpty { return setVolumePhase(volume, "Available") }
        var claim = store[VolumeUtil.claimKey(namespace: ref["namespace"]?.string ?? "", name: ref["name"]?.string ?? "")]
        if claim?.uid != uid { claim = nil } // deleted, maybe re-created under the same name
        guard let claim else {
            let phase = volume.value["status"]?["phase"]?.string
            if phase != "Released" && phase != "Failed" { setVolumePhase(volume, "Released") }
            return reclaim(volume)
        }
        let claimVolume = claim.value["spec"]?["volumeName"]?.string ?? ""
        if claimVolume.isEmpty {
            if VolumeUtil.volumeModeMismatch(claim.value, volume.value) {
                event(volume.key, .warning, "VolumeMismatch",
                      "Cannot bind PersistentVolume to requested PersistentVolumeClaim \(GoValue.quote(claim.name)) due to incompatible volumeMode.")
                event(claim.key, .warning, "VolumeMismatch",
                      "Cannot bind PersistentVolume \(GoValue.quote(volume.name)) to requested PersistentVolumeClaim due to incompatible volumeMode.")
            }
            return // the claim's own sync finishes the binding (keys(for:) wakes it)
        }
        if claimVolume == volume.name { return setVolumePhase(volume, "Bound") }
        // The claim is bound to another volume.
        if volume.value.annotation(VolumeUtil.provisionedBy) != nil && reclaimPolicy(volume) == "Delete" {
            let phase = volume.value["status"]?["phase"]?.string
            if phase != "Released" && phase != "Failed" { setVolumePhase(volume, "Released") }
            return reclaim(volume)
        }
        unbind(volume)
    }

    func reclaimPolicy(_ volume: StoredObject) -> String { volume.value["spec"]?["persistentVolumeReclaimPolicy"]?.string ?? "Retain" }

    /// `unbindVolume`: a binding the controller made is undone; a user's pre-binding keeps
    /// the claim's name and loses only its uid. Then Available.
    mutating func unbind(_ volume: StoredObject) {
        var pv = volume.value
        if pv.annotation(VolumeUtil.boundByController) != nil {
            pv.edit("spec") { $0.remove("claimRef") }
            pv.setAnnotation(VolumeUtil.boundByController, nil)
        } else {
            pv.edit("spec") { $0.edit("claimRef") { $0.remove("uid") } }
        }
        actions.append(.update(volume.key, pv))
        setVolumePhase(volume, "Available")
    }

    /// `reclaimVolume`: Retain keeps the volume Released; Delete hands a provisioned volume
    /// to its external provisioner (which deletes it) and deletes others through their
    /// in-tree plugin: `hostPath` only under `/tmp/`, as host_path.go's deleter allows.
    /// Recycle (deprecated) is not simulated: the volume stays Released.
    mutating func reclaim(_ volume: StoredObject) {
        guard reclaimPolicy(volume) == "Delete", !volume.isBeingDeleted else { return }
        if let plugin = volume.value.annotation(VolumeUtil.provisionedBy), !plugin.hasPrefix("kubernetes.io/") { return }
        if let csi = volume.value["spec"]?["csi"], !csi.isNull { return }
        let failure: String
        if let path = volume.value["spec"]?["hostPath"]?["path"]?.string {
            if path.hasPrefix("/tmp/") && path.count > 5 {
                actions.append(.delete(volume.key, .background))
                return
            }
            failure = "host_path deleter only supports /tmp/.+ but received provided \(path)"
        } else {
            failure = "error getting deleter volume plugin for volume \(GoValue.quote(volume.name)): no deletable volume plugin matched"
        }
        if volume.value["status"]?["phase"]?.string != "Failed" {
            setVolumePhase(volume, "Failed", message: failure)
            event(volume.key, .warning, "VolumeFailedDelete", failure)
        }
    }
}
