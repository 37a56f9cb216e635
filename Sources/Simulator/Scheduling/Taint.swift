import YAML

/// A node taint and the toleration check of k8s.io/api/core/v1/toleration.go
/// (`Toleration.ToleratesTaint`) and taint.go (`Taint.ToString`).
public struct Taint: Sendable, Hashable {
    public var key: String
    public var value: String
    public var effect: String
    public var timeAdded: String?

    public init(key: String, value: String = "", effect: String, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    init(_ v: Value) {
        self.init(key: v["key"]?.string ?? "", value: v["value"]?.string ?? "", effect: v["effect"]?.string ?? "",
                  timeAdded: v["timeAdded"]?.string)
    }

    var value_: Value {
        var v: Value = ["effect": .string(effect), "key": .string(key)]
        if let timeAdded { v.set("timeAdded", .string(timeAdded)) }
        if !value.isEmpty { v.set("value", .string(value)) }
        return v
    }

    // Well-known taints (k8s.io/api/core/v1/well_known_taints.go).
    public static let notReady = "node.kubernetes.io/not-ready"
    public static let unreachable = "node.kubernetes.io/unreachable"
    public static let unschedulable = "node.kubernetes.io/unschedulable"
    public static let controlPlane = "node-role.kubernetes.io/control-plane"

    static func list(_ v: Value?) -> [Taint] { (v?.sequence ?? []).map(Taint.init) }
}

/// A pod toleration (core/v1 `Toleration`).
public struct Toleration: Sendable, Hashable {
    public var key: String
    public var op: String
    public var value: String
    public var effect: String
    public var seconds: Int64?

    init(_ v: Value) {
        key = v["key"]?.string ?? ""
        op = v["operator"]?.string ?? "Equal"
        value = v["value"]?.string ?? ""
        effect = v["effect"]?.string ?? ""
        seconds = v["tolerationSeconds"]?.int
    }

    /// toleration.go `ToleratesTaint`: effects match (empty tolerates all), keys match (an
    /// empty key with `Exists` tolerates every key), and `Exists` ignores the value.
    func tolerates(_ t: Taint) -> Bool {
        if !effect.isEmpty && effect != t.effect { return false }
        if !key.isEmpty && key != t.key { return false }
        switch op {
        case "Exists": return true
        case "Equal", "": return value == t.value
        default: return false
        }
    }

    static func list(_ v: Value?) -> [Toleration] { (v?.sequence ?? []).map(Toleration.init) }
}

extension Array where Element == Toleration {
    func tolerate(_ taint: Taint) -> Bool { contains { $0.tolerates(taint) } }
}
