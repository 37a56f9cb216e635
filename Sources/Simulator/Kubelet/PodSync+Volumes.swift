import YAML

/// Volumes before containers (pkg/kubelet/volumemanager: `WaitForAttachAndMount`): a pod
/// whose `configMap` or `secret` volume names an object that does not exist (and is not
/// `optional`) never starts its containers; they wait as `ContainerCreating` and the kubelet
/// records `FailedMount` (`MountVolume.SetUp failed for volume "config" : configmap "x" not
/// found`), retrying with the volume manager's back-off (0.5 s doubling to 2 min 2 s,
/// nestedpendingoperations.go). When the object appears, the next retry mounts it and the pod
/// starts as if new (pull, create, start). Whether a pod was held is kept in the kubelet's
/// memory (`Store.memory`), as the real volume manager keeps it in its own state.
extension PodSync {
    static let mountRetryMaxMs: Int64 = 122_000

    var mountMemoryKey: String { "montaje/\(pod.namespace)/\(pod.name)/\(pod.uid)" }

    /// The first volume that cannot be mounted now, with its error.
    func unmountable() -> (volume: String, error: String)? {
        for v in pod.value["spec"]?["volumes"]?.sequence ?? [] {
            let name = v["name"]?.string ?? ""
            if let cm = v["configMap"], cm["optional"]?.bool != true, let ref = cm["name"]?.string,
               state[ObjectKey(resource: "configmaps", namespace: pod.namespace, name: ref)] == nil {
                return (name, KubeletMessages.configMapNotFound(ref))
            }
            if let s = v["secret"], s["optional"]?.bool != true, let ref = s["secretName"]?.string,
               state[ObjectKey(resource: "secrets", namespace: pod.namespace, name: ref)] == nil {
                return (name, KubeletMessages.secretNotFound(ref))
            }
        }
        return nil
    }

    /// Holds the pod while a volume cannot be mounted; true when it did.
    mutating func holdForVolumes() -> Bool {
        guard let problem = unmountable() else { return false }
        event(.warning, "FailedMount", "MountVolume.SetUp failed for volume \"\(problem.volume)\" : \(problem.error)", container: nil)
        let reason = initSpecs.isEmpty ? "ContainerCreating" : "PodInitializing"
        let statuses = (pod.value["spec"]?["containers"]?.sequence ?? []).map { PodSync.notCreated($0, reason: reason) }
        let initStatuses = initSpecs.map { PodSync.notCreated($0, reason: reason) }
        if !initStatuses.isEmpty { status.set("initContainerStatuses", .sequence(initStatuses)) }
        status.set("containerStatuses", .sequence(statuses))
        setPhaseAndConditions(statuses, initStatuses: initStatuses)
        // The retry gap doubles with the time already waited, up to 2 min 2 s.
        let waited = max(now.milliseconds - startTime.milliseconds, 500)
        wake(at: now + .milliseconds(min(waited, Self.mountRetryMaxMs)))
        actions.append(.remember(mountMemoryKey, true))
        return true
    }

    /// After a hold, the containers start from scratch.
    var wasHeldForVolumes: Bool { state.memory(mountMemoryKey) != nil }
}
