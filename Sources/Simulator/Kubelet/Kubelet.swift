import KubeAPI
import YAML

/// The kubelets of every node, simulated (pkg/kubelet `syncPod`), driven by the image catalog.
///
/// Example: `web-abc` is bound to `taller-worker` at t=0 with `nginx:1.27`, not on the node
/// yet. First sync: `startTime`, host and pod IPs (10.244.1.2, from the node's podCIDR),
/// `PodReadyToStartContainers` and `Initialized` True, the container waiting
/// `ContainerCreating`, event `Pulling image "nginx:1.27"`. The pull takes the catalog's 1.2 s:
/// at t=1.2 s `Pulled` (`Successfully pulled image "nginx:1.27" in 1.2s (1.2s including
/// waiting). Image size: 72195292 bytes.`), `Created container: web`, `Started container web`;
/// the container is running and, with no readiness probe, ready: `Ready` True, phase
/// `Running`. The image is now listed in the node's `status.images`, so the next pod there
/// gets `Container image "nginx:1.27" already present on machine`.
///
/// Everything is level-based and derived from the pod's status, its spec, the catalog and
/// the clock: each reconcile works out the state at `now`, writes it, records the events of
/// the transitions that happen at `now`, and asks to be woken at the next transition (end of a
/// pull, a back-off, a probe, an exit). Back-offs follow pkg/kubelet: image pulls 10 s doubling
/// to 5 min (`ImagePullBackOff`); restarts immediately the first time, then 10 s doubling to
/// 5 min (`CrashLoopBackOff`), back to immediate when the container had run 10 minutes.
///
/// Deviations: pulls of a pod's containers run in parallel; the back-off after a reset
/// continues from the restart count; a stopped kubelet (`Cluster.nodeDown`) does nothing. Init
/// containers and sidecars: PodSync+Init.swift.
public struct Kubelet: Controller {
    public let name = "kubelet"
    /// Services too: a script in an init container may be waiting for one to resolve
    /// (`until nslookup db; do …`).
    public var watchedResources: Set<String>? { [ObjectKey.pods, "nodes", ServiceEndpoints.services] }
    public let catalog: ImageCatalog

    /// pkg/kubelet/pod_workers.go `backOffPeriod`: a failed sync is retried after 10 s.
    static let syncRetry: Int64 = 10_000
    /// Image pull and container restart back-off (kubelet.go `backOffPeriod`, `MaxContainerBackOff`).
    static let initialBackoff: Int64 = 10_000
    static let maxBackoff: Int64 = 300_000

