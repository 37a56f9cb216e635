import KubeAPI
import YAML

extension Cluster {
    /// The default StorageClass kind installs while creating a cluster
    /// (kind pkg/build/nodeimage/const_storage.go, applied with `kubectl apply` by
    /// pkg/cluster/internal/create/actions/installstorage): `standard`, marked default,
    /// provisioner `rancher.io/local-path`, `WaitForFirstConsumer`, reclaim `Delete`. It is
    /// created as `kubectl apply` creates it, with the last-applied annotation (kubectl drops
    /// the manifest's `namespace: kube-system`, the class being cluster-scoped).
    ///
    /// Not created: the `local-path-storage` namespace and the provisioner's Deployment,
    /// which the simulator replaces by the `LocalPathProvisioner` controller (as it has no
    /// CoreDNS or kube-proxy pods either). Like the networking bootstrap, it draws its uid from
    /// a generator of its own so later names are unchanged.
    mutating func bootstrapStorage() {
        guard let resource = Kinds.resource(apiVersion: "storage.k8s.io/v1", kind: "StorageClass") else { return }
        let saved = api.random
        api.random = SeededRandom(seed: (saved.state.first ?? 0) ^ 0x7374_6f72_6167_6573)
        defer { api.random = saved }
        let standard: Value = [
            "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": ["annotations": .mapping([.init(VolumeUtil.defaultClass, "true")]), "name": "standard"],
            "provisioner": .string(LocalPathProvisioner.provisioner),
            "reclaimPolicy": "Delete",
            "volumeBindingMode": "WaitForFirstConsumer",
        ]
        _ = try? api.createObject(APIServer.withLastApplied(standard), resource: resource, source: nil)
    }
}
