import KubeAPI
import YAML

/// Init containers (pkg/kubelet/kuberuntime/kuberuntime_container.go
/// `computeInitContainerActions`, kuberuntime_manager.go `computePodActions`).
///
/// Classic init containers run one at a time, in the order of `spec.initContainers`, each
/// until it exits 0; a failed one is restarted with the CrashLoopBackOff back-off unless the
/// pod's `restartPolicy` is `Never`, which makes the pod `Failed`. A native sidecar (an init
/// container with `restartPolicy: Always`) lets the next one start as soon as it has started
/// (its startup probe passed, if it has one) and keeps running, restarted whenever it exits.
/// The app containers start once every init container has completed or started; from then
/// on only the sidecars are looked after, until the app containers are done for good and the
/// kubelet stops the sidecars (PodSync+SidecarStop.swift).
///
/// Example: `web` has init container `esperar-db` (busybox:1.28, `until nslookup db; do echo
/// esperando a db; sleep 2; done`) and container `web` (nginx). At 0 s: `Pulling image
/// "busybox:1.28"`, both waiting `PodInitializing` (`Init:0/1`), condition `Initialized`
/// False (`ContainersNotInitialized`, `containers with incomplete status: [esperar-db]`). At
/// 0.6 s the init container runs; it prints the failed lookups every 2 s. The Service `db` is
/// created at 30 s: the kubelet looks again (it watches Services for that), the lookup at 30 s
/// answers, the init container exits 0 (`Completed`, ready), `Initialized` turns True and
/// `web` is created (`PodInitializing` while nginx is pulled), then `Running`.
///
/// Example: a sidecar `registros` (`sleep 3600`) before `app`: `registros` starts, is
/// `started` at once (no startup probe), so `app` starts in the same sync; READY counts both
/// (`2/2`) and `ContainersReady` lists the sidecar among the containers it waits for.
///
/// Deviations: the kubelet starts the next container in the same instant the one before it
/// completes (a real one waits for the next PLEG relist, about a second); the kubelet's pull
/// start instant is kept in its memory (`Store.memory`) while the image is pulled.
extension PodSync {
    static func isSidecar(_ c: Value) -> Bool { c["restartPolicy"]?.string == "Always" }

    var initSpecs: [Value] { pod.value["spec"]?["initContainers"]?.sequence ?? [] }

    func isInitContainer(_ name: String) -> Bool { PodSync.isInitContainer(name, of: pod.value) }

    /// Whether `name` is one of `pod`'s `spec.initContainers`.
    static func isInitContainer(_ name: String, of pod: Value) -> Bool {
        (pod["spec"]?["initContainers"]?.sequence ?? []).contains { $0["name"]?.string == name }
    }

    func killMessage(_ name: String, _ probe: String, sidecar: Bool) -> String {
        sidecar ? KubeletMessages.initFailedProbe(name, probe) : KubeletMessages.failedProbe(name, probe)
    }

    /// convertToAPIContainerStatuses: the default state of a container the runtime does not
    /// have yet.
    static func notCreated(_ c: Value, reason: String) -> Value {
        ["image": c["image"] ?? "", "imageID": "", "lastState": .mapping([]), "name": c["name"] ?? "", "ready": false,
         "restartCount": 0, "started": false, "state": ["waiting": ["reason": .string(reason)]]]
    }

