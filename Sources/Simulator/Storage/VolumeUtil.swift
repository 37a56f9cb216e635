import KubeAPI
import YAML

/// Names and small helpers the storage controllers, the scheduler's VolumeBinding plugin and
/// the apiserver's storage admission share (k8s.io/component-helpers/storage/volume
/// pv_helpers.go `AnnBindCompleted`… `IsVolumeBoundToClaim`, `GetPersistentVolumeClaimClass`;
/// pkg/volume/util/storageclass.go `GetDefaultClass`; k8s.io/api/core/v1 annotation names).
enum VolumeUtil {
    static let volumes = "persistentvolumes"
    static let claims = "persistentvolumeclaims"
    static let classes = "storageclasses.storage.k8s.io"

    // Annotations (pv_helpers.go).
    static let bindCompleted = "pv.kubernetes.io/bind-completed"
    static let boundByController = "pv.kubernetes.io/bound-by-controller"
    static let selectedNode = "volume.kubernetes.io/selected-node"
    static let storageProvisioner = "volume.kubernetes.io/storage-provisioner"
    static let betaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner"
    static let provisionedBy = "pv.kubernetes.io/provisioned-by"
    static let betaStorageClass = "volume.beta.kubernetes.io/storage-class"
    static let defaultClass = "storageclass.kubernetes.io/is-default-class"
    static let betaDefaultClass = "storageclass.beta.kubernetes.io/is-default-class"

    // Finalizers (pkg/volume/util/finalizer.go).
    static let pvcProtection = "kubernetes.io/pvc-protection"
    static let pvProtection = "kubernetes.io/pv-protection"

    /// pv_controller_base.go `--pvclaimbinder-sync-period` default: unbound claims are
    /// looked at again every 15 s (that is how a claim finds a volume created after it).
    static let resyncPeriod = Duration.seconds(15)

    static func claimKey(namespace: String, name: String) -> ObjectKey { ObjectKey(resource: claims, namespace: namespace, name: name) }
    static func volumeKey(_ name: String) -> ObjectKey { ObjectKey(resource: volumes, namespace: "", name: name) }
    static func classKey(_ name: String) -> ObjectKey { ObjectKey(resource: classes, namespace: "", name: name) }

    /// `GetPersistentVolumeClaimClass`: the beta annotation first, then `spec.storageClassName`.
    static func claimClass(_ claim: Value) -> String {
        if let c = claim.annotation(betaStorageClass) { return c }
        return claim["spec"]?["storageClassName"]?.string ?? ""
    }

    /// `PersistentVolumeClaimHasClass`: a class was asked for, even `""` (no class at all).
    static func claimHasClass(_ claim: Value) -> Bool {
        if claim.annotation(betaStorageClass) != nil { return true }
        return claim["spec"]?["storageClassName"].map { !$0.isNull } ?? false
    }

    /// `GetPersistentVolumeClass`.
    static func volumeClass(_ volume: Value) -> String {
        if let c = volume.annotation(betaStorageClass) { return c }
        return volume["spec"]?["storageClassName"]?.string ?? ""
    }

    /// `IsDefaultAnnotation`.
    static func isDefault(_ storageClass: Value) -> Bool {
        let a = storageClass.annotationMap
        return a[defaultClass] == "true" || a[betaDefaultClass] == "true"
    }

    /// `GetDefaultClass`: of the classes marked default, the newest (then the first by name).
    static func defaultClass(_ store: Store) -> StoredObject? {
        store.list(classes).filter { isDefault($0.value) }.min { a, b in
            let ta = Workload.creation(a), tb = Workload.creation(b)
            return ta != tb ? ta > tb : a.name < b.name
        }
    }

    /// `IsDelayBindingMode`: the claim's class exists and binds `WaitForFirstConsumer`.
    static func isDelayBinding(_ claim: Value, _ store: Store) -> Bool {
        let name = claimClass(claim)
        guard !name.isEmpty, let sc = store[classKey(name)] else { return false }
        return sc.value["volumeBindingMode"]?.string == "WaitForFirstConsumer"
    }

    /// `IsVolumeBoundToClaim`: the claimRef names the claim (and its uid, once set).
    static func isBound(_ volume: Value, to claim: StoredObject) -> Bool {
        guard let ref = volume["spec"]?["claimRef"], !ref.isNull else { return false }
        if ref["name"]?.string != claim.name || ref["namespace"]?.string != claim.namespace { return false }
        let uid = ref["uid"]?.string ?? ""
        return uid.isEmpty || uid == claim.uid
    }

    /// `reference.GetReference` of a claim, as the PV controller and provisioners write it.
    static func claimRef(_ claim: StoredObject) -> Value {
        ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": .string(claim.name), "namespace": .string(claim.namespace),
         "resourceVersion": .string(claim.resourceVersion), "uid": .string(claim.uid)]
    }

    /// The claim names a pod's volumes refer to (`persistentVolumeClaim.claimName`).
    static func claimNames(_ pod: Value?) -> [String] {
        (pod?["spec"]?["volumes"]?.sequence ?? []).compactMap { $0["persistentVolumeClaim"]?["claimName"]?.string }
    }

    static func accessModes(_ v: Value?) -> Set<String> { Set((v?["accessModes"]?.sequence ?? []).compactMap(\.string)) }

    static func quantity(_ v: Value?) -> Quantity? {
        guard let v else { return nil }
        let text = v.string ?? v.int.map(String.init) ?? v.double.map { String($0) }
        return text.flatMap { try? Quantity(parsing: $0) }
    }

    /// `spec.resources.requests.storage` of a claim (0 when absent).
    static func request(_ claim: Value) -> Quantity {
        quantity(claim["spec"]?["resources"]?["requests"]?["storage"]) ?? (try! Quantity(parsing: "0"))
    }

    static func capacity(_ volume: Value) -> Quantity {
        quantity(volume["spec"]?["capacity"]?["storage"]) ?? (try! Quantity(parsing: "0"))
    }

    /// `CheckVolumeModeMismatches` (both default to Filesystem).
    static func volumeModeMismatch(_ claim: Value, _ volume: Value) -> Bool {
        (claim["spec"]?["volumeMode"]?.string ?? "Filesystem") != (volume["spec"]?["volumeMode"]?.string ?? "Filesystem")
    }

    /// `CheckNodeAffinity`: the volume's required node affinity admits the node.
    static func nodeAffinityAllows(_ volume: Value, labels: [String: String], nodeName: String) -> Bool {
        guard let terms = volume["spec"]?["nodeAffinity"]?["required"]?["nodeSelectorTerms"]?.sequence else { return true }
        return terms.map(NodeSelectorTerm.init).contains { $0.matches(labels: labels, nodeName: nodeName) }
    }
}
