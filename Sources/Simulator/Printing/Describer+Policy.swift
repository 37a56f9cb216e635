import YAML

/// describe.go `describePodDisruptionBudgetV1`, `describeNetworkPolicy`,
/// `describeNetworkPolicySpec`, `printNetworkPolicySpecIngressFrom`,
/// `printNetworkPolicySpecEgressTo` (k8s.io/kubectl/pkg/describe/describe.go).
extension Describer {
    /// `Min available` (or, without it, `Max unavailable`) as `IntOrString.String()`, the
    /// selector, and the status counts two levels in.
    static func podDisruptionBudget(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        if let min = o.at("spec", "minAvailable"), !min.isNull {
            w.write(0, "Min available:\t\(intOrString(min))\n")
        } else if let max = o.at("spec", "maxUnavailable"), !max.isNull {
            w.write(0, "Max unavailable:\t\(intOrString(max))\n")
        }
        if let selector = o.at("spec", "selector"), !selector.isNull {
            w.write(0, "Selector:\t\(SelectorFormat.format(selector))\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Status:\n")
        w.write(2, "Allowed disruptions:\t\(o.int("status", "disruptionsAllowed"))\n")
        w.write(2, "Current:\t\(o.int("status", "currentHealthy"))\n")
        w.write(2, "Desired:\t\(o.int("status", "desiredHealthy"))\n")
        w.write(2, "Total:\t\(o.int("status", "expectedPods"))\n")
    }

    /// `intstr.IntOrString.String()`; a missing value prints as Go prints a nil pointer's.
    static func intOrString(_ v: Value?) -> String {
        guard let v, !v.isNull else { return "<nil>" }
        return v.string ?? v.int.map(String.init) ?? ""
    }

    /// `describeNetworkPolicy` (no events: the describer never looks them up). `Created on`
    /// is `metav1.Time` printed with `%s`, Go's `time.Time.String()`.
    static func networkPolicy(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        let created = o.creationTimestamp?.string.flatMap(Timestamp.init(rfc3339:))?.goString ?? "0001-01-01 00:00:00 +0000 UTC"
        w.write(0, "Created on:\t\(created)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        let spec = o["spec"] ?? .null
        w.write(0, "Spec:\n")
        w.write(1, "PodSelector: ")
        let selector = SelectorFormat.format(spec["podSelector"])
        if selector == "<none>" {
            w.write(2, "<none> (Allowing the specific traffic to all pods in this namespace)\n")
        } else {
            w.write(2, "\(selector)\n")
        }
        let types = spec.seq("policyTypes").compactMap(\.string)
        if types.contains("Ingress") {
            w.write(1, "Allowing ingress traffic:\n")
            networkPolicyRules(spec.seq("ingress"), peers: "from", portsTitle: "To Port", peerTitle: "From",
                               none: "<none> (Selected pods are isolated for ingress connectivity)",
                               anyPeer: "From: <any> (traffic not restricted by source)", &w)
        } else {
            w.write(1, "Not affecting ingress traffic\n")
        }
        if types.contains("Egress") {
            w.write(1, "Allowing egress traffic:\n")
            networkPolicyRules(spec.seq("egress"), peers: "to", portsTitle: "To Port", peerTitle: "To",
                               none: "<none> (Selected pods are isolated for egress connectivity)",
                               anyPeer: "To: <any> (traffic not restricted by destination)", &w)
        } else {
            w.write(1, "Not affecting egress traffic\n")
        }
        w.write(1, "Policy Types: \(types.isEmpty ? "<none>" : types.joined(separator: ", "))\n")
    }

    /// The rules of one direction, each with its ports then its peers, separated by
    /// `----------`; everything carries the 4-space initial indent on top of the level.
    static func networkPolicyRules(_ rules: [Value], peers key: String, portsTitle: String, peerTitle: String,
                                   none: String, anyPeer: String, _ w: inout PrefixWriter) {
        let indent = "    "
        if rules.isEmpty {
            w.write(0, "\(indent)\(none)\n")
            return
        }
        for (i, rule) in rules.enumerated() {
            let ports = rule.seq("ports")
            if ports.isEmpty {
                w.write(0, "\(indent)To Port: <any> (traffic allowed to all ports)\n")
            }
            for p in ports {
                let proto = p.str("protocol").nonEmpty ?? "TCP"
                if let end = p["endPort"]?.int {
                    w.write(0, "\(indent)To Port Range: \(intOrString(p["port"]))-\(end)/\(proto)\n")
                } else {
                    w.write(0, "\(indent)\(portsTitle): \(intOrString(p["port"]))/\(proto)\n")
                }
            }
            let list = rule.seq(key)
            if list.isEmpty {
                w.write(0, "\(indent)\(anyPeer)\n")
            }
            for peer in list {
                w.write(0, "\(indent)\(peerTitle):\n")
                let pod = peer["podSelector"].flatMap { $0.isNull ? nil : $0 }
                let namespace = peer["namespaceSelector"].flatMap { $0.isNull ? nil : $0 }
                if let pod, let namespace {
                    w.write(1, "\(indent)NamespaceSelector: \(SelectorFormat.format(namespace))\n")
                    w.write(1, "\(indent)PodSelector: \(SelectorFormat.format(pod))\n")
                } else if let pod {
                    w.write(1, "\(indent)PodSelector: \(SelectorFormat.format(pod))\n")
                } else if let namespace {
                    w.write(1, "\(indent)NamespaceSelector: \(SelectorFormat.format(namespace))\n")
                } else if let block = peer["ipBlock"], !block.isNull {
                    w.write(1, "\(indent)IPBlock:\n")
                    w.write(2, "\(indent)CIDR: \(block.str("cidr"))\n")
                    w.write(2, "\(indent)Except: \(block.seq("except").compactMap(\.string).joined(separator: ", "))\n")
                }
            }
            if i != rules.count - 1 { w.write(0, "\(indent)----------\n") }
        }
    }
}
