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
