import KubeAPI
import YAML

/// A running container: its exit, startup and liveness kills and readiness (pkg/kubelet/prober:
/// probes every `periodSeconds` from `initialDelaySeconds`, `failureThreshold` consecutive
/// failures kill (startup, liveness) or unready (readiness), `successThreshold` successes make
/// ready; liveness and readiness wait for the startup probe's first success), answered by what
/// the image serves (`ContainerProgram.answer`).
extension PodSync {
    struct Probe {
        var kind: String
        var spec: Value
        var delay: Int64
        var period: Int64
        var failureThreshold: Int
        var successThreshold: Int

        init?(_ v: Value?, kind: String) {
            guard let v, !v.isNull else { return nil }
            self.kind = kind
            spec = v
            delay = (v["initialDelaySeconds"]?.int ?? 0) * 1000
            period = max(v["periodSeconds"]?.int ?? 10, 1) * 1000
            failureThreshold = Int(v["failureThreshold"]?.int ?? 3)
            successThreshold = Int(v["successThreshold"]?.int ?? 1)
        }
    }

    /// nil on success, else prober.go's output.
    func evaluate(_ probe: Probe, _ program: ContainerProgram, container: Value, atMs t: Int64) -> String? {
        func port(_ v: Value?) -> Int {
            if let n = v?.int { return Int(n) }
            let name = v?.string ?? ""
            return Int((container["ports"]?.sequence ?? []).first { $0["name"]?.string == name }?["containerPort"]?.int ?? 0)
        }
        if let http = probe.spec["httpGet"] {
            let p = port(http["port"]), path = http["path"]?.string ?? "/"
            switch program.answer(port: p, path: path, atMs: t) {
            case .refused: return KubeletMessages.refusedHTTP(ip: podIP, port: p, path: path)
            case .status(let code): return (200..<400).contains(code) ? nil : KubeletMessages.httpStatus(code)
            }
        }
        if let tcp = probe.spec["tcpSocket"] {
            let p = port(tcp["port"])
            return program.answer(port: p, path: "/", atMs: t) == .refused ? KubeletMessages.refusedTCP(ip: podIP, port: p) : nil
        }
        if let command = probe.spec["exec"]?["command"]?.sequence?.compactMap(\.string), let first = command.first {
            let file = command.last ?? ""
            if ["cat", "ls", "test", "/bin/cat"].contains(first), command.count >= 2 {
                return program.fileExists(file, atMs: t) ? nil : KubeletMessages.catFailed(file)
            }
        }
        return nil
    }

    /// `fresh`: the container started in this very sync. Every sync works from `startedAt` as
    /// the status stores it (whole seconds), so the probe times, and the wake-ups set for them,
    /// are the same whether the container started in this sync or long ago; a fresh start
    /// reports the probes already due (the one at 0 s) that a later sync would not repeat.
    mutating func stepRunning(_ c: Value, _ current: Value, started exact: VirtualTime, restarts: Int64, fresh: Bool = false) -> Value {
        let started = VirtualTime(milliseconds: exact.milliseconds - exact.milliseconds % 1000)
        var s = current
        let name = c["name"]?.string ?? ""
        guard case .found(let image) = kubelet.catalog.resolve(c["image"]?.string ?? "") else { return s }
        let env = (try? PodSync.environment(c, pod: pod.value, state: state)) ?? [:]
        let horizon = now.since(started).wholeMilliseconds + 3_600_000
        let tools = Kubelet.shellTools(pod: pod, container: c, image: image, state: state, started: started)
        let program = ContainerProgram(container: c, image: image, env: env, podIP: podIP, startedAt: started, horizon: horizon, tools: tools)
        var end: (at: VirtualTime, code: Int, reason: String)?
        if let e = program.exit { end = (started + .milliseconds(e.ms), e.code, e.reason) }
        let elapsed = now.since(started).wholeMilliseconds
        func due(_ t: Int64) -> Bool { t == elapsed || (fresh && t <= elapsed) }
        let grace = (pod.value["spec"]?["terminationGracePeriodSeconds"]?.int ?? 30) * 1000
        /// The kill after a failed liveness or startup probe at `t`: the image stops on SIGTERM
        /// in its time, or is killed after the grace period (137).
        func killed(at t: Int64) -> (at: VirtualTime, code: Int, reason: String) {
            let at = started + .milliseconds(t + (image.stopMilliseconds ?? grace))
            return image.stopMilliseconds == nil ? (at, 137, "Error") : (at, 0, "Completed")
        }
        // Startup (worker.go): until it succeeds, `started` stays false and liveness and
        // readiness do not probe; failureThreshold failures kill the container.
        var startedAfter: Int64? = 0
        if let probe = Probe(c["startupProbe"], kind: "Startup") {
            startedAfter = nil
            var failures = 0, t = probe.delay
            while t <= min(elapsed + 3_600_000, (end.map { $0.at.since(started).wholeMilliseconds } ?? Int64.max)) {
                if t > elapsed { wake(at: started + .milliseconds(t)); break }
                guard let message = evaluate(probe, program, container: c, atMs: t) else { startedAfter = t; break }
                failures += 1
                if due(t) { event(.warning, "Unhealthy", KubeletMessages.probeFailed("Startup", message), container: name) }
                if failures >= probe.failureThreshold {
                    if due(t) { event("Killing", killMessage(name, "startup", sidecar: PodSync.isSidecar(c)), container: name) }
                    let kill = killed(at: t)
                    if end.map({ kill.at < $0.at }) ?? true { end = kill }
                    break
                }
                t += probe.period
            }
        }
        // Liveness.
        if let probe = Probe(c["livenessProbe"], kind: "Liveness"), let from = startedAfter {
            var failures = 0, t = probe.delay
            while t < from { t += probe.period }
            while t <= min(elapsed + 3_600_000, (end.map { $0.at.since(started).wholeMilliseconds } ?? Int64.max)) {
                let result = evaluate(probe, program, container: c, atMs: t)
                if let message = result {
                    failures += 1
                    if due(t) { event(.warning, "Unhealthy", KubeletMessages.probeFailed("Liveness", message), container: name) }
                    if t > elapsed { wake(at: started + .milliseconds(t)); break }
                    if failures >= probe.failureThreshold {
                        if due(t) { event("Killing", killMessage(name, "liveness", sidecar: PodSync.isSidecar(c)), container: name) }
                        let kill = killed(at: t)
                        if end.map({ kill.at < $0.at }) ?? true { end = kill }
                        break
                    }
                } else { failures = 0 }
                t += probe.period
            }
        }
        if let e = end, now >= e.at { return terminated(c, s, started: started, end: e, restarts: restarts) }
        if let e = end { wake(at: e.at) }
        // Readiness: never before the startup probe succeeded.
        var ready = startedAfter != nil
        if let probe = Probe(c["readinessProbe"], kind: "Readiness"), let from = startedAfter {
            ready = false
            var failures = 0, successes = 0, t = probe.delay
            while t < from { t += probe.period }
            while t <= elapsed {
                if let message = evaluate(probe, program, container: c, atMs: t) {
                    failures += 1; successes = 0
                    if failures >= probe.failureThreshold { ready = false }
                    if due(t) { event(.warning, "Unhealthy", KubeletMessages.probeFailed("Readiness", message), container: name) }
                } else {
                    successes += 1; failures = 0
                    if successes >= probe.successThreshold { ready = true }
                }
                t += probe.period
            }
            // Wake at the next probe that fails or changes readiness.
            var look = t
            while look <= elapsed + 3_600_000 {
                let fails = evaluate(probe, program, container: c, atMs: look) != nil
                if fails || !ready { wake(at: started + .milliseconds(look)); break }
                look += probe.period
            }
        }
        s.set("ready", .bool(ready))
        s.set("started", .bool(startedAfter != nil))
        return s
    }