    /// kubelet_pods.go `convertToAPIContainerStatuses` with RecursiveReadOnlyMounts (beta, on
    /// by default since 1.31): each container's status lists its volume mounts — `name`,
    /// `mountPath`, `readOnly` when true, and for a read-only mount `recursiveReadOnly`:
    /// `Disabled`, or `Enabled` when the mount asks for `Enabled` or `IfPossible`
    /// (`resolveRecursiveReadOnly`; containerd 2 on Linux 6.8 supports it). Upstream fills them
    /// in the first status and carries them over (they are immutable); here a status without
    /// them gets them from the spec.
    static func withVolumeMounts(_ status: Value, spec: Value?) -> Value {
        var status = status
        for (statusKey, specKey) in [("initContainerStatuses", "initContainers"), ("containerStatuses", "containers")] {
            guard let statuses = status[statusKey]?.sequence, !statuses.isEmpty else { continue }
            let containers = spec?[specKey]?.sequence ?? []
            var changed = false
            let updated = statuses.map { s -> Value in
                // Already there: a pod's mounts cannot change (the spec is immutable).
                if s["volumeMounts"] != nil { return s }
                let name = s["name"]?.string
                guard let mounts = containers.first(where: { $0["name"]?.string == name })?["volumeMounts"]?.sequence,
                      !mounts.isEmpty else { return s }
                let wanted: Value = .sequence(mounts.map { m in
                    var v: Value = ["name": m["name"] ?? "", "mountPath": m["mountPath"] ?? ""]
                    if m["readOnly"]?.bool == true {
                        v.set("readOnly", true)
                        let mode = m["recursiveReadOnly"]?.string
                        v.set("recursiveReadOnly", .string(mode == "Enabled" || mode == "IfPossible" ? "Enabled" : "Disabled"))
                    }
                    return v
                })
                changed = true
                var s = s
                s.set("volumeMounts", wanted)
                return s
            }
            if changed { status.set(statusKey, .sequence(updated)) }
        }
        return status
    }

    /// A status of a container never created (no container ID, nothing terminated before).
    static func neverCreated(_ s: Value?) -> Bool {
        guard let s else { return true }
        return (s["containerID"]?.string ?? "").isEmpty && s["state"]?["running"] == nil && s["state"]?["terminated"] == nil
            && s["lastState"]?["terminated"] == nil
    }

    /// The kubelet's memory of when it first tried to create a container of this pod.
    func originKey(_ name: String) -> String { "creacion/\(pod.namespace)/\(pod.name)/\(pod.uid)/\(name)" }

    /// kubecontainer.HasAnyRegularContainerStarted.
    static func anyRegularStarted(_ statuses: [Value]) -> Bool {
        statuses.contains { $0["state"]?["running"] != nil || $0["state"]?["terminated"] != nil || $0["lastState"]?["terminated"] != nil }
    }

    /// One container of a pod with init containers, once the kubelet may create it.
    mutating func stepEligible(_ c: Value, _ old: Value?) -> Value {
        let name = c["name"]?.string ?? ""
        let key = originKey(name)
        let remembered = state.memory(key)?.int
        let pending = PodSync.neverCreated(old)
        let first = pending && remembered == nil
        let origin = remembered.map { VirtualTime(milliseconds: $0) } ?? now
        var s = step(c, first ? nil : old, origin: origin, firstSync: first, creating: "PodInitializing")
        // prober_manager.go UpdatePodStatus: a classic init container is ready once it
        // exited 0, never while it runs.
        if isInitContainer(name), !PodSync.isSidecar(c) { s.set("ready", .bool(s["state"]?["terminated"]?["exitCode"]?.int == 0)) }
        let created = !(s["containerID"]?.string ?? "").isEmpty
        if created, remembered != nil { actions.append(.remember(key, nil)) }
        if !created, first { actions.append(.remember(key, .int(now.milliseconds))) }
        return s
    }

