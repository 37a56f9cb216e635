import KubeAPI
import YAML

/// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go
/// `reconcileAutoscaler`, `computeReplicasForMetrics`), for autoscaling/v2 and v1 objects.
///
/// Every 15 s (`--horizontal-pod-autoscaler-sync-period`) each HPA reads its target's scale,
/// the metrics of the target's pods (`MetricsServer`) and computes a recommendation
/// (`ReplicaCalculator`); the largest over its metrics is normalized (`HPAController+Normalize`:
/// the 5-minute downscale stabilization and the `max(2·current, 4)` scale-up limit without
/// `behavior`; stabilization windows and policies with it) and clamped to min/max. A change
/// updates the target's `spec.replicas`, records `SuccessfulRescale` (`New size: 4; reason: cpu
/// resource utilization (percentage of request) above target`) and `status.lastScaleTime`.
/// Conditions AbleToScale, ScalingActive and ScalingLimited carry upstream's reasons.
///
/// Example (the upstream walkthrough): php-apache requests 200m, target 50 %, one pod using
/// 500m → utilization 250 %, ratio 5 → 5 replicas wanted, limited to 4 (ScaleUpLimit); next
/// sync, 4 pods at 179m → 89 % → 8.
///
/// Simplifications: Pods, Object and External metrics report that no custom or external
/// metrics API is registered (as on a cluster without an adapter); autoscaling/v1 objects get
/// their v1 status fields but not the conditions annotation.
public struct HPAController: Controller {
    public let name = "horizontal-pod-autoscaler"
    public var watchedResources: Set<String>? { [Self.resource] }
    public static let resource = "horizontalpodautoscalers.autoscaling"
    static let syncPeriod: Duration = .seconds(15)
    static let downscaleStabilizationSeconds: Int64 = 300
    let catalog: ImageCatalog

    public init(catalog: ImageCatalog = .standard) {
        self.catalog = catalog
    }

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        change.key.resource == Self.resource && change.new != nil && !change.statusOnly ? [change.key] : []
    }

    static func memoryKey(_ key: ObjectKey) -> String { "hpa/\(key.namespace)/\(key.name)" }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        guard let hpa = state[key], !hpa.isBeingDeleted else { return [.remember(Self.memoryKey(key), nil)] }
        var run = HPASync(hpa: hpa, state: state, now: now, catalog: catalog, component: name)
        run.sync()
        return run.actions + [.requeueAfter(Self.syncPeriod)]
    }
}

/// One sync of one HPA: reads, decides, and collects the actions.
struct HPASync {
    let hpa: StoredObject
    let state: ClusterState
    let now: VirtualTime
    let catalog: ImageCatalog
    let component: String
    let spec: HPASpec
    var status: Value
    var actions: [Action] = []
    var memory: HPAMemory

    init(hpa: StoredObject, state: ClusterState, now: VirtualTime, catalog: ImageCatalog, component: String) {
        self.hpa = hpa
        self.state = state
        self.now = now
        self.catalog = catalog
        self.component = component
        spec = HPASpec(hpa.value)
        let s = hpa.value["status"] ?? .mapping([])
        status = s.isNull ? .mapping([]) : s
        memory = HPAMemory(state.memory(HPAController.memoryKey(hpa.key)))
        if spec.version == "v1", let conditions = memory.v2Status?["conditions"] { status.set("conditions", conditions) }
    }

    mutating func event(_ type: EventSpec.EventType, _ reason: String, _ message: String) {
        actions.append(.event(EventSpec(involved: hpa.key, type: type, reason: reason, message: message, component: component)))
    }

    /// `setCondition`: the transition time moves only when the status changes.
    mutating func condition(_ type: String, _ value: Bool, _ reason: String, _ message: String) {
        var list = Workload.conditions(status)
        let text = value ? "True" : "False"
        var entry: Value = ["type": .string(type), "status": .string(text), "lastTransitionTime": .string(now.rfc3339),
                            "reason": .string(reason), "message": .string(message)]
        if let i = list.firstIndex(where: { $0["type"]?.string == type }) {
            if list[i]["status"]?.string == text, let t = list[i]["lastTransitionTime"] { entry.set("lastTransitionTime", t) }
            list[i] = entry
        } else {
            list.append(entry)
        }
        status.set("conditions", .sequence(list))
    }

