import KubeAPI
import YAML

/// Scoring (framework/runtime/framework.go `RunScorePlugins`) and `selectHost`
/// (schedule_one.go): the weighted sum of the score plugins, the highest total wins, ties
/// broken by reservoir sampling.
extension Scheduler {
    /// framework/interface.go `MaxNodeScore`.
    static let maxNodeScore: Int64 = 100

    static func selectHost(_ pod: PodSchedulingInfo, _ feasible: [Int], nodes: UnsafeBufferPointer<SchedulerCache.NodeInfo>, uid: String) -> Int {
        if feasible.count == 1 { return feasible[0] }
        // TaintToleration and NodeAffinity scores are normalised over the feasible nodes.
        var taintCounts: [Int64] = [], affinityScores: [Int64] = []
        let usePreferNoSchedule = feasible.contains { i in nodes[i].taints.contains { $0.effect == "PreferNoSchedule" } }
        if usePreferNoSchedule {
            taintCounts = feasible.map { i in Int64(nodes[i].taints.filter { $0.effect == "PreferNoSchedule" && !pod.tolerations.tolerate($0) }.count) }
        }
        if !pod.preferredTerms.isEmpty {
            affinityScores = feasible.map { i in
                pod.preferredTerms.reduce(0) { $0 + ($1.term.matches(labels: nodes[i].labels, nodeName: nodes[i].name) ? $1.weight : 0) }
            }
        }
        let maxTaint = taintCounts.max() ?? 0, maxAffinity = affinityScores.max() ?? 0
        var random = SeededRandom(seed: fnv1a(uid))
        var best = Int64.min, selected = feasible[0], ties = 0
        for (n, i) in feasible.enumerated() {
            let node = nodes.baseAddress! + i
            var score = leastAllocated(pod.requests, node) + balancedAllocation(pod.requests, node)
            // tainttoleration: DefaultNormalizeScore(reverse: true), weight 3.
            let taint = maxTaint == 0 ? maxNodeScore : maxNodeScore - (taintCounts.isEmpty ? 0 : taintCounts[n]) * maxNodeScore / maxTaint
            score += 3 * taint
            // nodeaffinity: DefaultNormalizeScore(reverse: false), weight 2.
            if maxAffinity > 0 { score += 2 * (affinityScores[n] * maxNodeScore / maxAffinity) }
            if score > best {
                best = score
                selected = i
                ties = 1
            } else if score == best {
                ties += 1
                if random.below(UInt64(ties)) == 0 { selected = i }
            }
        }
        return selected
    }

    /// noderesources/least_allocated.go: per resource `(allocatable - requested) * 100 /
    /// allocatable` on the non-zero requests including the pod, cpu and memory weighted 1.
    static func leastAllocated(_ r: PodResources, _ node: UnsafePointer<SchedulerCache.NodeInfo>) -> Int64 {
        func score(_ requested: Int64, _ capacity: Int64) -> Int64 {
            if capacity == 0 || requested > capacity { return 0 }
            return (capacity - requested) * maxNodeScore / capacity
        }
        let cpu = score(node.pointee.requested.nonZeroMilliCPU + r.nonZeroMilliCPU, node.pointee.allocatableMilliCPU)
        let memory = score(node.pointee.requested.nonZeroMemory + r.nonZeroMemory, node.pointee.allocatableMemory)
        return (cpu + memory) / 2
    }

    /// noderesources/balanced_allocation.go: `(1 - |cpuFraction - memoryFraction| / 2) * 100`
    /// on the actual requests including the pod.
    static func balancedAllocation(_ r: PodResources, _ node: UnsafePointer<SchedulerCache.NodeInfo>) -> Int64 {
        guard node.pointee.allocatableMilliCPU > 0, node.pointee.allocatableMemory > 0 else { return 0 }
        let cpu = min(Double(node.pointee.requested.milliCPU + r.milliCPU) / Double(node.pointee.allocatableMilliCPU), 1)
        let memory = min(Double(node.pointee.requested.memory + r.memory) / Double(node.pointee.allocatableMemory), 1)
        let std = abs(cpu - memory) / 2
        return Int64((1 - std) * Double(maxNodeScore))
    }

    /// FNV-1a of a string: the seed of a pod's tie-breaking generator.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
