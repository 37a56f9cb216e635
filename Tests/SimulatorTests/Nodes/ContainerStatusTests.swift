import Testing
import KubeAPI
import YAML
@testable import Simulator

/// The kubelet's container statuses (kubelet_pods.go `convertToAPIContainerStatuses`): the
/// volume mounts of each container (RecursiveReadOnlyMounts, on since 1.31) and the image as
/// containerd reports it once the container exists.
@Suite struct ContainerStatusTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
          - name: preparar
            image: busybox:1.36
            command: [sh, -c, "echo listo"]
            volumeMounts: [{name: datos, mountPath: /datos}]
          containers:
          - name: web
            image: nginx:1.27
            volumeMounts:
            - {name: datos, mountPath: /usr/share/nginx/html, readOnly: true}
            - {name: config, mountPath: /etc/config, readOnly: true, recursiveReadOnly: IfPossible}
          volumes:
          - {name: datos, emptyDir: {}}
          - {name: config, emptyDir: {}}
        """

    @Test func statusesListTheMountsAndTheFullImage() throws {
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        _ = try cluster.api.create(decoded(Self.pod, file: "pod.yaml"))
        cluster.advance(by: .seconds(30))
        let pod = try cluster.api.get(Kinds.resolve("pods")!, namespace: "default", name: "web").value
        #expect(pod["status"]?["phase"]?.string == "Running")
        let web = try #require(pod["status"]?["containerStatuses"]?[0])
        let token = try #require(pod["spec"]?["volumes"]?.sequence?.compactMap { $0["name"]?.string }.first { $0.hasPrefix("kube-api-access-") })
        #expect(web["volumeMounts"] == [
            ["name": "datos", "mountPath": "/usr/share/nginx/html", "readOnly": true, "recursiveReadOnly": "Disabled"],
            ["name": "config", "mountPath": "/etc/config", "readOnly": true, "recursiveReadOnly": "Enabled"],
            ["name": .string(token), "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true, "recursiveReadOnly": "Disabled"],
        ])
        #expect(web["image"]?.string == "docker.io/library/nginx:1.27")
        #expect(pod["spec"]?["containers"]?[0]?["image"]?.string == "nginx:1.27", "the spec keeps what was written")
        let preparar = try #require(pod["status"]?["initContainerStatuses"]?[0])
        #expect(preparar["volumeMounts"]?[0] == ["name": "datos", "mountPath": "/datos"], "writable: no readOnly, no recursiveReadOnly")
        #expect(preparar["image"]?.string == "docker.io/library/busybox:1.36")
    }

    /// A container whose configuration fails (a missing ConfigMap) was never created: its
    /// status keeps the image as written, and lists its mounts all the same.
    @Test func aContainerNeverCreatedKeepsTheWrittenImage() throws {
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: roto}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                envFrom: [{configMapRef: {name: no-existe}}]
            """
        _ = try cluster.api.create(decoded(yaml, file: "pod.yaml"))
        cluster.advance(by: .seconds(30))
        let status = try #require(try cluster.api.get(Kinds.resolve("pods")!, namespace: "default", name: "roto").value["status"]?["containerStatuses"]?[0])
        #expect(status["state"]?["waiting"]?["reason"]?.string == "CreateContainerConfigError")
        #expect(status["image"]?.string == "nginx:1.27")
        #expect(status["volumeMounts"]?.sequence?.count == 1, "the ServiceAccount token")
    }

    /// `pod` with the image of its first container replaced.
    static func withImage(_ pod: Value, _ image: String) -> Value {
        var pod = pod
        pod.edit("spec") { $0.edit("containers") { containers in
            guard case .sequence(var list) = containers else { return }
            list[0].set("image", .string(image))
            containers = .sequence(list)
        } }
        return pod
    }

    /// `kubectl set image pod/web web=nginx:1.26` on a bare pod: the kubelet kills the
    /// container ("definition changed, will be restarted"), pulls the new image and starts it
    /// again; the old container is the last state and `restartCount` is 1.
    @Test func aChangedImageRestartsTheContainer() throws {
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        _ = try cluster.api.create(decoded("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: \"nginx:1.27\"}]\n", file: "pod.yaml"))
        cluster.advance(by: .seconds(20))
        let pods = Kinds.resolve("pods")!
        let pod = try cluster.api.get(pods, namespace: "default", name: "web").value
        let first = try #require(pod["status"]?["containerStatuses"]?[0]?["containerID"]?.string)
        _ = try cluster.api.updateObject(ObjectKey(pods, namespace: "default", name: "web"), Self.withImage(pod, "nginx:1.26"))
        cluster.advance(by: .seconds(30))
        let now = try cluster.api.get(pods, namespace: "default", name: "web").value
        let status = try #require(now["status"]?["containerStatuses"]?[0])
        #expect(status["image"]?.string == "docker.io/library/nginx:1.26")
        #expect(status["restartCount"]?.int == 1)
        #expect(status["state"]?["running"] != nil)
        #expect(status["lastState"]?["terminated"]?["containerID"]?.string == first)
        #expect(status["lastState"]?["terminated"]?["reason"]?.string == "Completed")
        #expect(status["containerID"]?.string != first)
        let reasons = cluster.api.store.list(ObjectKey.events)
            .filter { $0.value["involvedObject"]?["name"]?.string == "web" }
            .sorted { ($0.value["lastTimestamp"]?.string ?? "", $0.resourceVersion.count, $0.resourceVersion) < ($1.value["lastTimestamp"]?.string ?? "", $1.resourceVersion.count, $1.resourceVersion) }
            .map { "\($0.value["reason"]?.string ?? "") \($0.value["message"]?.string ?? "")" }
        #expect(reasons.contains("Killing Container web definition changed, will be restarted"))
        #expect(reasons.contains("Pulling Pulling image \"nginx:1.26\""))
        let created = cluster.api.store.list(ObjectKey.events).first { $0.value["reason"]?.string == "Created" }
        #expect(created?.value["count"]?.int == 2)
        // An image written as its full name is the same image: nothing restarts.
        _ = try cluster.api.updateObject(ObjectKey(pods, namespace: "default", name: "web"), Self.withImage(now, "docker.io/library/nginx:1.26"))
        cluster.advance(by: .seconds(30))
        let after = try cluster.api.get(pods, namespace: "default", name: "web").value
        #expect(after["status"]?["containerStatuses"]?[0]?["restartCount"]?.int == 1)
    }

    /// A container whose process ignores SIGTERM (a busybox shell) keeps running, with its
    /// old image, until the pod's grace period ends (10 s here); then it is killed (137,
    /// `Error`) and started with the new image. Deleting the pod meanwhile leaves nothing in
    /// the kubelet's memory.
    @Test func aChangedImageWaitsForTheGracePeriod() throws {
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: shell}\nspec:\n  terminationGracePeriodSeconds: 10\n  containers: [{name: shell, image: \"busybox:1.36\", command: [sleep, \"3600\"]}]\n"
        _ = try cluster.api.create(decoded(yaml, file: "pod.yaml"))
        cluster.advance(by: .seconds(20))
        let pods = Kinds.resolve("pods")!, key = ObjectKey(pods, namespace: "default", name: "shell")
        let pod = try cluster.api.get(pods, namespace: "default", name: "shell").value
        _ = try cluster.api.updateObject(key, Self.withImage(pod, "busybox:1.37"))
        func container() throws -> Value { try #require(cluster.api.get(pods, namespace: "default", name: "shell").value["status"]?["containerStatuses"]?[0]) }
        cluster.advance(by: .seconds(9))
        #expect(try container()["state"]?["running"] != nil)
        #expect(try container()["image"]?.string == "docker.io/library/busybox:1.36")
        #expect(try container()["restartCount"]?.int == 0)
        #expect(cluster.api.store.memory.keys.contains { $0.hasPrefix("cambio/") })
        cluster.advance(by: .seconds(5))
        let restarted = try container()
        #expect(restarted["image"]?.string == "docker.io/library/busybox:1.37")
        #expect(restarted["restartCount"]?.int == 1)
        #expect(restarted["lastState"]?["terminated"]?["exitCode"]?.int == 137)
        #expect(restarted["lastState"]?["terminated"]?["reason"]?.string == "Error")
        #expect(restarted["lastState"]?["terminated"]?["finishedAt"]?.string == "2026-01-01T00:00:30Z")
        #expect(!cluster.api.store.memory.keys.contains { $0.hasPrefix("cambio/") })
        // Deleted while a kill for a new image is under way: the kubelet forgets it.
        let now = try cluster.api.get(pods, namespace: "default", name: "shell").value
        _ = try cluster.api.updateObject(key, Self.withImage(now, "busybox:1.36"))
        cluster.advance(by: .seconds(1))
        #expect(cluster.api.store.memory.keys.contains { $0.hasPrefix("cambio/") })
        _ = try cluster.api.deleteObject(key)
        cluster.advance(by: .seconds(60))
        #expect(cluster.api.store.memory.isEmpty)
    }

    /// containerd's image ids: a tag pulled gets a repo digest (a stable fake one here, 64 hex
    /// digits) under the fully qualified name; an image pulled by digest keeps that digest, and
    /// the node lists it by digest only.
    @Test func imageIDsForTagsAndDigests() throws {
        let digest = "sha256:" + String(repeating: "ab12", count: 16)
        var cluster = Cluster(seed: 4, workers: 1)
        cluster.advance()
        for (name, image) in [("tag", "nginx:1.27"), ("digest", "nginx@" + digest)] {
            _ = try cluster.api.create(decoded(barePod(name, image: image)))
        }
        cluster.advance(by: .seconds(30))
        func imageID(_ name: String) throws -> String {
            let pod = try cluster.api.get(Kinds.resolve("pods")!, namespace: "default", name: name).value
            return pod["status"]?["containerStatuses"]?[0]?["imageID"]?.string ?? ""
        }
        // The fake digest: four steps of an LCG from the name's FNV-1a hash, 16 hex digits each.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "docker.io/library/nginx:1.27".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        var fake = ""
        for _ in 0..<4 {
            h = h &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let hex = String(h, radix: 16)
            fake += String(repeating: "0", count: 16 - hex.count) + hex
        }
        #expect(try imageID("tag") == "docker.io/library/nginx@sha256:" + fake)
        #expect(try imageID("digest") == "docker.io/library/nginx@" + digest)
        let node = try cluster.api.get(Kinds.resolve("nodes")!, namespace: "", name: "taller-worker").value
        let names = (node["status"]?["images"]?.sequence ?? []).map { ($0["names"]?.sequence ?? []).compactMap(\.string) }
        #expect(names.contains(["docker.io/library/nginx@sha256:" + fake, "docker.io/library/nginx:1.27"]))
        #expect(names.contains(["docker.io/library/nginx@" + digest]))
    }
}
