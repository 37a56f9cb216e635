import KubeAPI
import YAML

extension PersistentVolumeSync {
    /// `syncClaim`: unbound claims (no `pv.kubernetes.io/bind-completed`) look for a volume,
    /// bound ones check that their volume still points back at them.
    mutating func syncClaim(_ claim: StoredObject) {
        if claim.value.annotation(VolumeUtil.bindCompleted) == nil { syncUnboundClaim(claim) } else { syncBoundClaim(claim) }
    }

    mutating func syncUnboundClaim(_ claim: StoredObject) {
        defer { actions.append(.requeueAfter(VolumeUtil.resyncPeriod)) }
        let volumeName = claim.value["spec"]?["volumeName"]?.string ?? ""
        guard volumeName.isEmpty else { return syncPrebound(claim, volumeName: volumeName) }
        let delay = VolumeUtil.isDelayBinding(claim.value, store)
        if let volume = VolumeMatcher.bestMatch(for: claim, volumes: volumes, delayBinding: delay) {
            return bind(volume, claim)
        }
        // assignDefaultStorageClass (RetroactiveDefaultStorageClass, GA in 1.28): a claim that
        // never asked for a class gets today's default; the update starts a new sync.
        if !VolumeUtil.claimHasClass(claim.value), let sc = VolumeUtil.defaultClass(store) {
            var pvc = claim.value
            pvc.edit("spec") { $0.set("storageClassName", .string(sc.name)) }
            actions.append(.update(claim.key, pvc))
            return
        }
        let className = VolumeUtil.claimClass(claim.value)
        if delay && claim.value.annotation(VolumeUtil.selectedNode) == nil {
            // emitEventForUnboundDelayBindingClaim
            let pods = unscheduledPods(using: claim)
            switch pods.count {
            case 0: event(claim.key, .normal, "WaitForFirstConsumer", "waiting for first consumer to be created before binding")
            case 1: event(claim.key, .normal, "WaitForPodScheduled", "waiting for pod \(pods[0]) to be scheduled")
            default: event(claim.key, .normal, "WaitForPodScheduled", "waiting for pods \(pods.joined(separator: ",")) to be scheduled")
            }
        } else if !className.isEmpty {
            return provisionClaim(claim, className: className)
        } else {
            event(claim.key, .normal, "FailedBinding", "no persistent volumes available for this claim and no storage class is set")
        }
        setClaimStatus(claim, "Pending", volume: nil)
    }

    /// The claim names its volume (`spec.volumeName`): bind if that volume is free and
    /// fits, finish a binding the volume already points at, or wait.
    mutating func syncPrebound(_ claim: StoredObject, volumeName: String) {
        guard let volume = store[VolumeUtil.volumeKey(volumeName)] else {
            return setClaimStatus(claim, "Pending", volume: nil)
        }
        let ref = volume.value["spec"]?["claimRef"]
        if ref == nil || ref?.isNull == true {
            if let reason = VolumeMatcher.mismatch(volume, claim) {
                event(claim.key, .warning, "VolumeMismatch", "Cannot bind to requested volume \(GoValue.quote(volume.name)): \(reason)")
                return setClaimStatus(claim, "Pending", volume: nil)
            }
            return bind(volume, claim)
        }
        if VolumeUtil.isBound(volume.value, to: claim) { return bind(volume, claim) }
        event(claim.key, .warning, "FailedBinding", "volume \(GoValue.quote(volume.name)) already bound to a different claim.")
        if claim.value.annotation(VolumeUtil.boundByController) == nil { setClaimStatus(claim, "Pending", volume: nil) }
    }

    /// `syncBoundClaim`: `Lost` when the volume is gone or belongs to another claim.
    mutating func syncBoundClaim(_ claim: StoredObject) {
        let volumeName = claim.value["spec"]?["volumeName"]?.string ?? ""
        if volumeName.isEmpty {
            return setClaimPhaseWithEvent(claim, "Lost", reason: "ClaimLost",
                                          message: "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!")
        }
        guard let volume = store[VolumeUtil.volumeKey(volumeName)] else {
            return setClaimPhaseWithEvent(claim, "Lost", reason: "ClaimLost", message: "Bound claim has lost its PersistentVolume. Data on the volume is lost!")
        }
        let ref = volume.value["spec"]?["claimRef"]
        if ref == nil || ref?.isNull == true || ref?["uid"]?.string == claim.uid { return bind(volume, claim) }
        setClaimPhaseWithEvent(claim, "Lost", reason: "ClaimMisbound", message: "Two claims are bound to the same volume, this one is bound incorrectly")
    }

    /// `provisionClaim` + `provisionClaimOperationExternal`: every provisioner outside
    /// `kubernetes.io/` is external; the claim is annotated with it and the controller waits
    /// (the in-tree plugins are gone in 1.32, so `kubernetes.io/…` names match nothing).
    mutating func provisionClaim(_ claim: StoredObject, className: String) {
        guard let sc = store[VolumeUtil.classKey(className)] else {
            return event(claim.key, .warning, "ProvisioningFailed", "storageclass.storage.k8s.io \(GoValue.quote(className)) not found")
        }
        let provisioner = sc.value["provisioner"]?.string ?? ""
        if provisioner.hasPrefix("kubernetes.io/") {
            return event(claim.key, .warning, "ProvisioningFailed", "no volume plugin matched name: \(provisioner)")
        }
        if claim.value.annotation(VolumeUtil.storageProvisioner) != provisioner {
            var pvc = claim.value
            pvc.setAnnotation(VolumeUtil.betaStorageProvisioner, provisioner)
            pvc.setAnnotation(VolumeUtil.storageProvisioner, provisioner)
            actions.append(.update(claim.key, pvc))
        }
        event(claim.key, .normal, "ExternalProvisioning",
              "Waiting for a volume to be created either by the external provisioner '\(provisioner)' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
    }
}
