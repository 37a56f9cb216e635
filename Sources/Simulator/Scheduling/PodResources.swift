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
    static func milli(_ v: Value?) -> Int64 { simpleMilli(v) ?? quantity(v)?.milliValue ?? 0 }
    /// `Value()` of a quantity value (`ScaledValue(0)` rounds up).
    static func units(_ v: Value?) -> Int64 { simpleMilli(v).map { $0 / 1000 + ($0 % 1000 == 0 ? 0 : 1) } ?? quantity(v)?.value ?? 0 }

    /// The milli-units of the forms manifests nearly always use — an unsigned integer, alone
    /// or with one of the suffixes `m`, `k`, `M`, `G`, `Ki`, `Mi`, `Gi` (quantity.go's
    /// suffixes) — read without building a `Quantity`; nil for anything else (decimals,
    /// exponents, signs, other suffixes, overflow), which the full parser answers.
    /// Requests and limits are read on every scheduling, kubelet and autoscaler pass.
    static func simpleMilli(_ v: Value?) -> Int64? {
        switch v {
        case .int(let i)?:
            guard i >= 0 else { return nil }
            let (m, overflow) = i.multipliedReportingOverflow(by: 1000)
            return overflow ? nil : m
        case .string(let s)?:
            var n: Int64 = 0, digits = 0
            var suffix: (UInt8, UInt8) = (0, 0), suffixLength = 0
            for b in s.utf8 {
                if suffixLength == 0, b >= 0x30, b <= 0x39 {
                    digits += 1
                    if digits > 15 { return nil }
                    n = n * 10 + Int64(b - 0x30)
                } else {
                    suffixLength += 1
                    if suffixLength == 1 { suffix.0 = b } else if suffixLength == 2 { suffix.1 = b } else { return nil }
                }
            }
            guard digits > 0 else { return nil }
            let factor: Int64
            switch (suffixLength, suffix.0, suffix.1) {
            case (0, _, _): factor = 1000
            case (1, UInt8(ascii: "m"), _): factor = 1
            case (1, UInt8(ascii: "k"), _): factor = 1_000_000
            case (1, UInt8(ascii: "M"), _): factor = 1_000_000_000
            case (1, UInt8(ascii: "G"), _): factor = 1_000_000_000_000
            case (2, UInt8(ascii: "K"), UInt8(ascii: "i")): factor = 1024 * 1000
            case (2, UInt8(ascii: "M"), UInt8(ascii: "i")): factor = 1024 * 1024 * 1000
            case (2, UInt8(ascii: "G"), UInt8(ascii: "i")): factor = 1024 * 1024 * 1024 * 1000
            default: return nil
            }
            let (m, overflow) = n.multipliedReportingOverflow(by: factor)
            return overflow ? nil : m
        default:
            return nil
        }
    }
}
