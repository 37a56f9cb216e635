import YAML

/// Two indexes the traffic paths need on every pod change and every HPA sync, kept beside the
/// store's others so that nothing scans every Service or every pod:
///
/// - per namespace, the Services that have a selector, with it, in key order (the endpoints
///   controllers' `GetPodServiceMemberships`: which Services a changed pod belongs to);
/// - the pods that may run a load generator (a `wget` or `curl` in a container's command or
///   args; `Load.Generator` decides whether it really loops).
struct TrafficIndex: Sendable {
    struct Selecting: Sendable {
        var key: ObjectKey
        var selector: [String: String]
    }

    private(set) var selecting: [String: [Selecting]] = [:]
    private(set) var generators: Set<ObjectKey> = []

    mutating func update(_ key: ObjectKey, old: Value?, new: Value?) {
        switch key.resource {
        case "services":
            var list = selecting[key.namespace] ?? []
            list.removeAll { $0.key == key }
            if let new, let selector = ServiceEndpoints.selector(new) {
                let i = list.firstIndex { key < $0.key } ?? list.count
                list.insert(Selecting(key: key, selector: selector), at: i)
            }
            selecting[key.namespace] = list.isEmpty ? nil : list
        case ObjectKey.pods:
            if let new, TrafficIndex.mayGenerateLoad(new) { generators.insert(key) } else { generators.remove(key) }
        default:
            break
        }
    }

    static func mayGenerateLoad(_ pod: Value) -> Bool {
        for c in pod["spec"]?["containers"]?.sequence ?? [] {
            for word in (c["command"]?.sequence ?? []) + (c["args"]?.sequence ?? []) {
                if let s = word.string, s.contains("wget") || s.contains("curl") { return true }
            }
        }
        return false
    }

    /// The Services of `namespace` with a selector, in key order.
    func services(in namespace: String) -> [Selecting] { selecting[namespace] ?? [] }
}

extension ClusterState {
    /// The Services of `namespace` whose selector matches `labels`, in key order.
    func services(selecting labels: [String: String], in namespace: String) -> [ObjectKey] {
        store.traffic.services(in: namespace).filter { s in s.selector.allSatisfy { labels[$0.key] == $0.value } }.map(\.key)
    }
}
