import KubeAPI
import YAML

// The ReplicaSet side of a Deployment sync: finding or creating the new ReplicaSet,
// scaling with events, proportional scaling and history cleanup
// (pkg/controller/deployment/sync.go).
extension DeploymentSync {
    /// `getAllReplicaSetsAndSyncRevision` + `getNewReplicaSet`: indices of the new
    /// ReplicaSet (nil when there is none and `create` is false) and of the old ones.
    mutating func allReplicaSetsAndSyncRevision(create: Bool) -> (new: Int?, old: [Int]) {
        let found = DeploymentUtil.findNew(d, replicaSets)
        let newIndex = found.flatMap { f in replicaSets.firstIndex { $0.key == f.key } }
        let old = replicaSets.indices.filter { $0 != newIndex }
        let maxOld = old.map { replicaSets[$0].revision }.max() ?? 0
        let newRevision = maxOld + 1
        if let newIndex {
            var rs = replicaSets[newIndex]
            let annotationsUpdated = DeploymentUtil.setNewReplicaSetAnnotations(d, &rs, newRevision: newRevision, exists: true)
            let minReady = d["spec"]?["minReadySeconds"]?.int ?? 0
            let minReadyChanged = (rs.value["spec"]?["minReadySeconds"]?.int ?? 0) != minReady
            if annotationsUpdated || minReadyChanged {
                rs.value.edit("spec") { if minReady == 0 { $0.remove("minReadySeconds") } else { $0.set("minReadySeconds", .int(minReady)) } }
                replicaSets[newIndex] = rs
                actions.append(.update(rs.key, rs.value))
                return (newIndex, old)
            }
            setRevision(rs.annotations[DeploymentUtil.revisionAnnotation] ?? "")
            if DeploymentUtil.progressDeadline(d) != nil && Workload.condition(d["status"], "Progressing") == nil {
                setCondition("Progressing", "True", DeploymentUtil.foundNewRSReason, "Found new replica set \(GoValue.quote(rs.name))")
            }
            return (newIndex, old)
        }
        guard create else { return (nil, old) }
        return (createNewReplicaSet(revision: newRevision, old: old), old)
    }

    /// `SetDeploymentRevision`: the Deployment's revision annotation.
    mutating func setRevision(_ revision: String) {
        if d.annotation(DeploymentUtil.revisionAnnotation) != revision { d.setAnnotation(DeploymentUtil.revisionAnnotation, revision) }
    }

    /// The creating half of `getNewReplicaSet`: `<deployment>-<pod-template-hash>` with the
    /// hash label on its template, selector and labels, owned by the Deployment. A name
    /// taken by a different ReplicaSet is a hash collision: `status.collisionCount` goes up
    /// and the next sync tries another hash.
    mutating func createNewReplicaSet(revision: Int64, old: [Int]) -> Int? {
        let template = d["spec"]?["template"] ?? .mapping([])
        let collision = d["status"]?["collisionCount"]?.int.map { Int32(truncatingIfNeeded: $0) }
        let hash = NameGenerator.podTemplateHash(template, collisionCount: collision)
        let name = stored.name + "-" + hash
        let rsKey = ObjectKey(resource: ObjectKey.replicaSets, namespace: stored.namespace, name: name)
        if let existing = state[rsKey] {
            let ours = existing.value.controllerRef?["uid"]?.string == stored.uid
            if ours && DeploymentUtil.equalIgnoringHash(existing.value["spec"]?["template"] ?? .null, template) {
                replicaSets.append(DeploymentReplicaSet(existing))
                return replicaSets.count - 1
            }
            d.edit("status") { $0.set("collisionCount", .int(Int64(collision ?? 0) + 1)) }
            return nil
        }
        var labels = template["metadata"]?["labels"] ?? .mapping([])
        labels.set(DeploymentUtil.podTemplateHashLabel, .string(hash))
        var rsTemplate = template
        rsTemplate.editMetadata { $0.set("labels", labels) }
        var selector = d["spec"]?["selector"] ?? .mapping([])
        selector.edit("matchLabels") { $0.set(DeploymentUtil.podTemplateHashLabel, .string(hash)) }
        var spec: Value = ["replicas": 0]
        if let minReady = d["spec"]?["minReadySeconds"]?.int, minReady != 0 { spec.set("minReadySeconds", .int(minReady)) }
        spec.set("selector", selector)
        spec.set("template", rsTemplate)
        let metadata: Value = ["name": .string(name), "namespace": .string(stored.namespace), "labels": labels,
                               "ownerReferences": [ReplicaSetController.controllerRef(stored)]]
        var rs = DeploymentReplicaSet(key: rsKey, value: ["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": metadata, "spec": spec], created: now)
        let count = DeploymentUtil.newRSNewReplicas(d, all: old.map { replicaSets[$0] } + [rs], new: rs)
        rs.replicas = count
        _ = DeploymentUtil.setNewReplicaSetAnnotations(d, &rs, newRevision: revision, exists: false)
        actions.append(.create(rs.value))
        if count > 0 { event(.normal, "ScalingReplicaSet", "Scaled up replica set \(name) from 0 to \(count)") }
        setRevision(String(revision))
        if DeploymentUtil.progressDeadline(d) != nil {
            setCondition("Progressing", "True", DeploymentUtil.newRSReason, "Created new replica set \(GoValue.quote(name))")
        }
        replicaSets.append(rs)
        return replicaSets.count - 1
    }

