import KubeAPI
import YAML

/// A failure of a `kubectl rollout` verb, with kubectl's own text in `kubectlMessage`.
public enum RolloutError: Error, Sendable, Hashable {
    case notFound(resource: String, name: String)
    /// `rollout undo` or `rollout restart` of a paused Deployment.
    case paused
    case alreadyPaused
    case notPaused
    /// `--to-revision=N` names no revision.
    case revisionNotFound(Int64)
    /// `rollout undo` with no previous revision.
    case noHistory
    /// `rollout history --revision=N` of a missing revision.
    case historyRevisionNotFound(Int64)

    /// What kubectl prints after `error: ` (k8s.io/kubectl/pkg/polymorphichelpers:
    /// rollback.go, objectpauser.go, objectresumer.go, objectrestarter.go).
    public func kubectlMessage(resource: String, name: String) -> String {
        switch self {
        case .notFound(let r, let n): "\(r) \"\(n)\" not found"
        case .paused: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
        case .alreadyPaused: "\(resource) \"\(name)\" is already paused"
        case .notPaused: "\(resource) \"\(name)\" is not paused"
        case .revisionNotFound(let r): "unable to find specified revision \(r) in history"
        case .noHistory: "no rollout history found for deployment \"\(name)\""
        case .historyRevisionNotFound: "unable to find the specified revision"
        }
    }
}

/// One line of `kubectl rollout history`.
public struct RolloutRevision: Sendable, Hashable {
    public var revision: Int64
    /// `kubernetes.io/change-cause` of that revision's ReplicaSet, nil when absent.
    public var changeCause: String?
    /// The pod template of the revision (for `--revision=N`), hash label included.
    public var template: Value
}

/// What `rollout undo` did: `deployment.apps/web rolled back`, or
/// `deployment.apps/web skipped rollback (current template already matches revision 2)`.
public enum RollbackResult: Sendable, Hashable {
    case rolledBack
    case skipped(revision: Int64)

    public var kubectlSuffix: String {
        switch self {
        case .rolledBack: "rolled back"
        case .skipped(let r): "skipped rollback (current template already matches revision \(r))"
        }
    }
}

/// The client-side rollout verbs kubectl runs against a Deployment (and, for restart,
/// pause and resume, StatefulSets and DaemonSets): k8s.io/kubectl/pkg/polymorphichelpers
/// (history.go, rollback.go, objectrestarter.go, objectpauser.go, objectresumer.go).
extension APIServer {
    /// ReplicaSets controlled by the Deployment (`deploymentutil.GetAllReplicaSets`).
    func ownedReplicaSets(_ d: StoredObject) -> [StoredObject] {
        store.dependents(of: d.uid).filter { $0.key.resource == ObjectKey.replicaSets && $0.value.controllerRef?["uid"]?.string == d.uid }
    }

    func deployment(namespace: String, name: String) throws(RolloutError) -> StoredObject {
        guard let d = store[ObjectKey(resource: Workload.deployments, namespace: namespace, name: name)] else {
            throw .notFound(resource: Workload.deployments, name: name)
        }
        return d
    }

    /// `kubectl rollout history deployment/NAME`: revisions in ascending order with their
    /// change cause (`DeploymentHistoryViewer.ViewHistory`). Empty: kubectl prints
    /// `No rollout history found.`
    public func rolloutHistory(namespace: String, name: String) throws(RolloutError) -> [RolloutRevision] {
        let d = try deployment(namespace: namespace, name: name)
        var byRevision: [Int64: RolloutRevision] = [:]
        for rs in ownedReplicaSets(d) {
            guard let text = rs.value.annotation(DeploymentUtil.revisionAnnotation), let v = Int64(text) else { continue }
            let cause = rs.value.annotation(DeploymentUtil.changeCauseAnnotation).flatMap { $0.isEmpty ? nil : $0 }
            byRevision[v] = RolloutRevision(revision: v, changeCause: cause, template: rs.value["spec"]?["template"] ?? .mapping([]))
        }
        return byRevision.keys.sorted().compactMap { byRevision[$0] }
    }

