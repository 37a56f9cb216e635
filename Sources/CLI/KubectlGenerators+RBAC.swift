import KubeAPI
import YAML

// `kubectl create serviceaccount|role|clusterrole|rolebinding|clusterrolebinding`
// (k8s.io/kubectl/pkg/cmd/create: create_serviceaccount.go, create_role.go
// `generateResourcePolicyRules`, create_clusterrole.go, create_rolebinding.go,
// create_clusterrolebinding.go), built in the field order of the rbac/v1 Go structs.
extension KubectlGenerators {
    static let rbacGroup = "rbac.authorization.k8s.io"

    /// create_role.go `validResourceVerbs` and `specialVerbs`.
    static let validResourceVerbs: Set<String> = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy",
                                                  "deletecollection", "use", "bind", "escalate", "impersonate"]
    static let specialVerbs: [String: [(group: String, resource: String)]] = [
        "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
        "bind": [(rbacGroup, "roles"), (rbacGroup, "clusterroles")],
        "escalate": [(rbacGroup, "roles"), (rbacGroup, "clusterroles")],
        "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")],
    ]

    static func serviceAccount(_ name: String) -> Value {
        ["kind": "ServiceAccount", "apiVersion": "v1", "metadata": meta(name)]
    }

    /// `--verb` and `--resource` (comma lists, repeatable), `--resource-name` → the rules,
    /// one per API group (groups sorted): `deployments.apps/scale` is resource
    /// `deployments/scale` in group `apps`; short names become plurals (`deploy`). Returns the
    /// rules and kubectl's warnings for verbs it does not know.
    static func rules(verbs rawVerbs: [String], resources rawResources: [String], names rawNames: [String],
                      nonResourceURLs: [String] = []) throws(KubectlError) -> (rules: [Value], warnings: String) {
        var verbs: [String] = []
        for v in rawVerbs {
            if v == "*" { verbs = ["*"]; break }
            if !verbs.contains(v) { verbs.append(v) }
        }
        var resources: [(group: String, resource: String, sub: String)] = []
        for r in rawResources {
            let sections = r.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let parts = sections[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let entry = (group: parts.count == 2 ? parts[1] : "", resource: parts[0], sub: sections.count == 2 ? sections[1] : "")
            if entry.resource == "*" && parts.count == 1 && sections.count == 1 { resources = [entry]; break }
            resources.append(entry)
        }
        var names: [String] = []
        for n in rawNames where !names.contains(n) { names.append(n) }
        if verbs.isEmpty { throw .message("error: at least one verb must be specified") }
        var warnings = ""
        for v in verbs where !validResourceVerbs.contains(v) { warnings += "Warning: '\(v)' is not a standard resource verb\n" }
        if resources.isEmpty && nonResourceURLs.isEmpty { throw .message("error: at least one resource must be specified") }
        var byGroup: [String: [String]] = [:]
        for r in resources {
            if r.resource.isEmpty { throw .message("error: resource must be specified if apiGroup/subresource specified") }
            var group = r.group, plural = r.resource
            if r.resource != "*" {
                guard let known = Kinds.resolve(r.group.isEmpty ? r.resource : "\(r.resource).\(r.group)") else {
                    let type = GoText.quote(r.resource)
                    throw .message(r.group.isEmpty ? "error: the server doesn't have a resource type \(type)"
                                                   : "error: the server doesn't have a resource type \(type) in group \(GoText.quote(r.group))")
                }
                (group, plural) = (known.group, known.plural)
                for v in verbs {
                    if let allowed = specialVerbs[v], !allowed.contains(where: { $0.group == group && $0.resource == plural }) {
                        throw .message("error: can not perform '\(v)' on '\(plural)' in group '\(group)'")
                    }
                }
            }
            let full = r.sub.isEmpty ? plural : plural + "/" + r.sub
            if !(byGroup[group] ?? []).contains(full) { byGroup[group, default: []].append(full) }
        }
        func strings(_ list: [String]) -> Value { .sequence(list.map { .string($0) }) }
        var rules: [Value] = byGroup.keys.sorted().map { g in
            var rule: [Value.Pair] = [.init("verbs", strings(verbs)), .init("apiGroups", strings([g])), .init("resources", strings(byGroup[g]!))]
            if !names.isEmpty { rule.append(.init("resourceNames", strings(names))) }
            return .mapping(rule)
        }
        if !nonResourceURLs.isEmpty { rules.append(["verbs": strings(verbs), "nonResourceURLs": strings(nonResourceURLs)]) }
        return (rules, warnings)
    }

    static func role(kind: String, _ name: String, rules: [Value]) -> Value {
        ["kind": .string(kind), "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": meta(name), "rules": .sequence(rules)]
    }

    /// `--user`, `--group` and `--serviceaccount NS:NAME` subjects, in that order.
    static func binding(kind: String, _ name: String, roleKind: String, role: String, users: [String], groups: [String],
                        serviceAccounts: [String]) throws(KubectlError) -> Value {
        var subjects: [Value] = users.map { ["kind": "User", "apiGroup": .string(rbacGroup), "name": .string($0)] }
        subjects += groups.map { ["kind": "Group", "apiGroup": .string(rbacGroup), "name": .string($0)] }
        for sa in serviceAccounts {
            let parts = sa.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw .message("error: serviceaccount must be <namespace>:<name>") }
            subjects.append(["kind": "ServiceAccount", "name": .string(parts[1]), "namespace": .string(parts[0])])
        }
        var pairs: [Value.Pair] = [.init("kind", .string(kind)), .init("apiVersion", "rbac.authorization.k8s.io/v1"), .init("metadata", meta(name))]
        if !subjects.isEmpty { pairs.append(.init("subjects", .sequence(subjects))) }
        pairs.append(.init("roleRef", ["apiGroup": .string(rbacGroup), "kind": .string(roleKind), "name": .string(role)]))
        return .mapping(pairs)
    }
}
