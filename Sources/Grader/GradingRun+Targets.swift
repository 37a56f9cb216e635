import Courseware
import KubeAPI
import Simulator
import YAML

/// What a check looks at: one object, or the objects of a query.
enum CheckTarget {
    case object(ObjectKey, reference: String)
    case query(resource: APIResource, namespace: String, selector: LabelSelector, text: String)

    var text: String {
        switch self {
        case .object(_, let reference): reference
        case .query(_, _, _, let text): text
        }
    }
}

/// A problem of the exercise found while grading (an unknown type, a selector that does
/// not parse): the author's mistake, at the author's line.
struct ContentProblem: Error {
    var message: String
    var mark: Mark
}

extension GradingRun {
    /// The check's `objeto` or `objetos`, resolved against the kinds the cluster serves.
    func target(of check: Check) throws(ContentProblem) -> CheckTarget? {
        if let ref = check.object {
            guard let resource = Kinds.resolve(ref.type) else { throw ContentProblem(message: GraderMessages.unknownType(ref.type), mark: ref.mark) }
            let key = ObjectKey(resource, namespace: ref.namespace ?? "default", name: ref.name)
            return .object(key, reference: ref.description)
        }
        if let q = check.objects {
            guard let resource = Kinds.resolve(q.type) else { throw ContentProblem(message: GraderMessages.unknownType(q.type), mark: q.mark) }
            var selector = LabelSelector.everything
            if let text = q.selector {
                do { selector = try LabelSelector.parse(text) } catch { throw ContentProblem(message: GraderMessages.badSelector(text, error.message), mark: q.mark) }
            }
            return .query(resource: resource, namespace: q.namespace ?? "default", selector: selector, text: q.description)
        }
        return nil
    }

    /// The objects a target names now (an object that does not exist: none).
    func objects(_ target: CheckTarget) -> [StoredObject] {
        switch target {
        case .object(let key, _): return cluster.api.store[key].map { [$0] } ?? []
        case .query(let resource, let namespace, let selector, _):
            return cluster.api.list(resource, namespace: resource.namespaced ? namespace : nil, selector: selector)
        }
    }

    /// The objects created from the learner's files that still exist, in applied order.
    var learnerObjects: [StoredObject] { learnerKeys.compactMap { cluster.api.store[$0] } }

    // MARK: readiness

    /// Ready endpoints behind a target: a Service's ready addresses; the Ready pods a
    /// workload selects; the Ready pods of a query.
    static func readyCount(_ target: CheckTarget, store: Store) -> Int {
        switch target {
        case .object(let key, _):
            guard let object = store[key] else { return 0 }
            if key.resource == "services" {
                let endpoints = store[ObjectKey(resource: "endpoints", namespace: key.namespace, name: key.name)]
                return (endpoints?.value["subsets"]?.sequence ?? []).reduce(0) { $0 + ($1["addresses"]?.sequence?.count ?? 0) }
            }
            if key.resource == "pods" { return isReady(object) ? 1 : 0 }
            return pods(of: object, store: store).filter(isReady).count
        case .query(let resource, let namespace, let selector, _):
            return store.list(resource.groupResource, namespace: namespace, selector: selector).filter(isReady).count
        }
    }

    static func isReady(_ pod: StoredObject) -> Bool {
        guard !pod.isBeingDeleted else { return false }
        return (pod.value["status"]?["conditions"]?.sequence ?? []).contains { $0["type"]?.string == "Ready" && $0["status"]?.string == "True" }
    }

    /// The pods a workload selects (`spec.selector`), or the pod itself.
    static func pods(of object: StoredObject, store: Store) -> [StoredObject] {
        if object.key.resource == "pods" { return [object] }
        guard let selectorValue = object.value["spec"]?["selector"], let selector = try? LabelSelector(selectorValue) else { return [] }
        return store.list("pods", namespace: object.namespace, selector: selector)
    }

    // MARK: where the learner wrote it

    /// The mark of `path` in the learner's YAML for `object`; for objects controllers made
    /// (pods, ReplicaSets, Jobs), the same field in the template of the owner the learner
    /// wrote (`spec.containers[0].image` of a pod → `spec.template.spec.containers[0].image`
    /// of its Deployment).
    func locate(_ object: StoredObject, _ path: String) -> Mark? {
        var current = object
        var path = path
        for _ in 0..<4 {
            if let source = current.source { return source.mark(path) }
            guard let ownerUID = current.ownerUIDs.first, let owner = cluster.api.store.object(uid: ownerUID) else { return nil }
            let resource = current.key.resource
            if resource == "pods" || resource == "jobs.batch" {
                let prefix = owner.key.resource == "cronjobs.batch" ? "spec.jobTemplate." : "spec.template."
                path = path.hasPrefix("spec") || path.hasPrefix("metadata") ? prefix + path : ""
            } else if resource != "replicasets.apps" {
                path = ""
            }
            current = owner
        }
        return nil
    }

    /// A check's mark when the object is not there: the learner's object of the same type
    /// (a misspelled name), else nothing.
    func sameTypeObject(_ key: ObjectKey) -> StoredObject? {
        learnerObjects.first { $0.key.resource == key.resource && $0.key.namespace == key.namespace }
    }
}
