import KubeAPI
import YAML

/// The PersistentVolume controller of kube-controller-manager
/// (pkg/controller/volume/persistentvolume/pv_controller.go `syncClaim`, `syncUnboundClaim`,
/// `syncBoundClaim`, `syncVolume`, `bind`, `provisionClaim`, `reclaimVolume`;
/// pv_controller_base.go for the informers and the 15 s resync).
///
/// Example, static binding: volumes `pv-1g` and `pv-5g` (RWO, class `manual`, Available) and
/// a claim `datos` asking for 3Gi of `manual` with `volumeBindingMode: Immediate`. The claim's
/// sync finds `pv-5g` (`VolumeMatcher`), writes `spec.claimRef` (with the claim's uid) and
/// `pv.kubernetes.io/bound-by-controller: "yes"` on the volume and marks it Bound, then writes
/// `spec.volumeName: pv-5g` and the annotations `pv.kubernetes.io/bind-completed` and
/// `bound-by-controller` on the claim and marks it Bound with the volume's capacity (5Gi) and
/// access modes. Deleting the claim makes the volume Released; with `Retain` it stays so (its
/// data belongs to nobody until an administrator clears `claimRef`), with `Delete` it goes.
///
/// Dynamic provisioning with the default class `standard` (`WaitForFirstConsumer`): with no
/// volume and no pod scheduled yet, each sync says `WaitForFirstConsumer` (`waiting for first
/// consumer to be created before binding`, or `WaitForPodScheduled` naming pending pods). Once
/// the scheduler picks a node for a pod that uses the claim it writes
/// `volume.kubernetes.io/selected-node`; the next sync annotates the claim with its
/// provisioner (`volume.kubernetes.io/storage-provisioner: rancher.io/local-path`) and says
/// `ExternalProvisioning`. The simulated local-path provisioner creates `pvc-<claim uid>`
/// already pointing at the claim, and the claim's next sync binds it.
///
/// Unbound claims are synced again every 15 s (`--pvclaimbinder-sync-period`), which is how a
/// claim created before its volume finds it, and why waiting events repeat (`x4 over 45s`).
public struct PersistentVolumeController: Controller {
    public let name = "persistentvolume-controller"
    public var watchedResources: Set<String>? { [VolumeUtil.claims, VolumeUtil.volumes] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case VolumeUtil.claims:
            var keys = [change.key]
            // deleteClaim: the volume it was bound to must be released.
            if change.new == nil, let volume = change.old?["spec"]?["volumeName"]?.string, !volume.isEmpty {
                keys.append(VolumeUtil.volumeKey(volume))
            }
            return keys
        case VolumeUtil.volumes:
            var keys = [change.key]
            // syncVolume enqueues the claim a volume points at (that is how a provisioned
            // volume gets bound quickly).
            if let ref = (change.new ?? change.old)?["spec"]?["claimRef"], let name = ref["name"]?.string {
                keys.append(VolumeUtil.claimKey(namespace: ref["namespace"]?.string ?? "", name: name))
            }
            return keys
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let object = state[key] else { return [] }
        var sync = PersistentVolumeSync(state: state, now: now)
        if key.resource == VolumeUtil.claims { sync.syncClaim(object) } else { sync.syncVolume(object) }
        return sync.actions
    }
}
