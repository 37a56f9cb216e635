import YAML

/// What `taller cluster historia` draws: how a workload's replicas and ready pods (and, when an
/// HPA targets it, its CPU utilization) moved over virtual time.
///
/// `HistoryController` samples Deployments and StatefulSets whenever their desired or ready
/// counts change (level-based, like any controller); the HPA controller adds its utilization
/// at each sync. Samples live in `Store.memory` (saved with the cluster), at most
/// `History.limit` per workload, so a learner can watch a rollout or an autoscaler unfold
/// after the fact.
public enum History {
    public static let limit = 720

    public struct Sample: Sendable, Equatable {
        public var milliseconds: Int64
        public var desired: Int64
        public var ready: Int64
    }

    static func key(_ resource: String, _ namespace: String, _ name: String) -> String { "historia/\(resource)/\(namespace)/\(name)" }

    static func samples(_ v: Value?) -> [Sample] {
        (v?.sequence ?? []).compactMap { s in
            guard let a = s.sequence, a.count == 3, let t = a[0].int, let d = a[1].int, let r = a[2].int else { return nil }
            return Sample(milliseconds: t, desired: d, ready: r)
        }
    }

    static func value(_ samples: [Sample]) -> Value {
        .sequence(samples.map { [.int($0.milliseconds), .int($0.desired), .int($0.ready)] })
    }

    /// Appends `sample` unless the counts did not change; a sample at the same instant
    /// replaces the last one.
    static func appending(_ sample: Sample, to list: [Sample]) -> [Sample] {
        var list = list
        if let last = list.last {
            if last.desired == sample.desired && last.ready == sample.ready { return list }
            if last.milliseconds == sample.milliseconds { list.removeLast() }
        }
        list.append(sample)
        if list.count > limit { list.removeFirst(list.count - limit) }
        return list
    }
}

public struct HistoryController: Controller {
    public let name = "historia"
    public var watchedResources: Set<String>? { Self.resources }
    static let resources: Set<String> = [Workload.deployments, Workload.statefulSets]

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        guard Self.resources.contains(change.key.resource), let new = change.new else { return [] }
        if let old = change.old, Self.counts(old) == Self.counts(new) { return [] }
        return [change.key]
    }

    static func counts(_ v: Value) -> [Int64] {
        [v["spec"]?["replicas"]?.int ?? 1, v["status"]?["readyReplicas"]?.int ?? 0]
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        let memoryKey = History.key(key.resource, key.namespace, key.name)
        guard let o = state[key] else { return [] }
        let c = Self.counts(o.value)
        let list = History.samples(state.memory(memoryKey))
        let updated = History.appending(History.Sample(milliseconds: now.milliseconds, desired: c[0], ready: c[1]), to: list)
        return updated == list ? [] : [.remember(memoryKey, History.value(updated))]
    }
}

extension Cluster {
    /// The samples of a workload (`deployments.apps`, `statefulsets.apps`), oldest first.
    public func history(resource: String, namespace: String, name: String) -> [History.Sample] {
        History.samples(api.store.memory[History.key(resource, namespace, name)])
    }

    /// CPU utilization (percent of request) the HPAs targeting the workload measured, with
    /// their target: `(milliseconds, percent)` pairs, oldest first.
    public func utilizationHistory(kind: String, namespace: String, name: String) -> (target: Int64, points: [(Int64, Int64)])? {
        for hpa in api.store.list(HPAController.resource, namespace: namespace).sorted(by: { $0.key < $1.key }) {
            let spec = HPASpec(hpa.value)
            guard spec.targetKind == kind, spec.targetName == name else { continue }
            guard case .resource("cpu", nil, .utilization(let target))? = spec.metrics.first else { continue }
            let points = (api.store.memory[HPAController.memoryKey(hpa.key)]?["cpu"]?.sequence ?? []).compactMap { p -> (Int64, Int64)? in
                guard let a = p.sequence, a.count == 2, let t = a[0].int, let u = a[1].int else { return nil }
                return (t, u)
            }
            return (target, points)
        }
        return nil
    }
}
