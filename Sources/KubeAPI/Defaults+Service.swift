import YAML

// Service defaults. Source: pkg/apis/core/v1/defaults.go (SetDefaults_Service) for type,
// sessionAffinity, port protocol/targetPort, traffic policies and
// allocateLoadBalancerNodePorts; pkg/registry/core/service/storage/alloc.go
// (initIPFamilyFields) for ipFamilies/ipFamilyPolicy on a single-stack IPv4 cluster.
// clusterIP(s) and nodePort allocation belong to the simulator.
extension Defaults {
    static func service(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfZero("sessionAffinity", "None")
            if spec["sessionAffinity"] == "None" {
                spec.set("sessionAffinityConfig", .null)
                spec = spec.removingNullField("sessionAffinityConfig")
            } else if spec["sessionAffinity"] == "ClientIP",
                      spec["sessionAffinityConfig"]?["clientIP"]?["timeoutSeconds"]?.isNull ?? true {
                spec.set("sessionAffinityConfig", ["clientIP": ["timeoutSeconds": 10800]])
            }
            spec.setFieldIfZero("type", "ClusterIP")
            spec.editEach("ports") { port in
                port.setFieldIfZero("protocol", "TCP")
                if port["targetPort"]?.isZeroScalar ?? true, let p = port["port"] {
                    port.set("targetPort", p)
                }
            }
            let type = spec["type"]?.string ?? ""
            if type == "NodePort" || type == "LoadBalancer" {
                spec.setFieldIfZero("externalTrafficPolicy", "Cluster")
            }
            if ["NodePort", "LoadBalancer", "ClusterIP"].contains(type) {
                spec.setFieldIfMissing("internalTrafficPolicy", "Cluster")
            }
            if type == "LoadBalancer" {
                spec.setFieldIfMissing("allocateLoadBalancerNodePorts", true)
            }
            if type != "ExternalName" {
                let headless = spec["clusterIP"] == "None"
                let noSelector = spec["selector"]?.isEmptyCollection ?? true
                if headless { spec.setFieldIfMissing("clusterIPs", ["None"]) }
                spec.setFieldIfMissing("ipFamilyPolicy", headless && noSelector ? "RequireDualStack" : "SingleStack")
                spec.setFieldIfMissing("ipFamilies", ["IPv4"])
            }
        }
        o.editField("status", create: true) { $0.setFieldIfMissing("loadBalancer", .mapping([])) }
    }
}

extension Value {
    /// The mapping without `key` when its value is `null`.
    func removingNullField(_ key: String) -> Value {
        guard case .mapping(let pairs) = self else { return self }
        return .mapping(pairs.filter { !($0.key == .string(key) && $0.value.isNull) })
    }
}
