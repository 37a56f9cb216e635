extension Kinds {
    /// The resource a kubectl command-line name refers to: plural, singular, short name or
    /// kind (any case: the RESTMapper lowercases, k8s.io/apimachinery/pkg/api/meta
    /// restmapper.go `coerceResourceForMatching`), optionally qualified by group
    /// (`deployment.apps`) or by version and group (`deployments.v1.apps`), as
    /// k8s.io/apimachinery/pkg/runtime/schema `ParseResourceArg` splits them.
    /// Returns the preferred version when the name is not version-qualified.
    public static func resolve(_ name: String) -> APIResource? {
        let lowered = name.lowercased()
        let parts = lowered.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        // resource.version.group
        if parts.count == 3 {
            let group = parts[2]
            if let match = all.first(where: { $0.version == parts[1] && $0.group == group && names($0).contains(parts[0]) }) {
                return match
            }
        }
        // resource.group (the group may itself contain dots)
        if parts.count >= 2 {
            let resource = parts[0]
            let group = String(lowered.dropFirst(resource.count + 1))
            if let match = all.first(where: { $0.group == group && names($0).contains(resource) }) {
                return match
            }
        }
        return all.first { names($0).contains(lowered) }
    }

    /// Every lowercase name kubectl accepts for a resource.
    static func names(_ resource: APIResource) -> [String] {
        [resource.plural, resource.singular, resource.kind.lowercased()] + resource.shortNames
    }

    /// API versions that used to serve a kind and were removed, with the Kubernetes release
    /// that removed them (kubernetes.io/docs/reference/using-api/deprecation-guide/).
    public static let removedVersions: [(apiVersion: String, kinds: [String], removedIn: String)] = [
        ("extensions/v1beta1", ["Deployment", "DaemonSet", "ReplicaSet", "NetworkPolicy"], "1.16"),
        ("apps/v1beta1", ["Deployment", "StatefulSet", "ReplicaSet"], "1.16"),
        ("apps/v1beta2", ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"], "1.16"),
        ("extensions/v1beta1", ["Ingress"], "1.22"),
        ("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], "1.22"),
        ("rbac.authorization.k8s.io/v1beta1", ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"], "1.22"),
        ("rbac.authorization.k8s.io/v1alpha1", ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"], "1.22"),
        ("storage.k8s.io/v1beta1", ["StorageClass"], "1.22"),
        ("batch/v1beta1", ["CronJob"], "1.25"),
        ("batch/v2alpha1", ["CronJob"], "1.21"),
        ("policy/v1beta1", ["PodDisruptionBudget"], "1.25"),
        ("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], "1.25"),
        ("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], "1.26"),
        ("discovery.k8s.io/v1beta1", ["EndpointSlice"], "1.25"),
        ("events.k8s.io/v1beta1", ["Event"], "1.25"),
    ]

    /// Why `kind` in `apiVersion` matches nothing, when it looks like a learner's slip.
    public static func suggestion(apiVersion: String, kind: String) -> KindSuggestion? {
        let served = resources(kind: kind)
        if let preferred = served.first {
            if let removed = removedVersions.first(where: { $0.apiVersion == apiVersion && $0.kinds.contains(kind) }) {
                return .removedVersion(removedIn: removed.removedIn, use: preferred.apiVersion)
            }
            return .wrongVersion(use: served.map(\.apiVersion))
        }
        let lowered = kind.lowercased()
        if let match = all.first(where: { names($0).contains(lowered) }) {
            return match.kind.lowercased() == lowered
                ? .wrongCase(kind: match.kind, apiVersion: match.apiVersion)
                : .resourceName(kind: match.kind, apiVersion: match.apiVersion)
        }
        var best: (distance: Int, resource: APIResource)?
        for resource in all {
            let distance = EditDistance.between(lowered, resource.kind.lowercased())
            if best == nil || distance < best!.distance { best = (distance, resource) }
        }
        if let best, best.distance <= max(1, min(3, kind.count / 4)) {
            return .typo(kind: best.resource.kind, apiVersion: best.resource.apiVersion)
        }
        return nil
    }
}

/// A guess at what the learner meant when a kind/version pair matches nothing.
public enum KindSuggestion: Sendable, Hashable {
    /// The version was removed from Kubernetes (`extensions/v1beta1` Deployment).
    case removedVersion(removedIn: String, use: String)
    /// The kind exists, in other versions.
    case wrongVersion(use: [String])
    /// Right name, wrong case (`deployment`).
    case wrongCase(kind: String, apiVersion: String)
    /// A resource name instead of the kind (`deployments`, `deploy`, `svc`).
    case resourceName(kind: String, apiVersion: String)
    /// Close to a known kind (`Deploymnet`).
    case typo(kind: String, apiVersion: String)
}

/// Damerau–Levenshtein distance (optimal string alignment) over Unicode scalars: a swap
/// of two neighbours (`Deploymnet`) counts as one edit.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
