import KubeAPI
import Testing
import YAML
@testable import Simulator

func podEvents(_ c: Cluster, _ pod: String) -> [String] {
    c.api.list(events, namespace: "default").filter { $0.value["involvedObject"]?["name"]?.string == pod }
        .sorted { ($0.value["metadata"]?["resourceVersion"]?.string.flatMap { Int($0) } ?? 0) < ($1.value["metadata"]?["resourceVersion"]?.string.flatMap { Int($0) } ?? 0) }
        .map { "\($0.value["reason"]?.string ?? ""): \($0.value["message"]?.string ?? "")" }
}

func barePod(_ name: String, image: String = "nginx:1.27", extra: String = "") -> String {
    """
    apiVersion: v1
    kind: Pod
    metadata: {name: \(name), namespace: default}
    spec:
      containers:
      - name: web
        image: \(image)
    \(extra)
    """
}

@Suite struct NodesScenarioTests {
    /// kubelet: a bare pod goes Pending → Running → Ready with upstream's events in order.
    @Test func barePodRunsWithEventsInOrder() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        _ = try c.api.create(decoded(barePod("web")))
        c.advance()
        var pod = try c.api.get(pods, namespace: "default", name: "web")
        #expect(pod.value["status"]?["phase"]?.string == "Pending")
        c.advance(by: .seconds(2))
        pod = try c.api.get(pods, namespace: "default", name: "web")
        #expect(pod.value["status"]?["phase"]?.string == "Running")
        #expect(Scheduler.condition(pod.value, "Ready")?["status"]?.string == "True")
        let node = pod.value["spec"]?["nodeName"]?.string ?? ""
        #expect(podEvents(c, "web") == [
            "Scheduled: Successfully assigned default/web to \(node)",
            "Pulling: Pulling image \"nginx:1.27\"",
            "Pulled: Successfully pulled image \"nginx:1.27\" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.",
            "Created: Created container: web",
            "Started: Started container web",
        ])
        #expect(pod.value["status"]?["podIP"]?.string?.hasPrefix("10.244.") == true)
        c.api.store.checkInvariants()
    }

    /// schedule_one.go + framework/types.go FitError + default_preemption.go.
    @Test func failedSchedulingTextForTaintAndInsufficientCPU() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            resources: {requests: {cpu: "5"}}
        """
        _ = try c.api.create(decoded(barePod("big", extra: extra)))
        c.advance()
        #expect(podEvents(c, "big") == ["FailedScheduling: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."])
        let pod = try c.api.get(pods, namespace: "default", name: "big")
        #expect(Scheduler.condition(pod.value, "PodScheduled")?["reason"]?.string == "Unschedulable")
    }

    /// nodeaffinity ErrReasonPod for a nodeSelector nobody matches.
    @Test func failedSchedulingForNodeSelector() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
          nodeSelector: {disk: ssd}
        """
        _ = try c.api.create(decoded(barePod("ssd", extra: extra)))
        c.advance()
        #expect(podEvents(c, "ssd") == ["FailedScheduling: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."])
    }

    /// interpodaffinity/filtering.go Filter: the pod's own anti-affinity is checked before the
    /// existing pods' anti-affinity, so a symmetric rule reports `didn't match pod
    /// anti-affinity rules`.
    @Test func failedSchedulingForSymmetricAntiAffinity() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        for i in 1...4 {
            _ = try c.api.create(decoded("""
            apiVersion: v1
            kind: Pod
            metadata: {name: cache-\(i), namespace: default, labels: {app: cache}}
            spec:
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - {labelSelector: {matchLabels: {app: cache}}, topologyKey: kubernetes.io/hostname}
              containers: [{name: redis, image: redis:7.4}]
            """))
            c.advance()
        }
        #expect(podEvents(c, "cache-4") == ["FailedScheduling: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."])
    }

    /// image_manager.go: ErrImagePull then ImagePullBackOff, retried after 10 s, 20 s…
    @Test func imagePullBackOffTimeline() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        _ = try c.api.create(decoded(barePod("typo", image: "ngnix:1.25")))
        c.advance(by: .seconds(2))
        var pod = try c.api.get(pods, namespace: "default", name: "typo")
        #expect(pod.value["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.string == "ImagePullBackOff")
        let e = podEvents(c, "typo")
        #expect(e.contains("Failed: Failed to pull image \"ngnix:1.25\": failed to pull and unpack image \"docker.io/library/ngnix:1.25\": failed to resolve reference \"docker.io/library/ngnix:1.25\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"))
        #expect(e.contains("Failed: Error: ErrImagePull"))
        #expect(e.contains("BackOff: Back-off pulling image \"ngnix:1.25\""))
        c.advance(by: .seconds(9))
        pod = try c.api.get(pods, namespace: "default", name: "typo")
        #expect(pod.value["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.string == "ErrImagePull")
    }

    /// kubelet_pods.go makeEnvironmentVariables.
    @Test func createContainerConfigError() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            env:
            - name: X
              valueFrom: {configMapKeyRef: {name: cfg, key: k}}
        """
        _ = try c.api.create(decoded(barePod("cfg", extra: extra)))
        c.advance(by: .seconds(2))
        let pod = try c.api.get(pods, namespace: "default", name: "cfg")
        let waiting = pod.value["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]
        #expect(waiting?["reason"]?.string == "CreateContainerConfigError")
        #expect(waiting?["message"]?.string == "configmap \"cfg\" not found")
        // No container was created, so there is no image ID yet.
        #expect(pod.value["status"]?["containerStatuses"]?[0]?["imageID"]?.string == "")
    }

    /// mysql without a root password: exits 1, restarts at once, then back-off 10 s, 20 s.
    @Test func mysqlWithoutPasswordCrashLoops() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        _ = try c.api.create(decoded(barePod("db", image: "mysql:8.4")))
        c.advance(by: .seconds(6))
        var pod = try c.api.get(pods, namespace: "default", name: "db")
        var s = pod.value["status"]?["containerStatuses"]?[0]
        #expect(s?["restartCount"]?.int == 1)
        #expect(s?["state"]?["waiting"]?["reason"]?.string == "CrashLoopBackOff")
        #expect(s?["state"]?["waiting"]?["message"]?.string?.hasPrefix("back-off 10s restarting failed container=web pod=db_default(") == true)
        #expect(s?["lastState"]?["terminated"]?["exitCode"]?.int == 1)
        let logs = Kubelet().logs(pod, container: "web", previous: true, now: c.now) ?? ""
        #expect(logs.contains("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"))
        c.advance(by: .seconds(11))
        pod = try c.api.get(pods, namespace: "default", name: "db")
        s = pod.value["status"]?["containerStatuses"]?[0]
        #expect(s?["restartCount"]?.int == 2)
        #expect(s?["state"]?["waiting"]?["message"]?.string?.hasPrefix("back-off 20s") == true)
    }

    /// OOMKilled under a memory limit below what the image needs.
    @Test func oomKilled() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            resources: {limits: {memory: 64Mi}}
        """
        _ = try c.api.create(decoded(barePod("db", image: "mysql:8.4", extra: extra + "\n    env: [{name: MYSQL_ROOT_PASSWORD, value: x}]")))
        c.advance(by: .seconds(10))
        let pod = try c.api.get(pods, namespace: "default", name: "db")
        #expect(pod.value["status"]?["containerStatuses"]?[0]?["lastState"]?["terminated"]?["reason"]?.string == "OOMKilled")
    }

    /// Liveness on a port nothing listens on: Unhealthy ×3, Killing, restart.
    @Test func livenessProbeRestarts() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            livenessProbe: {httpGet: {path: /healthz, port: 8081}, periodSeconds: 5}
        """
        _ = try c.api.create(decoded(barePod("live", extra: extra)))
        c.advance(by: .seconds(20))
        let pod = try c.api.get(pods, namespace: "default", name: "live")
        let ip = pod.value["status"]?["podIP"]?.string ?? ""
        let e = podEvents(c, "live")
        #expect(e.contains("Unhealthy: Liveness probe failed: Get \"http://\(ip):8081/healthz\": dial tcp \(ip):8081: connect: connection refused"))
        #expect(e.contains("Killing: Container web failed liveness probe, will be restarted"))
        #expect(pod.value["status"]?["containerStatuses"]?[0]?["restartCount"]?.int == 1)
    }

    /// prober: every probe that fails gives its `Unhealthy` event, including the first one
    /// after the container started at a fraction of a second (the status keeps whole seconds:
    /// nginx starts at 1.2 s, probes run at 1, 6, 11… and each one is reported once).
    @Test func readinessProbeEventsAreNotLost() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}
        """
        _ = try c.api.create(decoded(barePod("ready", extra: extra)))
        c.advance(by: .milliseconds(21_500))
        let pod = try c.api.get(pods, namespace: "default", name: "ready")
        let ip = pod.value["status"]?["podIP"]?.string ?? ""
        let unhealthy = c.api.list(events, namespace: "default").filter { $0.value["reason"]?.string == "Unhealthy" }
            .map { "\($0.value["count"]?.int ?? 0) \($0.value["message"]?.string ?? "")" }.sorted()
        #expect(unhealthy == [
            "1 Readiness probe failed: Get \"http://\(ip):80/healthz\": dial tcp \(ip):80: connect: connection refused",
            "4 Readiness probe failed: HTTP probe failed with statuscode: 404",
        ])
        #expect(Scheduler.condition(pod.value, "Ready")?["status"]?.string == "False")
    }

    /// prober/worker.go: until the startup probe succeeds the container is not `started`,
    /// and liveness and readiness wait; mysql (8 s to listen) survives a strict liveness probe.
    @Test func startupProbeHoldsLivenessBack() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            env: [{name: MYSQL_ROOT_PASSWORD, value: x}]
            startupProbe: {tcpSocket: {port: 3306}, periodSeconds: 3, failureThreshold: 10}
            livenessProbe: {tcpSocket: {port: 3306}, periodSeconds: 3, failureThreshold: 2}
        """
        _ = try c.api.create(decoded(barePod("db", image: "mysql:8.4", extra: extra)))
        c.advance(by: .seconds(8))
        var status = try c.api.get(pods, namespace: "default", name: "db").value["status"]?["containerStatuses"]?[0]
        #expect(status?["started"] == false && status?["ready"] == false)
        c.advance(by: .seconds(60))
        status = try c.api.get(pods, namespace: "default", name: "db").value["status"]?["containerStatuses"]?[0]
        #expect(status?["started"] == true && status?["ready"] == true && status?["restartCount"]?.int == 0)
        let e = podEvents(c, "db")
        #expect(e.contains { $0.hasPrefix("Unhealthy: Startup probe failed: dial tcp ") })
        #expect(!e.contains { $0.hasPrefix("Unhealthy: Liveness") || $0.hasPrefix("Killing") })
    }

    /// kuberuntime_manager.go computePodActions: a startup probe that reaches its
    /// failureThreshold kills the container, `failed startup probe, will be restarted`.
    @Test func startupProbeFailureKills() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            startupProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 2, failureThreshold: 3}
        """
        _ = try c.api.create(decoded(barePod("web", extra: extra)))
        c.advance(by: .seconds(10))
        let status = try c.api.get(pods, namespace: "default", name: "web").value["status"]?["containerStatuses"]?[0]
        #expect(status?["restartCount"]?.int == 1)
        let e = podEvents(c, "web")
        #expect(e.contains("Unhealthy: Startup probe failed: HTTP probe failed with statuscode: 404"))
        #expect(e.contains("Killing: Container web failed startup probe, will be restarted"))
    }

    /// busybox commands: a Job-like pod completes and its logs hold the output.
    @Test func busyboxCommandCompletes() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
            command: ["sh", "-c", "echo hola; sleep 2; echo adios"]
          restartPolicy: Never
        """
        _ = try c.api.create(decoded(barePod("job", image: "busybox:1.36", extra: extra)))
        c.advance(by: .seconds(5))
        let pod = try c.api.get(pods, namespace: "default", name: "job")
        #expect(pod.value["status"]?["phase"]?.string == "Succeeded")
        #expect(Kubelet().logs(pod, container: "web", previous: false, now: c.now) == "hola\nadios\n")
    }

    /// Node down → Unknown at 40 s → eviction at 340 s (DefaultTolerationSeconds).
    @Test func nodeDownEvictsAfterTolerationSeconds() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        _ = try c.api.create(decoded(barePod("web")))
        c.advance(by: .seconds(3))
        let node = try c.api.get(pods, namespace: "default", name: "web").value["spec"]?["nodeName"]?.string ?? ""
        c.nodeDown(node)
        c.advance(by: .seconds(39))
        #expect(Scheduler.condition(try c.api.get(pods, namespace: "default", name: "web").value, "Ready")?["status"]?.string == "True")
        c.advance(by: .seconds(2))
        let n = c.api.store[ObjectKey(resource: "nodes", namespace: "", name: node)]!
        #expect(n.value["status"]?["conditions"]?[3]?["status"]?.string == "Unknown")
        #expect(Scheduler.condition(try c.api.get(pods, namespace: "default", name: "web").value, "Ready")?["status"]?.string == "False")
        c.advance(by: .seconds(300))
        let pod = try c.api.get(pods, namespace: "default", name: "web")
        #expect(pod.isBeingDeleted)
        #expect(podEvents(c, "web").contains("TaintManagerEviction: Marking for deletion Pod default/web"))
    }

    @Test func numFeasibleNodesToFind() {
        #expect(Scheduler.numFeasibleNodesToFind(4) == 4)
        #expect(Scheduler.numFeasibleNodesToFind(5000) == 500)
        #expect(Scheduler.numFeasibleNodesToFind(200) == 100)
    }

    @Test func goDurations() {
        #expect(KubeletMessages.goDuration(1200) == "1.2s")
        #expect(KubeletMessages.goDuration(812) == "812ms")
        #expect(KubeletMessages.goDuration(300_000) == "5m0s")
        // time.Duration.String() of each (Go 1.22), milliseconds as the kubelet's clock gives them.
        for (ms, text) in [(0, "0s"), (5, "5ms"), (1000, "1s"), (1040, "1.04s"), (10_000, "10s"), (61_001, "1m1.001s"),
                           (599_990, "9m59.99s"), (3_600_000, "1h0m0s"), (3_723_450, "1h2m3.45s"), (90_061_000, "25h1m1s")] as [(Int64, String)] {
            #expect(KubeletMessages.goDuration(ms) == text, "\(ms)")
        }
    }
}
