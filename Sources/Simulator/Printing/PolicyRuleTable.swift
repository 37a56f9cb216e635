/// The rules table of `kubectl auth can-i --list` and of `kubectl describe role|clusterrole`
/// (k8s.io/kubectl/pkg/util/rbac/rbac.go, cmd/auth/cani.go `printStatus`, describe.go
/// `RoleDescriber` and `CombineResourceGroup`):
///
/// 1. each rule is broken down into rules of one group, one resource, one verb and at most
///    one resource name (`BreakdownRule`; non-resource URLs: one URL, one verb);
/// 2. rules that differ only in their verb are merged back (`CompactRules`: one group, one
///    resource, at most one name), the verbs in the order they came, repeats included;
/// 3. the result is sorted by the generated `String()` of the rule, which starts with the
///    verbs: `[create]` rows come before `[get list watch]`, which come before `[get]`;
/// 4. each row is `resource.group/subresource`, `[URLs]`, `[names]`, `[verbs]`, aligned as
///    kubectl's tables are.
public enum PolicyRuleTable {
    /// `auth can-i --list`: a table (kubectl's table settings), with or without headers.
    public static func text(_ rules: [PolicyRule], headers: Bool) -> String {
        var w = TabWriter.table()
        if headers { w.write("Resources\tNon-Resource URLs\tResource Names\tVerbs\n") }
        for row in rows(rules) { w.write(row + "\n") }
        return w.finish()
    }

    /// Steps 1–4: one tab-separated row per compacted rule, in kubectl's order.
    public static func rows(_ rules: [PolicyRule]) -> [String] {
        let compacted = compact(rules.flatMap(breakdown))
        let sorted = compacted.enumerated().sorted { a, b in
            let x = a.element.goString, y = b.element.goString
            return x == y ? a.offset < b.offset : x.utf8.lexicographicallyPrecedes(y.utf8)
        }.map(\.element)
        return sorted.map { r in
            "\(combine(r.resources, r.apiGroups))\t\(list(r.nonResourceURLs))\t\(list(r.resourceNames))\t\(list(r.verbs))"
        }
    }

    /// `BreakdownRule`.
    static func breakdown(_ rule: PolicyRule) -> [PolicyRule] {
        var rules: [PolicyRule] = []
        for group in rule.apiGroups {
            for resource in rule.resources {
                for verb in rule.verbs {
                    if rule.resourceNames.isEmpty {
                        rules.append(PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource]))
                    } else {
                        for name in rule.resourceNames {
                            rules.append(PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name]))
                        }
                    }
                }
            }
        }
        for url in rule.nonResourceURLs {
            for verb in rule.verbs { rules.append(PolicyRule(verbs: [verb], nonResourceURLs: [url])) }
        }
        return rules
    }

    /// `CompactRules`: simple rules (one group, one resource, at most one name, no URLs)
    /// merged by (group, resource, name); the others kept as they are. Upstream appends the
    /// merged rules after the others in map order; the stable sort that follows makes the
    /// order irrelevant except between equal rows.
    static func compact(_ rules: [PolicyRule]) -> [PolicyRule] {
        struct Simple: Hashable { var group: String, resource: String, name: String? }
        var others: [PolicyRule] = []
        var merged: [Simple: PolicyRule] = [:]
        var order: [Simple] = []
        for r in rules {
            guard r.resourceNames.count <= 1, r.nonResourceURLs.isEmpty, r.apiGroups.count == 1, r.resources.count == 1 else {
                others.append(r)
                continue
            }
            let key = Simple(group: r.apiGroups[0], resource: r.resources[0], name: r.resourceNames.first)
            if merged[key] == nil {
                merged[key] = r
                order.append(key)
            } else {
                merged[key]!.verbs += r.verbs
            }
        }
        return others + order.compactMap { merged[$0] }
    }

    /// `CombineResourceGroup`: `deployments.apps/scale`, `pods`, or empty for URL rules.
    static func combine(_ resources: [String], _ groups: [String]) -> String {
        guard let first = resources.first else { return "" }
        let parts = first.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var text = String(parts[0])
        if let group = groups.first, !group.isEmpty { text += "." + group }
        if parts.count == 2 { text += "/" + parts[1] }
        return text
    }

    /// Go's `%v` of a string slice.
    static func list(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }
}
