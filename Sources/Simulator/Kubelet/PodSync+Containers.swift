import KubeAPI
import YAML

/// One container's step (kuberuntime_manager.go `computePodActions`, `doBackOff`;
/// images/image_manager.go `EnsureImageExists`; kuberuntime_container.go `startContainer`).
extension PodSync {
    static let pullFailureMs: Int64 = 500

    func time(_ v: Value?) -> VirtualTime? { v?.string.flatMap(VirtualTime.init(rfc3339:)) }

    /// The state of a running container the kubelet stopped at `at` (kuberuntime_container.go
    /// `killContainer`): exit 0, `Completed`, when its image ended on SIGTERM in time; else
    /// 137, `Error`, killed at the end of the grace period.
    /// The kubelet's memory of when it began killing container `name` to start it again
    /// with a new image.
    func imageChangeKey(_ name: String) -> String { PodSync.imageChangeKey(pod, name) }
    static func imageChangeKey(_ pod: StoredObject, _ name: String) -> String { "cambio/\(pod.namespace)/\(pod.name)/\(pod.uid)/\(name)" }

    static func stoppedByKubelet(_ status: Value, running: Value, at: VirtualTime, graceful: Bool) -> Value {
        ["terminated": ["containerID": status["containerID"] ?? "", "exitCode": .int(graceful ? 0 : 137),
                        "finishedAt": .string(at.rfc3339), "reason": .string(graceful ? "Completed" : "Error"),
                        "startedAt": running["startedAt"] ?? .null]]
    }

    /// The spec's image is not the one the container runs (both as full references: the
    /// status has containerd's, `docker.io/library/nginx:1.27`, or the spec's for a status
    /// written before the kubelet reported full names).
    static func imageChanged(_ c: Value, _ status: Value) -> Bool {
        guard let running = status["image"]?.string, !running.isEmpty, let wanted = c["image"]?.string else { return false }
        return ImageCatalog.reference(wanted).fullName != ImageCatalog.reference(running).fullName
    }