    /// computeInitContainerActions walked forwards: each init container in turn until one
    /// has not completed (classic) or started (sidecar); then the app containers.
    mutating func runWithInit(oldInit: [Value], oldApp: [Value]) {
        let initialized = PodSync.anyRegularStarted(oldApp)
        // Sidecars being stopped at the end of the pod are left to stopSidecars
        // (PodSync+SidecarStop.swift).
        let stopping = sidecarStopStart
        var initStatuses: [Value] = []
        var open = true
        for c in initSpecs {
            let name = c["name"]?.string ?? ""
            let old = oldInit.first { $0["name"]?.string == name }
            let sidecar = PodSync.isSidecar(c)
            // After initialization only the sidecars are kept running.
            if !open || (initialized && !sidecar) || (stopping != nil && sidecar) {
                initStatuses.append(old ?? PodSync.notCreated(c, reason: "PodInitializing"))
                continue
            }
            let s = stepEligible(c, old)
            initStatuses.append(s)
            if sidecar ? s["started"] != true : s["state"]?["terminated"]?["exitCode"]?.int != 0 { open = false }
        }
        var appStatuses: [Value] = []
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            let name = c["name"]?.string ?? ""
            let old = oldApp.first { $0["name"]?.string == name }
            if initialized || open {
                appStatuses.append(stepEligible(c, old))
            } else {
                appStatuses.append(old ?? PodSync.notCreated(c, reason: "PodInitializing"))
            }
        }
        if stopping != nil || regularContainersDone(appStatuses) { initStatuses = stopSidecars(initStatuses, since: stopping) }
        status.set("initContainerStatuses", .sequence(initStatuses))
        status.set("containerStatuses", .sequence(appStatuses))
        setPhaseAndConditions(appStatuses, initStatuses: initStatuses)
    }

    // MARK: Phase (kubelet_pods.go getPhase)

    /// kubelet_pods.go `getPhase` (the pod not yet terminal for the kubelet).
    func phase(_ statuses: [Value], initStatuses: [Value]) -> String {
        let restartPolicy = pod.value["spec"]?["restartPolicy"]?.string ?? "Always"
        func find(_ list: [Value], _ c: Value) -> Value? { list.first { $0["name"] == c["name"] } }
        var pendingInitialization = 0, failedInitialization = 0
        var unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0
        for c in initSpecs where !PodSync.isSidecar(c) {
            guard let s = find(initStatuses, c) else { pendingInitialization += 1; continue }
            if s["state"]?["running"] != nil {
                pendingInitialization += 1
            } else if let t = s["state"]?["terminated"] {
                if t["exitCode"]?.int != 0 { failedInitialization += 1 }
            } else if s["state"]?["waiting"] != nil {
                if let last = s["lastState"]?["terminated"] {
                    if last["exitCode"]?.int != 0 { failedInitialization += 1 }
                } else {
                    pendingInitialization += 1
                }
            } else {
                pendingInitialization += 1
            }
        }
        for c in initSpecs where PodSync.isSidecar(c) {
            guard let s = find(initStatuses, c) else { unknown += 1; continue }
            if s["state"]?["running"] != nil {
                if s["started"] != true { pendingInitialization += 1 }
                running += 1
            } else if s["state"]?["terminated"] != nil {
                // Neither running nor pending initialization.
            } else if s["state"]?["waiting"] != nil {
                if s["lastState"]?["terminated"] == nil { pendingInitialization += 1; waiting += 1 }
            } else {
                pendingInitialization += 1; unknown += 1
            }
        }
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            guard let s = find(statuses, c) else { unknown += 1; continue }
            if s["state"]?["running"] != nil {
                running += 1
            } else if let t = s["state"]?["terminated"] {
                stopped += 1
                if t["exitCode"]?.int == 0 { succeeded += 1 }
            } else if s["state"]?["waiting"] != nil {
                if s["lastState"]?["terminated"] != nil { stopped += 1 } else { waiting += 1 }
            } else {
                unknown += 1
            }
        }
        if failedInitialization > 0 && restartPolicy == "Never" { return "Failed" }
        if (pendingInitialization > 0 && !PodSync.anyRegularStarted(statuses)) || waiting > 0 { return "Pending" }
        if running > 0 && unknown == 0 { return "Running" }
        if running == 0 && stopped > 0 && unknown == 0 {
            if restartPolicy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if restartPolicy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }
}

extension Kubelet {
    /// The programs a container's shell finds besides its builtins: busybox's `nslookup`
    /// (ExecSession+Nslookup.swift), asked at the instant the script runs it.
    static func shellTools(pod: StoredObject, container: Value, image: ImageCatalog.Image, state: ClusterState?,
                           started: VirtualTime) -> ShellScript.Tool? {
        guard let state, image.binaries.contains("nslookup") else { return nil }
        let old = ExecSession.usesOldNslookup(container: container, image: image)
        return { words, ms in
            guard words.first?.split(separator: "/").last == "nslookup" else { return nil }
            let dns = ClusterDNS(state: state, asOf: started + .milliseconds(ms))
            let o = ExecSession.nslookup(Array(words.dropFirst()), pod: pod, old: old, dns: dns)
            func lines(_ text: String) -> [String] {
                var l = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if l.last == "" { l.removeLast() }
                return l
            }
            return (lines(o.out) + lines(o.err), Int(o.code))
        }
    }
}
