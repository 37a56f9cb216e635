import KubeAPI
import YAML

/// The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go
/// `updateStatefulSet`, stateful_set_utils.go, stateful_pod_control.go).
///
/// Example: `web` with 3 replicas, OrderedReady, a claim template `www`. The first sync
/// creates claim `www-web-0` (`create Claim www-web-0 Pod web-0 in StatefulSet web success`)
/// and pod `web-0` (`create Pod web-0 in StatefulSet web successful`) labelled
/// `statefulset.kubernetes.io/pod-name: web-0`, `apps.kubernetes.io/pod-index: "0"` and
/// `controller-revision-hash: web-<hash>`, then waits: `web-1` comes only when `web-0` is
/// Running and Ready. Scaling to 1 deletes `web-2`, waits for it to go, then `web-1`.
/// A template change is a new update revision: pods are deleted from the highest ordinal
/// down to `partition`, one at a time, each recreated at the new revision and awaited.
/// Parallel creates and deletes all at once; OnDelete replaces a pod only when the learner
/// deletes it.
///
/// Simplification: no ControllerRevision objects are stored (the kind is not served); a
/// revision's name is `<set>-<hash of spec.template>` (NameGenerator.podTemplateHash with
/// `collisionCount`), and the current revision's template is remembered only through the
/// pods that carry its label — a pod recreated below the partition takes the current
/// revision's template from a sibling pod at that revision.
public struct StatefulSetController: Controller {
    public let name = "statefulset-controller"
    public var watchedResources: Set<String>? { [Workload.statefulSets, ObjectKey.pods] }

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.statefulSets: return [change.key]
        case ObjectKey.pods: return Workload.ownerKeys(change, kind: "StatefulSet", resource: Workload.statefulSets, state: state)
        default: return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let sts = state[key], let selector = try? LabelSelector(sts.value["spec"]?["selector"]) else { return [] }
        var actions: [Action] = []
        let candidates = Workload.candidates(ObjectKey.pods, of: sts, selector: selector, state: state)
        let pods = Workload.claim(sts, candidates: candidates, actions: &actions)
            .filter { StatefulSetController.parentName($0.name) == sts.name }
        if sts.isBeingDeleted { return actions }
        var sync = StatefulSetSync(sts: sts, pods: pods, state: state, now: now)
        sync.run()
        return actions + sync.actions
    }

    /// `getParentNameAndOrdinal`: `web-2` → (`web`, 2).
    static func parentName(_ pod: String) -> String? {
        guard let dash = pod.lastIndex(of: "-"), Int(pod[pod.index(after: dash)...]) != nil else { return nil }
        return String(pod[..<dash])
    }

    static func ordinal(_ pod: String) -> Int {
        guard let dash = pod.lastIndex(of: "-") else { return -1 }
        return Int(pod[pod.index(after: dash)...]) ?? -1
    }
}

/// One `updateStatefulSet` pass.
struct StatefulSetSync {
    let sts: StoredObject
    let pods: [StoredObject]
    let state: ClusterState
    let now: VirtualTime
    var actions: [Action] = []

    static let revisionLabel = "controller-revision-hash"
    static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    static let podIndexLabel = "apps.kubernetes.io/pod-index"

    var spec: Value { sts.value["spec"] ?? .mapping([]) }
    var replicas: Int { Workload.int(spec["replicas"], 1) }
    var start: Int { Workload.int(spec["ordinals"]?["start"]) }
    var monotonic: Bool { spec["podManagementPolicy"]?.string != "Parallel" }
    var minReady: Int64 { spec["minReadySeconds"]?.int ?? 0 }
    var strategy: String { spec["updateStrategy"]?["type"]?.string ?? "RollingUpdate" }
    var partition: Int { Workload.int(spec["updateStrategy"]?["rollingUpdate"]?["partition"]) }
    var updateRevision: String {
        // getStatefulSetRevisions hashes with the collision count, 0 when unset.
        let collision = Int32(truncatingIfNeeded: sts.value["status"]?["collisionCount"]?.int ?? 0)
        return sts.name + "-" + NameGenerator.podTemplateHash(spec["template"] ?? .mapping([]), collisionCount: collision)
    }
    var currentRevision: String {
        let c = sts.value["status"]?["currentRevision"]?.string ?? ""
        return c.isEmpty ? updateRevision : c
    }

    func revision(_ pod: StoredObject) -> String { pod.labels[StatefulSetSync.revisionLabel] ?? "" }
    func isRunningAndReady(_ pod: StoredObject) -> Bool {
        pod.value["status"]?["phase"]?.string == "Running" && PodRanking.isReady(pod.value)
    }
    func isHealthy(_ pod: StoredObject) -> Bool {
        isRunningAndReady(pod) && !pod.isBeingDeleted && PodRanking.isAvailable(pod.value, minReadySeconds: minReady, now: now)
    }
    func isFailed(_ pod: StoredObject) -> Bool {
        let phase = pod.value["status"]?["phase"]?.string
        return phase == "Failed" || phase == "Succeeded"
    }

    mutating func record(_ verb: String, pod: String) {
        actions.append(.event(EventSpec(involved: sts.key, type: .normal, reason: "Successful\(verb)",
                                        message: "\(verb.lowercased()) Pod \(pod) in StatefulSet \(sts.name) successful",
                                        component: "statefulset-controller")))
    }

