import KubeAPI
import YAML
@testable import Simulator

/// A test-only stand-in for the kubelet (the real one belongs to the scheduler/kubelet
/// work): `delay` after a pod is created it writes the status its image asks for —
///
/// - `ok:*`: Running, with Ready/ContainersReady `True` and a ready container;
/// - `done:*`: Succeeded (a Job pod that completed);
/// - `crash:*`: Failed (exit code 1);
/// - `bad:*`: nothing, the pod stays Pending forever (a rollout that never progresses).
struct FakeKubelet: Controller {
    let name = "kubelet"
    var delay: Duration = .seconds(2)

    func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        change.key.resource == "pods" && change.new != nil ? [change.key] : []
    }

    func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let pod = state[key], !pod.isBeingDeleted, pod.value["status"]?["phase"]?.string == "Pending" else { return [] }
        let image = pod.value["spec"]?["containers"]?[0]?["image"]?.string ?? ""
        let created = VirtualTime(rfc3339: pod.value["metadata"]?["creationTimestamp"]?.string ?? "") ?? now
        let due = created + delay
        if now < due { return [.requeueAfter(due.since(now))] }
        let t = Value.string(now.rfc3339)
        let container = pod.value["spec"]?["containers"]?[0]?["name"] ?? "c"
        var status: Value = pod.value["status"] ?? .mapping([])
        switch image.split(separator: ":").first ?? "" {
        case "ok":
            status.set("phase", "Running")
            status.set("startTime", t)
            status.set("conditions", [
                ["type": "Initialized", "status": "True", "lastTransitionTime": t],
                ["type": "Ready", "status": "True", "lastTransitionTime": t],
                ["type": "ContainersReady", "status": "True", "lastTransitionTime": t],
                ["type": "PodScheduled", "status": "True", "lastTransitionTime": t],
            ])
            status.set("containerStatuses", [["name": container, "image": .string(image), "ready": true, "restartCount": 0,
                                              "started": true, "state": ["running": ["startedAt": t]]]])
        case "done", "crash":
            let ok = image.hasPrefix("done")
            status.set("phase", ok ? "Succeeded" : "Failed")
            status.set("startTime", t)
            status.set("containerStatuses", [["name": container, "image": .string(image), "ready": false, "restartCount": 0,
                                              "state": ["terminated": ["exitCode": ok ? 0 : 1, "reason": ok ? "Completed" : "Error",
                                                                       "startedAt": t, "finishedAt": t]]]])
        default:
            return []
        }
        return [.updateStatus(key, status)]
    }
}

extension Cluster {
    /// The standard controllers plus the fake kubelet.
    static func withFakeKubelet(seed: UInt64 = 1, delay: Duration = .seconds(2)) -> Cluster {
        Cluster(seed: seed, controllers: Cluster.standardControllers + [FakeKubelet(delay: delay)])
    }

    /// Event messages about `name` with `reason`, oldest first.
    func eventMessages(_ name: String, reason: String? = nil, namespace: String = "default") -> [String] {
        let list = api.list(Kinds.resource(apiVersion: "v1", kind: "Event")!, namespace: namespace)
            .map(\.value)
            .filter { $0["involvedObject"]?["name"]?.string == name && (reason == nil || $0["reason"]?.string == reason) }
            .sorted { ($0["firstTimestamp"]?.string ?? "", $0["metadata"]?["name"]?.string ?? "") < ($1["firstTimestamp"]?.string ?? "", $1["metadata"]?["name"]?.string ?? "") }
        return list.compactMap { $0["message"]?.string }
    }
}
