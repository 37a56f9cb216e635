import KubeAPI
import YAML

/// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go `syncReplicaSet`).
///
/// Example: `web-7d4b9c8f5` wants 3 replicas and selects `app=web,pod-template-hash=7d4b9c8f5`.
/// First sync: no pods, so `manageReplicas` creates 3 (at most `burstReplicas` = 500 per sync,
/// in slow-start batches of 1, 2, 4… that stop at the first failure), each from the template
/// with `generateName: web-7d4b9c8f5-` and a controller reference, recording
/// `SuccessfulCreate`/`Created pod: web-7d4b9c8f5-x2q8k`; status is computed from the pods
/// seen *before* the creates (`replicas: 0`), as upstream does. The new pods wake the
/// ReplicaSet again: now `status.replicas: 3`. Scaled to 1, it deletes 2, choosing by
/// `ActivePodsWithRanks` (unscheduled before scheduled, Pending before Unknown before
/// Running, not ready before ready, lower `pod-deletion-cost`, more pods of the same owner
/// on the node, ready for less time, more restarts, newer — with `LogarithmicScaleDown`,
/// on by default, times compare by their power-of-two bucket and ties go to the lower uid).
///
/// Claiming (pkg/controller/controller_ref_manager.go `ClaimPods`): a matching orphan pod is
/// adopted (an owner reference with `controller: true, blockOwnerDeletion: true` is added);
/// an owned pod that no longer matches is released (its reference removed); pods owned by
/// another controller are left alone.
///
/// Deviations: upstream's expectations (which wait for the informer to see its own writes)
/// are not needed, since actions land in the store before the next reconcile; the
/// `ReplicaFailure` condition is not set.
public struct ReplicaSetController: Controller {
    public let name = "replicaset-controller"
    public var watchedResources: Set<String>? { [ObjectKey.replicaSets, ObjectKey.pods] }
    /// replica_set.go `BurstReplicas`.
    public static let burstReplicas = 500
    /// controller_utils.go `SlowStartInitialBatchSize`.
    public static let slowStartInitialBatchSize = 1

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        if change.key.resource == ObjectKey.replicaSets { return [change.key] }
        guard change.key.resource == ObjectKey.pods else { return [] }
        var keys: [ObjectKey] = []
        var orphanLabels: [[String: String]] = []
        // A status write leaves metadata (owner, labels) as it was: the new side says it all.
        for pod in (change.statusOnly ? [change.new] : [change.old, change.new]).compactMap({ $0 }) {
            if let ref = pod.controllerRef {
                if ref["kind"]?.string == "ReplicaSet", let name = ref["name"]?.string {
                    keys.append(ObjectKey(resource: ObjectKey.replicaSets, namespace: change.key.namespace, name: name))
                }
            } else {
                orphanLabels.append(pod.labelMap)
            }
        }
        // getPodReplicaSets: an orphan wakes every ReplicaSet whose selector matches it.
        if !orphanLabels.isEmpty {
            for rs in state.list(ObjectKey.replicaSets, namespace: change.key.namespace) {
                guard let selector = try? LabelSelector(rs.value["spec"]?["selector"]) else { continue }
                if orphanLabels.contains(where: { selector.matches($0) }) { keys.append(rs.key) }
            }
        }
        return keys
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let rs = state[key], let selector = try? LabelSelector(rs.value["spec"]?["selector"]) else { return [] }
        var actions: [Action] = []
        let pods = claimPods(rs, selector: selector, state: state, actions: &actions)
        let replicas = Int(rs.value["spec"]?["replicas"]?.int ?? 1)
        if !rs.isBeingDeleted {
            actions += manageReplicas(rs, pods: pods, replicas: replicas, state: state, now: now)
        }
        let status = ReplicaSetController.calculateStatus(rs, pods: pods, now: now)
        if status != rs.value["status"] { actions.append(.updateStatus(key, status)) }
        let minReady = rs.value["spec"]?["minReadySeconds"]?.int ?? 0
        if minReady > 0, status["readyReplicas"]?.int ?? 0 == Int64(replicas), status["availableReplicas"]?.int ?? 0 != Int64(replicas) {
            actions.append(.requeueAfter(.seconds(minReady)))
        }
        return actions
    }

    /// `FilterActivePods` then `ClaimPods`, in key order.
    func claimPods(_ rs: StoredObject, selector: LabelSelector, state: ClusterState, actions: inout [Action]) -> [StoredObject] {
        var claimed: [StoredObject] = []
        let candidates = Workload.candidates(ObjectKey.pods, of: rs, selector: selector, state: state)
        for pod in candidates.objects where ReplicaSetController.isActive(pod.value) {
            let matches = candidates.matches(pod)
            if let controller = pod.controllerUID {
                guard controller == rs.uid else { continue }
                if matches { claimed.append(pod); continue }
                if rs.isBeingDeleted { continue }
                var v = pod.value
                v.setOwnerReferences(v.ownerReferences.filter { $0["uid"]?.string != rs.uid })
                actions.append(.update(pod.key, v))
            } else {
                guard !rs.isBeingDeleted, matches else { continue }
                var v = pod.value
                v.setOwnerReferences(v.ownerReferences + [ReplicaSetController.controllerRef(rs)])
                actions.append(.update(pod.key, v))
                claimed.append(StoredObject(key: pod.key, value: v, source: pod.source))
            }
        }
        return claimed
    }

    /// The union of two lists in key order (both come in key order from the same store), each
    /// key once.
    static func union(_ a: [StoredObject], _ b: [StoredObject]) -> [StoredObject] {
        var out: [StoredObject] = []
        out.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].key < b[j].key) {
                out.append(a[i]); i += 1
            } else if i == a.count || b[j].key < a[i].key {
                out.append(b[j]); j += 1
            } else {
                out.append(b[j]); i += 1; j += 1
            }
        }
        return out
    }

    func manageReplicas(_ rs: StoredObject, pods: [StoredObject], replicas: Int, state: ClusterState, now: VirtualTime) -> [Action] {
        let diff = pods.count - replicas
        if diff < 0 {
            let count = min(-diff, ReplicaSetController.burstReplicas)
            let pod = ReplicaSetController.podFromTemplate(rs)
            var actions: [Action] = []
            var batch = 0, batchSize = min(count, ReplicaSetController.slowStartInitialBatchSize), remaining = count
            while batchSize > 0 {
                for _ in 0..<batchSize { actions.append(.createPod(pod, controller: rs.key, batch: batch)) }
                remaining -= batchSize
                batch += 1
                batchSize = min(2 * batchSize, remaining)
            }
            return actions
        }
        if diff > 0 {
            let count = min(diff, ReplicaSetController.burstReplicas)
            let related = relatedPods(rs, state: state)
            return PodRanking.podsToDelete(pods, related: related, count: count, now: now).map { .deletePod($0.key, controller: rs.key) }
        }
        return []
    }

    /// `getIndirectlyRelatedPods`: pods of every ReplicaSet with the same controller (none
    /// for a ReplicaSet without one).
    func relatedPods(_ rs: StoredObject, state: ClusterState) -> [StoredObject] {
        guard let ownerUID = rs.value.controllerRef?["uid"]?.string else { return [] }
        var seen: Set<String> = []
        var pods: [StoredObject] = []
        for sibling in state.dependents(of: ownerUID) where sibling.key.resource == ObjectKey.replicaSets {
            guard let selector = try? LabelSelector(sibling.value["spec"]?["selector"]) else { continue }
            for pod in state.list(ObjectKey.pods, namespace: sibling.namespace, selector: selector) where seen.insert(pod.uid).inserted {
                pods.append(pod)
            }
        }
        return pods
    }

    /// `controller.GetPodFromTemplate`: labels, annotations and finalizers of the template,
    /// `generateName` `<rs>-` (or `<rs>` when that prefix is not a valid pod name), the
    /// controller reference, the template's spec.
    static func podFromTemplate(_ rs: StoredObject) -> Value {
        let template = rs.value["spec"]?["template"] ?? .mapping([])
        var prefix = rs.name + "-"
        if !NameRules.podNamePrefixErrors(prefix).isEmpty { prefix = rs.name }
        var metadata: Value = ["generateName": .string(prefix), "namespace": .string(rs.namespace)]
        for field in ["labels", "annotations", "finalizers"] {
            if let v = template["metadata"]?[field], !v.isNull { metadata.set(field, v) }
        }
        metadata.set("ownerReferences", [controllerRef(rs)])
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": template["spec"] ?? .mapping([])]
    }

    /// `metav1.NewControllerRef`.
    static func controllerRef(_ owner: StoredObject) -> Value {
        ["apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind), "name": .string(owner.name),
         "uid": .string(owner.uid), "controller": true, "blockOwnerDeletion": true]
    }

    /// `controller.IsPodActive`.
    static func isActive(_ pod: Value) -> Bool {
        let phase = pod["status"]?["phase"]?.string ?? ""
        return phase != "Succeeded" && phase != "Failed" && !pod.isBeingDeleted
    }

    /// `calculateStatus` (replica_set_utils.go) plus `observedGeneration` from
    /// `updateReplicaSetStatus`. Zero counts other than `replicas` are omitted (omitempty).
    static func calculateStatus(_ rs: StoredObject, pods: [StoredObject], now: VirtualTime) -> Value {
        let templateLabels = Value.strings(rs.value["spec"]?["template"]?["metadata"]?["labels"])
        let minReady = rs.value["spec"]?["minReadySeconds"]?.int ?? 0
        var fullyLabeled = 0, ready = 0, available = 0
        for pod in pods {
            if templateLabels.allSatisfy({ pod.labels[$0.key] == $0.value }) { fullyLabeled += 1 }
            // The Ready condition looked up once for both counts.
            if let condition = PodRanking.readyCondition(pod.value), condition["status"]?.string == "True" {
                ready += 1
                if PodRanking.isAvailable(readyCondition: condition, minReadySeconds: minReady, now: now) { available += 1 }
            }
        }
        var status = rs.value["status"] ?? .mapping([])
        if status.isNull { status = .mapping([]) }
        status.set("replicas", .int(Int64(pods.count)))
        for (field, n) in [("fullyLabeledReplicas", fullyLabeled), ("readyReplicas", ready), ("availableReplicas", available)] {
            if n > 0 { status.set(field, .int(Int64(n))) } else { status.remove(field) }
        }
        let generation = rs.value.generation
        if generation > 0 { status.set("observedGeneration", .int(generation)) }
        return status
    }
}
