import KubeAPI
import YAML

extension APIServer {
    /// The storage admission plugins that act on create (plugin/pkg/admission/storage):
    /// DefaultStorageClass (storageclass/setdefault/admission.go) gives a claim that asks for
    /// no class at all (no `storageClassName`, no beta annotation; `""` is an answer) the
    /// default class; StorageObjectInUseProtection (storageobjectinuseprotection/admission.go)
    /// adds the finalizers `kubernetes.io/pvc-protection` and `kubernetes.io/pv-protection`.
    func admitStorage(_ o: inout Value, resource: APIResource) {
        switch resource.groupResource {
        case VolumeUtil.claims:
            if !VolumeUtil.claimHasClass(o), let sc = VolumeUtil.defaultClass(store) {
                o.edit("spec") { $0.set("storageClassName", .string(sc.name)) }
            }
            APIServer.addFinalizer(&o, VolumeUtil.pvcProtection)
        case VolumeUtil.volumes:
            APIServer.addFinalizer(&o, VolumeUtil.pvProtection)
        default:
            break
        }
    }

    static func addFinalizer(_ o: inout Value, _ finalizer: String) {
        let list = o.finalizers
        if !list.contains(finalizer) { o.setFinalizers(list + [finalizer]) }
    }

    /// pkg/registry/core/persistentvolume/strategy.go (PersistentVolumeLastPhaseTransitionTime,
    /// GA in 1.31): a new volume is Pending since now; a status write that changes the phase
    /// without setting a new `lastPhaseTransitionTime` gets now, one that keeps the phase keeps
    /// the old time.
    static func stampPhaseTransition(_ new: inout Value, old: Value?, now: VirtualTime) {
        let stamp = Value.string(now.rfc3339)
        guard let old else { return new.edit("status") { $0.set("lastPhaseTransitionTime", stamp) } }
        let oldTime = old["status"]?["lastPhaseTransitionTime"], newTime = new["status"]?["lastPhaseTransitionTime"]
        let unset = newTime == nil || newTime?.isNull == true
        if old["status"]?["phase"] == new["status"]?["phase"] {
            if unset, let oldTime { new.edit("status") { $0.set("lastPhaseTransitionTime", oldTime) } }
        } else if unset || newTime == oldTime {
            new.edit("status") { $0.set("lastPhaseTransitionTime", stamp) }
        }
    }
}
