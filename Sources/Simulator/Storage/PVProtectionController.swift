import KubeAPI
import YAML

/// The PV protection controller (pkg/controller/volume/pvprotection/pv_protection_controller.go):
/// a volume being deleted keeps its finalizer `kubernetes.io/pv-protection` while it is Bound
/// to a claim (`isBeingUsed`), so `kubectl delete pv` of a volume in use leaves it
/// `Terminating` until its claim lets it go; then the finalizer goes and so does the volume.
public struct PVProtectionController: Controller {
    public let name = "pv-protection-controller"
    public var watchedResources: Set<String>? { [VolumeUtil.volumes] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        guard change.key.resource == VolumeUtil.volumes, let new = change.new, new.isBeingDeleted,
              new.finalizers.contains(VolumeUtil.pvProtection) else { return [] }
        return [change.key]
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let volume = state[key], volume.isBeingDeleted, volume.finalizers.contains(VolumeUtil.pvProtection),
              volume.value["status"]?["phase"]?.string != "Bound" else { return [] }
        var v = volume.value
        v.setFinalizers(volume.finalizers.filter { $0 != VolumeUtil.pvProtection })
        return [.update(key, v)]
    }
}
