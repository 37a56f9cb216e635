import KubeAPI
import Simulator
import YAML

/// Which pods `kubectl drain` may remove from a node (k8s.io/kubectl/pkg/drain/filters.go
/// `makeFilters`, `GetPodsForDeletion`). Each pod of the node goes through the filters in
/// order — DaemonSet, mirror pod, local storage (`emptyDir`), unreplicated — and stops at the
/// first that keeps it; its status is the last filter's:
///
/// - a DaemonSet's pod is never evicted (the DaemonSet would put it straight back): an error
///   (`DaemonSet-managed Pods (use --ignore-daemonsets to ignore)`) or, with
///   `--ignore-daemonsets`, a warning; if its DaemonSet is gone, `--force` deletes it;
/// - a mirror pod (a static pod's API copy) is skipped silently;
/// - a pod with an `emptyDir` needs `--delete-emptydir-data` (the data is lost);
/// - a pod without a controller needs `--force` (nothing would recreate it);
/// - finished pods (Succeeded, Failed) can always go.
///
/// Errors and warnings are grouped by message: `cannot delete Pods that declare no controller
/// (use --force to override): default/suelto`.
struct DrainPodList {
    struct Status: Equatable {
        enum Reason: Equatable { case okay, skip, warning, error }
        var delete: Bool
        var reason: Reason
        var message = ""
    }

    struct Item {
        var pod: StoredObject
        var status: Status
    }

    struct Options {
        var force = false
        var ignoreDaemonSets = false
        var deleteEmptyDirData = false
    }

    static let daemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
    static let daemonSetWarning = "ignoring DaemonSet-managed Pods"
    static let localStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)"
    static let localStorageWarning = "deleting Pods with local storage"
    static let unmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)"
    static let unmanagedWarning = "deleting Pods that declare no controller"

    var items: [Item]

    /// `filterPods`: every pod, with the status of the last filter it reached.
    init(pods: [StoredObject], options: Options, daemonSetExists: (_ namespace: String, _ name: String) -> Result<Void, APIError>) {
        items = []
        for pod in pods {
            var status = DrainPodList.daemonSet(pod, options, daemonSetExists)
            for filter in 1...3 where status.delete {
                switch filter {
                case 1: status = DrainPodList.mirror(pod)
                case 2: status = DrainPodList.localStorage(pod, options)
                default: status = DrainPodList.unreplicated(pod, options)
                }
            }
            items.append(Item(pod: pod, status: status))
        }
    }

    static func mirror(_ pod: StoredObject) -> Status {
        pod.value.at(["metadata", "annotations", "kubernetes.io/config.mirror"]) != nil
            ? Status(delete: false, reason: .skip) : Status(delete: true, reason: .okay)
    }

    static func finished(_ pod: StoredObject) -> Bool {
        let phase = pod.value.at(["status", "phase"])?.string ?? ""
        return phase == "Succeeded" || phase == "Failed"
    }

    static func daemonSet(_ pod: StoredObject, _ o: Options, _ exists: (String, String) -> Result<Void, APIError>) -> Status {
        guard let ref = pod.value.at(["metadata", "ownerReferences"])?.sequence?.first(where: { $0["controller"]?.bool == true }),
              ref["kind"]?.string == "DaemonSet", !finished(pod) else { return Status(delete: true, reason: .okay) }
        if case .failure(let error) = exists(pod.namespace, ref["name"]?.string ?? "") {
            if case .notFound = error, o.force { return Status(delete: true, reason: .warning, message: error.statusMessage) }
            return Status(delete: false, reason: .error, message: error.statusMessage)
        }
        if !o.ignoreDaemonSets { return Status(delete: false, reason: .error, message: daemonSetFatal) }
        return Status(delete: false, reason: .warning, message: daemonSetWarning)
    }

    static func localStorage(_ pod: StoredObject, _ o: Options) -> Status {
        let volumes = pod.value.at(["spec", "volumes"])?.sequence ?? []
        guard volumes.contains(where: { $0["emptyDir"] != nil }), !finished(pod) else { return Status(delete: true, reason: .okay) }
        if !o.deleteEmptyDirData { return Status(delete: false, reason: .error, message: localStorageFatal) }
        return Status(delete: true, reason: .warning, message: localStorageWarning)
    }

    static func unreplicated(_ pod: StoredObject, _ o: Options) -> Status {
        if finished(pod) { return Status(delete: true, reason: .okay) }
        let managed = (pod.value.at(["metadata", "ownerReferences"])?.sequence ?? []).contains { $0["controller"]?.bool == true }
        if managed { return Status(delete: true, reason: .okay) }
        if o.force { return Status(delete: true, reason: .warning, message: unmanagedWarning) }
        return Status(delete: false, reason: .error, message: unmanagedFatal)
    }

    /// `Pods()`: the pods to evict.
    var pods: [StoredObject] { items.filter(\.status.delete).map(\.pod) }

    /// `Warnings()`: `message: ns/pod, ns/pod` per message, joined by `; ` (upstream's map
    /// order; here the order the messages first appear).
    var warnings: String { grouped(.warning).map { "\($0.message): \($0.pods.joined(separator: ", "))" }.joined(separator: "; ") }

    /// `errors()`: one error per message, `cannot delete` prefixed where it is missing.
    var errors: [String] {
        grouped(.error).map { group in
            let message = group.message.isEmpty ? "unexpected error" : group.message
            let pods = group.pods.joined(separator: ", ")
            return message.lowercased().hasPrefix("cannot delete") ? "\(message): \(pods)" : "cannot delete \(message): \(pods)"
        }
    }

    func grouped(_ reason: Status.Reason) -> [(message: String, pods: [String])] {
        var groups: [(message: String, pods: [String])] = []
        for item in items where item.status.reason == reason {
            let name = "\(item.pod.namespace)/\(item.pod.name)"
            if let i = groups.firstIndex(where: { $0.message == item.status.message }) { groups[i].pods.append(name) }
            else { groups.append((item.status.message, [name])) }
        }
        return groups
    }
}
