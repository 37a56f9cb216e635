import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/volume/persistentvolume, the local-path provisioner, the storage admission
/// plugins, VolumeBinding and pvc-protection, on the course cluster.
@Suite struct PersistentVolumeControllerTests {
    static let claims = Kinds.resolve("pvc")!
    static let volumes = Kinds.resolve("pv")!
    static let classes = Kinds.resolve("sc")!

    static func volume(_ name: String, _ size: String, modes: String = "[ReadWriteOnce]", policy: String = "Retain",
                       className: String = "manual") -> String {
        """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: \(name)}
        spec:
          capacity: {storage: \(size)}
          accessModes: \(modes)
          persistentVolumeReclaimPolicy: \(policy)
          storageClassName: "\(className)"
          hostPath: {path: /datos/\(name)}
        """
    }

    static func claim(_ name: String = "datos", _ size: String = "1Gi", className: String? = nil) -> String {
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: \(name)}
        spec:
          accessModes: [ReadWriteOnce]
        \(className.map { "  storageClassName: \($0)" } ?? "")
          resources: {requests: {storage: \(size)}}
        """
    }

    static func pod(_ name: String = "web", claim: String = "datos") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name)}
        spec:
          containers:
          - name: web
            image: nginx:1.27
            volumeMounts: [{name: datos, mountPath: /usr/share/nginx/html}]
          volumes:
          - name: datos
            persistentVolumeClaim: {claimName: \(claim)}
        """
    }

    func pv(_ c: Cluster, _ name: String) -> Value? { try? c.api.get(Self.volumes, namespace: "", name: name).value }

    /// findByClaim: the smallest Available volume that fits, trying the exact access-mode
    /// set before wider ones; the claim gets its capacity and both are Bound.
    @Test func bindsTheSmallestMatchingVolume() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        for yaml in [Self.volume("pv-1g", "1Gi"), Self.volume("pv-5g", "5Gi"), Self.volume("pv-10g", "10Gi"),
                     Self.volume("pv-rwx", "3Gi", modes: "[ReadWriteOnce, ReadWriteMany]")] { try c.apply(yaml) }
        c.advance()
        try c.apply(Self.claim("datos", "3Gi", className: "manual"))
        c.advance()
        let claim = try #require(c.object(Self.claims, "datos"))
        #expect(claim["spec"]?["volumeName"] == "pv-5g")
        #expect(claim["status"]?["phase"] == "Bound" && claim["status"]?["capacity"]?["storage"] == "5Gi")
        #expect(claim.annotationMap["pv.kubernetes.io/bind-completed"] == "yes" && claim.annotationMap["pv.kubernetes.io/bound-by-controller"] == "yes")
        let bound = try #require(pv(c, "pv-5g"))
        #expect(bound["status"]?["phase"] == "Bound" && bound["spec"]?["claimRef"]?["uid"]?.string == claim.uid)
        #expect(bound.annotationMap["pv.kubernetes.io/bound-by-controller"] == "yes")
        for name in ["pv-1g", "pv-10g", "pv-rwx"] { #expect(pv(c, name)?["status"]?["phase"] == "Available") }
        #expect(bound.finalizers == ["kubernetes.io/pv-protection"] && claim.finalizers == ["kubernetes.io/pvc-protection"])
        c.api.store.checkInvariants()
    }

    /// A claim created before its volume binds at the next 15 s resync, with FailedBinding
    /// meanwhile for a claim without a class.
    @Test func resyncFindsALaterVolume() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.claim(className: "\"\""))
        c.advance(by: .seconds(1))
        #expect(c.eventMessages("datos") == ["no persistent volumes available for this claim and no storage class is set"])
        try c.apply(Self.volume("pv-1g", "1Gi", className: ""))
        c.advance(by: .seconds(10))
        #expect(c.object(Self.claims, "datos")?["status"]?["phase"] == "Pending")
        c.advance(by: .seconds(5))
        #expect(c.object(Self.claims, "datos")?["spec"]?["volumeName"] == "pv-1g")
    }

    /// DefaultStorageClass admission + WaitForFirstConsumer: the claim waits for a pod; once
    /// the pod is scheduled the local-path provisioner makes `pvc-<uid>` on the pod's node.
    @Test func waitForFirstConsumerThenDynamicProvisioning() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.claim())
        c.advance(by: .seconds(20))
        var claim = try #require(c.api.store[VolumeUtil.claimKey(namespace: "default", name: "datos")])
        #expect(claim.value["spec"]?["storageClassName"] == "standard")
        #expect(claim.value["status"]?["phase"] == "Pending" && c.api.list(Self.volumes, namespace: nil).isEmpty)
        let waiting = try #require(c.api.list(events, namespace: "default").first { $0.value["reason"] == "WaitForFirstConsumer" })
        #expect(waiting.value["message"] == "waiting for first consumer to be created before binding" && waiting.value["count"] == 2)
        try c.apply(Self.pod())
        c.advance(by: .seconds(5))
        claim = try #require(c.api.store[VolumeUtil.claimKey(namespace: "default", name: "datos")])
        let volume = try #require(pv(c, "pvc-" + claim.uid))
        let node = try #require(c.object(pods, "web")?["spec"]?["nodeName"]?.string)
        #expect(claim.value["status"]?["phase"] == "Bound" && claim.value["spec"]?["volumeName"]?.string == "pvc-" + claim.uid)
        #expect(claim.value.annotationMap["volume.kubernetes.io/selected-node"] == node)
        #expect(claim.value.annotationMap["volume.kubernetes.io/storage-provisioner"] == "rancher.io/local-path")
        #expect(volume["spec"]?["nodeAffinity"]?["required"]?["nodeSelectorTerms"]?[0]?["matchExpressions"]?[0]?["values"] == [.string(node)])
        #expect(volume["spec"]?["persistentVolumeReclaimPolicy"] == "Delete" && volume["spec"]?["storageClassName"] == "standard")
        #expect(volume["spec"]?["hostPath"]?["path"]?.string == "/var/local-path-provisioner/pvc-\(claim.uid)_default_datos")
        #expect(volume.annotationMap["pv.kubernetes.io/provisioned-by"] == "rancher.io/local-path")
        #expect(c.object(pods, "web")?["status"]?["phase"] == "Running")
        #expect(c.eventMessages("datos").suffix(3) == [
            "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
            "External provisioner is provisioning volume for claim \"default/datos\"",
            "Successfully provisioned volume pvc-\(claim.uid)",
        ])
    }

    /// VolumeBinding PreFilter: a missing claim, then an unbound claim of an Immediate class
    /// that nobody provisions.
    @Test func schedulerWaitsForClaims() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.pod(claim: "nada"))
        c.advance()
        #expect(podEvents(c, "web") == ["FailedScheduling: 0/4 nodes are available: persistentvolumeclaim \"nada\" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."])
        try c.apply("""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: manual}
            provisioner: kubernetes.io/no-provisioner
            """)
        try c.apply(Self.claim("nada", className: "manual"))
        c.advance(by: .seconds(2))
        #expect(podEvents(c, "web").last == "FailedScheduling: 0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.")
        #expect(c.eventMessages("nada", reason: "ProvisioningFailed") == ["no volume plugin matched name: kubernetes.io/no-provisioner"])
        try c.apply(Self.volume("pv-1g", "1Gi"))
        c.advance(by: .seconds(20))
        #expect(c.object(pods, "web")?["status"]?["phase"] == "Running")
    }

    /// A StatefulSet's claim templates give one claim per pod (`www-web-N`), each provisioned
    /// and bound; deleting the StatefulSet leaves them (whenDeleted: Retain).
    @Test func statefulSetClaimsPerPod() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(StatefulSetControllerTests.yaml(image: "nginx:1.27"))
        c.advance(by: .seconds(30))
        let names = c.api.list(Self.claims, namespace: "default").map(\.name)
        #expect(names == ["www-web-0", "www-web-1", "www-web-2"])
        for claim in c.api.list(Self.claims, namespace: "default") {
            #expect(claim.value["status"]?["phase"] == "Bound" && claim.value["spec"]?["volumeName"]?.string == "pvc-" + claim.uid)
        }
        #expect(c.api.list(pods, namespace: "default").allSatisfy { $0.value["status"]?["phase"] == "Running" })
        _ = try c.api.delete(StatefulSetControllerTests.statefulSets, namespace: "default", name: "web")
        c.advance(by: .seconds(60))
        #expect(c.api.list(pods, namespace: "default").isEmpty)
        #expect(c.api.list(Self.claims, namespace: "default").count == 3)
        #expect(c.api.list(Self.volumes, namespace: nil).allSatisfy { $0.value["status"]?["phase"] == "Bound" })
    }

    /// pvc-protection: a claim in use stays Terminating until its pod is gone; then it goes,
    /// and its provisioned volume (reclaim Delete) with it.
    @Test func protectionKeepsAClaimInUse() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.claim())
        try c.apply(Self.pod())
        c.advance(by: .seconds(5))
        _ = try c.api.delete(Self.claims, namespace: "default", name: "datos")
        c.advance(by: .seconds(30))
        let claim = try #require(c.object(Self.claims, "datos"))
        #expect(claim.isBeingDeleted && claim["status"]?["phase"] == "Bound")
        #expect(c.api.list(Self.volumes, namespace: nil).count == 1)
        _ = try c.api.delete(pods, namespace: "default", name: "web")
        c.advance(by: .seconds(35))
        #expect(c.object(Self.claims, "datos") == nil)
        #expect(c.api.list(Self.volumes, namespace: nil).isEmpty)
    }

    /// Retain: the claim goes, the volume stays Released with its claimRef.
    @Test func retainLeavesTheVolumeReleased() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.volume("pv-1g", "1Gi"))
        try c.apply(Self.claim(className: "manual"))
        c.advance()
        _ = try c.api.delete(Self.claims, namespace: "default", name: "datos")
        c.advance()
        let volume = try #require(pv(c, "pv-1g"))
        #expect(volume["status"]?["phase"] == "Released" && volume["spec"]?["claimRef"]?["name"] == "datos")
    }
}
