import YAML

/// One rule of a Role or ClusterRole (rbac/v1 `PolicyRule`) and how it matches a request
/// (pkg/apis/rbac/v1/evaluation_helpers.go, plugin/pkg/auth/authorizer/rbac/rbac.go
/// `RuleAllows`).
///
/// A resource request matches when every part does: the verb (`*` is any verb), the API group
/// (`*` any group, `""` the core group), the resource (`*`, the exact `pods` or `pods/log`, or
/// `*/log` for the `log` subresource of anything; `pods` alone does not cover `pods/log`) and,
/// when the rule lists `resourceNames`, the request's name (a `list` or a `create` has no name,
/// so a rule with `resourceNames` never allows them). A non-resource request matches by verb
/// and path (`*`, exact, or a prefix ending in `*`: `/healthz/*`).
public struct PolicyRule: Sendable, Hashable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]

    public init(verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
                nonResourceURLs: [String] = []) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// A rule as stored (missing lists are empty).
    public init(_ value: Value) {
        func list(_ key: String) -> [String] { (value[key]?.sequence ?? []).compactMap(\.string) }
        self.init(verbs: list("verbs"), apiGroups: list("apiGroups"), resources: list("resources"),
                  resourceNames: list("resourceNames"), nonResourceURLs: list("nonResourceURLs"))
    }

    /// The rule as an object field, in rbac/v1's field order, empty lists omitted.
    public var value: Value {
        var pairs: [Value.Pair] = []
        func add(_ key: String, _ list: [String]) {
            if !list.isEmpty { pairs.append(.init(key, .sequence(list.map { .string($0) }))) }
        }
        add("apiGroups", apiGroups); add("nonResourceURLs", nonResourceURLs); add("resourceNames", resourceNames)
        add("resources", resources); add("verbs", verbs)
        return .mapping(pairs)
    }

    /// `RuleAllows`.
    public func allows(_ a: AuthorizationAttributes) -> Bool {
        guard verbMatches(a.verb) else { return false }
        if !a.isResourceRequest { return nonResourceURLMatches(a.path) }
        return apiGroupMatches(a.apiGroup) && resourceMatches(a.combinedResource, subresource: a.subresource)
            && resourceNameMatches(a.name)
    }

    func verbMatches(_ verb: String) -> Bool { verbs.contains { $0 == "*" || $0 == verb } }

    func apiGroupMatches(_ group: String) -> Bool { apiGroups.contains { $0 == "*" || $0 == group } }

    func resourceMatches(_ combined: String, subresource: String) -> Bool {
        resources.contains { rule in
            if rule == "*" || rule == combined { return true }
            // `*/subresource`.
            return !subresource.isEmpty && rule.count == subresource.count + 2 && rule.hasPrefix("*/") && rule.hasSuffix(subresource)
        }
    }

    func resourceNameMatches(_ name: String) -> Bool { resourceNames.isEmpty || resourceNames.contains(name) }

    func nonResourceURLMatches(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            if rule == "*" || rule == path { return true }
            guard rule.hasSuffix("*") else { return false }
            var prefix = Substring(rule)
            while prefix.last == "*" { prefix = prefix.dropLast() }
            return path.hasPrefix(prefix)
        }
    }

    /// The generated `String()` of rbac/v1 `PolicyRule` (k8s.io/api/rbac/v1/generated.pb.go):
    /// `&PolicyRule{Verbs:[get list],APIGroups:[],Resources:[pods],ResourceNames:[],NonResourceURLs:[],}`.
    /// kubectl sorts `auth can-i --list` by this text, so verbs come first.
    public var goString: String {
        func list(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }
        return "&PolicyRule{Verbs:\(list(verbs)),APIGroups:\(list(apiGroups)),Resources:\(list(resources)),"
            + "ResourceNames:\(list(resourceNames)),NonResourceURLs:\(list(nonResourceURLs)),}"
    }
}
