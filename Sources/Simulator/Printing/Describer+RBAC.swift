import YAML

// kubectl describe for RBAC objects (k8s.io/kubectl/pkg/describe/describe.go `RoleDescriber`,
// `ClusterRoleDescriber`, `RoleBindingDescriber`, `ClusterRoleBindingDescriber`): no events.
extension Describer {
    static let withoutEvents: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "NetworkPolicy"]

    /// `Name`, labels, annotations, then the rules broken down, compacted and sorted as
    /// `auth can-i --list` shows them.
    static func role(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "PolicyRule:\n")
        w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
        w.write(1, "---------\t-----------------\t--------------\t-----\n")
        for row in PolicyRuleTable.rows(o.seq("rules").map(PolicyRule.init)) { w.write(1, row + "\n") }
    }

    static func roleBinding(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Role:\n")
        w.write(1, "Kind:\t\(o.str("roleRef", "kind"))\n")
        w.write(1, "Name:\t\(o.str("roleRef", "name"))\n")
        w.write(0, "Subjects:\n")
        w.write(1, "Kind\tName\tNamespace\n")
        w.write(1, "----\t----\t---------\n")
        for s in o.seq("subjects") { w.write(1, "\(s.str("kind"))\t\(s.str("name"))\t\(s.str("namespace"))\n") }
    }
}

// describe.go `ServiceAccountDescriber`, `describeServiceAccount`.
extension Describer {
    /// Name, namespace, labels, annotations, then the three secret lists under their padded
    /// headers in key order (`Image pull secrets:`, `Mountable secrets: `, `Tokens:            `):
    /// `<none>`, or one name a line with the header blanked after the first, `(not found)`
    /// after a name no Secret has. Tokens are the `kubernetes.io/service-account-token`
    /// Secrets annotated with this ServiceAccount's name and uid. `secrets`: every Secret of
    /// the namespace.
    static func serviceAccount(_ o: Value, secrets: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        let existing = Set(secrets.map(\.name))
        let tokens = secrets.filter { s in
            let a = s.stringMap("metadata", "annotations")
            return s.str("type") == "kubernetes.io/service-account-token" && a.first { $0.key == "kubernetes.io/service-account.name" }?.value == o.name
                && a.first { $0.key == "kubernetes.io/service-account.uid" }?.value == o.str("metadata", "uid")
        }.map(\.name)
        let lists: [(header: String, names: [String])] = [
            ("Image pull secrets:", o.seq("imagePullSecrets").map { $0.str("name") }),
            ("Mountable secrets: ", o.seq("secrets").map { $0.str("name") }),
            ("Tokens:            ", tokens),
        ]
        for (header, names) in lists {
            if names.isEmpty { w.write(0, "\(header)\t<none>\n"); continue }
            for (i, name) in names.enumerated() {
                w.write(0, "\(i == 0 ? header : String(repeating: " ", count: 19))\t\(name)\(existing.contains(name) ? "" : " (not found)")\n")
            }
        }
    }
}