    mutating func run() {
        var byOrdinal: [Int: StoredObject] = [:]
        var condemned: [StoredObject] = []
        for pod in pods {
            let ord = StatefulSetController.ordinal(pod.name)
            if ord >= start && ord < start + replicas { byOrdinal[ord] = pod } else { condemned.append(pod) }
        }
        condemned.sort { StatefulSetController.ordinal($0.name) > StatefulSetController.ordinal($1.name) }
        defer { writeStatus() }
        // Replace failed pods, create missing ones, and (OrderedReady) wait for each in turn.
        for ord in start..<(start + replicas) {
            if let pod = byOrdinal[ord], isFailed(pod), !pod.isBeingDeleted {
                actions.append(.delete(pod.key, .background))
                record("Delete", pod: pod.name)
                byOrdinal[ord] = nil
                if monotonic { return }
                continue
            }
            guard let pod = byOrdinal[ord] else {
                createPod(ordinal: ord)
                if monotonic { return }
                continue
            }
            if monotonic && (pod.isBeingDeleted || !isHealthy(pod)) {
                if isRunningAndReady(pod), minReady > 0 { requeueForAvailability(pod) }
                return
            }
        }
        // Scale down: the highest ordinal first; OrderedReady one at a time, only with
        // every remaining pod healthy.
        for pod in condemned {
            if pod.isBeingDeleted { if monotonic { return }; continue }
            if monotonic && byOrdinal.values.contains(where: { !isHealthy($0) }) { return }
            actions.append(.delete(pod.key, .background))
            record("Delete", pod: pod.name)
            if monotonic { return }
        }
        // Rolling update from the highest ordinal down to the partition, one at a time.
        guard strategy == "RollingUpdate" else { return }
        for ord in stride(from: start + replicas - 1, through: start + partition, by: -1) {
            guard let pod = byOrdinal[ord] else { return }
            if revision(pod) != updateRevision && !pod.isBeingDeleted {
                actions.append(.delete(pod.key, .background))
                record("Delete", pod: pod.name)
                return
            }
            if !isHealthy(pod) { return }
        }
    }

    mutating func requeueForAvailability(_ pod: StoredObject) {
        guard let since = PodRanking.readyTime(pod.value) else { return }
        let due = since + .seconds(minReady) + .milliseconds(1)
        if due > now { actions.append(.requeueAfter(due.since(now))) }
    }

    /// `newVersionedStatefulSetPod`: below the partition a RollingUpdate set keeps the
    /// current revision; otherwise the update revision. Claims first (`createPersistentVolumeClaims`).
    mutating func createPod(ordinal: Int) {
        let name = "\(sts.name)-\(ordinal)"
        var revisionName = updateRevision
        var template = spec["template"] ?? .mapping([])
        if strategy == "RollingUpdate" && ordinal < start + partition && currentRevision != updateRevision,
           let sibling = pods.first(where: { revision($0) == currentRevision }) {
            revisionName = currentRevision
            template = ["metadata": ["labels": .mapping((sibling.value["metadata"]?["labels"]?.mapping ?? []))],
                        "spec": sibling.value["spec"] ?? .mapping([])]
            template.edit("spec") { s in s.remove("nodeName"); s.remove("hostname"); s.remove("subdomain") }
        }
        var pod = Workload.pod(from: template, owner: sts, name: name)
        pod.editMetadata { meta in
            meta.remove("generateName")
            var labels = meta["labels"] ?? .mapping([])
            labels.set(StatefulSetSync.podNameLabel, .string(name))
            labels.set(StatefulSetSync.podIndexLabel, .string(String(ordinal)))
            labels.set(StatefulSetSync.revisionLabel, .string(revisionName))
            meta.set("labels", labels)
        }
        var claimVolumes: [Value] = []
        for claimTemplate in spec["volumeClaimTemplates"]?.sequence ?? [] {
            let claimName = (claimTemplate["metadata"]?["name"]?.string ?? "") + "-" + name
            claimVolumes.append(["name": claimTemplate["metadata"]?["name"] ?? "", "persistentVolumeClaim": ["claimName": .string(claimName)]])
            let key = ObjectKey(resource: Workload.claims, namespace: sts.namespace, name: claimName)
            guard state[key] == nil else { continue }
            var labels = claimTemplate["metadata"]?["labels"] ?? .mapping([])
            for (k, v) in Value.strings(spec["selector"]?["matchLabels"]).sorted(by: { $0.key < $1.key }) { labels.set(k, .string(v)) }
            var meta: Value = ["name": .string(claimName), "namespace": .string(sts.namespace)]
            if labels.mapping?.isEmpty == false { meta.set("labels", labels) }
            if let a = claimTemplate["metadata"]?["annotations"], !a.isNull { meta.set("annotations", a) }
            actions.append(.create(["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
                                    "spec": claimTemplate["spec"] ?? .mapping([])]))
            actions.append(.event(EventSpec(involved: sts.key, type: .normal, reason: "SuccessfulCreate",
                                            message: "create Claim \(claimName) Pod \(name) in StatefulSet \(sts.name) success",
                                            component: "statefulset-controller")))
        }
        pod.edit("spec") { s in
            s.set("hostname", .string(name))
            if let service = spec["serviceName"]?.string, !service.isEmpty { s.set("subdomain", .string(service)) }
            if !claimVolumes.isEmpty {
                let names = Set(claimVolumes.compactMap { $0["name"]?.string })
                let kept = (s["volumes"]?.sequence ?? []).filter { !names.contains($0["name"]?.string ?? "") }
                s.set("volumes", .sequence(kept + claimVolumes))
            }
        }
        actions.append(.create(pod))
        record("Create", pod: name)
    }

    /// `updateStatefulSetStatus`: written when it changed.
    mutating func writeStatus() {
        let st = status()
        if st != sts.value["status"] { actions.append(.updateStatus(sts.key, st)) }
    }
}
