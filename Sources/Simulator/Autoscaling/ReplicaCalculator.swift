import YAML

/// The HPA's replica arithmetic for resource metrics
/// (pkg/controller/podautoscaler/replica_calculator.go `GetResourceReplicas`,
/// `GetRawResourceReplicas`, `groupPods`, `calculatePodRequests`;
/// metrics/utilization.go `GetResourceUtilizationRatio`):
///
/// - pods being deleted or Failed are left out; Pending pods are ignored; running pods without
///   metrics are "missing";
/// - for cpu, a pod is ignored while it is not Ready within its first 5 minutes
///   (`--horizontal-pod-autoscaler-cpu-initialization-period`), or when it has never been
///   Ready and turned unready within 30 s of starting (`--…-initial-readiness-delay`);
/// - utilization = ⌊100 · Σ usage / Σ requests⌋ over pods with metrics; ratio = utilization /
///   target; inside the 0.1 tolerance nothing changes; otherwise ⌈ratio · ready pods⌉;
/// - with missing pods, on a scale-up they count as using 0 %, on a scale-down 100 %; on a
///   scale-up ignored pods count as 0 %; if that flips the direction, or falls inside the
///   tolerance, nothing changes.
struct ReplicaCalculator {
    static let tolerance = 0.1
    static let cpuInitializationMilliseconds: Int64 = 300_000
    static let initialReadinessDelayMilliseconds: Int64 = 30_000

    struct Result: Equatable {
        var replicas: Int64
        /// Percentage of request (Utilization targets only).
        var utilization: Int64?
        /// Average usage in milli-units.
        var averageMilli: Int64
    }

    enum Failure: Error, Equatable {
        case noMetrics(resource: String)
        case noPods
        case missingRequest(resource: String, container: String, pod: String)
        case noReadyMetrics

        /// The error texts of replica_calculator.go (Kubernetes 1.32).
        var message: String {
            switch self {
            case .noMetrics(let r): return "unable to get metrics for resource \(r): no metrics returned from resource metrics API"
            case .noPods: return "no pods returned by selector while calculating replica count"
            case .missingRequest(let r, let c, let p): return "missing request for \(r) in container \(c) of Pod \(p)"
            case .noReadyMetrics: return "did not receive metrics for targeted pods (pods might be unready)"
            }
        }
    }

    let pods: [StoredObject]
    /// Usage per pod name, in milli-units (cpu millicores, memory milli-bytes).
    let metrics: [String: Int64]
    let resource: String
    let container: String?
    let now: VirtualTime

