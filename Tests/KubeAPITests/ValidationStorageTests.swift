import Testing
import YAML
@testable import KubeAPI

/// PersistentVolume and StorageClass rules (pkg/apis/core/validation ValidatePersistentVolume,
/// pkg/apis/storage/validation ValidateStorageClass{,Update}) and the claim updates the PV
/// controller makes (ValidatePersistentVolumeClaimUpdate).
@Suite struct ValidationStorageTests {
    static let pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /datos}}"
    static let sc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: rapida}\nprovisioner: rancher.io/local-path\nreclaimPolicy: Delete"
    static let pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}"

    @Test func persistentVolume() throws {
        #expect(try ValidationTests.kubectl(Self.pv) == "")
        #expect(try ValidationTests.kubectl(Self.pv.replacingFirst(", hostPath: {path: /datos}", with: "")) ==
            "The PersistentVolume \"pv\" is invalid: spec: Required value: must specify a volume type\n")
        #expect(try ValidationTests.kubectl(Self.pv.replacingFirst("accessModes: [ReadWriteOnce]", with: "accessModes: [ReadWriteAll]")) ==
            "The PersistentVolume \"pv\" is invalid: spec.accessModes: Unsupported value: \"ReadWriteAll\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"\n")
        let explanation = ValidationMessages.explain(FieldError.required(FieldPath("spec"), "must specify a volume type"))
        #expect(explanation.explanation.contains("origen del volumen"))
    }

    @Test func storageClass() throws {
        #expect(try ValidationTests.kubectl(Self.sc) == "")
        #expect(try ValidationTests.kubectl(Self.sc.replacingFirst("provisioner: rancher.io/local-path\n", with: "")) ==
            "The StorageClass \"rapida\" is invalid: provisioner: Required value\n")
        #expect(try ValidationTests.kubectl(Self.sc.replacingFirst("Delete", with: "Recycle")) ==
            "The StorageClass \"rapida\" is invalid: reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"\n")
        #expect(try ValidationTests.kubectl(Self.sc.replacingFirst("Delete", with: "Retain"), update: Self.sc) ==
            "The StorageClass \"rapida\" is invalid: reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.\n")
        let object = try YAML.load(Self.sc, file: "sc.yaml")[0]
        let defaulted = Defaults.apply(to: object, kind: "StorageClass", apiVersion: "storage.k8s.io/v1")
        #expect(defaulted["volumeBindingMode"] == "Immediate" && defaulted["reclaimPolicy"] == "Delete")
    }

    /// The PV controller may set `volumeName` once and give a class-less claim the default
    /// class; anything else in the spec stays immutable.
    @Test func claimUpdatesOfThePVController() throws {
        let bound = Self.pvc.replacingFirst("resources:", with: "volumeName: pv-1, resources:")
        #expect(try ValidationTests.kubectl(bound, update: Self.pvc) == "")
        #expect(try ValidationTests.kubectl(bound.replacingFirst("pv-1", with: "pv-2"), update: bound) ==
            "The PersistentVolumeClaim \"d\" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n")
        let classed = Self.pvc.replacingFirst("resources:", with: "storageClassName: standard, resources:")
        #expect(try ValidationTests.kubectl(classed, update: Self.pvc) == "")
        #expect(try ValidationTests.kubectl(classed.replacingFirst("standard", with: "rapida"), update: classed) != "")
    }
}
