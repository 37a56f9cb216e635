import YAML

// horizontal.go `normalizeDesiredReplicas` (no `behavior`), `normalizeDesiredReplicasWithBehaviors`,
// `convertDesiredReplicasWithRules`, `convertDesiredReplicasWithBehaviorRate`,
// `calculateScaleUpLimitWithScalingRules`, `calculateScaleDownLimitWithBehaviors`.
extension HPASync {
    /// Without `behavior`: the highest recommendation of the last 5 minutes, then at most
    /// `max(2·current, 4)` (scaleUpLimitFactor, scaleUpLimitMinimum), then min/max.
    mutating func normalize(current: Int64, desired: Int64) -> Int64 {
        let stabilized = memory.stabilize(desired, now: now, windowSeconds: HPAController.downscaleStabilizationSeconds)
        if stabilized != desired {
            condition("AbleToScale", true, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
        } else {
            condition("AbleToScale", true, "ReadyForNewScale", "recommended size matches current size")
        }
        let scaleUpLimit = max(2 * current, 4)
        var maximum = spec.maxReplicas
        var limit = ("TooManyReplicas", "the desired replica count is more than the maximum replica count")
        if spec.maxReplicas > scaleUpLimit {
            maximum = scaleUpLimit
            limit = ("ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
        }
        var result = stabilized
        if stabilized < spec.minReplicas {
            result = spec.minReplicas
            limit = ("TooFewReplicas", "the desired replica count is less than the minimum replica count")
        } else if stabilized > maximum {
            result = maximum
        } else {
            limit = ("DesiredWithinRange", "the desired count is within the acceptable range")
        }
        condition("ScalingLimited", result != stabilized, limit.0, limit.1)
        return result
    }

    /// With `behavior`: stabilization windows up and down, then the policies' rate limits.
    mutating func normalizeWithBehaviors(current: Int64, desired: Int64) -> Int64 {
        guard let up = spec.scaleUp, let down = spec.scaleDown else { return desired }
        let stabilized = memory.stabilizeWithBehaviors(desired, current: current, now: now,
                                                       upWindow: up.stabilizationSeconds, downWindow: down.stabilizationSeconds)
        if stabilized != desired {
            if desired >= current {
                condition("AbleToScale", true, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
            } else {
                condition("AbleToScale", true, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
            }
        } else {
            condition("AbleToScale", true, "ReadyForNewScale", "recommended size matches current size")
        }
        var result = stabilized
        var limit = ("DesiredWithinRange", "the desired count is within the acceptable range")
        if stabilized > current {
            let scaleUpLimit = max(scaleUpLimit(current: current, rules: up), current)
            var maximum = spec.maxReplicas
            var reason = ("TooManyReplicas", "the desired replica count is more than the maximum replica count")
            if maximum > scaleUpLimit {
                maximum = scaleUpLimit
                reason = ("ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            }
            if stabilized > maximum { result = maximum; limit = reason }
        } else if stabilized < current {
            let scaleDownLimit = min(scaleDownLimit(current: current, rules: down), current)
            var minimum = spec.minReplicas
            var reason = ("TooFewReplicas", "the desired replica count is less than the minimum replica count")
            if minimum < scaleDownLimit {
                minimum = scaleDownLimit
                reason = ("ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
            }
            if stabilized < minimum { result = minimum; limit = reason }
        }
        condition("ScalingLimited", result != stabilized, limit.0, limit.1)
        return result
    }

    /// The replicas at the start of the policy's period: now, minus what was added and plus
    /// what was removed in it.
    func periodStartReplicas(_ current: Int64, _ policy: HPASpec.Rules.Policy) -> Int64 {
        current - memory.change(in: policy.periodSeconds, up: true, now: now) + memory.change(in: policy.periodSeconds, up: false, now: now)
    }

    func scaleUpLimit(current: Int64, rules: HPASpec.Rules) -> Int64 {
        if rules.selectPolicy == "Disabled" { return current }
        let useMin = rules.selectPolicy == "Min"
        var result: Int64 = useMin ? Int64(Int32.max) : Int64(Int32.min)
        for policy in rules.policies {
            let start = periodStartReplicas(current, policy)
            let proposed = policy.percent ? Int64((Double(start) * (1 + Double(policy.value) / 100)).rounded(.up)) : start + policy.value
            result = useMin ? min(result, proposed) : max(result, proposed)
        }
        return result
    }

    func scaleDownLimit(current: Int64, rules: HPASpec.Rules) -> Int64 {
        if rules.selectPolicy == "Disabled" { return current }
        let useMin = rules.selectPolicy == "Min"
        var result: Int64 = useMin ? Int64(Int32.min) : Int64(Int32.max)
        for policy in rules.policies {
            let start = periodStartReplicas(current, policy)
            let proposed = policy.percent ? Int64(Double(start) * (1 - Double(policy.value) / 100)) : start - policy.value
            result = useMin ? max(result, proposed) : min(result, proposed)
        }
        return result
    }
}

/// What horizontal.go keeps in memory per HPA: recent recommendations and, with `behavior`,
/// recent scale events (kept in `Store.memory` so that saving the cluster keeps them).
struct HPAMemory {
    struct Sample { var replicas: Int64; var ms: Int64 }
    struct ScaleEvent { var change: Int64; var ms: Int64; var outdated: Bool }

    var recommendations: [Sample] = []
    var scaleUp: [ScaleEvent] = []
    var scaleDown: [ScaleEvent] = []
    /// For autoscaling/v1 objects: the conditions and metrics the v1 status has no place
    /// for (the apiserver keeps them in its v2 storage; `describe hpa` shows them).
    var v2Status: Value?
    /// Utilization of the first cpu metric at each sync, for `taller cluster historia`.
    var cpu: [[Int64]] = []

    init(_ v: Value?) {
        func ints(_ key: String) -> [[Int64]] { (v?[key]?.sequence ?? []).map { ($0.sequence ?? []).compactMap(\.int) } }
        recommendations = ints("recommendations").filter { $0.count == 2 }.map { Sample(replicas: $0[0], ms: $0[1]) }
        scaleUp = ints("scaleUp").filter { $0.count == 3 }.map { ScaleEvent(change: $0[0], ms: $0[1], outdated: $0[2] != 0) }
        scaleDown = ints("scaleDown").filter { $0.count == 3 }.map { ScaleEvent(change: $0[0], ms: $0[1], outdated: $0[2] != 0) }
        v2Status = v?["v2Status"]
        cpu = ints("cpu").filter { $0.count == 2 }
    }

    var value: Value {
        var v: Value = ["recommendations": .sequence(recommendations.map { [.int($0.replicas), .int($0.ms)] }),
                        "scaleUp": .sequence(scaleUp.map { [.int($0.change), .int($0.ms), .int($0.outdated ? 1 : 0)] }),
                        "scaleDown": .sequence(scaleDown.map { [.int($0.change), .int($0.ms), .int($0.outdated ? 1 : 0)] })]
        if let v2Status { v.set("v2Status", v2Status) }
        if !cpu.isEmpty { v.set("cpu", .sequence(cpu.map { .sequence($0.map(Value.int)) })) }
        return v
    }

    mutating func recordUtilization(_ percent: Int64, now: VirtualTime) {
        cpu.append([now.milliseconds, percent])
        if cpu.count > History.limit { cpu.removeFirst(cpu.count - History.limit) }
    }

    /// `recordInitialRecommendation`.
    mutating func recordInitial(_ replicas: Int64, now: VirtualTime) {
        if recommendations.isEmpty { recommendations = [Sample(replicas: replicas, ms: now.milliseconds)] }
    }

    /// `stabilizeRecommendation`: the highest recommendation inside the window; the new one
    /// replaces a sample older than the window, or is appended.
    mutating func stabilize(_ desired: Int64, now: VirtualTime, windowSeconds: Int64) -> Int64 {
        let cutoff = now.milliseconds - windowSeconds * 1000
        var best = desired
        var old: Int?
        for (i, r) in recommendations.enumerated() {
            if r.ms < cutoff { old = i } else if r.replicas > best { best = r.replicas }
        }
        let sample = Sample(replicas: desired, ms: now.milliseconds)
        if let old { recommendations[old] = sample } else { recommendations.append(sample) }
        return best
    }

    /// `stabilizeRecommendationWithBehaviors`.
    mutating func stabilizeWithBehaviors(_ desired: Int64, current: Int64, now: VirtualTime, upWindow: Int64, downWindow: Int64) -> Int64 {
        let upCutoff = now.milliseconds - upWindow * 1000, downCutoff = now.milliseconds - downWindow * 1000
        var up = desired, down = desired
        var old: Int?
        for (i, r) in recommendations.enumerated() {
            if r.ms > upCutoff { up = min(r.replicas, up) }
            if r.ms > downCutoff { down = max(r.replicas, down) }
            if r.ms < upCutoff && r.ms < downCutoff { old = i }
        }
        var recommendation = max(current, up)
        recommendation = min(recommendation, down)
        let sample = Sample(replicas: desired, ms: now.milliseconds)
        if let old { recommendations[old] = sample } else { recommendations.append(sample) }
        return recommendation
    }

    /// `getReplicasChangePerPeriod`.
    func change(in periodSeconds: Int64, up: Bool, now: VirtualTime) -> Int64 {
        let cutoff = now.milliseconds - periodSeconds * 1000
        return (up ? scaleUp : scaleDown).filter { $0.ms > cutoff }.reduce(0) { $0 + $1.change }
    }

    /// `storeScaleEvent` (only with `behavior`): replaces an event older than the longest
    /// policy period, or appends.
    mutating func storeScaleEvent(spec: HPASpec, from: Int64, to: Int64, now: VirtualTime) {
        guard let upRules = spec.scaleUp, let downRules = spec.scaleDown else { return }
        let isUp = to > from
        let longest = (isUp ? upRules : downRules).policies.map(\.periodSeconds).max() ?? 0
        let cutoff = now.milliseconds - longest * 1000
        var events = isUp ? scaleUp : scaleDown
        for i in events.indices where events[i].ms < cutoff { events[i].outdated = true }
        let event = ScaleEvent(change: isUp ? to - from : from - to, ms: now.milliseconds, outdated: false)
        if let i = events.lastIndex(where: \.outdated) { events[i] = event } else { events.append(event) }
        if isUp { scaleUp = events } else { scaleDown = events }
    }
}
