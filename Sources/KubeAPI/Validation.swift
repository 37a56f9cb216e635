import YAML

/// Server-side validation of API objects held as (already defaulted) `Value` trees, with the
/// errors the apiserver returns: same field paths, same Go-printed values, same English
/// details, in the same order as upstream's `pkg/apis/<group>/validation/validation.go`.
///
/// Call it after `Defaults.apply`, as the apiserver does (a Job without `restartPolicy` fails
/// because defaulting set `Always`). `Validation.kubectlMessage` renders the errors as
/// `kubectl apply`/`create` prints them; `ValidationMessages` explains each in Spanish.
///
/// Not covered (the simulator or nobody checks them): admission webhooks, quota and
/// LimitRange, PodSecurity, allocation conflicts (`provided port is already allocated`), and
/// the many rarely-used fields (volumes' cloud sources, topology spread, resource claims…).
public enum Validation {
    /// Errors for creating `object`.
    public static func validate(_ object: Value, kind: String, apiVersion: String) -> [FieldError] {
        let group = Defaults.group(of: apiVersion)
        switch (group, kind) {
        case ("apps", "Deployment"): return deployment(object)
        case ("apps", "ReplicaSet"): return replicaSet(object)
        case ("apps", "StatefulSet"): return statefulSet(object)
        case ("apps", "DaemonSet"): return daemonSet(object)
        case ("batch", "Job"): return job(object)
        case ("batch", "CronJob"): return cronJob(object)
        case ("", "Pod"): return pod(object)
        case ("", "Service"): return service(object)
        case ("", "ConfigMap"): return configMap(object)
        case ("", "Secret"): return secret(object)
        case ("", "PersistentVolumeClaim"): return persistentVolumeClaim(object)
        case ("", "PersistentVolume"): return persistentVolume(object)
        case ("storage.k8s.io", "StorageClass"): return storageClass(object)
        case ("", "Namespace"): return objectMeta(object, rule: .dns1123Label, namespaced: false)
        case ("", "ServiceAccount"): return objectMeta(object, rule: .dns1123Subdomain)
        case ("", "Event"): return event(object)
        case ("networking.k8s.io", "Ingress"): return ingress(object)
        case ("autoscaling", "HorizontalPodAutoscaler"): return horizontalPodAutoscaler(object)
        // pkg/apis/rbac/validation/validation.go: `ValidateRBACName` is
        // `path.IsValidPathSegmentName`, so `system:kube-scheduler` is a valid name.
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "RoleBinding"):
            return objectMeta(object, rule: .pathSegment)
        case ("rbac.authorization.k8s.io", "ClusterRole"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            return objectMeta(object, rule: .pathSegment, namespaced: false)
        default:
            let namespaced = Kinds.resource(apiVersion: apiVersion, kind: kind)?.namespaced ?? true
            return objectMeta(object, rule: .dns1123Subdomain, namespaced: namespaced)
        }
    }

    /// Errors for replacing `old` with `new` (both defaulted): the create rules on `new` plus
    /// the immutable fields of `Validation+Update.swift`.
    public static func validateUpdate(old: Value, new: Value, kind: String, apiVersion: String) -> [FieldError] {
        objectMetaUpdate(old: old, new: new)
            + validate(new, kind: kind, apiVersion: apiVersion)
                .filter { !($0.field == "metadata.name" && $0.type == .required) }
            + immutableFields(old: old, new: new, kind: kind, group: Defaults.group(of: apiVersion))
    }

    // MARK: ObjectMeta (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go)

    /// `ValidateObjectMeta`. The namespace is filled in by the request path, so a missing one
    /// is not reported here; a namespace on a cluster-scoped kind is.
    /// A core/v1 Event: only its metadata is checked here (a namespaced DNS-1123 subdomain
    /// name), as for any kind without rules of its own; the recorder calls it directly.
    public static func event(_ object: Value) -> [FieldError] {
        objectMeta(object, rule: .dns1123Subdomain, namespaced: true)
    }

    /// `event(_:)` for an Event whose metadata holds only `name` and `namespace` (the
    /// recorder's), without building it.
    public static func event(name: String, namespace: String) -> [FieldError] {
        // The recorder writes one per event: a valid name and namespace answer without the
        // message builders.
        if name.utf8.count <= 253, namespace.utf8.count <= 63, Names.matchesDNS1123Subdomain(name), Names.matchesDNS1123Label(namespace) {
            return []
        }
        return nameAndNamespace(name: name, namespace: namespace, rule: .dns1123Subdomain, namespaced: true)
    }

    static func objectMeta(_ object: Value, rule: NameRule, namespaced: Bool = true) -> [FieldError] {
        let path = FieldPath("metadata")
        let meta = object["metadata"]
        var errs: [FieldError] = []
        if let generateName = meta?["generateName"]?.string, !generateName.isEmpty {
            errs += rule.messages(generateName, prefix: true).map { .invalid(path.child("generateName"), .string(generateName), $0) }
        }
        errs += nameAndNamespace(name: meta?["name"]?.string ?? "", namespace: meta?["namespace"]?.string ?? "", rule: rule, namespaced: namespaced)
        errs += Labels.validate(meta?["labels"], path.child("labels"))
        errs += Labels.validateAnnotations(meta?["annotations"], path.child("annotations"))
        return errs
    }

    /// The name and namespace checks of `ValidateObjectMeta`.
    static func nameAndNamespace(name: String, namespace ns: String, rule: NameRule, namespaced: Bool) -> [FieldError] {
        let path = FieldPath("metadata")
        var errs: [FieldError] = []
        if name.isEmpty {
            errs.append(.required(path.child("name"), "name or generateName is required"))
        } else {
            errs += rule.messages(name).map { .invalid(path.child("name"), .string(name), $0) }
        }
        if !ns.isEmpty {
            if namespaced {
                errs += Names.dns1123Label(ns).map { .invalid(path.child("namespace"), .string(ns), $0) }
            } else {
                errs.append(.forbidden(path.child("namespace"), "not allowed on this type"))
            }
        }
        return errs
    }

    /// `ValidateObjectMetaUpdate`: name and namespace never change.
    static func objectMetaUpdate(old: Value, new: Value) -> [FieldError] {
        var errs: [FieldError] = []
        for field in ["name", "namespace"] {
            let before = old["metadata"]?[field]?.string ?? ""
            let after = new["metadata"]?[field]?.string ?? ""
            if before != after {
                errs.append(.invalid(FieldPath("metadata").child(field), .string(after), immutable))
            }
        }
        return errs
    }

    static let immutable = "field is immutable"
    static let isNegative = "must be greater than or equal to 0"

    /// A resource amount as the decoder accepted it (a number or a quantity string); nil when
    /// it is not one (the decoder has already reported that).
    static func quantity(_ value: Value) -> Quantity? {
        switch value {
        case .int(let i): return try? Quantity(parsing: String(i))
        case .float(let d): return try? Quantity(parsing: String(d))
        case .string(let s): return try? Quantity(parsing: s)
        default: return nil
        }
    }

    static let zeroQuantity = try! Quantity(parsing: "0")

    /// `ValidateNonnegativeField` for an optional integer field.
    static func nonNegative(_ value: Value?, _ path: FieldPath) -> [FieldError] {
        guard let v = value?.int, v < 0 else { return [] }
        return [.invalid(path, .int(v), isNegative)]
    }
}