    /// `scaleReplicaSetAndRecordEvent`: nothing when the size is already right.
    @discardableResult
    mutating func scaleAndRecord(_ index: Int, to newScale: Int) -> Bool {
        let rs = replicaSets[index]
        if rs.replicas == newScale { return false }
        return scaleReplicaSet(index, to: newScale, operation: rs.replicas < newScale ? "up" : "down")
    }

    /// `scaleReplicaSet`: new size and the desired/max-replicas annotations; event
    /// `Scaled up replica set web-7d4b9c8f6b from 1 to 3` (the wording since 1.29).
    @discardableResult
    mutating func scaleReplicaSet(_ index: Int, to newScale: Int, operation: String) -> Bool {
        var rs = replicaSets[index]
        let oldScale = rs.replicas
        let sizeChanged = oldScale != newScale
        let maxReplicas = desired + DeploymentUtil.maxSurge(d)
        let annotationsChanged = rs.annotations[DeploymentUtil.desiredReplicasAnnotation] != String(desired)
            || rs.annotations[DeploymentUtil.maxReplicasAnnotation] != String(maxReplicas)
        guard sizeChanged || annotationsChanged else { return false }
        rs.replicas = newScale
        DeploymentUtil.setReplicasAnnotations(&rs, desired: desired, max: maxReplicas)
        replicaSets[index] = rs
        actions.append(.update(rs.key, rs.value))
        if sizeChanged { event(.normal, "ScalingReplicaSet", "Scaled \(operation) replica set \(rs.name) from \(oldScale) to \(newScale)") }
        return sizeChanged
    }

    /// `sync`: scaling events and paused Deployments — scale, clean up, status.
    mutating func sync() {
        let (new, old) = allReplicaSetsAndSyncRevision(create: false)
        scale(new: new, old: old)
        if d["spec"]?["paused"]?.bool == true && d["spec"]?["rollbackTo"] == nil { cleanup(old: old) }
        syncDeploymentStatus(new: new, old: old)
    }

    /// `scale`: one active ReplicaSet (or none: the newest) takes the whole size; a saturated
    /// new one lets the old ones go to 0; otherwise, for RollingUpdate, the change
    /// (`replicas + maxSurge − current`) is shared proportionally (`GetProportion`), the
    /// leftover going to the largest ReplicaSet.
    mutating func scale(new: Int?, old: [Int]) {
        let newRS = new.map { replicaSets[$0] }
        if let target = DeploymentUtil.activeOrLatest(new: newRS, old: old.map { replicaSets[$0] }) {
            guard let i = replicaSets.firstIndex(where: { $0.key == target.key }), replicaSets[i].replicas != desired else { return }
            scaleAndRecord(i, to: desired)
            return
        }
        if DeploymentUtil.isSaturated(d, newRS) {
            for i in old where replicaSets[i].replicas > 0 { scaleAndRecord(i, to: 0) }
            return
        }
        guard DeploymentUtil.isRollingUpdate(d) else { return }
        let active = DeploymentUtil.active(old.map { replicaSets[$0] } + (newRS.map { [$0] } ?? []))
        let current = active.reduce(0) { $0 + $1.replicas }
        let allowed = desired > 0 ? desired + DeploymentUtil.maxSurge(d) : 0
        let toAdd = allowed - current
        let ordered = toAdd > 0 ? DeploymentUtil.bySize(active, newerFirst: true)
            : toAdd < 0 ? DeploymentUtil.bySize(active, newerFirst: false) : active
        let operation = toAdd > 0 ? "up" : toAdd < 0 ? "down" : ""
        var added = 0
        var sizes: [Int] = []
        for rs in ordered {
            let p = toAdd != 0 ? DeploymentUtil.proportion(rs, d, toAdd: toAdd, added: added) : 0
            sizes.append(rs.replicas + p)
            added += p
        }
        for (n, rs) in ordered.enumerated() {
            var size = sizes[n]
            if n == 0 && toAdd != 0 { size = max(0, size + toAdd - added) }
            if let i = replicaSets.firstIndex(where: { $0.key == rs.key }) { scaleReplicaSet(i, to: size, operation: operation) }
        }
    }

    /// `cleanupDeployment`: beyond `revisionHistoryLimit`, delete the oldest revisions that
    /// are scaled to 0, fully observed and not already being deleted.
    mutating func cleanup(old: [Int]) {
        guard let limit = d["spec"]?["revisionHistoryLimit"]?.int else { return }
        let cleanable = old.map { replicaSets[$0] }.filter { !$0.isBeingDeleted }
        let diff = cleanable.count - Int(limit)
        guard diff > 0 else { return }
        let sorted = cleanable.sorted { a, b in a.revision != b.revision ? a.revision < b.revision : DeploymentUtil.olderFirst(a, b) }
        for rs in sorted.prefix(diff) {
            if rs.statusReplicas != 0 || rs.replicas != 0 || rs.generation > rs.observedGeneration || rs.isBeingDeleted { continue }
            actions.append(.delete(rs.key, .background))
        }
    }
}