    /// The table `rollout history` prints under `deployment.apps/web `: Go's tabwriter with
    /// padding 2 (`tabbedString`).
    public static func rolloutHistoryTable(_ revisions: [RolloutRevision]) -> String {
        if revisions.isEmpty { return "No rollout history found." }
        let rows = [("REVISION", "CHANGE-CAUSE")] + revisions.map { (String($0.revision), $0.changeCause ?? "<none>") }
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 + "\n" }.joined()
    }

    /// `kubectl rollout undo deployment/NAME [--to-revision=N]` (`DeploymentRollbacker`):
    /// the template of the chosen revision's ReplicaSet (hash label removed) goes back into
    /// the Deployment, with that ReplicaSet's annotations (except `annotationsToSkip`, kept
    /// from the Deployment). 0 means the previous revision.
    public mutating func rolloutUndo(namespace: String, name: String, toRevision: Int64 = 0) throws(RolloutError) -> RollbackResult {
        if toRevision < 0 { throw .revisionNotFound(toRevision) }
        let d = try deployment(namespace: namespace, name: name)
        if d.value["spec"]?["paused"]?.bool == true { throw .paused }
        var latest: (Int64, StoredObject)?, previous: (Int64, StoredObject)?
        var target: StoredObject?
        for rs in ownedReplicaSets(d).sorted(by: { $0.key < $1.key }) {
            guard let v = rs.value.annotation(DeploymentUtil.revisionAnnotation).flatMap({ Int64($0) }) else { continue }
            if toRevision == 0 {
                if (latest?.0 ?? -1) < v {
                    previous = latest
                    latest = (v, rs)
                } else if (previous?.0 ?? -1) < v {
                    previous = (v, rs)
                }
            } else if toRevision == v {
                target = rs
                break
            }
        }
        if toRevision > 0 && target == nil { throw .revisionNotFound(toRevision) }
        guard let rs = target ?? previous?.1 else { throw .noHistory }
        var template = rs.value["spec"]?["template"] ?? .mapping([])
        let revision = toRevision > 0 ? toRevision : previous!.0
        if DeploymentUtil.equalIgnoringHash(template, d.value["spec"]?["template"] ?? .null) { return .skipped(revision: revision) }
        template.editMetadata { meta in
            var labels = meta["labels"] ?? .mapping([])
            labels.remove(DeploymentUtil.podTemplateHashLabel)
            meta.set("labels", labels)
        }
        var annotations: [(String, String)] = []
        for (k, v) in d.value.annotationMap where DeploymentUtil.annotationsToSkip.contains(k) { annotations.append((k, v)) }
        for (k, v) in rs.value.annotationMap where !DeploymentUtil.annotationsToSkip.contains(k) { annotations.append((k, v)) }
        var v = d.value
        v.edit("spec") { $0.set("template", template) }
        v.editMetadata { meta in
            if annotations.isEmpty { meta.remove("annotations"); return }
            meta.set("annotations", .mapping(annotations.sorted { $0.0 < $1.0 }.map { Value.Pair($0.0, .string($0.1)) }))
        }
        _ = try? updateObject(d.key, v)
        return .rolledBack
    }

    /// `kubectl rollout restart`: the template gets `kubectl.kubernetes.io/restartedAt` with
    /// the current time (RFC 3339), which makes a new revision. Deployments, StatefulSets
    /// and DaemonSets; a paused Deployment is refused.
    public mutating func rolloutRestart(_ resource: APIResource, namespace: String, name: String) throws(RolloutError) {
        let key = ObjectKey(resource, namespace: namespace, name: name)
        guard let o = store[key] else { throw .notFound(resource: key.resource, name: name) }
        if key.resource == Workload.deployments && o.value["spec"]?["paused"]?.bool == true { throw .paused }
        var v = o.value
        let now = clock.now.rfc3339
        v.edit("spec") { spec in spec.edit("template") { t in t.editMetadata { meta in
            meta.edit("annotations") { $0.set(DeploymentUtil.restartedAtAnnotation, .string(now)) }
        } } }
        _ = try? updateObject(key, v)
    }

    /// `kubectl rollout pause|resume deployment/NAME`: sets `spec.paused`
    /// (`deployment.apps/web paused`), or fails with `is already paused` / `is not paused`.
    public mutating func rolloutSetPaused(namespace: String, name: String, paused: Bool) throws(RolloutError) {
        let d = try deployment(namespace: namespace, name: name)
        let current = d.value["spec"]?["paused"]?.bool == true
        if current == paused { throw paused ? .alreadyPaused : .notPaused }
        var v = d.value
        v.edit("spec") { if paused { $0.set("paused", true) } else { $0.remove("paused") } }
        _ = try? updateObject(d.key, v)
    }
}
