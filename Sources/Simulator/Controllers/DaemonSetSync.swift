import KubeAPI
import YAML

/// One `syncDaemonSet` pass: `manage` (one pod per eligible node), then, when manage had
/// nothing to do (its expectations are met), `rollingUpdate`, then the status.
struct DaemonSetSync {
    let ds: StoredObject
    let state: ClusterState
    let now: VirtualTime
    let placement: DaemonPlacement
    /// Existing nodes, in the order they joined the cluster.
    let nodes: [SchedulerCache.NodeInfo]
    /// `getNodesToDaemonPods`: the claimed pods by target node (terminal pods being deleted
    /// are left out, `includeDeletedTerminal: false`).
    let byNode: [String: [StoredObject]]
    /// The current revision's hash (`controller.ComputeHash(&ds.Spec.Template, collisionCount)`).
    let hash: String
    var actions: [Action] = []

    /// apps/v1 `DefaultDaemonSetUniqueLabelKey`, extensions `DaemonSetTemplateGenerationKey`,
    /// apps/v1 `DeprecatedTemplateGeneration`.
    static let hashLabel = "controller-revision-hash"
    static let generationLabel = "pod-template-generation"
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    init(ds: StoredObject, pods: [StoredObject], state: ClusterState, now: VirtualTime) {
        self.ds = ds
        self.state = state
        self.now = now
        placement = DaemonPlacement(template: ds.value["spec"]?["template"])
        nodes = state.store.scheduling.existingNodes
        var byNode: [String: [StoredObject]] = [:]
        for pod in pods {
            if pod.isBeingDeleted && SchedulerCache.isTerminal(pod.value) { continue }
            guard let node = DaemonPlacement.targetNode(pod.value) else { continue }
            byNode[node, default: []].append(pod)
        }
        self.byNode = byNode
        let collision = (ds.value["status"]?["collisionCount"]?.int).map { Int32(truncatingIfNeeded: $0) }
        hash = NameGenerator.podTemplateHash(ds.value["spec"]?["template"] ?? .mapping([]), collisionCount: collision)
    }

    var spec: Value { ds.value["spec"] ?? .mapping([]) }
    var minReady: Int64 { spec["minReadySeconds"]?.int ?? 0 }
    var strategy: String { spec["updateStrategy"]?["type"]?.string ?? "RollingUpdate" }

    /// `util.GetTemplateGeneration`: the deprecated annotation, when it parses.
    var templateGeneration: Int64? { ds.value.annotation(DaemonSetSync.templateGenerationAnnotation).flatMap { Int64($0) } }

    /// `util.IsPodUpdated` (the template-generation half never matches upstream: it compares
    /// with `fmt.Sprint` of a pointer).
    func isUpdated(_ pod: StoredObject) -> Bool { pod.labels[DaemonSetSync.hashLabel] == hash }

    func isAvailable(_ pod: StoredObject) -> Bool { PodRanking.isAvailable(pod.value, minReadySeconds: minReady, now: now) }

    mutating func run() {
        let before = actions.count
        manage()
        if actions.count == before && strategy == "RollingUpdate" { rollingUpdate() }
        writeStatus()
    }

    // MARK: manage

    /// `manage` + `podsShouldBeOnNode` for every node, then `getUnscheduledPodsWithoutNode`.
    mutating func manage() {
        var create: [String] = [], delete: [StoredObject] = []
        let surge = allowsSurge
        for node in nodes {
            let (run, keep) = placement.shouldRun(on: node)
            let pods = byNode[node.name] ?? []
            if run && pods.isEmpty {
                create.append(node.name)
            } else if keep {
                var running: [StoredObject] = []
                for pod in pods where !pod.isBeingDeleted {
                    switch pod.value["status"]?["phase"]?.string {
                    case "Failed":
                        record(.warning, "FailedDaemonPod", "Found failed daemon pod \(pod.namespace)/\(pod.name) on node \(node.name), will try to kill it")
                        delete.append(pod)
                    case "Succeeded":
                        record(.normal, "SucceededDaemonPod", "Found succeeded daemon pod \(pod.namespace)/\(pod.name) on node \(node.name), will try to delete it")
                        delete.append(pod)
                    default:
                        running.append(pod)
                    }
                }
                running.sort(by: DaemonSetSync.olderFirst)
                if !surge {
                    delete += running.dropFirst()
                } else if running.isEmpty {
                    if run { create.append(node.name) }
                } else if running.count > 1 {
                    delete += surgeExcess(running)
                }
            } else if !pods.isEmpty {
                delete += pods.filter { !$0.isBeingDeleted }
            }
        }
        let existing = Set(nodes.map(\.name))
        for (node, pods) in byNode.sorted(by: { $0.key < $1.key }) where !existing.contains(node) {
            delete += pods.filter { ($0.value["spec"]?["nodeName"]?.string ?? "").isEmpty }
        }
        syncNodes(create: create, delete: delete)
    }

