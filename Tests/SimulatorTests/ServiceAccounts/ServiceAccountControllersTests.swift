import Testing
import KubeAPI
import YAML
@testable import Simulator

/// serviceaccounts_controller.go and rootcacertpublisher/publisher.go: every active namespace
/// has the ServiceAccount `default` and the ConfigMap `kube-root-ca.crt`, put back when deleted
/// or edited.
@Suite struct ServiceAccountControllersTests {
    static let serviceAccounts = Kinds.resolve("sa")!
    static let configMaps = Kinds.resolve("cm")!

    func defaultSA(_ cluster: Cluster, _ namespace: String) -> StoredObject? {
        try? cluster.api.get(Self.serviceAccounts, namespace: namespace, name: "default")
    }

    func rootCA(_ cluster: Cluster, _ namespace: String) -> StoredObject? {
        try? cluster.api.get(Self.configMaps, namespace: namespace, name: "kube-root-ca.crt")
    }

    /// A cluster saved by a version without these controllers has neither object: loading it
    /// queues what is missing (the informers' start-up list), the next step makes them, and a
    /// pod can then be created (the ServiceAccount admission needs `default`). A cluster that
    /// lacks nothing loads with nothing queued: it saves to the same bytes.
    @Test func aClusterSavedBeforeTheControllersGetsThemOnLoad() throws {
        var old = Cluster(seed: 3, workers: 1)
        old.advance()
        let bytes = old.encodedState()
        let same = try Cluster(decoding: bytes).encodedState() == bytes
        #expect(same)
        for ns in APIServer.initialNamespaces {
            old.api.store.remove(ObjectKey(Self.serviceAccounts, namespace: ns, name: "default"))
            old.api.store.remove(ObjectKey(Self.configMaps, namespace: ns, name: "kube-root-ca.crt"))
        }
        _ = old.api.store.drainJournal() // as if they had never been there: no controller hears of it
        #expect(defaultSA(old, "default") == nil)
        var loaded = try Cluster(decoding: old.encodedState())
        loaded.advance()
        for ns in APIServer.initialNamespaces {
            #expect(defaultSA(loaded, ns) != nil, "\(ns)")
            #expect(rootCA(loaded, ns) != nil, "\(ns)")
        }
        let pod = try decoded("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: \"nginx:1.27\"}]\n")
        _ = try loaded.api.apply(pod)
        loaded.api.store.checkInvariants()
    }

    @Test func everyNamespaceGetsTheDefaultServiceAccountAndTheRootCA() throws {
        var cluster = Cluster(seed: 3)
        cluster.advance()
        for ns in APIServer.initialNamespaces {
            #expect(defaultSA(cluster, ns)?.value["metadata"]?.mapping?.compactMap(\.key.string).sorted()
                    == ["creationTimestamp", "name", "namespace", "resourceVersion", "uid"])
            let cm = try #require(rootCA(cluster, ns))
            #expect(cm.value["data"] == ["ca.crt": .string(ClusterCA.certificate)])
            #expect(cm.value.annotationMap == ["kubernetes.io/description": RootCACertPublisher.description])
        }
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: Namespace\nmetadata: {name: tienda}\n"))
        #expect(defaultSA(cluster, "tienda") == nil)
        cluster.advance()
        #expect(defaultSA(cluster, "tienda") != nil)
        #expect(rootCA(cluster, "tienda") != nil)
        #expect(ClusterCA.certificate.hasPrefix("-----BEGIN CERTIFICATE-----\nMIIC"))
        #expect(ClusterCA.certificate.hasSuffix("\n-----END CERTIFICATE-----\n"))
        cluster.api.store.checkInvariants()
    }

    @Test func deletedOnesComeBackWithANewUID() throws {
        var cluster = Cluster(seed: 3)
        cluster.advance()
        let sa = try #require(defaultSA(cluster, "default"))
        let cm = try #require(rootCA(cluster, "default"))
        _ = try cluster.api.delete(Self.serviceAccounts, namespace: "default", name: "default")
        _ = try cluster.api.delete(Self.configMaps, namespace: "default", name: "kube-root-ca.crt")
        #expect(defaultSA(cluster, "default") == nil)
        cluster.advance()
        let newSA = try #require(defaultSA(cluster, "default"))
        let newCM = try #require(rootCA(cluster, "default"))
        #expect(newSA.uid != sa.uid)
        #expect(newCM.uid != cm.uid)
        // Another ServiceAccount's deletion changes nothing.
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n"))
        cluster.advance()
        _ = try cluster.api.delete(Self.serviceAccounts, namespace: "default", name: "robot")
        let revision = cluster.api.store.revision
        cluster.advance()
        #expect(cluster.api.store.revision == revision)
        #expect(defaultSA(cluster, "default")?.uid == newSA.uid)
    }

    @Test func anEditedRootCAIsRestoredKeepingTheRestOfItsMetadata() throws {
        var cluster = Cluster(seed: 3)
        cluster.advance()
        var cm = try #require(rootCA(cluster, "default")).value
        cm.set("data", ["ca.crt": "otro", "extra": "x"])
        cm.editMetadata { $0.set("labels", ["equipo": "web"]); $0.set("annotations", ["nota": "mía"]) }
        _ = try cluster.api.updateObject(ObjectKey(Self.configMaps, namespace: "default", name: "kube-root-ca.crt"), cm)
        cluster.advance()
        let restored = try #require(rootCA(cluster, "default")).value
        #expect(restored["data"] == ["ca.crt": .string(ClusterCA.certificate)])
        #expect(restored.labelMap == ["equipo": "web"])
        #expect(restored.annotationMap == ["nota": "mía", "kubernetes.io/description": RootCACertPublisher.description])
        // Other ConfigMaps are not the publisher's business.
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {ca.crt: mío}\n"))
        cluster.advance()
        #expect(try cluster.api.get(Self.configMaps, namespace: "default", name: "cfg").value["data"] == ["ca.crt": "mío"])
    }

    @Test func aTerminatingNamespaceGetsNothingBack() throws {
        var cluster = Cluster(seed: 3)
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: Namespace\nmetadata: {name: tienda}\n"))
        cluster.advance()
        _ = try cluster.api.delete(namespaces, namespace: "", name: "tienda")
        cluster.advance()
        #expect(throws: APIError.self) { try cluster.api.get(namespaces, namespace: "", name: "tienda") }
        #expect(cluster.api.store.contents(of: "tienda").isEmpty)
        let controller = ServiceAccountsController()
        let publisher = RootCACertPublisher()
        let gone = ObjectKey(resource: "namespaces", namespace: "", name: "tienda")
        let state = ClusterState(store: cluster.api.store)
        #expect(controller.reconcile(key: gone, state: state, now: cluster.now).isEmpty)
        #expect(publisher.reconcile(key: gone, state: state, now: cluster.now).isEmpty)
    }
}
