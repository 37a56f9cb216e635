import Testing
import YAML
@testable import Simulator

/// pkg/controller/namespace/deletion: Terminating, content deleted, then the namespace.
@Suite struct NamespaceControllerTests {
    @Test func deletingANamespaceDeletesEverythingInside() throws {
        var cluster = Cluster(seed: 4)
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: Namespace\nmetadata: {name: tienda}\n"))
        _ = try cluster.api.apply(decoded(replicaSetYAML(replicas: 2, namespace: "tienda")))
        cluster.advance()
        #expect(cluster.api.list(pods, namespace: "tienda").count == 2)

        _ = try cluster.api.delete(namespaces, namespace: "", name: "tienda")
        let ns = try cluster.api.get(namespaces, namespace: "", name: "tienda")
        #expect(ns.value["status"]?["phase"] == "Terminating")
        do {
            _ = try cluster.api.apply(decoded(podYAML(name: "late", namespace: "tienda"), file: "late.yaml"))
            Issue.record("expected Forbidden")
        } catch {
            #expect((error as? APIError)?.kubectlMessage(source: "late.yaml") == "Error from server (Forbidden): error when creating \"late.yaml\": pods \"late\" is forbidden: unable to create new content in namespace tienda because it is being terminated")
        }
        cluster.advance()
        #expect(cluster.api.store.contents(of: "tienda").isEmpty)
        #expect(throws: APIError.self) { try cluster.api.get(namespaces, namespace: "", name: "tienda") }
        cluster.api.store.checkInvariants()
    }

    @Test func immortalNamespaces() throws {
        var cluster = Cluster(seed: 4)
        do {
            _ = try cluster.api.delete(namespaces, namespace: "", name: "default")
            Issue.record("expected Forbidden")
        } catch {
            #expect(error.kubectlMessage() == "Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted")
        }
    }
}