    /// pkg/kubelet/pleg/generic.go: the runtime is relisted every second.
    static let relistMs: Int64 = 1000

    /// Whether the kubelet starts the container again after it exited with `exitCode`:
    /// the pod's restartPolicy (kuberuntime_manager.go computePodActions,
    /// `ShouldContainerBeRestarted`); a sidecar whatever the policy, a classic init container
    /// only when it failed and the policy is not Never (computeInitContainerActions).
    func restartsAfterExit(_ c: Value, exitCode: Int) -> Bool {
        let policy = pod.value["spec"]?["restartPolicy"]?.string ?? "Always"
        if PodSync.isSidecar(c) { return true }
        if isInitContainer(c["name"]?.string ?? "") { return exitCode != 0 && policy != "Never" }
        return policy == "Always" || (policy == "OnFailure" && exitCode != 0)
    }

    mutating func terminated(_ c: Value, _ current: Value, started: VirtualTime, end: (at: VirtualTime, code: Int, reason: String), restarts: Int64) -> Value {
        var s = current
        let name = c["name"]?.string ?? ""
        let record: Value = ["containerID": current["containerID"] ?? "", "exitCode": .int(Int64(end.code)), "finishedAt": .string(end.at.rfc3339),
                             "reason": .string(end.reason), "startedAt": .string(started.rfc3339)]
        // A completed init container is ready (prober_manager.go UpdatePodStatus).
        s.set("ready", .bool(isInitContainer(name) && !PodSync.isSidecar(c) && end.code == 0))
        s.set("started", false)
        guard restartsAfterExit(c, exitCode: end.code) else {
            s.set("state", ["terminated": record])
            return s
        }
        // backoff.go: an entry older than twice the maximum is forgotten.
        let ranLong = end.at.since(started).wholeMilliseconds >= 2 * Kubelet.maxBackoff
        let delay = ranLong ? 0 : PodSync.backoff(restarts: restarts)
        if delay == 0 || now >= end.at + .milliseconds(delay) {
            s.set("state", ["terminated": record])
            return start(c, old: s, restarts: restarts + 1, presentEvent: true)
        }
        // kubelet.go SyncPod writes the status before it acts: the sync that sees the exit
        // reports it (`Error`, `Init:Error`); the next one, after the PLEG's relist
        // (pleg/generic.go, every second), finds the back-off (`CrashLoopBackOff`).
        if now < end.at + .milliseconds(PodSync.relistMs) {
            s.set("state", ["terminated": record])
            wake(at: end.at + .milliseconds(PodSync.relistMs))
            return s
        }
        s.set("lastState", ["terminated": record])
        event(.warning, "BackOff", KubeletMessages.backOffRestart(name, pod: podName), container: name)
        s.set("state", ["waiting": ["message": .string(KubeletMessages.crashLoopMessage(name, pod: podName, seconds: delay / 1000)), "reason": "CrashLoopBackOff"]])
        wake(at: end.at + .milliseconds(delay))
        return s
    }
}
