import KubeAPI
import YAML

/// The external provisioner kind installs for its default StorageClass `standard`:
/// rancher/local-path-provisioner (provisioner.go `Provision`/`Delete`) running inside
/// sig-storage-lib-external-provisioner's ProvisionController (controller.go `shouldProvision`,
/// `provisionClaimOperation`, `shouldDelete`), simulated without its helper pods.
///
/// Example: claim `datos` (class `standard`, 1Gi, RWO) annotated by the PV controller with
/// `volume.kubernetes.io/storage-provisioner: rancher.io/local-path` and by the scheduler with
/// `volume.kubernetes.io/selected-node: taller-worker2`. The provisioner records
/// `Provisioning` (`External provisioner is provisioning volume for claim "default/datos"`),
/// creates the PersistentVolume `pvc-<claim uid>`: 1Gi, RWO, `hostPath`
/// `/var/local-path-provisioner/pvc-<uid>_default_datos` (`DirectoryOrCreate`), node
/// affinity `kubernetes.io/hostname In [taller-worker2]`, the class's reclaim policy, a
/// `claimRef` to the claim and the annotations `pv.kubernetes.io/provisioned-by` and
/// `local.path.provisioner/selected-node` — then `ProvisioningSucceeded` (`Successfully
/// provisioned volume pvc-…`). When such a volume is Released with policy Delete, it deletes
/// it. Everything happens at once (the real one takes a second or two for its helper pod).
///
/// Events come from the provisioner's identity `rancher.io/local-path_<pod>_<uuid>`; the
/// pod and uuid here are fixed made-up values, since the simulator runs no such pod.
public struct LocalPathProvisioner: Controller {
    public static let provisioner = "rancher.io/local-path"
    /// kind's `local-path-config`: `"paths":["/var/local-path-provisioner"]`.
    static let basePath = "/var/local-path-provisioner"
    static let selectedNodeAnnotation = "local.path.provisioner/selected-node"

    public let name = "rancher.io/local-path_local-path-provisioner-7dc846544d-x4n7q_3f0c7a52-9d1e-4b86-a5c2-1e8f4d6b9c30"
    public var watchedResources: Set<String>? { [VolumeUtil.claims, VolumeUtil.volumes] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case VolumeUtil.claims: return change.new == nil ? [] : [change.key]
        case VolumeUtil.volumes: return change.new == nil ? [] : [change.key]
        default: return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let object = state[key] else { return [] }
        return key.resource == VolumeUtil.claims ? provision(object, state: state) : delete(object)
    }

    /// `shouldProvision` + `provisionClaimOperation`.
    func provision(_ claim: StoredObject, state: ClusterState) -> [Action] {
        let a = claim.value.annotationMap
        guard !claim.isBeingDeleted, (claim.value["spec"]?["volumeName"]?.string ?? "").isEmpty,
              (a[VolumeUtil.storageProvisioner] ?? a[VolumeUtil.betaStorageProvisioner]) == LocalPathProvisioner.provisioner,
              let sc = state[VolumeUtil.classKey(VolumeUtil.claimClass(claim.value))],
              sc.value["provisioner"]?.string == LocalPathProvisioner.provisioner else { return [] }
        let pvName = "pvc-" + claim.uid
        if state[VolumeUtil.volumeKey(pvName)] != nil { return [] }
        let delayed = sc.value["volumeBindingMode"]?.string == "WaitForFirstConsumer"
        let node = a[VolumeUtil.selectedNode] ?? ""
        if delayed && node.isEmpty { return [] }
        let id = "\(claim.namespace)/\(claim.name)"
        var actions: [Action] = [event(claim.key, .normal, "Provisioning", "External provisioner is provisioning volume for claim \(GoValue.quote(id))")]
        if node.isEmpty {
            // provisioner.go: without a selected node there is nowhere to create the directory.
            actions.append(event(claim.key, .warning, "ProvisioningFailed",
                                 "failed to provision volume with StorageClass \(GoValue.quote(sc.name)): configuration error, no node was specified"))
            actions.append(.requeueAfter(VolumeUtil.resyncPeriod))
            return actions
        }
        actions.append(.create(volume(pvName, claim: claim, storageClass: sc, node: node)))
        actions.append(event(claim.key, .normal, "ProvisioningSucceeded", "Successfully provisioned volume \(pvName)"))
        return actions
    }

    func volume(_ name: String, claim: StoredObject, storageClass sc: StoredObject, node: String) -> Value {
        let spec = claim.value["spec"] ?? .mapping([])
        let term: Value = ["matchExpressions": [["key": "kubernetes.io/hostname", "operator": "In", "values": [.string(node)]]]]
        return [
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": ["name": .string(name),
                         "annotations": [LocalPathProvisioner.selectedNodeAnnotation: .string(node),
                                         VolumeUtil.provisionedBy: .string(LocalPathProvisioner.provisioner)]],
            "spec": [
                "accessModes": spec["accessModes"] ?? .sequence([]),
                "capacity": ["storage": spec["resources"]?["requests"]?["storage"] ?? "0"],
                "claimRef": VolumeUtil.claimRef(claim),
                "hostPath": ["path": .string("\(LocalPathProvisioner.basePath)/\(name)_\(claim.namespace)_\(claim.name)"), "type": "DirectoryOrCreate"],
                "nodeAffinity": ["required": ["nodeSelectorTerms": [term]]],
                "persistentVolumeReclaimPolicy": sc.value["reclaimPolicy"] ?? "Delete",
                "storageClassName": .string(sc.name),
                "volumeMode": spec["volumeMode"] ?? "Filesystem",
            ],
        ]
    }

    /// `shouldDelete` + `deleteVolumeOperation`: a Released volume of ours with policy Delete.
    func delete(_ volume: StoredObject) -> [Action] {
        let v = volume.value
        guard !volume.isBeingDeleted, v.annotation(VolumeUtil.provisionedBy) == LocalPathProvisioner.provisioner,
              v["status"]?["phase"]?.string == "Released", v["spec"]?["persistentVolumeReclaimPolicy"]?.string == "Delete" else { return [] }
        return [.delete(volume.key, .background)]
    }

    func event(_ key: ObjectKey, _ type: EventSpec.EventType, _ reason: String, _ message: String) -> Action {
        .event(EventSpec(involved: key, type: type, reason: reason, message: message, component: name))
    }
}
