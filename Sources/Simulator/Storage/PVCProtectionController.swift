import KubeAPI
import YAML

/// The PVC protection controller (pkg/controller/volume/pvcprotection/pvc_protection_controller.go).
///
/// Every claim is created with the finalizer `kubernetes.io/pvc-protection` (the
/// StorageObjectInUseProtection admission plugin, `APIServer+StorageAdmission.swift`).
/// Example: `kubectl delete pvc datos` while pod `web` (on a node) mounts it: the claim gets
/// `deletionTimestamp` and stays, `Terminating`, still Bound, so the pod keeps its data. When
/// the last pod that uses it is gone the controller removes the finalizer and the apiserver
/// removes the claim; its volume is then Released.
public struct PVCProtectionController: Controller {
    public let name = "pvc-protection-controller"
    public var watchedResources: Set<String>? { [VolumeUtil.claims, ObjectKey.pods] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case VolumeUtil.claims:
            guard let new = change.new, new.isBeingDeleted, new.finalizers.contains(VolumeUtil.pvcProtection) else { return [] }
            return [change.key]
        case ObjectKey.pods:
            // podAddedDeletedUpdated: the claims of a pod that went away or changed.
            if change.statusOnly { return [] }
            let names = Set(VolumeUtil.claimNames(change.old) + VolumeUtil.claimNames(change.new))
            return names.sorted().map { VolumeUtil.claimKey(namespace: change.key.namespace, name: $0) }.filter { key in
                state[key].map { $0.isBeingDeleted && $0.finalizers.contains(VolumeUtil.pvcProtection) } ?? false
            }
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let claim = state[key], claim.isBeingDeleted, claim.finalizers.contains(VolumeUtil.pvcProtection) else { return [] }
        if PVCProtectionController.isUsed(claim, state: state) { return [] }
        var v = claim.value
        v.setFinalizers(claim.finalizers.filter { $0 != VolumeUtil.pvcProtection })
        return [.update(key, v)]
    }

    /// `isBeingUsed` / `podUsesPVC`: a pod already on a node that mounts the claim.
    static func isUsed(_ claim: StoredObject, state: ClusterState) -> Bool {
        state.list(ObjectKey.pods, namespace: claim.namespace).contains { pod in
            !(pod.value["spec"]?["nodeName"]?.string ?? "").isEmpty && VolumeUtil.claimNames(pod.value).contains(claim.name)
        }
    }
}
