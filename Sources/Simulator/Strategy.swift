import KubeAPI
import YAML

/// What the apiserver's registry strategies do on create and update
/// (pkg/registry/<group>/<resource>/strategy.go `PrepareForCreate`/`PrepareForUpdate`):
/// reset status on create, keep the stored status on a main-resource update, start
/// `metadata.generation` at 1 and bump it when the spec changes.
enum Strategy {
    /// Kinds whose strategy tracks `metadata.generation`.
    static let generationTracked: Set<String> = [
        "deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch", "cronjobs.batch",
        "ingresses.networking.k8s.io", "networkpolicies.networking.k8s.io", "poddisruptionbudgets.policy",
    ]

    /// Kinds with a status subresource: a main-resource update keeps the stored status.
    static let statusSubresource: Set<String> = generationTracked.union([
        "pods", "services", "namespaces", "nodes", "persistentvolumes", "persistentvolumeclaims", "resourcequotas",
        "horizontalpodautoscalers.autoscaling",
    ])

    /// `PrepareForCreate`: the status a new object starts with (the status written in the
    /// request is dropped), and generation 1 where tracked.
    static func prepareForCreate(_ o: inout Value, resource: APIResource) {
        let r = resource.groupResource
        if generationTracked.contains(r) { o.editMetadata { $0.set("generation", 1) } }
        if r == "daemonsets.apps" { setTemplateGeneration(&o, max(templateGeneration(o) ?? 0, 1)) }
        guard statusSubresource.contains(r) else { return }
        switch r {
        case "pods":
            // pkg/registry/core/pod/strategy.go: Status = {Phase: Pending, QOSClass: GetPodQOS(pod)}.
            o.set("status", ["phase": "Pending", "qosClass": .string(podQOS(o["spec"] ?? .null))])
        case "namespaces":
            o.set("status", ["phase": "Active"])
        case "replicasets.apps":
            o.set("status", ["replicas": 0]) // ReplicaSetStatus.Replicas has no omitempty
        case "statefulsets.apps":
            o.set("status", ["replicas": 0, "availableReplicas": 0])
        case "daemonsets.apps":
            o.set("status", ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0])
        case "horizontalpodautoscalers.autoscaling":
            o.set("status", ["desiredReplicas": 0])
        default:
            o.set("status", .mapping([]))
        }
    }

    /// `PrepareForUpdate` of the main resource: status from the stored object; generation
    /// bumped when the spec changed (Deployments also on annotation changes,
    /// pkg/registry/apps/deployment/strategy.go).
    static func prepareForUpdate(_ new: inout Value, old: Value, resource: APIResource) {
        let r = resource.groupResource
        if statusSubresource.contains(r) {
            if let status = old["status"] { new.set("status", status) } else { new.remove("status") }
        }
        if generationTracked.contains(r) {
            var generation = old.generation
            let annotationsChanged = r == "deployments.apps" && old["metadata"]?["annotations"] != new["metadata"]?["annotations"]
            if old["spec"] != new["spec"] || annotationsChanged { generation += 1 }
            new.editMetadata { $0.set("generation", .int(generation)) }
        }
        if r == "daemonsets.apps" {
            let changed = old["spec"]?["template"] != new["spec"]?["template"]
            setTemplateGeneration(&new, (templateGeneration(old) ?? 1) + (changed ? 1 : 0))
        }
    }

    /// DaemonSet `spec.templateGeneration` of the internal API, which apps/v1 carries in the
    /// annotation `deprecated.daemonset.template.generation` (pkg/apis/apps/v1/conversion.go):
    /// 1 on create (or the annotation's value when higher), +1 when an update changes the pod
    /// template, kept otherwise whatever the request says (pkg/registry/apps/daemonset/strategy.go).
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    static func templateGeneration(_ o: Value) -> Int64? {
        o["metadata"]?["annotations"]?[templateGenerationAnnotation]?.string.flatMap { Int64($0) }
    }

    static func setTemplateGeneration(_ o: inout Value, _ generation: Int64) {
        o.setAnnotation(templateGenerationAnnotation, String(generation))
    }

    /// `qos.GetPodQOS` (pkg/apis/core/helper/qos/qos.go), for cpu and memory: BestEffort
    /// when no container requests or limits anything; Guaranteed when every container has
    /// cpu and memory limits equal to its requests; Burstable otherwise.
    static func podQOS(_ spec: Value) -> String {
        let containers = (spec["containers"]?.sequence ?? []) + (spec["initContainers"]?.sequence ?? [])
        var any = false
        var guaranteed = true
        for c in containers {
            let requests = c["resources"]?["requests"], limits = c["resources"]?["limits"]
            for name in ["cpu", "memory"] {
                let request = quantity(requests?[name]), limit = quantity(limits?[name])
                if request.map({ !$0.isZero }) == true || limit.map({ !$0.isZero }) == true { any = true }
                guard let limit else { guaranteed = false; continue }
                if let request, request < limit || limit < request { guaranteed = false }
            }
        }
        if !any { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    private static func quantity(_ v: Value?) -> Quantity? {
        guard let v else { return nil }
        let text = v.string ?? v.int.map(String.init) ?? v.double.map { String($0) }
        return text.flatMap { try? Quantity(parsing: $0) }
    }
}
