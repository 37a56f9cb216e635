import KubeAPI
import Testing
import YAML
@testable import Simulator

@Suite struct APIServerTests {
    @Test func startsWithTheFourNamespaces() {
        let cluster = Cluster(seed: 1)
        #expect(cluster.api.list(namespaces, namespace: nil).map(\.name) == ["default", "kube-node-lease", "kube-public", "kube-system"])
        cluster.api.store.checkInvariants()
    }

    /// The defaults memo answers what `Defaults.apply` answers: for the very value seen last
    /// (a ReplicaSet's batch), for an equal value held elsewhere, for another kind, and after a
    /// change to the value.
    @Test func defaultsMemoAgreesWithDefaults() {
        let pod: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["generateName": "web-"],
                          "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]
        var memo = DefaultsMemo()
        let expected = Defaults.apply(to: pod, kind: "Pod", apiVersion: "v1")
        #expect(expected != pod)
        #expect(memo.apply(to: pod, kind: "Pod", apiVersion: "v1") == expected)
        #expect(memo.apply(to: pod, kind: "Pod", apiVersion: "v1") == expected)
        let copy: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["generateName": "web-"],
                           "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]
        #expect(!copy.isIdentical(to: pod) && copy == pod)
        #expect(memo.apply(to: copy, kind: "Pod", apiVersion: "v1") == expected)
        #expect(memo.apply(to: pod, kind: "PodTemplate", apiVersion: "v1") == Defaults.apply(to: pod, kind: "PodTemplate", apiVersion: "v1"))
        var changed = pod
        changed.edit("spec") { $0.set("restartPolicy", "Never") }
        #expect(memo.apply(to: changed, kind: "Pod", apiVersion: "v1") == Defaults.apply(to: changed, kind: "Pod", apiVersion: "v1"))
        #expect(memo.apply(to: changed, kind: "Pod", apiVersion: "v1")["spec"]?["restartPolicy"] == "Never")
    }

    /// kubectl apply: created, then unchanged, then configured (client-side apply).
    @Test func applyCreatedUnchangedConfigured() throws {
        var cluster = Cluster(seed: 1)
        let first = try cluster.api.apply(decoded(deploymentYAML()))
        #expect(first.kubectlMessage == "deployment.apps/web created")
        let stored = try cluster.api.get(deployments, namespace: "default", name: "web")
        #expect(stored.value["metadata"]?["generation"] == 1)
        #expect(stored.value["spec"]?["strategy"]?["type"] == "RollingUpdate")
        let lastApplied = stored.value.annotationMap[APIServer.lastAppliedAnnotation] ?? ""
        #expect(lastApplied.hasPrefix("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"}"))
        #expect(lastApplied.hasSuffix("}\n"))
        #expect(stored.source?.file == "web.yaml")
        #expect(stored.source?.mark("spec.template.spec.containers[0].image")?.line == 15)

        let again = try cluster.api.apply(decoded(deploymentYAML()))
        #expect(again.kubectlMessage == "deployment.apps/web unchanged")
        #expect(try cluster.api.get(deployments, namespace: "default", name: "web").resourceVersion == stored.resourceVersion)

        let changed = try cluster.api.apply(decoded(deploymentYAML(image: "nginx:1.26")))
        #expect(changed.kubectlMessage == "deployment.apps/web configured")
        let updated = try cluster.api.get(deployments, namespace: "default", name: "web")
        #expect(updated.value["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"] == "nginx:1.26")
        #expect(updated.value["metadata"]?["generation"] == 2)
        #expect(updated.value["metadata"]?["uid"] == stored.value["metadata"]?["uid"])
        cluster.api.store.checkInvariants()
    }

    /// A field set imperatively (kubectl scale) is overwritten by a re-apply of the same file
    /// (three-way merge: modified differs from live), and removed fields go away.
    @Test func applyThreeWayMerge() throws {
        var cluster = Cluster(seed: 1)
        _ = try cluster.api.apply(decoded(deploymentYAML(replicas: 3)))
        var live = try cluster.api.get(deployments, namespace: "default", name: "web").value
        live.edit("spec") { $0.set("replicas", 5) }
        _ = try cluster.api.updateObject(ObjectKey(deployments, namespace: "default", name: "web"), live)
        #expect(try cluster.api.apply(decoded(deploymentYAML(replicas: 3))).operation == .configured)
        #expect(try cluster.api.get(deployments, namespace: "default", name: "web").value["spec"]?["replicas"] == 3)
    }

