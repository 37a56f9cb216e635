import YAML

/// describe.go `describeDeployment`, `describeReplicaSet`, `describeDaemonSet`,
/// `DescribePodTemplate`, `describeService`.
extension Describer {
    static func deployment(_ o: Value, _ replicaSets: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.write(0, "CreationTimestamp:\t\(time(o.creationTimestamp) ?? "")\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Selector:\t\(o.at("spec", "selector").map(SelectorFormat.string) ?? "")\n")
        w.write(0, "Replicas:\t\(o.int("spec", "replicas")) desired | \(o.int("status", "updatedReplicas")) updated | \(o.int("status", "replicas")) total | \(o.int("status", "availableReplicas")) available | \(o.int("status", "unavailableReplicas")) unavailable\n")
        w.write(0, "StrategyType:\t\(o.str("spec", "strategy", "type"))\n")
        w.write(0, "MinReadySeconds:\t\(o.int("spec", "minReadySeconds"))\n")
        if let ru = o.at("spec", "strategy", "rollingUpdate"), !ru.isNull {
            func s(_ v: Value?) -> String { v?.string ?? v?.int.map(String.init) ?? "<nil>" }
            w.write(0, "RollingUpdateStrategy:\t\(s(ru["maxUnavailable"])) max unavailable, \(s(ru["maxSurge"])) max surge\n")
        }
        podTemplate(o.at("spec", "template") ?? .null, &w)
        conditions(o, &w)
        // kubectl's deploymentutil.GetAllReplicaSets (k8s.io/kubectl/pkg/util/deployment):
        // by creation time, the new one is the oldest whose template equals the Deployment's
        // (pod-template-hash aside), so a paused Deployment with an edited template has none;
        // the old ones listed are those with spec.replicas ≠ 0.
        let sorted = replicaSets.sorted { a, b in
            let (x, y) = (a.str("metadata", "creationTimestamp"), b.str("metadata", "creationTimestamp"))
            return x == y ? a.name.utf8.lexicographicallyPrecedes(b.name.utf8) : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        let template = o.at("spec", "template") ?? .null
        let newRS = sorted.first { DeploymentUtil.equalIgnoringHash($0.at("spec", "template") ?? .null, template) }
        let old = sorted.filter { $0.name != newRS?.name && $0.int("spec", "replicas") != 0 }
        func rsText(_ rs: Value) -> String { "\(rs.name) (\(rs.int("status", "replicas"))/\(rs.int("spec", "replicas")) replicas created)" }
        w.write(0, "OldReplicaSets:\t\(old.isEmpty ? "<none>" : old.map(rsText).joined(separator: ", "))\n")
        w.write(0, "NewReplicaSet:\t\(newRS.map(rsText) ?? "<none>")\n")
    }

    static func conditions(_ o: Value, _ w: inout PrefixWriter) {
        let list = o.seq("status", "conditions")
        guard !list.isEmpty else { return }
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in list { w.write(1, "\(c.str("type")) \t\(c.str("status"))\t\(c.str("reason"))\n") }
    }

    /// `describeReplicaSet`; `Pods Status` counts the controlled pods by phase
    /// (`getPodStatusForController`: Running, Pending as waiting, Succeeded, Failed).
    static func replicaSet(_ o: Value, pods: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.write(0, "Selector:\t\(SelectorFormat.format(o.at("spec", "selector")))\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        if let c = controller(o) { w.write(0, "Controlled By:\t\(c)\n") }
        w.write(0, "Replicas:\t\(o.int("status", "replicas")) current / \(o.int("spec", "replicas")) desired\n")
        let phases = pods.map { $0.str("status", "phase") }
        func count(_ phase: String) -> Int { phases.filter { $0 == phase }.count }
        w.write(0, "Pods Status:\t\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed\n")
        podTemplate(o.at("spec", "template") ?? .null, &w)
        conditions(o, &w)
    }

    /// `describeDaemonSet`, with `getPodStatusForController`'s counts of the pods it controls
    /// (Pending counts as Waiting).
    static func daemonSet(_ o: Value, pods: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.write(0, "Selector:\t\(o.at("spec", "selector").map(SelectorFormat.string) ?? "")\n")
        w.write(0, "Node-Selector:\t\(GoFormat.labels(o.stringMap("spec", "template", "spec", "nodeSelector")))\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Desired Number of Nodes Scheduled: \(o.int("status", "desiredNumberScheduled"))\n")
        w.write(0, "Current Number of Nodes Scheduled: \(o.int("status", "currentNumberScheduled"))\n")
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(o.int("status", "updatedNumberScheduled"))\n")
        w.write(0, "Number of Nodes Scheduled with Available Pods: \(o.int("status", "numberAvailable"))\n")
        w.write(0, "Number of Nodes Misscheduled: \(o.int("status", "numberMisscheduled"))\n")
        func count(_ phase: String) -> Int { pods.filter { $0.str("status", "phase") == phase }.count }
        w.write(0, "Pods Status:\t\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed\n")
        podTemplate(o.at("spec", "template") ?? .null, &w)
    }

    /// `DescribePodTemplate`: the pod's fields one level in, container names at level 2 with
    /// a leading space. The titles carry the indent (`printLabelsMultiline(w, "  Labels", …)`),
    /// so continuation lines start with a bare tab; annotations print as `key: value`
    /// (`printAnnotationsMultiline`).
    static func podTemplate(_ t: Value, _ w: inout PrefixWriter) {
        w.write(0, "Pod Template:\n")
        w.labels("  Labels", t.stringMap("metadata", "labels"))
        let annotations = t.stringMap("metadata", "annotations")
        if !annotations.isEmpty { w.annotations(annotations, title: "  Annotations") }
        let spec = t["spec"] ?? .null
        if let sa = spec.str("serviceAccountName").nonEmpty { w.write(1, "Service Account:\t\(sa)\n") }
        if !spec.seq("initContainers").isEmpty { containers("Init Containers", spec.seq("initContainers"), [], space: "  ", &w) }
        containers("Containers", spec.seq("containers"), [], space: "  ", &w)
        volumes(spec.seq("volumes"), space: "  ", &w)
        w.labels("  Node-Selectors", spec.stringMap("nodeSelector"))
        tolerations(spec.seq("tolerations"), title: "  Tolerations", &w)
    }

    /// history.go `printTemplate`: `DescribePodTemplate` through a bare `PrefixWriter` (no
    /// tabwriter, so the tabs stay), as `kubectl rollout history --revision=N` prints it.
    public static func podTemplateText(_ template: Value) -> String {
        var w = PrefixWriter(aligned: false)
        podTemplate(template, &w)
        return w.finish()
    }

    static func service(_ o: Value, _ endpoints: Value?, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Selector:\t\(GoFormat.labels(o.stringMap("spec", "selector")))\n")
        w.write(0, "Type:\t\(o.str("spec", "type"))\n")
        if let p = o.str("spec", "ipFamilyPolicy").nonEmpty { w.write(0, "IP Family Policy:\t\(p)\n") }
        let families = o.seq("spec", "ipFamilies").compactMap(\.string)
        // describe.go describeService: both lines are always there, `<none>` when empty (an
        // ExternalName Service has neither families nor cluster IPs).
        w.write(0, "IP Families:\t\(families.isEmpty ? "<none>" : families.joined(separator: ","))\n")
        let clusterIPs = o.seq("spec", "clusterIPs").compactMap(\.string)
        w.write(0, "IP:\t\(o.str("spec", "clusterIP"))\n")
        w.write(0, "IPs:\t\(clusterIPs.isEmpty ? "<none>" : clusterIPs.joined(separator: ","))\n")
        let externalIPs = o.seq("spec", "externalIPs").compactMap(\.string)
        if !externalIPs.isEmpty { w.write(0, "External IPs:\t\(externalIPs.joined(separator: ","))\n") }
        if let ip = o.str("spec", "loadBalancerIP").nonEmpty { w.write(0, "Desired LoadBalancer IP:\t\(ip)\n") }
        if let e = o.str("spec", "externalName").nonEmpty { w.write(0, "External Name:\t\(e)\n") }
        // buildIngressString: the IP with its ipMode, `172.18.255.200 (VIP)` (kubectl 1.31+).
        let lb = o.seq("status", "loadBalancer", "ingress").map { i in
            i.str("ip").nonEmpty.map { ip in i.str("ipMode").nonEmpty.map { "\(ip) (\($0))" } ?? ip } ?? i.str("hostname")
        }
        if !lb.isEmpty { w.write(0, "LoadBalancer Ingress:\t\(lb.joined(separator: ", "))\n") }
        for p in o.seq("spec", "ports") {
            let name = p.str("name").nonEmpty ?? "<unset>"
            let proto = p.str("protocol")
            w.write(0, "Port:\t\(name)\t\(p.int("port"))/\(proto)\n")
            let target = p["targetPort"]?.string ?? p["targetPort"]?.int.map(String.init) ?? "0"
            w.write(0, "TargetPort:\t\(target)/\(proto)\n")
            if let app = p.str("appProtocol").nonEmpty { w.write(0, "AppProtocol:\t\(app)\n") }
            if p.int("nodePort") != 0 { w.write(0, "NodePort:\t\(name)\t\(p.int("nodePort"))/\(proto)\n") }
            w.write(0, "Endpoints:\t\(serviceEndpoints(endpoints, portName: p.str("name")))\n")
        }
        w.write(0, "Session Affinity:\t\(o.str("spec", "sessionAffinity"))\n")
        if let e = o.str("spec", "externalTrafficPolicy").nonEmpty { w.write(0, "External Traffic Policy:\t\(e)\n") }
        if let i = o.str("spec", "internalTrafficPolicy").nonEmpty { w.write(0, "Internal Traffic Policy:\t\(i)\n") }
        if o.int("spec", "healthCheckNodePort") != 0 { w.write(0, "HealthCheck NodePort:\t\(o.int("spec", "healthCheckNodePort"))\n") }
        let ranges = o.seq("spec", "loadBalancerSourceRanges").compactMap(\.string)
        if !ranges.isEmpty { w.write(0, "LoadBalancer Source Ranges:\t\(ranges.joined(separator: ","))\n") }
    }

    /// `formatEndpoints(endpoints, sets.NewString(port.Name))`, empty when there are none.
    static func serviceEndpoints(_ e: Value?, portName: String) -> String {
        guard let e else { return "" }
        var list: [String] = []
        var count = 0
        for ss in e.seq("subsets") {
            for p in ss.seq("ports") where p.str("name") == portName {
                count += ss.seq("addresses").count
                for a in ss.seq("addresses") where list.count < 3 { list.append("\(a.str("ip")):\(p.int("port"))") }
            }
        }
        return count > 3 ? list.joined(separator: ",") + " + \(count - 3) more..." : list.joined(separator: ",")
    }
}
