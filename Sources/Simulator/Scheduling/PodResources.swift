import KubeAPI
import YAML

/// What a pod asks of a node, in the units the scheduler adds up
/// (k8s.io/component-helpers/resource/helpers.go `PodRequests`: the sum over containers,
/// raised to the largest init container, plus `spec.overhead`).
///
/// `nonZero` is the same sum where a container that requests no cpu counts 100m and one
/// that requests no memory counts 200Mi (pkg/scheduler/util/pod_resources.go
/// `DefaultMilliCPURequest`, `DefaultMemoryRequest`): the scheduler scores with it so that
/// BestEffort pods still spread (framework/types.go `NonZeroRequested`).
public struct PodResources: Sendable, Hashable {
    public var milliCPU: Int64 = 0
    public var memory: Int64 = 0
    public var nonZeroMilliCPU: Int64 = 0
    public var nonZeroMemory: Int64 = 0

    /// pod_resources.go `DefaultMilliCPURequest`.
    public static let defaultMilliCPURequest: Int64 = 100
    /// pod_resources.go `DefaultMemoryRequest` (200 MiB).
    public static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

    public init() {}

    public init(spec: Value) {
        var sum = PodResources()
        for c in spec["containers"]?.sequence ?? [] { sum.add(PodResources.container(c)) }
        for c in spec["initContainers"]?.sequence ?? [] {
            let r = PodResources.container(c)
            sum.milliCPU = max(sum.milliCPU, r.milliCPU)
            sum.memory = max(sum.memory, r.memory)
            sum.nonZeroMilliCPU = max(sum.nonZeroMilliCPU, r.nonZeroMilliCPU)
            sum.nonZeroMemory = max(sum.nonZeroMemory, r.nonZeroMemory)
        }
        if let overhead = spec["overhead"] {
            let cpu = PodResources.milli(overhead["cpu"]), mem = PodResources.units(overhead["memory"])
            sum.add(PodResources(milliCPU: cpu, memory: mem, nonZeroMilliCPU: cpu, nonZeroMemory: mem))
        }
        self = sum
    }

    init(milliCPU: Int64, memory: Int64, nonZeroMilliCPU: Int64, nonZeroMemory: Int64) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.nonZeroMilliCPU = nonZeroMilliCPU
        self.nonZeroMemory = nonZeroMemory
    }

    static func container(_ c: Value) -> PodResources {
        guard let requests = c["resources"]?["requests"] else {
            return PodResources(milliCPU: 0, memory: 0, nonZeroMilliCPU: defaultMilliCPURequest, nonZeroMemory: defaultMemoryRequest)
        }
        let cpu = requests["cpu"].map { milli($0) }, mem = requests["memory"].map { units($0) }
        return PodResources(milliCPU: cpu ?? 0, memory: mem ?? 0,
                            nonZeroMilliCPU: cpu ?? defaultMilliCPURequest, nonZeroMemory: mem ?? defaultMemoryRequest)
    }

    mutating func add(_ r: PodResources, sign: Int64 = 1) {
        milliCPU += sign * r.milliCPU
        memory += sign * r.memory
        nonZeroMilliCPU += sign * r.nonZeroMilliCPU
        nonZeroMemory += sign * r.nonZeroMemory
    }

    static func quantity(_ v: Value?) -> Quantity? {
        guard let v else { return nil }
        let text = v.string ?? v.int.map(String.init) ?? v.double.map { String($0) }
        return text.flatMap { try? Quantity(parsing: $0) }
    }

    /// `MilliValue()` of a quantity value (0 when missing or unparsable).
    static func milli(_ v: Value?) -> Int64 { quantity(v)?.milliValue ?? 0 }
    /// `Value()` of a quantity value.
    static func units(_ v: Value?) -> Int64 { quantity(v)?.value ?? 0 }
}
