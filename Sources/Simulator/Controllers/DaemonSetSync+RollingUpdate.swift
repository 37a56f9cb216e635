import KubeAPI
import YAML

extension DaemonSetSync {
    /// update.go `rollingUpdate`, with `updatedDesiredNodeCounts`: nodes that should run a pod
    /// and have none count too. Go walks a map (random order); here nodes go by name.
    ///
    /// Without surge, old pods are deleted while the number of unavailable nodes stays under
    /// `maxUnavailable` (an old pod that is not available may always go); the manage loop
    /// creates the replacement once the old pod is gone. With surge, a new pod is created
    /// next to an old one (at most `maxSurge` at a time, and at once where the old one is not
    /// available) and the old one is deleted when the new one is available.
    mutating func rollingUpdate() {
        var perNode = byNode
        var desired = 0
        for node in nodes where placement.shouldRun(on: node).run {
            desired += 1
            if perNode[node.name] == nil { perNode[node.name] = [] }
        }
        let maxSurge = scaled("maxSurge", total: desired)
        var maxUnavailable = scaled("maxUnavailable", total: desired)
        if desired > 0 && maxUnavailable == 0 && maxSurge == 0 { maxUnavailable = 1 }
        let nodeNames = perNode.keys.sorted()
        if maxSurge == 0 {
            var unavailable = 0
            var replacements: [StoredObject] = [], candidates: [StoredObject] = []
            for name in nodeNames {
                guard let pair = updatedPods(perNode[name] ?? []) else { unavailable += 1; continue }
                switch (pair.new, pair.old) {
                case (nil, nil), (.some, .some):
                    unavailable += 1
                case (.some(let pod), nil):
                    if !isAvailable(pod) { unavailable += 1 }
                case (nil, .some(let pod)):
                    if !isAvailable(pod) {
                        replacements.append(pod)
                        unavailable += 1
                    } else if unavailable < maxUnavailable {
                        candidates.append(pod)
                    }
                }
            }
            let remaining = min(max(maxUnavailable - unavailable, 0), candidates.count)
            syncNodes(create: [], delete: replacements + candidates.prefix(remaining))
            return
        }
        var deletes: [StoredObject] = [], misplaced: [StoredObject] = []
        var candidateNodes: [String] = [], allowedNodes: [String] = []
        var surging = 0, available = 0
        let nodeInfo = Dictionary(nodes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func runs(_ name: String) -> Bool { nodeInfo[name].map { placement.shouldRun(on: $0).run } ?? false }
        for name in nodeNames {
            guard let pair = updatedPods(perNode[name] ?? []) else { surging += 1; continue }
            let (new, old) = (pair.new, pair.old)
            if let old { if isAvailable(old) { available += 1 } } else if let new, isAvailable(new) { available += 1 }
            switch (new, old) {
            case (_, nil):
                break
            case (nil, .some(let old)):
                if !isAvailable(old) {
                    if !runs(name) { deletes.append(old); continue }
                    allowedNodes.append(name)
                } else {
                    if !runs(name) { misplaced.append(old); continue }
                    if surging >= maxSurge { continue }
                    candidateNodes.append(name)
                }
            case (.some(let new), .some(let old)):
                if !isAvailable(new) { surging += 1; continue }
                deletes.append(old)
            }
        }
        // Only delete a misplaced pod once enough pods are available elsewhere.
        let deletable = min(max(available - desired, 0), misplaced.count)
        deletes += misplaced.prefix(deletable).filter { !$0.isBeingDeleted }
        let remaining = min(max(maxSurge - surging, 0), candidateNodes.count)
        syncNodes(create: allowedNodes + candidateNodes.prefix(remaining), delete: deletes)
    }

    /// `findUpdatedPodsOnNode`: at most one up-to-date and one old pod not being deleted;
    /// nil when there are more (the manage loop prunes them first).
    func updatedPods(_ pods: [StoredObject]) -> (new: StoredObject?, old: StoredObject?)? {
        var new: StoredObject?, old: StoredObject?
        for pod in pods where !pod.isBeingDeleted {
            if isUpdated(pod) {
                if new != nil { return nil }
                new = pod
            } else {
                if old != nil { return nil }
                old = pod
            }
        }
        return (new, old)
    }
}
