import KubeAPI
import YAML

/// One sync of the PersistentVolume controller: the writes `syncClaim`/`syncVolume` decide,
/// in upstream's order (volume first, then claim, as `bind` saves them).
struct PersistentVolumeSync {
    let state: ClusterState
    let now: VirtualTime
    var actions: [Action] = []

    static let component = "persistentvolume-controller"

    var store: Store { state.store }

    mutating func event(_ object: ObjectKey, _ type: EventSpec.EventType, _ reason: String, _ message: String) {
        actions.append(.event(EventSpec(involved: object, type: type, reason: reason, message: message, component: PersistentVolumeSync.component)))
    }

    var volumes: [StoredObject] { store.list(VolumeUtil.volumes) }

    // MARK: bind (pv_controller.go `bind`)

    /// `bindVolumeToClaim`, `updateVolumePhase(Bound)`, `bindClaimToVolume`,
    /// `updateClaimStatus(Bound)`.
    mutating func bind(_ volume: StoredObject, _ claim: StoredObject) {
        // GetBindVolumeToClaim
        var pv = volume.value
        var dirty = false
        let setBoundByController = !VolumeUtil.isBound(pv, to: claim)
        let ref = pv["spec"]?["claimRef"]
        if ref == nil || ref?.isNull == true || ref?["name"]?.string != claim.name || ref?["namespace"]?.string != claim.namespace
            || ref?["uid"]?.string != claim.uid {
            pv.edit("spec") { $0.set("claimRef", VolumeUtil.claimRef(claim)) }
            dirty = true
        }
        if setBoundByController && pv.annotation(VolumeUtil.boundByController) == nil {
            pv.setAnnotation(VolumeUtil.boundByController, "yes")
            dirty = true
        }
        if dirty { actions.append(.update(volume.key, pv)) }
        setVolumePhase(volume, "Bound")
        // bindClaimToVolume
        var pvc = claim.value
        var claimDirty = false
        if claim.value["spec"]?["volumeName"]?.string != volume.name {
            pvc.edit("spec") { $0.set("volumeName", .string(volume.name)) }
            if pvc.annotation(VolumeUtil.boundByController) == nil { pvc.setAnnotation(VolumeUtil.boundByController, "yes") }
            claimDirty = true
        }
        if pvc.annotation(VolumeUtil.bindCompleted) == nil {
            pvc.setAnnotation(VolumeUtil.bindCompleted, "yes")
            claimDirty = true
        }
        if claimDirty { actions.append(.update(claim.key, pvc)) }
        setClaimStatus(claim, "Bound", volume: volume)
    }

    /// `updateVolumePhase`: written only when the phase changes (the apiserver's status
    /// strategy stamps `lastPhaseTransitionTime`).
    mutating func setVolumePhase(_ volume: StoredObject, _ phase: String, message: String = "") {
        guard volume.value["status"]?["phase"]?.string != phase else { return }
        var status = volume.value["status"] ?? .mapping([])
        if status.isNull { status = .mapping([]) }
        status.set("phase", .string(phase))
        if message.isEmpty { status.remove("message") } else { status.set("message", .string(message)) }
        actions.append(.updateStatus(volume.key, status))
    }

    /// `updateClaimStatus`: the phase, and the volume's access modes and (when the claim
    /// becomes Bound) capacity; without a volume both are cleared.
    mutating func setClaimStatus(_ claim: StoredObject, _ phase: String, volume: StoredObject?) {
        let old = claim.value["status"] ?? .mapping([])
        var status = old.isNull ? Value.mapping([]) : old
        status.set("phase", .string(phase))
        if let volume {
            if let modes = volume.value["spec"]?["accessModes"] { status.set("accessModes", modes) }
            if old["phase"]?.string != phase, let capacity = volume.value["spec"]?["capacity"] { status.set("capacity", capacity) }
        } else {
            status.remove("accessModes")
            status.remove("capacity")
        }
        if status != old { actions.append(.updateStatus(claim.key, status)) }
    }

    /// `updateClaimStatusWithEvent`: the event only when the phase changes.
    mutating func setClaimPhaseWithEvent(_ claim: StoredObject, _ phase: String, reason: String, message: String) {
        guard claim.value["status"]?["phase"]?.string != phase else { return }
        setClaimStatus(claim, phase, volume: nil)
        event(claim.key, .warning, reason, message)
    }

    /// Pending pods (not finished, not yet on a node) whose volumes use the claim, by name
    /// (`findNonScheduledPodsByPVC`).
    func unscheduledPods(using claim: StoredObject) -> [String] {
        store.list(ObjectKey.pods, namespace: claim.namespace).filter { pod in
            !SchedulerCache.isTerminal(pod.value) && (pod.value["spec"]?["nodeName"]?.string ?? "").isEmpty
                && VolumeUtil.claimNames(pod.value).contains(claim.name)
        }.map(\.name)
    }
}
