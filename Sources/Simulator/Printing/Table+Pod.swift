import YAML

/// printers.go `printPod`: READY counts ready running containers (plus restartable init
/// containers, i.e. sidecars), STATUS is the last meaningful reason found walking init
/// containers in order and then containers from last to first, RESTARTS gets
/// `(5m ago)` from the newest `lastState.terminated.finishedAt`.
extension TableGenerator {
    static let pod = Spec(columns: [name, Table.Column("Ready"), Table.Column("Status"), Table.Column("Restarts"), age]
                          + wide("IP", "Node", "Nominated Node", "Readiness Gates")) { o, now in
        let s = podStatus(o, now: now)
        var cells = [o.name, "\(s.ready)/\(s.total)", s.reason, s.restarts, age(o, now)]
        let podIP = o.seq("status", "podIPs").first?.str("ip") ?? ""
        var gates = "<none>"
        let readinessGates = o.seq("spec", "readinessGates")
        if !readinessGates.isEmpty {
            let conditions = o.seq("status", "conditions")
            let trueCount = readinessGates.filter { g in
                conditions.first(where: { $0.str("type") == g.str("conditionType") })?.str("status") == "True"
            }.count
            gates = "\(trueCount)/\(readinessGates.count)"
        }
        cells += [orNone(podIP), orNone(o.str("spec", "nodeName")), orNone(o.str("status", "nominatedNodeName")), gates]
        return cells
    }

    static func orNone(_ s: String) -> String { s.isEmpty ? "<none>" : s }

    struct PodSummary {
        var ready: Int
        var total: Int
        var reason: String
        var restarts: String
    }

    static func podStatus(_ pod: Value, now: Timestamp) -> PodSummary {
        var restarts: Int64 = 0
        var sidecarRestarts: Int64 = 0
        var total = pod.seq("spec", "containers").count
        var ready = 0
        var lastRestart: Timestamp?
        var lastSidecarRestart: Timestamp?
        let phase = pod.str("status", "phase")
        var reason = pod.str("status", "reason").isEmpty ? phase : pod.str("status", "reason")
        for c in pod.seq("status", "conditions") where c.str("type") == "PodScheduled" && c.str("reason") == "SchedulingGated" {
            reason = "SchedulingGated"
        }
        let initSpecs = pod.seq("spec", "initContainers")
        func isSidecar(_ name: String) -> Bool {
            initSpecs.first(where: { $0.str("name") == name })?.str("restartPolicy") == "Always"
        }
        total += initSpecs.filter { $0.str("restartPolicy") == "Always" }.count
        func finished(_ status: Value) -> Timestamp? {
            status.at("lastState", "terminated", "finishedAt")?.string.flatMap(Timestamp.init(rfc3339:))
        }

        var initializing = false
        for (i, c) in pod.seq("status", "initContainerStatuses").enumerated() {
            restarts += c.int("restartCount")
            if let t = finished(c), lastRestart.map({ $0 < t }) ?? true { lastRestart = t }
            let sidecar = isSidecar(c.str("name"))
            if sidecar {
                sidecarRestarts += c.int("restartCount")
                if let t = finished(c), lastSidecarRestart.map({ $0 < t }) ?? true { lastSidecarRestart = t }
            }
            let terminated = c.at("state", "terminated")
            let waitingReason = c.str("state", "waiting", "reason")
            if let terminated, terminated.int("exitCode") == 0 {
                continue
            } else if sidecar, c["started"]?.bool == true {
                if c["ready"]?.bool == true { ready += 1 }
                continue
            } else if let terminated {
                if terminated.str("reason").isEmpty {
                    reason = terminated.int("signal") != 0 ? "Init:Signal:\(terminated.int("signal"))" : "Init:ExitCode:\(terminated.int("exitCode"))"
                } else {
                    reason = "Init:" + terminated.str("reason")
                }
            } else if !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(i)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized = pod.seq("status", "conditions").contains { $0.str("type") == "Initialized" && $0.str("status") == "True" }
        if !initializing || initialized {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for c in pod.seq("status", "containerStatuses").reversed() {
                restarts += c.int("restartCount")
                if let t = finished(c), lastRestart.map({ $0 < t }) ?? true { lastRestart = t }
                let terminated = c.at("state", "terminated")
                if !c.str("state", "waiting", "reason").isEmpty {
                    reason = c.str("state", "waiting", "reason")
                } else if let terminated, !terminated.str("reason").isEmpty {
                    reason = terminated.str("reason")
                } else if let terminated {
                    reason = terminated.int("signal") != 0 ? "Signal:\(terminated.int("signal"))" : "ExitCode:\(terminated.int("exitCode"))"
                } else if c["ready"]?.bool == true, c.at("state", "running") != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed", hasRunning {
                let podReady = pod.seq("status", "conditions").contains { $0.str("type") == "Ready" && $0.str("status") == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod.hasDeletionTimestamp, pod.str("status", "reason") == "NodeLost" {
            reason = "Unknown"
        } else if pod.hasDeletionTimestamp, phase != "Succeeded", phase != "Failed" {
            reason = "Terminating"
        }

        var restartsText = "\(restarts)"
        if restarts != 0, let t = lastRestart {
            restartsText = "\(restarts) (\(HumanDuration.string(milliseconds: now.milliseconds - t.milliseconds)) ago)"
        }
        return PodSummary(ready: ready, total: total, reason: reason, restarts: restartsText)
    }
}