    public init(catalog: ImageCatalog = .standard) {
        self.catalog = catalog
    }

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case "pods":
            // A status write (most of them the kubelet's own) changes neither spec nor deletion.
            if change.statusOnly { return [] }
            guard let new = change.new, let node = new["spec"]?["nodeName"]?.string, !node.isEmpty else { return [] }
            guard let old = change.old else { return [change.key] }
            if (old["spec"]?["nodeName"]?.string ?? "").isEmpty { return [change.key] }
            if old.isBeingDeleted != new.isBeingDeleted || old["spec"] != new["spec"] { return [change.key] }
            return []
        case ServiceEndpoints.services:
            // A Service created or deleted: the pods of its namespace still initializing look
            // again, since their init containers may be looking it up.
            guard (change.old == nil) != (change.new == nil) else { return [] }
            return state.list(ObjectKey.pods, namespace: change.key.namespace).filter { pod in
                !(pod.value["spec"]?["initContainers"]?.sequence ?? []).isEmpty && !(pod.value["spec"]?["nodeName"]?.string ?? "").isEmpty
                    && pod.value["status"]?["phase"]?.string == "Pending"
            }.map(\.key).sorted()
        case "nodes":
            let stopped = SchedulerCache.kubeletStoppedAnnotation
            if let old = change.old, old.annotation(stopped) != nil, change.new.map({ $0.annotation(stopped) == nil }) == true,
               let info = state.store.scheduling.node(change.key.name) {
                return info.pods.sorted()
            }
            return []
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let pod = state[key], let nodeName = pod.value["spec"]?["nodeName"]?.string, !nodeName.isEmpty,
              let node = state[ObjectKey(resource: "nodes", namespace: "", name: nodeName)],
              node.value.annotation(SchedulerCache.kubeletStoppedAnnotation) == nil else { return [] }
        if pod.isBeingDeleted { return terminate(pod, state: state, now: now) }
        let phase = pod.value["status"]?["phase"]?.string
        if phase == "Succeeded" || phase == "Failed" { return [] }
        var sync = PodSync(kubelet: self, pod: pod, node: node, state: state, now: now)
        sync.run()
        var actions = sync.actions
        let status = PodSync.withVolumeMounts(sync.status, spec: pod.value["spec"])
        if status != pod.value["status"] { actions.insert(.updateStatus(key, status), at: 0) }
        if let wake = sync.nextWake, wake > now { actions.append(.requeueAfter(wake.since(now))) }
        return actions
    }

    /// Graceful termination (kuberuntime_container.go `killContainer`): `Killing`
    /// (`Stopping container web`) when the deletion is first seen, then the containers stop
    /// (after the image's SIGTERM time, or at the end of the grace period for a process that
    /// ignores SIGTERM), then the final delete.
    func terminate(_ pod: StoredObject, state: ClusterState, now: VirtualTime) -> [Action] {
        let grace = (pod.value["metadata"]?["deletionGracePeriodSeconds"]?.int ?? 0) * 1000
        guard let deadline = pod.value["metadata"]?["deletionTimestamp"]?.string.flatMap(VirtualTime.init(rfc3339:)) else { return [] }
        let start = VirtualTime(milliseconds: deadline.milliseconds - grace)
        let statuses = pod.value["status"]?["containerStatuses"]?.sequence ?? []
        var stop: Int64 = 0
        var actions: [Action] = []
        // The app containers, then the sidecars in reverse order (kuberuntime_manager.go
        // killContainersWithSyncResult stops restartable init containers last).
        let sidecars = (pod.value["spec"]?["initContainers"]?.sequence ?? []).filter(PodSync.isSidecar).reversed()
        let running = statuses + (pod.value["status"]?["initContainerStatuses"]?.sequence ?? [])
        for c in (pod.value["spec"]?["containers"]?.sequence ?? []) + sidecars {
            let name = c["name"]?.string ?? ""
            guard let s = running.first(where: { $0["name"]?.string == name }), s["state"]?["running"] != nil else { continue }
            var needed = grace
            if case .found(let image) = catalog.resolve(c["image"]?.string ?? "") { needed = min(grace, image.stopMilliseconds ?? grace) }
            stop = max(stop, needed)
            if now == start {
                actions.append(.event(event(about: pod, node: pod.value["spec"]?["nodeName"]?.string ?? "", .normal, "Killing",
                                            KubeletMessages.stopping(name), container: name)))
            }
        }
        let done = start + .milliseconds(stop)
        if now >= done {
            // Forget the pulls still under way (PodSync+Init.swift), a stop of the sidecars
            // under way (PodSync+SidecarStop.swift) and a kill for a new image (PodSync+Containers.swift).
            let names = ((pod.value["spec"]?["containers"]?.sequence ?? []) + (pod.value["spec"]?["initContainers"]?.sequence ?? [])).compactMap { $0["name"]?.string }
            let forget = (names.map { "creacion/\(pod.namespace)/\(pod.name)/\(pod.uid)/\($0)" } + names.map { PodSync.imageChangeKey(pod, $0) }
                          + [PodSync.sidecarStopKey(pod)])
                .filter { state.memory($0) != nil }
            return actions + forget.map { .remember($0, nil) } + [.finishPodDeletion(pod.key)]
        }
        return actions + [.requeueAfter(done.since(now))]
    }

    /// An event of the kubelet of `node`, whose recorder has `Host: nodeName` (kubelet.go), about
    /// `pod` or about its container `container` (`spec.containers{web}`,
    /// `spec.initContainers{init}`: pkg/kubelet/container/ref.go `fieldPath`).
    func event(about pod: StoredObject, node: String, _ type: EventSpec.EventType, _ reason: String, _ message: String,
               container: String?) -> EventSpec {
        var fieldPath = ""
        if let container {
            fieldPath = (PodSync.isInitContainer(container, of: pod.value) ? "spec.initContainers{" : "spec.containers{") + container + "}"
        }
        return EventSpec(involved: pod.key, type: type, reason: reason, message: message, component: name, host: node, fieldPath: fieldPath)
    }

    /// The logs of a container (`kubectl logs [-c] [--previous]`), recomputed from what it ran.
    public func logs(_ pod: StoredObject, container: String, previous: Bool, now: VirtualTime, state: ClusterState? = nil) -> String? {
        let specs = (pod.value["spec"]?["containers"]?.sequence ?? []) + (pod.value["spec"]?["initContainers"]?.sequence ?? [])
        let statuses = (pod.value["status"]?["containerStatuses"]?.sequence ?? []) + (pod.value["status"]?["initContainerStatuses"]?.sequence ?? [])
        guard let spec = specs.first(where: { $0["name"]?.string == container }),
              let status = statuses.first(where: { $0["name"]?.string == container }),
              case .found(let image) = catalog.resolve(spec["image"]?.string ?? "") else { return nil }
        // kubelet_pods.go validateContainerLogStatus: --previous reads the last terminated
        // instance; otherwise the running one, else the terminated one, else (waiting in
        // CrashLoopBackOff) the last terminated one.
        let last = status["lastState"]?["terminated"]
        let record: Value?
        if previous {
            record = last
        } else if let running = status["state"]?["running"] {
            record = running
        } else if let terminated = status["state"]?["terminated"] {
            record = (terminated["containerID"]?.string ?? "").isEmpty ? last : terminated
        } else {
            record = last
        }
        guard let record, let started = record["startedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)) else { return nil }
        let end = record["finishedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)) ?? now
        let env = (try? PodSync.environment(spec, pod: pod.value, state: nil)) ?? [:]
        let tools = Kubelet.shellTools(pod: pod, container: spec, image: image, state: state, started: started)
        let program = ContainerProgram(container: spec, image: image, env: env, podIP: pod.value["status"]?["podIP"]?.string ?? "",
                                       startedAt: started, horizon: end.since(started).wholeMilliseconds, tools: tools)
        let limit = end.since(started).wholeMilliseconds
        return program.lines.filter { $0.ms <= limit }.map { $0.text + "\n" }.joined()
    }
}
