import KubeAPI
import Testing
import YAML
@testable import Simulator

/// pkg/controller/daemon behaviours, on the course cluster (a tainted control plane and 3
/// workers) with the real scheduler and kubelet.
@Suite struct DaemonSetControllerTests {
    static let daemonSets = Kinds.resolve("ds")!
    static let nodes = Kinds.resolve("nodes")!

    static func yaml(image: String = "nginx:1.27", extra: String = "", strategy: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agente
        spec:
        \(strategy.isEmpty ? "" : "  updateStrategy: " + strategy)
          selector:
            matchLabels: {app: agente}
          template:
            metadata:
              labels: {app: agente}
            spec:
        \(extra)
              containers:
              - name: agente
                image: \(image)
        """
    }

    /// The daemon pods that are not being deleted, by node.
    func podsByNode(_ c: Cluster) -> [String: [Value]] {
        var out: [String: [Value]] = [:]
        for pod in c.api.list(pods, namespace: "default") where !pod.isBeingDeleted {
            out[pod.value["spec"]?["nodeName"]?.string ?? "", default: []].append(pod.value)
        }
        return out
    }

    func status(_ c: Cluster) -> Value { c.object(Self.daemonSets, "agente")?["status"] ?? .null }

    /// One pod on each schedulable worker, none on the control plane (its NoSchedule taint is
    /// not tolerated); pods pinned by node affinity, with the daemon tolerations and labels.
    @Test func onePodPerWorkerSkippingTheControlPlane() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml())
        c.advance(by: .seconds(5))
        let byNode = podsByNode(c)
        #expect(byNode.keys.sorted() == ["taller-worker", "taller-worker2", "taller-worker3"])
        #expect(byNode.values.allSatisfy { $0.count == 1 })
        let pod = try #require(byNode["taller-worker2"]?.first)
        #expect(pod.objectName.hasPrefix("agente-") && pod.objectName.count == "agente-".count + 5)
        #expect(pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] ==
                [["matchFields": [["key": "metadata.name", "operator": "In", "values": ["taller-worker2"]]]]])
        let tolerated = (pod["spec"]?["tolerations"]?.sequence ?? []).compactMap { $0["key"]?.string }
        #expect(tolerated == ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
                              "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable"])
        #expect(pod.labelMap["pod-template-generation"] == "1" && pod.labelMap["controller-revision-hash"] != nil)
        let st = status(c)
        #expect(st["desiredNumberScheduled"] == 3 && st["currentNumberScheduled"] == 3 && st["numberReady"] == 3)
        #expect(st["numberAvailable"] == 3 && st["updatedNumberScheduled"] == 3 && st["numberMisscheduled"] == 0 && st["observedGeneration"] == 1)
        #expect(c.eventMessages("agente", reason: "SuccessfulCreate").count == 3)
        #expect(c.eventMessages("agente", reason: "SuccessfulCreate").allSatisfy { $0.hasPrefix("Created pod: agente-") })
        c.api.store.checkInvariants()
    }

    /// Tolerating kubeadm's control-plane taint puts a pod there too.
    @Test func toleratingTheControlPlaneRunsThere() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let extra = """
              tolerations:
              - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
        """
        try c.apply(Self.yaml(extra: extra))
        c.advance(by: .seconds(5))
        #expect(podsByNode(c).keys.sorted() == ["taller-control-plane", "taller-worker", "taller-worker2", "taller-worker3"])
        #expect(status(c)["desiredNumberScheduled"] == 4)
    }

    /// A node that joins gets a pod; a node that goes takes its pod with it (pod GC).
    @Test func followsNodesThatComeAndGo() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml())
        c.advance(by: .seconds(5))
        c.addNodes([NodeSpec(name: "taller-worker4")])
        c.advance(by: .seconds(5))
        #expect(podsByNode(c)["taller-worker4"]?.count == 1)
        #expect(status(c)["desiredNumberScheduled"] == 4 && status(c)["numberReady"] == 4)
        _ = try c.api.delete(Self.nodes, namespace: "", name: "taller-worker3")
        c.advance(by: .seconds(1))
        #expect(podsByNode(c)["taller-worker3"] == nil)
        #expect(c.api.list(pods, namespace: "default").count == 3)
        #expect(status(c)["desiredNumberScheduled"] == 3)
    }

    /// nodeSelector: a node that gains the label gets a pod; losing it deletes the pod.
    @Test func nodeSelectorFollowsLabels() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml(extra: "      nodeSelector: {disco: ssd}"))
        c.advance(by: .seconds(2))
        #expect(podsByNode(c).isEmpty && status(c)["desiredNumberScheduled"] == 0)
        let key = ObjectKey(resource: "nodes", namespace: "", name: "taller-worker2")
        var node = try #require(c.api.store[key]).value
        node.editMetadata { $0.edit("labels") { $0.set("disco", "ssd") } }
        _ = try c.api.update(key, node)
        c.advance(by: .seconds(3))
        #expect(podsByNode(c).keys.sorted() == ["taller-worker2"])
        node.editMetadata { $0.edit("labels") { $0.remove("disco") } }
        _ = try c.api.update(key, node)
        c.advance(by: .seconds(3))
        #expect(podsByNode(c).isEmpty)
        #expect(c.eventMessages("agente", reason: "SuccessfulDelete").count == 1)
    }

    /// RollingUpdate, maxUnavailable 1: never more than one node without an available pod, old
    /// pods replaced one node at a time (delete, create, delete, create…).
    @Test func rollingUpdateReplacesOneNodeAtATime() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml())
        c.advance(by: .seconds(5))
        try c.apply(Self.yaml(image: "nginx:1.28"))
        var steps = 0
        while steps < 200 {
            c.advance(by: .milliseconds(100))
            steps += 1
            let available = c.api.list(pods, namespace: "default").filter {
                !$0.isBeingDeleted && PodRanking.isAvailable($0.value, minReadySeconds: 0, now: c.now)
            }
            #expect(available.count >= 2, "más de un nodo sin pod disponible a los \(steps * 100) ms")
            if status(c)["updatedNumberScheduled"] == 3 && status(c)["numberAvailable"] == 3 { break }
        }
        let images = c.api.list(pods, namespace: "default").compactMap { $0.value["spec"]?["containers"]?[0]?["image"]?.string }
        #expect(images == ["nginx:1.28", "nginx:1.28", "nginx:1.28"])
        let reasons = c.api.list(events, namespace: "default").map(\.value)
            .filter { $0["involvedObject"]?["name"] == "agente" }
            .sorted { ($0["metadata"]?["name"]?.string ?? "") < ($1["metadata"]?["name"]?.string ?? "") }
            .compactMap { $0["reason"]?.string }
        #expect(Array(reasons.dropFirst(3)) == ["SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate",
                                                "SuccessfulDelete", "SuccessfulCreate"])
        #expect(c.object(Self.daemonSets, "agente")?["metadata"]?["annotations"]?["deprecated.daemonset.template.generation"] == "2")
        let lines = try c.watchRollout(Self.daemonSets, namespace: "default", name: "agente")
        #expect(lines.last?.line == "daemon set \"agente\" successfully rolled out\n")
    }

    /// maxSurge 1, maxUnavailable 0: the new pod starts next to the old one, which goes only
    /// once the new one is available; every node keeps an available pod throughout.
    @Test func surgeCreatesBeforeDeleting() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        let strategy = "{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}"
        try c.apply(Self.yaml(strategy: strategy))
        c.advance(by: .seconds(5))
        try c.apply(Self.yaml(image: "nginx:1.28", strategy: strategy))
        var sawTwoOnANode = false
        for _ in 0..<100 {
            c.advance(by: .milliseconds(100))
            let live = c.api.list(pods, namespace: "default").filter { !$0.isBeingDeleted }
            let availableNodes = Set(live.filter { PodRanking.isAvailable($0.value, minReadySeconds: 0, now: c.now) }
                .compactMap { $0.value["spec"]?["nodeName"]?.string })
            #expect(availableNodes.count == 3)
            if podsByNode(c).values.contains(where: { $0.count == 2 }) { sawTwoOnANode = true }
            if status(c)["updatedNumberScheduled"] == 3 && status(c)["numberAvailable"] == 3 && live.count == 3 { break }
        }
        #expect(sawTwoOnANode)
        let images = c.api.list(pods, namespace: "default").filter { !$0.isBeingDeleted }
            .compactMap { $0.value["spec"]?["containers"]?[0]?["image"]?.string }
        #expect(images == ["nginx:1.28", "nginx:1.28", "nginx:1.28"])
    }

    /// `rollout status` while the update is under way (DaemonSetStatusViewer).
    @Test func rolloutStatusLines() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml())
        c.advance(by: .seconds(5))
        try c.apply(Self.yaml(image: "nginx:1.28"))
        let lines = try c.watchRollout(Self.daemonSets, namespace: "default", name: "agente", step: .milliseconds(200)).map(\.line)
        #expect(lines.first == "Waiting for daemon set \"agente\" rollout to finish: 0 out of 3 new pods have been updated...\n")
        #expect(lines.contains("Waiting for daemon set \"agente\" rollout to finish: 2 out of 3 new pods have been updated...\n"))
        #expect(lines.last == "daemon set \"agente\" successfully rolled out\n")
    }

    /// OnDelete: a template change replaces nothing until a pod is deleted.
    @Test func onDeleteWaitsForTheLearner() throws {
        var c = Cluster(nodes: NodeSpec.defaultCluster)
        try c.apply(Self.yaml(strategy: "{type: OnDelete}"))
        c.advance(by: .seconds(5))
        try c.apply(Self.yaml(image: "nginx:1.28", strategy: "{type: OnDelete}"))
        c.advance(by: .seconds(10))
        #expect(status(c)["updatedNumberScheduled"] == nil)
        let victim = try #require(c.api.list(pods, namespace: "default").first)
        _ = try c.api.delete(pods, namespace: "default", name: victim.name)
        c.advance(by: .seconds(10))
        #expect(status(c)["updatedNumberScheduled"] == 1)
    }
}
