import KubeAPI
import YAML

/// describe.go `describeNode`, `describeNodeLease`, `describeNodeResource`,
/// `getPodsTotalRequestsAndLimits` (k8s.io/kubectl/pkg/describe/describe.go) and the pod
/// totals of k8s.io/kubectl/pkg/util/resource `PodRequestsAndLimits`.
///
/// Example, a 4-CPU/8Gi worker running two pods that each request `100m`/`128Mi` with
/// limits `500m`/`256Mi`: each pod's row reads `100m (2%)  500m (12%)  128Mi (1%)  256Mi (3%)`
/// (percentages of allocatable, truncated: 100/4000 = 2.5 → 2), and `Allocated resources`
/// adds them up: `cpu 200m (5%) 1 (25%)`, `memory 256Mi (3%) 512Mi (6%)`.
extension Describer {
    /// `pods` are the node's non-terminated pods (phase neither Succeeded nor Failed), in the
    /// API's list order (namespace, then name); `lease` is its Lease in kube-node-lease, nil
    /// when there is none.
    static func node(_ o: Value, pods: [Value], lease: Value?, now: Timestamp, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        let roles = nodeRoles(o.stringMap("metadata", "labels"))
        w.write(0, "Roles:\t\(roles.isEmpty ? "<none>" : roles.joined(separator: ","))\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        // The simulator's own mark of a stopped kubelet is not something a real node carries.
        w.annotations(o.stringMap("metadata", "annotations").filter { $0.key != SchedulerCache.kubeletStoppedAnnotation })
        w.write(0, "CreationTimestamp:\t\(time(o.creationTimestamp) ?? "Thu, 01 Jan 1970 00:00:00 +0000")\n")
        taints(o.seq("spec", "taints"), &w)
        w.write(0, "Unschedulable:\t\(o.at("spec", "unschedulable")?.bool == true)\n")
        if let lease {
            // describeNodeLease
            w.write(0, "Lease:\n")
            w.write(1, "HolderIdentity:\t\(lease.str("spec", "holderIdentity").nonEmpty ?? "<unset>")\n")
            w.write(1, "AcquireTime:\t\(time(lease.at("spec", "acquireTime")) ?? "<unset>")\n")
            w.write(1, "RenewTime:\t\(time(lease.at("spec", "renewTime")) ?? "<unset>")\n")
        } else {
            w.write(0, "Lease:\tFailed to get lease: leases.coordination.k8s.io \"\(o.name)\" not found\n")
        }
        let conditions = o.seq("status", "conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions {
                let heartbeat = time(c["lastHeartbeatTime"]) ?? "Mon, 01 Jan 0001 00:00:00 +0000"
                let transition = time(c["lastTransitionTime"]) ?? "Mon, 01 Jan 0001 00:00:00 +0000"
                w.write(1, "\(c.str("type")) \t\(c.str("status")) \t\(heartbeat) \t\(transition) \t\(c.str("reason")) \t\(c.str("message"))\n")
            }
        }
        w.write(0, "Addresses:\n")
        for a in o.seq("status", "addresses") { w.write(1, "\(a.str("type")):\t\(a.str("address"))\n") }
        for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
            let list = resourceList(o.at("status", key))
            guard !list.isEmpty else { continue }
            w.write(0, "\(title):\n")
            for (name, q) in list { w.write(0, "  \(name):\t\(q.canonical)\n") }
        }
        let info = o.at("status", "nodeInfo") ?? .null
        w.write(0, "System Info:\n")
        for (title, key) in [("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                             ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"), ("Operating System", "operatingSystem"),
                             ("Architecture", "architecture"), ("Container Runtime Version", "containerRuntimeVersion"),
                             ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion")] {
            w.write(0, "  \(title):\t\(info.str(key))\n")
        }
        if let cidr = o.str("spec", "podCIDR").nonEmpty { w.write(0, "PodCIDR:\t\(cidr)\n") }
        let cidrs = o.seq("spec", "podCIDRs").compactMap(\.string)
        if !cidrs.isEmpty { w.write(0, "PodCIDRs:\t\(cidrs.joined(separator: ","))\n") }
        if let id = o.str("spec", "providerID").nonEmpty { w.write(0, "ProviderID:\t\(id)\n") }
        nodeResources(o, pods: pods, now: now, &w)
    }

    /// `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`,
    /// sorted and without repeats.
    static func nodeRoles(_ labels: [(key: String, value: String)]) -> [String] {
        var roles = Set<String>()
        for (k, v) in labels {
            if k.hasPrefix("node-role.kubernetes.io/") {
                let role = String(k.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if k == "kubernetes.io/role" && !v.isEmpty {
                roles.insert(v)
            }
        }
        return roles.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `printNodeTaintsMultiline`: sorted by `effect,key`, each as `Taint.ToString()`.
    static func taints(_ list: [Value], _ w: inout PrefixWriter) {
        w.write(0, "Taints:\t")
        if list.isEmpty { w.write(0, "<none>\n"); return }
        let sorted = list.enumerated().sorted { a, b in
            let x = a.element.str("effect") + "," + a.element.str("key"), y = b.element.str("effect") + "," + b.element.str("key")
            return x == y ? a.offset < b.offset : x.utf8.lexicographicallyPrecedes(y.utf8)
        }.map(\.element)
        for (i, t) in sorted.enumerated() {
            if i != 0 { w.write(0, "\t") }
            let (key, value, effect) = (t.str("key"), t.str("value"), t.str("effect"))
            let text: String
            if effect.isEmpty {
                text = value.isEmpty ? key : "\(key)=\(value):"
            } else {
                text = value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)"
            }
            w.write(0, text + "\n")
        }
    }

    /// A `ResourceList` sorted by name (`SortableResourceNames`), values parsed as quantities.
    static func resourceList(_ v: Value?) -> [(name: String, quantity: Quantity)] {
        guard case .mapping(let pairs)? = v else { return [] }
        return pairs.compactMap { pair -> (String, Quantity)? in
            guard let name = pair.key.string, let q = PodResources.quantity(pair.value) else { return nil }
            return (name, q)
        }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    /// `describeNodeResource`: one row per pod and the totals, as percentages of allocatable
    /// (capacity when allocatable is empty), truncated toward zero like Go's `int64(float)`.
    static func nodeResources(_ node: Value, pods: [Value], now: Timestamp, _ w: inout PrefixWriter) {
        var allocatable: [String: Quantity] = [:]
        let list = resourceList(node.at("status", "allocatable")).isEmpty ? resourceList(node.at("status", "capacity"))
                                                                         : resourceList(node.at("status", "allocatable"))
        for (name, q) in list { allocatable[name] = q }
        let allocCPU = allocatable["cpu"]?.milliValue ?? 0
        let allocMemory = allocatable["memory"]?.value ?? 0
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        var requests: [String: Quantity] = [:], limits: [String: Quantity] = [:]
        for pod in pods {
            let (req, lim) = podRequestsAndLimits(pod)
            for (name, q) in req { requests[name] = requests[name].map { $0.adding(q) } ?? q }
            for (name, q) in lim { limits[name] = limits[name].map { $0.adding(q) } ?? q }
            func cell(_ q: Quantity?, milli: Bool, of total: Int64) -> String {
                let q = q ?? .zero
                return "\(q.canonical) (\(percent(milli ? q.milliValue : q.value, of: total))%)"
            }
            w.write(1, "\(pod.namespace)\t\(pod.name)\t\t\(cell(req["cpu"], milli: true, of: allocCPU))\t\(cell(lim["cpu"], milli: true, of: allocCPU))\t"
                       + "\(cell(req["memory"], milli: false, of: allocMemory))\t\(cell(lim["memory"], milli: false, of: allocMemory))\t"
                       + "\(HumanDuration.since(pod.creationTimestamp, now: now))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        // The totals' percentages are 0 when the node has none of the resource.
        func row(_ name: String, milli: Bool) {
            let total = milli ? allocatable[name]?.milliValue ?? 0 : allocatable[name]?.value ?? 0
            let (r, l) = (requests[name] ?? .zero, limits[name] ?? .zero)
            func share(_ q: Quantity) -> Int64 { total == 0 ? 0 : percent(milli ? q.milliValue : q.value, of: total) }
            w.write(1, "\(name)\t\(r.canonical) (\(share(r))%)\t\(l.canonical) (\(share(l))%)\n")
        }
        row("cpu", milli: true)
        row("memory", milli: false)
        row("ephemeral-storage", milli: false)
        let names = allocatable.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names where name.hasPrefix("hugepages-") { row(name, milli: false) }
        // Extended resources (neither standard container resources nor pods): no percentages.
        for name in names where !["cpu", "memory", "ephemeral-storage", "pods"].contains(name) && !name.hasPrefix("hugepages-") {
            w.write(1, "\(name)\t\((requests[name] ?? .zero).canonical)\t\((limits[name] ?? .zero).canonical)\n")
        }
    }

    /// `int64(float64(part) / float64(total) * 100)`; Go turns the ±Inf and NaN of a zero
    /// total into the smallest int64 on amd64.
    static func percent(_ part: Int64, of total: Int64) -> Int64 {
        let f = Double(part) / Double(total) * 100
        guard f.isFinite, f > -9.2e18, f < 9.2e18 else { return Int64.min }
        return Int64(f)
    }

    /// k8s.io/kubectl/pkg/util/resource `PodRequestsAndLimits`: containers add up;
    /// restartable (sidecar) init containers add up too and stay for the later init
    /// containers; the total is raised to the largest init container (with the sidecars
    /// started before it); `spec.overhead` is added to the requests and to the limits that
    /// are set and non-zero.
    static func podRequestsAndLimits(_ pod: Value) -> (requests: [String: Quantity], limits: [String: Quantity]) {
        let spec = pod["spec"] ?? .null
        func collect(_ key: String) -> [String: Quantity] {
            var total: [String: Quantity] = [:]
            func add(_ list: [String: Quantity], into target: inout [String: Quantity]) {
                for (name, q) in list.sorted(by: { $0.key < $1.key }) { target[name] = target[name].map { $0.adding(q) } ?? q }
            }
            func raise(_ target: inout [String: Quantity], to list: [String: Quantity]) {
                for (name, q) in list where target[name].map({ q > $0 }) ?? true { target[name] = q }
            }
            // A container's status may carry what the kubelet allocated after an in-place
            // resize; requests count the larger of the two (`getResourceList`).
            let allocated = Dictionary(pod.seq("status", "containerStatuses").map { ($0.str("name"), $0["allocatedResources"]) },
                                       uniquingKeysWith: { a, _ in a })
            for c in spec.seq("containers") {
                var own = Dictionary(resourceList(c.at("resources", key)), uniquingKeysWith: { a, _ in a })
                if key == "requests", let extra = allocated[c.str("name")] { raise(&own, to: Dictionary(resourceList(extra), uniquingKeysWith: { a, _ in a })) }
                add(own, into: &total)
            }
            var sidecars: [String: Quantity] = [:], initMax: [String: Quantity] = [:]
            for c in spec.seq("initContainers") {
                let own = Dictionary(resourceList(c.at("resources", key)), uniquingKeysWith: { a, _ in a })
                if c.str("restartPolicy") == "Always" {
                    add(own, into: &total)
                    add(own, into: &sidecars)
                    raise(&initMax, to: sidecars)
                } else {
                    var running = own
                    add(sidecars, into: &running)
                    raise(&initMax, to: running)
                }
            }
            raise(&total, to: initMax)
            return total
        }
        var requests = collect("requests"), limits = collect("limits")
        for (name, q) in resourceList(spec["overhead"]) {
            requests[name] = requests[name].map { $0.adding(q) } ?? q
            if let l = limits[name], !l.isZero { limits[name] = l.adding(q) }
        }
        return (requests, limits)
    }
}