    /// `GetResourceReplicas` (Utilization targets).
    func utilizationReplicas(current: Int64, target: Int64) throws(Failure) -> Result {
        guard !metrics.isEmpty else { throw .noMetrics(resource: resource) }
        guard !pods.isEmpty else { throw .noPods }
        let (ready, ignored, missing) = groupPods()
        var usage = metrics.filter { !ignored.contains($0.key) }
        let requests = try podRequests()
        guard !usage.isEmpty else { throw .noReadyMetrics }
        guard let first = Self.ratio(usage, requests, target) else { throw .noReadyMetrics }
        let result = { (replicas: Int64) in Result(replicas: replicas, utilization: first.utilization, averageMilli: first.average) }
        let rebalanceIgnored = !ignored.isEmpty && first.ratio > 1
        if !rebalanceIgnored && missing.isEmpty {
            if abs(1 - first.ratio) <= Self.tolerance { return result(current) }
            return result(Int64((first.ratio * Double(ready)).rounded(.up)))
        }
        if !missing.isEmpty {
            for pod in missing {
                if first.ratio < 1 { usage[pod] = requests[pod] ?? 0 } else if first.ratio > 1 { usage[pod] = 0 }
            }
        }
        if rebalanceIgnored { for pod in ignored { usage[pod] = 0 } }
        guard let second = Self.ratio(usage, requests, target) else { return result(current) }
        if abs(1 - second.ratio) <= Self.tolerance || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1) {
            return result(current)
        }
        let replicas = Int64((second.ratio * Double(usage.count)).rounded(.up))
        if (second.ratio < 1 && replicas > current) || (second.ratio > 1 && replicas < current) { return result(current) }
        return result(replicas)
    }

    /// `GetRawResourceReplicas` → `calcPlainMetricReplicas` (AverageValue targets, milli-units).
    func averageValueReplicas(current: Int64, targetMilli: Int64) throws(Failure) -> Result {
        guard !metrics.isEmpty else { throw .noMetrics(resource: resource) }
        guard !pods.isEmpty else { throw .noPods }
        let (ready, ignored, missing) = groupPods()
        var usage = metrics.filter { !ignored.contains($0.key) }
        guard !usage.isEmpty, targetMilli > 0 else { throw .noReadyMetrics }
        func ratio(_ u: [String: Int64]) -> (ratio: Double, average: Int64) {
            let total = u.values.reduce(0, +)
            let average = total / Int64(u.count)
            return (Double(total) / (Double(targetMilli) * Double(u.count)), average)
        }
        let first = ratio(usage)
        let result = { (replicas: Int64) in Result(replicas: replicas, utilization: nil, averageMilli: first.average) }
        let rebalanceIgnored = !ignored.isEmpty && first.ratio > 1
        if !rebalanceIgnored && missing.isEmpty {
            if abs(1 - first.ratio) <= Self.tolerance { return result(current) }
            return result(Int64((first.ratio * Double(ready)).rounded(.up)))
        }
        for pod in missing { usage[pod] = first.ratio < 1 ? targetMilli : 0 }
        if rebalanceIgnored { for pod in ignored { usage[pod] = 0 } }
        let second = ratio(usage)
        if abs(1 - second.ratio) <= Self.tolerance || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1) {
            return result(current)
        }
        return result(Int64((second.ratio * Double(usage.count)).rounded(.up)))
    }

    /// `GetResourceUtilizationRatio`: the integer utilization, its ratio to the target, and the
    /// average usage.
    static func ratio(_ usage: [String: Int64], _ requests: [String: Int64], _ target: Int64) -> (ratio: Double, utilization: Int64, average: Int64)? {
        var used: Int64 = 0, requested: Int64 = 0, n: Int64 = 0
        for (pod, value) in usage {
            guard let request = requests[pod] else { continue }
            used += value
            requested += request
            n += 1
        }
        guard requested > 0, target > 0 else { return nil }
        let utilization = used * 100 / requested
        return (Double(utilization) / Double(target), utilization, used / n)
    }

    /// `groupPods`: how many pods count as ready, which are ignored and which are missing.
    func groupPods() -> (ready: Int, ignored: Set<String>, missing: Set<String>) {
        var ready = 0
        var ignored: Set<String> = [], missing: Set<String> = []
        for pod in pods {
            let status = pod.value["status"]
            let phase = status?["phase"]?.string ?? ""
            if pod.isBeingDeleted || phase == "Failed" { continue }
            if phase == "Pending" { ignored.insert(pod.name); continue }
            guard metrics[pod.name] != nil else { missing.insert(pod.name); continue }
            if resource == "cpu" {
                let condition = Workload.condition(status, "Ready")
                guard let condition, let start = Workload.time(status?["startTime"]) else { ignored.insert(pod.name); continue }
                let transition = Workload.time(condition["lastTransitionTime"]) ?? start
                let unready = condition["status"]?.string == "False"
                let ignore: Bool
                if start.milliseconds + Self.cpuInitializationMilliseconds > now.milliseconds {
                    // Unready, or no full metrics window since it turned Ready.
                    ignore = unready || now.milliseconds < transition.milliseconds + MetricsServer.resolution.wholeMilliseconds
                } else {
                    ignore = unready && start.milliseconds + Self.initialReadinessDelayMilliseconds > transition.milliseconds
                }
                if ignore { ignored.insert(pod.name); continue }
            }
            ready += 1
        }
        return (ready, ignored, missing)
    }

    /// `calculatePodRequests`: each pod's request (its containers', or the named container's).
    func podRequests() throws(Failure) -> [String: Int64] {
        var requests: [String: Int64] = [:]
        for pod in pods {
            var sum: Int64 = 0
            for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
                let name = c["name"]?.string ?? ""
                if let container, container != name { continue }
                guard let request = c["resources"]?["requests"]?[resource], !request.isNull else {
                    throw .missingRequest(resource: resource, container: name, pod: pod.name)
                }
                sum += PodResources.milli(request)
            }
            requests[pod.name] = sum
        }
        return requests
    }
}