    /// `origin`: when the kubelet first tried to create the container (the pod's start, or
    /// when the init containers before it let it start); `firstSync`: this sync is that first
    /// try; `creating`: the waiting reason of a container not created yet
    /// (kubelet_pods.go `convertToAPIContainerStatuses`: `PodInitializing` in a pod with init
    /// containers, else `ContainerCreating`).
    mutating func step(_ c: Value, _ old: Value?, origin: VirtualTime? = nil, firstSync first: Bool? = nil,
                       creating: String = "ContainerCreating") -> Value {
        let origin = origin ?? startTime
        let name = c["name"]?.string ?? ""
        let imageName = c["image"]?.string ?? ""
        let restarts = old?["restartCount"]?.int ?? 0
        if let running = old?["state"]?["running"], let started = time(running["startedAt"]) {
            let killStart = state.memory(imageChangeKey(name))?.int.map { VirtualTime(milliseconds: $0) }
            if killStart != nil || PodSync.imageChanged(c, old!) {
                // kuberuntime_manager.go computePodActions: a running container whose spec
                // changed (for a pod, only the image can) is killed (`Killing`, "Container web
                // definition changed, will be restarted") and started again whatever the
                // restart policy: the new image is pulled, `restartCount` grows and the old
                // container is the last state. kuberuntime_container.go killContainer sends
                // SIGTERM and waits: the container stops when its image handles the signal
                // (nginx in 0.2 s, exit 0 `Completed`), or at the end of the pod's
                // `terminationGracePeriodSeconds`, never under 2 s (minimumGracePeriodInSeconds),
                // killed with 137 `Error` (a shell that ignores SIGTERM). Until then it still
                // runs; when the kill began is kept in the kubelet's memory. While the new image
                // is pulled the container shows `ContainerCreating` with the restart already
                // counted (upstream shows the exited container until the new one runs).
                let begun = killStart ?? now
                var stopMs: Int64? = 100
                if case .found(let image) = kubelet.catalog.resolve(old!["image"]?.string ?? imageName) { stopMs = image.stopMilliseconds }
                let grace = max(pod.value["spec"]?["terminationGracePeriodSeconds"]?.int ?? 30, 2) * 1000
                let done = begun + .milliseconds(stopMs.map { min($0, grace) } ?? grace)
                if killStart == nil { event("Killing", KubeletMessages.definitionChanged(name), container: name) }
                if now < done {
                    if killStart == nil { actions.append(.remember(imageChangeKey(name), .int(now.milliseconds))) }
                    wake(at: done)
                    return old!
                }
                if killStart != nil { actions.append(.remember(imageChangeKey(name), nil)) }
                var killed = old!
                killed.set("lastState", PodSync.stoppedByKubelet(old!, running: running, at: done, graceful: stopMs.map { $0 <= grace } ?? false))
                killed.set("restartCount", .int(restarts + 1))
                killed.set("state", ["waiting": ["reason": .string(creating)]])
                return step(c, killed, origin: origin, firstSync: true, creating: creating)
            }
            return stepRunning(c, old!, started: started, restarts: restarts)
        }
        if let last = old?["lastState"]?["terminated"], old?["state"]?["waiting"]?["reason"]?.string == "CrashLoopBackOff",
           let finished = time(last["finishedAt"]) {
            let delay = PodSync.backoff(restarts: restarts)
            if now >= finished + .milliseconds(delay) { return start(c, old: old, restarts: restarts + 1, presentEvent: true) }
            wake(at: finished + .milliseconds(delay))
            return old!
        }
        if let t = old?["state"]?["terminated"] {
            // Reported exited a moment ago, to be started again after its back-off.
            guard restartsAfterExit(c, exitCode: Int(t["exitCode"]?.int ?? 0)), let started = time(t["startedAt"]), let finished = time(t["finishedAt"]) else { return old! }
            return terminated(c, old!, started: started,
                              end: (finished, Int(t["exitCode"]?.int ?? 0), t["reason"]?.string ?? "Error"), restarts: restarts)
        }
        // Not started yet: the image, then the configuration.
        // A container killed to be started again keeps its last state while the new one is made.
        var base: Value = ["image": .string(imageName), "imageID": "", "lastState": old?["lastState"] ?? .mapping([]), "name": .string(name), "ready": false,
                           "restartCount": .int(restarts), "started": false, "state": ["waiting": ["reason": .string(creating)]]]
        let ref = ImageCatalog.reference(imageName)
        switch kubelet.catalog.resolve(imageName) {
        case .found(let image):
            let firstSync = first ?? (old == nil)
            let present = nodeImages.contains { ($0["names"]?.sequence ?? []).contains { $0.string == ref.fullName } }
            let policy = c["imagePullPolicy"]?.string ?? "IfNotPresent"
            let reason = old?["state"]?["waiting"]?["reason"]?.string
            if firstSync && (policy == "Always" || !present) {
                event("Pulling", KubeletMessages.pulling(imageName), container: name)
                wake(at: now + .milliseconds(image.pullMilliseconds))
                return base
            }
            if reason == creating && !firstSync {
                let done = origin + .milliseconds(image.pullMilliseconds)
                if now < done { wake(at: done); return old! }
                event("Pulled", KubeletMessages.pulled(imageName, ms: image.pullMilliseconds, size: image.size), container: name)
                addNodeImage(ref, image)
                return start(c, old: base, restarts: restarts, presentEvent: false)
            }
            return start(c, old: base, restarts: restarts, presentEvent: true)
        case .repositoryMissing, .tagMissing:
            let missing = kubelet.catalog.resolve(imageName) == .tagMissing
            let error = missing ? KubeletMessages.notFound(ref.fullName) : KubeletMessages.accessDenied(ref.fullName)
            // Attempts at a0 = start, failing 0.5 s later (ErrImagePull), ImagePullBackOff 1 s
            // after that; the next attempt after 10 s, 20 s, … 300 s from the failure.
            var attempt = origin, k: Int64 = 0
            var phase = creating, point = origin, kind = 0
            while attempt <= now {
                let fail = attempt + .milliseconds(PodSync.pullFailureMs), backOff = fail + .seconds(1)
                let next = fail + .milliseconds(min(Kubelet.initialBackoff << min(k, 20), Kubelet.maxBackoff))
                point = attempt; kind = 0
                if fail <= now { point = fail; kind = 1; phase = "ErrImagePull" }
                if backOff <= now { point = backOff; kind = 2; phase = "ImagePullBackOff" }
                if next > now { wake(at: [fail, backOff, next].first { $0 > now } ?? next); break }
                attempt = next
                k += 1
            }
            if point == now {
                switch kind {
                case 0: event("Pulling", KubeletMessages.pulling(imageName), container: name)
                case 1:
                    event(.warning, "Failed", KubeletMessages.failedToPull(imageName, error), container: name)
                    event(.warning, "Failed", "Error: ErrImagePull", container: name)
                default:
                    event(.normal, "BackOff", KubeletMessages.backOffPull(imageName), container: name)
                    event(.warning, "Failed", "Error: ImagePullBackOff", container: name)
                }
            }
            switch phase {
            case "ErrImagePull": base.set("state", ["waiting": ["message": .string(error), "reason": "ErrImagePull"]])
            case "ImagePullBackOff":
                base.set("state", ["waiting": ["message": .string("Back-off pulling image \"\(imageName)\": ErrImagePull: \(error)"), "reason": "ImagePullBackOff"]])
            default: if let old { return old }
            }
            return base
        }
    }