    /// With surge, a node keeps the oldest up-to-date pod and the oldest old one, and the
    /// old one only while it is ready and the new one is not yet available.
    func surgeExcess(_ running: [StoredObject]) -> [StoredObject] {
        var excess: [StoredObject] = []
        var oldestNew: StoredObject?, oldestOld: StoredObject?
        for pod in running {
            if isUpdated(pod) {
                if oldestNew == nil { oldestNew = pod; continue }
            } else if oldestOld == nil {
                oldestOld = pod; continue
            }
            excess.append(pod)
        }
        if let new = oldestNew, let old = oldestOld, !PodRanking.isReady(old.value) || isAvailable(new) { excess.append(old) }
        return excess
    }

    /// `syncNodes`: creates in slow-start batches (at most `burstReplicas`), then deletes.
    mutating func syncNodes(create: [String], delete: [StoredObject]) {
        let count = min(create.count, DaemonSetController.burstReplicas)
        var batch = 0, batchSize = min(count, ReplicaSetController.slowStartInitialBatchSize), position = 0
        while batchSize > 0 {
            for node in create[position..<(position + batchSize)] {
                actions.append(.createPod(newPod(node: node), controller: ds.key, batch: batch))
            }
            position += batchSize
            batch += 1
            batchSize = min(2 * batchSize, count - position)
        }
        for pod in delete.prefix(DaemonSetController.burstReplicas) { actions.append(.deletePod(pod.key, controller: ds.key)) }
    }

    /// `util.CreatePodTemplate` (daemon tolerations, `pod-template-generation`,
    /// `controller-revision-hash`) with the node affinity of `node`, through
    /// `controller.GetPodFromTemplate` (`generateName: <ds>-`).
    func newPod(node: String) -> Value {
        var template = spec["template"] ?? .mapping([])
        let hash = self.hash, generation = templateGeneration
        template.editMetadata { meta in
            var labels = meta["labels"] ?? .mapping([])
            if labels.isNull { labels = .mapping([]) }
            if let generation { labels.set(DaemonSetSync.generationLabel, .string(String(generation))) }
            labels.set(DaemonSetSync.hashLabel, .string(hash))
            meta.set("labels", labels)
        }
        template.edit("spec") { s in
            DaemonPlacement.addDaemonTolerations(&s)
            DaemonPlacement.pinToNode(&s, node: node)
        }
        return Workload.pod(from: template, owner: ds)
    }

    /// `util.AllowsSurge`: RollingUpdate with a `maxSurge` above zero.
    var allowsSurge: Bool { strategy == "RollingUpdate" && scaled("maxSurge", total: 1) > 0 }

    func scaled(_ field: String, total: Int) -> Int {
        guard let v = spec["updateStrategy"]?["rollingUpdate"]?[field], let ios = IntOrString(v) else { return 0 }
        return (try? ios.scaledValue(total: total, roundUp: true)) ?? 0
    }

    mutating func record(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
        actions.append(.event(EventSpec(involved: ds.key, type: type, reason: reason, message: message, component: "daemonset-controller")))
    }

    /// `podByCreationTimestampAndPhase`: scheduled first, then older first, then by name.
    static func olderFirst(_ a: StoredObject, _ b: StoredObject) -> Bool {
        let sa = !(a.value["spec"]?["nodeName"]?.string ?? "").isEmpty, sb = !(b.value["spec"]?["nodeName"]?.string ?? "").isEmpty
        if sa != sb { return sa }
        return Workload.olderFirst(a, b)
    }
}
