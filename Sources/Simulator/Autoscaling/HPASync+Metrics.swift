import YAML

// horizontal.go `computeReplicasForMetrics`, `computeStatusForResourceMetric(Generic)`:
// one proposal per metric, the largest wins; invalid metrics make the HPA stand still.
extension HPASync {
    struct Proposal {
        var replicas: Int64
        var metric: String
    }

    mutating func computeReplicasForMetrics(current: Int64, pods: [StoredObject], statuses: inout [Value]) -> Proposal? {
        var best: Proposal?
        var invalid = 0
        var firstError: String?
        var invalidCondition: (reason: String, message: String)?
        statuses = []
        // One metrics-server read per sync, whatever the number of metrics.
        let rates = Load.podRates(state: state, now: now, only: pods)
        let usages = pods.compactMap { MetricsServer.usage(of: $0, rate: rates[$0.key] ?? 0, now: now, catalog: catalog) }
        for metric in spec.metrics {
            switch proposal(for: metric, current: current, pods: pods, usages: usages) {
            case .success(let (proposal, metricStatus)):
                statuses.append(metricStatus)
                if best == nil || proposal.replicas > best!.replicas { best = proposal }
            case .failure(let failure):
                statuses.append(["type": ""])
                invalid += 1
                event(.warning, failure.reason, failure.error)
                if firstError == nil {
                    firstError = failure.error
                    invalidCondition = (failure.reason, "the HPA was unable to compute the replica count: \(failure.error)")
                }
            }
        }
        let replicas = best?.replicas ?? 0
        if invalid >= spec.metrics.count || (invalid > 0 && replicas < current) {
            if let invalidCondition { condition("ScalingActive", false, invalidCondition.reason, invalidCondition.message) }
            let total = spec.metrics.count
            event(.warning, "FailedComputeMetricsReplicas",
                  "invalid metrics (\(invalid) invalid out of \(total)), first error is: \(firstError ?? "no metrics")")
            return nil
        }
        let metric = best?.metric ?? ""
        condition("ScalingActive", true, "ValidMetricFound", "the HPA was able to successfully calculate a replica count from \(metric)")
        return Proposal(replicas: replicas, metric: metric)
    }

    struct MetricFailure: Error {
        var reason: String
        var error: String
    }

    func proposal(for metric: HPASpec.Metric, current: Int64, pods: [StoredObject],
                  usages: [MetricsServer.PodUsage]) -> Result<(Proposal, Value), MetricFailure> {
        switch metric {
        case .custom(let type, let name):
            let api = type == "External" ? "external metrics API (external.metrics.k8s.io)" : "custom metrics API (custom.metrics.k8s.io)"
            let source = type == "External" ? "external metric \(hpa.namespace)/\(name)/nil" : "metric \(name)"
            let fetch = type == "External" ? "external" : "custom"
            return .failure(MetricFailure(reason: "FailedGet\(type)Metric",
                                          error: "unable to get \(source): unable to fetch metrics from \(fetch) metrics API: no \(api) registered"))
        case .resource(let resource, let container, let target):
            let reason = container == nil ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric"
            var usage: [String: Int64] = [:]
            for u in usages {
                let containers = u.containers.filter { container == nil || $0.name == container }
                guard !containers.isEmpty else { continue }
                usage[u.key.name] = containers.reduce(0) { $0 + (resource == "cpu" ? $1.milliCPU : $1.memory * 1000) }
            }
            let calculator = ReplicaCalculator(pods: pods, metrics: usage, resource: resource, container: container, now: now)
            let key = container == nil ? "resource" : "containerResource"
            var source: Value = ["name": .string(resource)]
            if let container { source.set("container", .string(container)) }
            do {
                switch target {
                case .utilization(let percent):
                    let r = try calculator.utilizationReplicas(current: current, target: percent)
                    source.set("current", ["averageUtilization": .int(r.utilization ?? 0), "averageValue": .string(Self.milliQuantity(r.averageMilli))])
                    let name = container == nil ? "\(resource) resource utilization (percentage of request)"
                                                : "\(resource) container resource utilization (percentage of request)"
                    return .success((Proposal(replicas: r.replicas, metric: name), Self.metricStatus(key, source)))
                case .averageValue(let milli):
                    let r = try calculator.averageValueReplicas(current: current, targetMilli: milli)
                    source.set("current", ["averageValue": .string(Self.milliQuantity(r.averageMilli))])
                    return .success((Proposal(replicas: r.replicas, metric: "\(resource) resource"), Self.metricStatus(key, source)))
                case .value:
                    return .failure(MetricFailure(reason: reason, error: "invalid resource metric source: neither an average utilization target nor an average value target was set"))
                }
            } catch {
                return .failure(MetricFailure(reason: reason, error: "failed to get \(resource) utilization: \(error.message)"))
            }
        }
    }

    /// `{type: Resource, resource: {…}}` or `{type: ContainerResource, containerResource: {…}}`.
    static func metricStatus(_ key: String, _ source: Value) -> Value {
        var status: Value = ["type": .string(key == "resource" ? "Resource" : "ContainerResource")]
        status.set(key, source)
        return status
    }

    /// `resource.NewMilliQuantity(n, DecimalSI).String()`: `250m`, `1`, `1500m`, `12k`.
    static func milliQuantity(_ n: Int64) -> String {
        if n % 1000 != 0 { return "\(n)m" }
        var v = n / 1000
        var exponent = 0
        let suffixes = ["", "k", "M", "G", "T", "P", "E"]
        while v != 0 && v % 1000 == 0 && exponent < suffixes.count - 1 {
            v /= 1000
            exponent += 1
        }
        return "\(v)\(suffixes[exponent])"
    }
}