    mutating func sync() {
        defer { finish() }
        guard let resource = spec.targetResource,
              let target = state[ObjectKey(resource: resource, namespace: hpa.namespace, name: spec.targetName)] else {
            let plural = spec.targetResource ?? (spec.targetKind.lowercased() + "s")
            let error = "\(plural) \"\(spec.targetName)\" not found"
            event(.warning, "FailedGetScale", error)
            condition("AbleToScale", false, "FailedGetScale", "the HPA controller was unable to get the target's current scale: \(error)")
            return
        }
        condition("AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the target's current scale")
        let current = target.value["spec"]?["replicas"]?.int ?? 1
        memory.recordInitial(current, now: now)
        var desired: Int64 = 0
        var reason = ""
        var metricStatuses: [Value] = []
        var rescale = true
        if current == 0 && spec.minReplicas != 0 {
            rescale = false
            condition("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero")
        } else if current > spec.maxReplicas {
            reason = "Current number of replicas above Spec.MaxReplicas"
            desired = spec.maxReplicas
        } else if current < spec.minReplicas {
            reason = "Current number of replicas below Spec.MinReplicas"
            desired = spec.minReplicas
        } else {
            let pods = podsOf(target)
            guard let computed = computeReplicasForMetrics(current: current, pods: pods, statuses: &metricStatuses) else {
                setStatus(current: current, desired: status["desiredReplicas"]?.int ?? current, metrics: metricStatuses, rescaled: false)
                return
            }
            if computed.replicas > desired {
                desired = computed.replicas
            }
            if desired > current { reason = "\(computed.metric) above target" }
            if desired < current { reason = "All metrics below target" }
            desired = spec.scaleUp == nil ? normalize(current: current, desired: desired) : normalizeWithBehaviors(current: current, desired: desired)
            rescale = desired != current
        }
        if rescale {
            var scaled = target.value
            scaled.edit("spec") { $0.set("replicas", .int(desired)) }
            actions.append(.update(target.key, scaled))
            condition("AbleToScale", true, "SucceededRescale", "the HPA controller was able to update the target scale to \(desired)")
            event(.normal, "SuccessfulRescale", "New size: \(desired); reason: \(reason)")
            memory.storeScaleEvent(spec: spec, from: current, to: desired, now: now)
        }
        setStatus(current: current, desired: desired, metrics: metricStatuses, rescaled: rescale)
    }

    /// The pods the target's selector picks (the scale subresource's `status.selector`).
    func podsOf(_ target: StoredObject) -> [StoredObject] {
        guard let selector = try? LabelSelector(target.value["spec"]?["selector"]) else { return [] }
        return state.list(ObjectKey.pods, namespace: hpa.namespace, selector: selector).sorted { $0.key < $1.key }
    }

    mutating func setStatus(current: Int64, desired: Int64, metrics: [Value], rescaled: Bool) {
        if let first = metrics.first, first["resource"]?["name"]?.string == "cpu",
           let u = first["resource"]?["current"]?["averageUtilization"]?.int {
            memory.recordUtilization(u, now: now)
        }
        status.set("currentReplicas", .int(current))
        status.set("desiredReplicas", .int(desired))
        if rescaled { status.set("lastScaleTime", .string(now.rfc3339)) }
        if spec.version == "v1" {
            var v2 = memory.v2Status ?? .mapping([])
            if metrics.isEmpty { v2.remove("currentMetrics") } else { v2.set("currentMetrics", .sequence(metrics)) }
            memory.v2Status = v2
            if let u = metrics.first?["resource"]?["current"]?["averageUtilization"] { status.set("currentCPUUtilizationPercentage", u) }
        } else if metrics.isEmpty {
            status.remove("currentMetrics")
        } else {
            status.set("currentMetrics", .sequence(metrics))
        }
    }

    mutating func finish() {
        if spec.version == "v1" {
            var v2 = memory.v2Status ?? .mapping([])
            v2.set("conditions", status["conditions"] ?? .sequence([]))
            memory.v2Status = v2
            status.remove("conditions")
        }
        if status != (hpa.value["status"] ?? .null) { actions.insert(.updateStatus(hpa.key, status), at: 0) }
        actions.append(.remember(HPAController.memoryKey(hpa.key), memory.value))
    }
}