    mutating func addNodeImage(_ ref: ImageCatalog.Reference, _ image: ImageCatalog.Image) {
        guard !nodeImages.contains(where: { ($0["names"]?.sequence ?? []).contains { $0.string == ref.fullName } }) else { return }
        // A node lists an image by its digest and, when pulled by tag, by that tag too.
        let names: [Value] = ref.digest == nil ? [.string(ref.imageID), .string(ref.fullName)] : [.string(ref.imageID)]
        nodeImages.append(["names": .sequence(names), "sizeBytes": .int(image.size)])
        var nodeStatus = node.value["status"] ?? .mapping([])
        nodeStatus.set("images", .sequence(nodeImages))
        actions.append(.updateStatus(node.key, nodeStatus))
    }

    /// A stable fake content digest (64 hex digits) for an image or container id.
    static func digest(_ s: String) -> String {
        // Four steps of a 64-bit LCG from the text's FNV-1a hash, each as 16 zero-padded hex
        // digits, written straight into the string's storage.
        var h = Scheduler.fnv1a(s)
        return String(unsafeUninitializedCapacity: 64) { out in
            for word in 0..<4 {
                h = h &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                for nibble in 0..<16 {
                    out[word * 16 + nibble] = NameGenerator.hexDigit(UInt8(truncatingIfNeeded: h >> (60 - 4 * UInt64(nibble))) & 0xF)
                }
            }
            return 64
        }
    }

    /// kuberuntime_manager.go `doBackOff`: the first restart is immediate; then 10 s
    /// doubling, at most 5 min.
    static func backoff(restarts: Int64) -> Int64 {
        restarts == 0 ? 0 : min(Kubelet.initialBackoff << min(restarts - 1, 20), Kubelet.maxBackoff)
    }

    /// `startContainer`: configuration (CreateContainerConfigError), then `Created`, `Started`.
    mutating func start(_ c: Value, old: Value?, restarts: Int64, presentEvent: Bool) -> Value {
        let name = c["name"]?.string ?? "", imageName = c["image"]?.string ?? ""
        let ref = ImageCatalog.reference(imageName)
        if presentEvent { event("Pulled", KubeletMessages.alreadyPresent(imageName), container: name) }
        var s = old ?? .mapping([])
        s.set("image", .string(imageName))
        s.set("name", .string(name))
        do {
            _ = try PodSync.environment(c, pod: pod.value, state: state)
        } catch {
            // No container was created: its status keeps the imageID it had (none the
            // first time), as kubelet_pods.go convertToAPIContainerStatuses does.
            event(.warning, "Failed", "Error: \(error.message)", container: name)
            s.set("state", ["waiting": ["message": .string(error.message), "reason": "CreateContainerConfigError"]])
            wake(at: now + .milliseconds(Kubelet.syncRetry))
            return s
        }
        s.set("imageID", .string(ref.imageID))
        // A created container's image is the one containerd reports: the full reference
        // (`docker.io/library/nginx:1.27` for `nginx:1.27`), as kubelet_pods.go
        // convertContainerStatus copies the runtime's `cs.Image`.
        s.set("image", .string(ref.fullName))
        event("Created", KubeletMessages.created(name), container: name)
        event("Started", KubeletMessages.started(name), container: name)
        if let previous = old?["state"]?["terminated"] ?? old?["lastState"]?["terminated"], old?["state"]?["running"] == nil {
            s.set("lastState", ["terminated": previous])
        }
        s.set("containerID", .string("containerd://" + PodSync.digest("\(pod.uid)/\(name)/\(restarts)")))
        s.set("restartCount", .int(restarts))
        s.set("started", true)
        s.set("ready", false)
        s.set("state", ["running": ["startedAt": .string(nowText)]])
        return stepRunning(c, s, started: now, restarts: restarts, fresh: true)
    }
}