    @Test func validationErrorsRenderAsKubectl() throws {
        var cluster = Cluster(seed: 1)
        #expect {
            try cluster.api.apply(decoded(deploymentYAML(labels: "{app: api}")))
        } throws: { error in
            guard let error = error as? APIError, case .invalid(_, _, _, let source) = error else { return false }
            return error.kubectlMessage(source: "web.yaml") == "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`"
                && source?.file == "web.yaml"
        }
    }

    @Test func createErrorsRenderAsKubectl() throws {
        var cluster = Cluster(seed: 1)
        _ = try cluster.api.create(decoded(deploymentYAML()))
        do {
            _ = try cluster.api.create(decoded(deploymentYAML()))
            Issue.record("expected AlreadyExists")
        } catch {
            #expect((error as? APIError)?.kubectlMessage(source: "web.yaml") == "Error from server (AlreadyExists): error when creating \"web.yaml\": deployments.apps \"web\" already exists")
        }
        do {
            _ = try cluster.api.apply(decoded(podYAML(name: "p", namespace: "prod"), file: "x.yaml"))
            Issue.record("expected NotFound")
        } catch {
            #expect((error as? APIError)?.kubectlMessage(source: "x.yaml") == "Error from server (NotFound): error when creating \"x.yaml\": namespaces \"prod\" not found")
        }
        do {
            _ = try cluster.api.get(deployments, namespace: "default", name: "x")
        } catch {
            #expect(error.kubectlMessage() == "Error from server (NotFound): deployments.apps \"x\" not found")
        }
    }

    @Test func dryRunsStoreNothing() throws {
        var cluster = Cluster(seed: 1)
        let client = try cluster.api.apply(decoded(deploymentYAML()), dryRun: .client)
        #expect(client.kubectlMessage == "deployment.apps/web created (dry run)")
        let server = try cluster.api.apply(decoded(deploymentYAML()), dryRun: .server)
        #expect(server.kubectlMessage == "deployment.apps/web created (server dry run)")
        #expect(server.object?["metadata"]?["uid"] != nil)
        #expect(cluster.api.list(deployments, namespace: "default").isEmpty)
        // A server dry run leaves the generator alone: the next uid is the one it would have been.
        var fresh = Cluster(seed: 1)
        let a = try cluster.api.create(decoded(deploymentYAML())).object?["metadata"]?["uid"]
        let b = try fresh.api.create(decoded(deploymentYAML())).object?["metadata"]?["uid"]
        #expect(a == b)
    }

    @Test func podsGetStatusAndGeneratedNames() throws {
        var cluster = Cluster(seed: 1)
        let yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {generateName: web-}
        spec:
          containers: [{name: web, image: nginx}]
        """
        let outcome = try cluster.api.create(decoded(yaml))
        #expect(outcome.name.hasPrefix("web-") && outcome.name.count == 9)
        #expect(outcome.object?["status"] == ["phase": "Pending", "qosClass": "BestEffort"])
        #expect(outcome.object?["metadata"]?["creationTimestamp"] == "2026-01-01T00:00:00Z")
    }

    @Test func listByLabelUsesSelector() throws {
        var cluster = Cluster(seed: 1)
        for i in 0..<6 {
            _ = try cluster.api.create(decoded(podYAML(name: "p\(i)", labels: i % 2 == 0 ? "{app: web, tier: fe}" : "{app: db}")))
        }
        let web = cluster.api.list(pods, namespace: "default", selector: try LabelSelector.parse("app=web"))
        #expect(web.map(\.name) == ["p0", "p2", "p4"])
        #expect(cluster.api.list(pods, namespace: "default", selector: try LabelSelector.parse("app in (db),!tier")).count == 3)
        #expect(cluster.api.list(pods, namespace: nil, selector: try LabelSelector.parse("tier!=fe")).map(\.name) == ["p1", "p3", "p5"])
        cluster.api.store.checkInvariants()
    }
}
