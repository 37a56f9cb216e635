import YAML

/// Server-side defaulting of API objects held as `Value` trees, so that a stored object's
/// `-o yaml` looks like a real cluster's (Kubernetes v1.32, the version of the `kubectl` this
/// course is checked against, with its default feature gates).
///
/// ## Where each added field comes from
///
/// A real apiserver adds fields in four places; this type does the first three, the simulator
/// does the fourth:
///
/// 1. **Defaulting functions** (`pkg/apis/<group>/<version>/defaults.go` and `+default=` tags
///    in `k8s.io/api`), run when the request body is decoded: `replicas: 1`,
///    `strategy.rollingUpdate` 25%/25%, `imagePullPolicy`, probe thresholds…
/// 2. **Registry strategies** (`pkg/registry/<group>/<resource>/strategy.go`): Service
///    `ipFamilies`/`ipFamilyPolicy`, Namespace `spec.finalizers`.
/// 3. **Admission plugins**, for Pods only (never for pod templates): `DefaultTolerationSeconds`
///    (the two 300 s tolerations), `Priority` (`priority: 0`, `preemptionPolicy`),
///    `ServiceAccount` (`serviceAccountName: default`).
/// 4. **Allocation and bookkeeping** the simulator owns because they need state, a clock or a
///    seeded random source: `metadata.uid`, `resourceVersion`, `creationTimestamp`,
///    `generation`, Service `clusterIP(s)` and `nodePort`s, the projected
///    `kube-api-access-xxxxx` volume, Job selectors (`jobSelector(uid:)` helps), `status`.
///
/// Also added, because Go's encoder prints them even though no default sets them: `resources: {}`
/// on containers (a non-pointer struct is never omitted), `metadata.creationTimestamp: null` in
/// pod templates (a zero `metav1.Time` marshals as `null` in v1.32) and Service
/// `status.loadBalancer: {}` (set next to the defaults of each kind, marked in comments).
///
/// What `kubectl create … --dry-run=client -o yaml` prints is none of this: it is the
/// *client-side* object (with `strategy: {}`, `status: {}`, `creationTimestamp: null`), before
/// any server default. `DefaultsTests` checks that defaulting such a fixture adds exactly what a
/// real cluster adds.
public enum Defaults {
    /// Returns `object` with every server-side default for its kind applied. Unknown kinds are
    /// returned unchanged. `apiVersion` picks the group (`apps/v1` → `apps`).
    public static func apply(to object: Value, kind: String, apiVersion: String) -> Value {
        var o = object
        switch (group(of: apiVersion), kind) {
        case ("apps", "Deployment"): deployment(&o)
        case ("apps", "ReplicaSet"): replicaSet(&o)
        case ("apps", "StatefulSet"): statefulSet(&o)
        case ("apps", "DaemonSet"): daemonSet(&o)
        case ("", "ReplicationController"): replicationController(&o)
        case ("batch", "Job"): job(&o)
        case ("batch", "CronJob"): cronJob(&o)
        case ("", "Pod"): pod(&o)
        case ("", "PodTemplate"): o.editField("template") { podTemplate(&$0) }
        case ("", "Service"): service(&o)
        case ("", "PersistentVolumeClaim"): persistentVolumeClaim(&o)
        case ("", "PersistentVolume"): persistentVolume(&o)
        case ("storage.k8s.io", "StorageClass"): storageClass(&o)
        case ("", "Secret"): secret(&o)
        case ("", "Namespace"): namespace(&o)
        case ("autoscaling", "HorizontalPodAutoscaler"): horizontalPodAutoscaler(&o, version: version(of: apiVersion))
        case ("networking.k8s.io", "NetworkPolicy"): networkPolicy(&o)
        case ("networking.k8s.io", "IngressClass"): ingressClass(&o)
        default: break
        }
        return o
    }

    /// The API group of an `apiVersion` (`""` for the core group `v1`).
    static func group(of apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    static func version(of apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return apiVersion }
        return String(apiVersion[apiVersion.index(after: slash)...])
    }

    /// A pod template (`spec.template` of workloads): metadata shape plus `SetDefaults_PodSpec`
    /// and the per-field defaults inside it. Pod-only defaults (`SetDefaults_Pod`) and admission
    /// plugins do not apply to templates.
    static func podTemplate(_ template: inout Value) {
        template.editField("metadata", create: true) { $0.setFieldIfMissing("creationTimestamp", .null) }
        template.editField("spec", create: true) { podSpec(&$0) }
    }
}
