/// The registry of kinds the simulated cluster serves.
///
/// Names, short names and scope are the ones the real apiserver publishes, as
/// `kubectl api-resources` prints them; upstream each comes from the resource's REST storage
/// (`ShortNames()` in kubernetes/pkg/registry/<group>/<resource>/storage/storage.go, e.g.
/// `deployment/storage/storage.go` returns `[]string{"deploy"}`, `core/service/storage`
/// `[]string{"svc"}`, `core/resourcequota/storage` `[]string{"quota"}`,
/// `core/limitrange/storage` `[]string{"limits"}`).
///
/// Order matters: when a name matches several entries (`hpa` in autoscaling/v2 and v1,
/// `events` in the core group and events.k8s.io), the first one listed is the one kubectl
/// picks — the legacy core group first, then the preferred version of each group
/// (discovery order, k8s.io/client-go/restmapper `NewDiscoveryRESTMapper`).
public enum Kinds {
    public static let all: [APIResource] = [
        core("Namespace", "namespaces", ["ns"], namespaced: false, "V1Namespace"),
        core("Node", "nodes", ["no"], namespaced: false, "V1Node"),
        core("Pod", "pods", ["po"], namespaced: true, "V1Pod"),
        core("Service", "services", ["svc"], namespaced: true, "V1Service"),
        core("Endpoints", "endpoints", ["ep"], namespaced: true, "V1Endpoints", singular: "endpoints"),
        core("ConfigMap", "configmaps", ["cm"], namespaced: true, "V1ConfigMap"),
        core("Secret", "secrets", [], namespaced: true, "V1Secret"),
        core("PersistentVolume", "persistentvolumes", ["pv"], namespaced: false, "V1PersistentVolume"),
        core("PersistentVolumeClaim", "persistentvolumeclaims", ["pvc"], namespaced: true, "V1PersistentVolumeClaim"),
        core("ServiceAccount", "serviceaccounts", ["sa"], namespaced: true, "V1ServiceAccount"),
        core("ResourceQuota", "resourcequotas", ["quota"], namespaced: true, "V1ResourceQuota"),
        core("LimitRange", "limitranges", ["limits"], namespaced: true, "V1LimitRange"),
        core("Event", "events", ["ev"], namespaced: true, "CoreV1Event"),
        APIResource(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", singular: "deployment",
                    shortNames: ["deploy"], namespaced: true, typeID: "V1Deployment"),
        APIResource(group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset",
                    shortNames: ["rs"], namespaced: true, typeID: "V1ReplicaSet"),
        APIResource(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", singular: "statefulset",
                    shortNames: ["sts"], namespaced: true, typeID: "V1StatefulSet"),
        APIResource(group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", singular: "daemonset",
                    shortNames: ["ds"], namespaced: true, typeID: "V1DaemonSet"),
        APIResource(group: "batch", version: "v1", kind: "Job", plural: "jobs", singular: "job",
                    namespaced: true, typeID: "V1Job"),
        APIResource(group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", singular: "cronjob",
                    shortNames: ["cj"], namespaced: true, typeID: "V1CronJob"),
        APIResource(group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler",
                    plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler",
                    shortNames: ["hpa"], namespaced: true, typeID: "V2HorizontalPodAutoscaler"),
        APIResource(group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler",
                    plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler",
                    shortNames: ["hpa"], namespaced: true, typeID: "V1HorizontalPodAutoscaler"),
        APIResource(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices",
                    singular: "endpointslice", namespaced: true, typeID: "V1EndpointSlice"),
        APIResource(group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses",
                    singular: "ingress", shortNames: ["ing"], namespaced: true, typeID: "V1Ingress"),
        APIResource(group: "networking.k8s.io", version: "v1", kind: "IngressClass", plural: "ingressclasses",
                    singular: "ingressclass", namespaced: false, typeID: "V1IngressClass"),
        APIResource(group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies",
                    singular: "networkpolicy", shortNames: ["netpol"], namespaced: true, typeID: "V1NetworkPolicy"),
        APIResource(group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets",
                    singular: "poddisruptionbudget", shortNames: ["pdb"], namespaced: true,
                    typeID: "V1PodDisruptionBudget"),
        rbac("Role", "roles", namespaced: true),
        rbac("RoleBinding", "rolebindings", namespaced: true),
        rbac("ClusterRole", "clusterroles", namespaced: false),
        rbac("ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        APIResource(group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses",
                    singular: "storageclass", shortNames: ["sc"], namespaced: false, typeID: "V1StorageClass"),
        APIResource(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", singular: "event",
                    shortNames: ["ev"], namespaced: true, typeID: "EventsV1Event"),
    ]

    private static func core(_ kind: String, _ plural: String, _ short: [String], namespaced: Bool,
                             _ typeID: String, singular: String? = nil) -> APIResource {
        APIResource(group: "", version: "v1", kind: kind, plural: plural, singular: singular ?? kind.lowercased(),
                    shortNames: short, namespaced: namespaced, typeID: typeID)
    }

    private static func rbac(_ kind: String, _ plural: String, namespaced: Bool) -> APIResource {
        APIResource(group: "rbac.authorization.k8s.io", version: "v1", kind: kind, plural: plural,
                    singular: kind.lowercased(), namespaced: namespaced, typeID: "V1" + kind)
    }

    private static let byGroupVersionKind: [String: APIResource] = {
        var index: [String: APIResource] = [:]
        for resource in all { index[resource.apiVersion + " " + resource.kind] = resource }
        return index
    }()

    /// The resource for an object's `apiVersion` and `kind`, exactly as written (kinds are
    /// case-sensitive for the apiserver: `deployment` matches nothing).
    public static func resource(apiVersion: String, kind: String) -> APIResource? {
        byGroupVersionKind[apiVersion + " " + kind]
    }

    /// Every served version of a kind, preferred first (`HorizontalPodAutoscaler` →
    /// autoscaling/v2, autoscaling/v1).
    public static func resources(kind: String) -> [APIResource] {
        all.filter { $0.kind == kind }
    }
}
