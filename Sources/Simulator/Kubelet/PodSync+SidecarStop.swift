import KubeAPI
import YAML

/// The end of a pod whose work is done while its sidecars still run (KEP-753 sidecar
/// containers; pkg/kubelet/kuberuntime/kuberuntime_manager.go `computePodActions`:
/// `keepCount == 0 && len(changes.ContainersToStart) == 0` sets `KillPod` and clears
/// `InitContainersToStart` "to prevent the restartable init containers to keep pod alive").
///
/// With `restartPolicy: Never` or `OnFailure`, once every regular container has exited for
/// good (any exit under Never, exit 0 under OnFailure) the kubelet stops the sidecars instead
/// of keeping them up: `Killing` (`Stopping container registros`) for each, in reverse order of
/// `spec.initContainers`, and each waits for the sidecars after it
/// (kuberuntime_termination_order.go `waitForTurn`) within the pod's
/// `terminationGracePeriodSeconds`, never less than 2 s (`minimumGracePeriodInSeconds`).
/// A stopped sidecar is not started again. Until the last one has exited the pod stays
/// `Running`; then kubelet_pods.go `getPhase`, which leaves terminated sidecars out, makes it
/// `Succeeded` (or `Failed`), and a Job counts it.
///
/// Example: a Job's pod runs `informe` (`echo …; sleep 5`) beside the sidecar `registros`
/// (busybox, `while true; do …; sleep 10; done`). At 5 s `informe` exits 0: `Killing` for
/// `registros`. Its shell is PID 1 and ignores SIGTERM, so it is killed at the end of the grace
/// period, 30 s later: terminated `Error`, exit code 137. The pod is `Succeeded` at 35 s and the
/// Job `Complete`. A sidecar whose image stops on SIGTERM (nginx, in 0.2 s) exits `Completed`.
///
/// When the stop began is kept in the kubelet's memory (`Store.memory`) until the last
/// sidecar has exited, as the pod worker keeps it while it waits.
extension PodSync {
    /// The kubelet's memory of when it began stopping a pod's sidecars.
    static func sidecarStopKey(_ pod: StoredObject) -> String { "parada/\(pod.namespace)/\(pod.name)/\(pod.uid)" }

    var sidecarStopKey: String { PodSync.sidecarStopKey(pod) }

    /// When the kubelet began stopping the sidecars, if it has.
    var sidecarStopStart: VirtualTime? { state.memory(sidecarStopKey)?.int.map { VirtualTime(milliseconds: $0) } }

    /// kubelet_pods.go `minimumGracePeriodInSeconds`.
    static let minimumGraceMs: Int64 = 2000

    /// Every regular container has exited and none will be started again.
    func regularContainersDone(_ statuses: [Value]) -> Bool {
        guard (pod.value["spec"]?["restartPolicy"]?.string ?? "Always") != "Always" else { return false }
        let specs = pod.value["spec"]?["containers"]?.sequence ?? []
        return !specs.isEmpty && specs.allSatisfy { c in
            guard let s = statuses.first(where: { $0["name"] == c["name"] }), let t = s["state"]?["terminated"] else { return false }
            return !restartsAfterExit(c, exitCode: Int(t["exitCode"]?.int ?? 0))
        }
    }

    /// The sidecars' statuses while they are being stopped since `start` (now, the first time).
    mutating func stopSidecars(_ statuses: [Value], since start: VirtualTime?) -> [Value] {
        let first = start == nil
        let begin = start ?? now
        let grace = (pod.value["spec"]?["terminationGracePeriodSeconds"]?.int ?? 30) * 1000
        var out = statuses
        var turn = begin
        var stillRunning = false
        for c in initSpecs.reversed() where PodSync.isSidecar(c) {
            guard let i = out.firstIndex(where: { $0["name"] == c["name"] }) else { continue }
            var s = out[i]
            if let running = s["state"]?["running"] {
                let name = c["name"]?.string ?? ""
                if first { event("Killing", KubeletMessages.stopping(name), container: name) }
                // Its turn comes when the sidecars after it have exited, with what is left of
                // the grace period.
                let remaining = max(grace - turn.since(begin).wholeMilliseconds, PodSync.minimumGraceMs)
                var stop: Int64? = nil
                if case .found(let image) = kubelet.catalog.resolve(c["image"]?.string ?? "") { stop = image.stopMilliseconds }
                let graceful = stop.map { $0 <= remaining } ?? false
                let end = turn + .milliseconds(graceful ? stop! : remaining)
                turn = end
                guard now >= end else {
                    stillRunning = true
                    wake(at: end)
                    continue
                }
                s.set("state", PodSync.stoppedByKubelet(s, running: running, at: end, graceful: graceful))
            } else if s["state"]?["waiting"] != nil, let last = s["lastState"]?["terminated"] {
                // Waiting out a back-off: it is not started again, and its last exit is what remains.
                s.set("state", ["terminated": last])
                s.set("lastState", .mapping([]))
            } else {
                continue
            }
            s.set("ready", false)
            s.set("started", false)
            out[i] = s
        }
        if first && stillRunning { actions.append(.remember(sidecarStopKey, .int(now.milliseconds))) }
        if !first && !stillRunning { actions.append(.remember(sidecarStopKey, nil)) }
        return out
    }
}
