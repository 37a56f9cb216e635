import Foundation
import Testing
import KubeAPI
import YAML
@testable import Simulator

/// plugin/pkg/admission/serviceaccount/admission.go on pod creation.
@Suite struct ServiceAccountAdmissionTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
          - {name: preparar, image: busybox:1.36}
          containers:
          - {name: web, image: nginx:1.27}
          - name: propio
            image: busybox:1.36
            volumeMounts: [{name: mio, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]
          volumes:
          - {name: mio, emptyDir: {}}
        """

    func create(_ yaml: String, in cluster: inout Cluster) throws -> Value {
        let outcome = try cluster.api.create(decoded(yaml, file: "pod.yaml"))
        return try cluster.api.get(pods, namespace: outcome.namespace, name: outcome.name).value
    }

    @Test func theDefaultServiceAccountAndItsProjectedTokenVolume() throws {
        var cluster = Cluster(seed: 5)
        cluster.advance()
        let pod = try create(Self.pod, in: &cluster)
        let spec = try #require(pod["spec"])
        #expect(spec["serviceAccountName"] == "default")
        #expect(spec["serviceAccount"] == "default")
        let volumes = spec["volumes"]?.sequence ?? []
        #expect(volumes.count == 2)
        let volume = try #require(volumes.last)
        let name = try #require(volume["name"]?.string)
        #expect(name.hasPrefix("kube-api-access-"))
        #expect(name.dropFirst("kube-api-access-".count).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        #expect(name.count == "kube-api-access-".count + 5)
        #expect(volume["projected"] == APIServer.tokenVolumeSource)
        #expect(volume["projected"]?["sources"]?[0]?["serviceAccountToken"] == ["expirationSeconds": 3607, "path": "token"])
        let mount: Value = ["mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": .string(name), "readOnly": true]
        #expect(spec["initContainers"]?[0]?["volumeMounts"] == [mount])
        #expect(spec["containers"]?[0]?["volumeMounts"] == [mount])
        // A container with its own mount at that path keeps it alone.
        #expect(spec["containers"]?[1]?["volumeMounts"]?.sequence?.count == 1)
        #expect(spec["containers"]?[1]?["volumeMounts"]?[0]?["name"] == "mio")
    }

    @Test func theVolumeNameComesFromTheSeededGeneratorBeforeThePodName() throws {
        var cluster = Cluster(seed: 8)
        // Mutating admission runs before BeforeCreate's generateName: the volume's suffix is
        // drawn first, then the pod's.
        var random = cluster.api.random
        let volume = NameGenerator.generateName(base: "kube-api-access-", using: &random)
        let name = NameGenerator.generateName(base: "web-", using: &random)
        let pod = try create("apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\nspec:\n  containers: [{name: web, image: nginx:1.27}]\n", in: &cluster)
        #expect(pod.objectName == name)
        #expect(pod["spec"]?["volumes"]?[0]?["name"]?.string == volume)
        // A server dry run leaves the generator as it was.
        let before = cluster.api.random
        _ = try cluster.api.create(decoded("apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\nspec:\n  containers: [{name: web, image: nginx:1.27}]\n"), dryRun: .server)
        #expect(cluster.api.random == before)
    }

    @Test func automountFalseOnThePodOrItsServiceAccount() throws {
        var cluster = Cluster(seed: 5)
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: callado}\nautomountServiceAccountToken: false\n"))
        let off = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
        #expect(off["spec"]?["volumes"] == nil)
        #expect(off["spec"]?["containers"]?[0]?["volumeMounts"] == nil)
        let bySA = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  serviceAccountName: callado\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
        #expect(bySA["spec"]?["volumes"] == nil)
        #expect(bySA["spec"]?["serviceAccount"] == "callado")
        // The pod's preference wins over the ServiceAccount's.
        let podWins = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec:\n  serviceAccountName: callado\n  automountServiceAccountToken: true\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
        #expect(podWins["spec"]?["volumes"]?.sequence?.count == 1)
    }

    @Test func aVolumeAlreadyNamedKubeAPIAccessIsReused() throws {
        var cluster = Cluster(seed: 5)
        let pod = try create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              containers: [{name: c, image: nginx:1.27}]
              volumes: [{name: kube-api-access-propio, emptyDir: {}}]
            """, in: &cluster)
        #expect(pod["spec"]?["volumes"]?.sequence?.count == 1)
        #expect(pod["spec"]?["containers"]?[0]?["volumeMounts"]?[0]?["name"] == "kube-api-access-propio")
    }

    @Test func theServiceAccountsImagePullSecretsAndTheDeprecatedField() throws {
        var cluster = Cluster(seed: 5)
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\nimagePullSecrets: [{name: registro}]\n"))
        // `serviceAccount` alone names the ServiceAccount (the v1 conversion fills serviceAccountName).
        let pod = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  serviceAccount: robot\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
        #expect(pod["spec"]?["serviceAccountName"] == "robot")
        #expect(pod["spec"]?["imagePullSecrets"] == [["name": "registro"]])
        let own = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  serviceAccountName: robot\n  imagePullSecrets: [{name: mio}]\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
        #expect(own["spec"]?["imagePullSecrets"] == [["name": "mio"]])
    }

    @Test func aMissingServiceAccountIsForbidden() throws {
        var cluster = Cluster(seed: 5)
        let before = cluster.api.random
        do {
            _ = try create("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  serviceAccountName: nope\n  containers: [{name: c, image: nginx:1.27}]\n", in: &cluster)
            Issue.record("expected Forbidden")
        } catch {
            let e = try #require(error as? APIError)
            #expect(e.kubectlMessage(source: "pod.yaml") == #"Error from server (Forbidden): error when creating "pod.yaml": pods "x" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found"#)
            #expect(e.missingServiceAccount?.namespace == "default")
            #expect(e.missingServiceAccount?.name == "nope")
            #expect(!e.isNamespaceTerminating)
            #expect(Messages.explanation(e).contains("taller k create serviceaccount nope -n default"))
        }
        // A refused pod draws nothing from the generator.
        #expect(cluster.api.random == before)
    }

    @Test func aReplicaSetRecordsFailedCreateWithTheAdmissionError() throws {
        var cluster = Cluster(seed: 5)
        let yaml = replicaSetYAML(replicas: 2).replacingOccurrences(of: "      containers:", with: "      serviceAccountName: robot\n      containers:")
        _ = try cluster.api.apply(decoded(yaml))
        cluster.advance(by: .seconds(5))
        #expect(cluster.api.list(pods, namespace: "default").isEmpty)
        let failed = cluster.api.list(events, namespace: "default").map(\.value).filter { $0["reason"] == "FailedCreate" }
        #expect(failed.count == 1)
        #expect(failed.first?["message"] == #"Error creating: pods "web-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found"#)
        #expect((failed.first?["count"]?.int ?? 0) > 1)
        // Once the ServiceAccount exists, the next retry creates the pods.
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n"))
        cluster.advance(by: .seconds(60))
        #expect(cluster.api.list(pods, namespace: "default").count == 2)
    }
}
