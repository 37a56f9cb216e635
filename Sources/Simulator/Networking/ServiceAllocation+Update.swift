import KubeAPI
import YAML

// Update-time preparation of a Service (pkg/registry/core/service/strategy.go and storage.go).
extension ServiceAllocation {
    /// strategy.go `dropTypeDependentFields` (run by `PrepareForUpdate`): a Service changed to a
    /// type that no longer uses a field the apiserver may have filled in, and whose value the
    /// user did not change, loses it — so `kubectl apply` of a NodePort Service turned
    /// ClusterIP drops the allocated NodePorts instead of failing validation.
    static func dropTypeDependentFields(_ new: inout Value, old: Value) {
        let oldSpec = old["spec"] ?? .mapping([])
        let current = new
        new.edit("spec") { spec in
            if needsClusterIP(old) && !needsClusterIP(current) {
                if spec["clusterIP"] == oldSpec["clusterIP"] && spec["clusterIPs"] == oldSpec["clusterIPs"] {
                    spec.remove("clusterIP"); spec.remove("clusterIPs")
                }
                if spec["ipFamilies"] == oldSpec["ipFamilies"] { spec.remove("ipFamilies") }
                if spec["ipFamilyPolicy"] == oldSpec["ipFamilyPolicy"] { spec.remove("ipFamilyPolicy") }
            }
            if needsNodePort(old) && !needsNodePort(current) && Set(nodePorts(old)) == Set(nodePorts(current)) {
                let ports = (spec["ports"]?.sequence ?? []).map { p -> Value in var p = p; p.remove("nodePort"); return p }
                if !ports.isEmpty { spec.set("ports", .sequence(ports)) }
            }
            if needsHealthCheck(old) && !needsHealthCheck(current) && spec["healthCheckNodePort"] == oldSpec["healthCheckNodePort"] {
                spec.remove("healthCheckNodePort")
            }
            if oldSpec["type"]?.string == "LoadBalancer" && spec["type"]?.string != "LoadBalancer",
               let a = spec["allocateLoadBalancerNodePorts"], a == oldSpec["allocateLoadBalancerNodePorts"] {
                spec.remove("allocateLoadBalancerNodePorts")
            }
            if needsNodePort(old) && !needsNodePort(current) && spec["externalTrafficPolicy"] == oldSpec["externalTrafficPolicy"] {
                spec.remove("externalTrafficPolicy")
            }
        }
    }

    /// storage.go `patchAllocatedValues`: an update that leaves out the allocated clusterIP(s),
    /// NodePorts (matched by port name) or health-check port keeps the stored ones.
    static func patchAllocatedValues(_ new: inout Value, old: Value) {
        if needsClusterIP(old) && needsClusterIP(new) {
            new.edit("spec") { spec in
                if (spec["clusterIP"]?.string ?? "").isEmpty, let ip = old["spec"]?["clusterIP"] { spec.set("clusterIP", ip) }
                let ips = (spec["clusterIPs"]?.sequence ?? []).compactMap(\.string)
                if ips.isEmpty || ips[0].isEmpty, let oldIPs = old["spec"]?["clusterIPs"] { spec.set("clusterIPs", oldIPs) }
            }
        }
        if needsNodePort(old) && needsNodePort(new) {
            let oldPorts = old["spec"]?["ports"]?.sequence ?? []
            var ports = new["spec"]?["ports"]?.sequence ?? []
            let used = Set(nodePorts(old)).intersection(nodePorts(new))
            var byName: [String: Int64] = [:]
            for p in oldPorts { byName[p["name"]?.string ?? ""] = p["nodePort"]?.int ?? 0 }
            for i in ports.indices where (ports[i]["nodePort"]?.int ?? 0) == 0 {
                if let n = byName[ports[i]["name"]?.string ?? ""], n != 0, !used.contains(Int(n)) { ports[i].set("nodePort", .int(n)) }
            }
            if !ports.isEmpty { new.edit("spec") { $0.set("ports", .sequence(ports)) } }
        }
        if needsHealthCheck(old) && needsHealthCheck(new), (new["spec"]?["healthCheckNodePort"]?.int ?? 0) == 0,
           let hc = old["spec"]?["healthCheckNodePort"] {
            new.edit("spec") { $0.set("healthCheckNodePort", hc) }
        }
    }
}
