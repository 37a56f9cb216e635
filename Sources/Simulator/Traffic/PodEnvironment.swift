import KubeAPI
import YAML

/// The variables `env` prints inside a container: the image's `PATH`, `HOSTNAME`, the
/// container's own variables (kubelet_pods.go `makeEnvironmentVariables`: `envFrom`, then
/// `env`), the Service variables, and `HOME`.
///
/// Service variables (pkg/kubelet/envvars/envvars.go `FromServices`): for every Service of the
/// pod's namespace with a ClusterIP that existed when the container started
/// (`enableServiceLinks`, on by default), plus `kubernetes` of `default` always: `WEB_SERVICE_HOST`,
/// `WEB_SERVICE_PORT` (the first port), `WEB_SERVICE_PORT_<NAME>` for named ports, and the
/// Docker link variables `WEB_PORT=tcp://10.96.45.12:80`, `WEB_PORT_80_TCP`, `…_PROTO`,
/// `…_PORT`, `…_ADDR`; names upper-cased with `-` as `_`.
///
/// Deviation: the runtime's order is not reproduced (the kubelet builds them from a map);
/// here `PATH`, `HOSTNAME`, the container's variables in their order, the Service variables
/// by Service name, then `HOME`. The image's own variables (`NGINX_VERSION`…) are left out.
enum PodEnvironment {
    static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    static func variables(pod: StoredObject, container: Value, state: ClusterState) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = [("PATH", path), ("HOSTNAME", PodFiles.hostname(pod.value))]
        func put(_ name: String, _ value: String) {
            if let i = out.firstIndex(where: { $0.name == name }) { out[i].value = value } else { out.append((name, value)) }
        }
        let values = (try? PodSync.environment(container, pod: pod.value, state: state)) ?? [:]
        var ordered: [String] = []
        for from in container["envFrom"]?.sequence ?? [] {
            let prefix = from["prefix"]?.string ?? ""
            for (field, resource) in [("configMapRef", "configmaps"), ("secretRef", "secrets")] {
                guard let name = from[field]?["name"]?.string,
                      let o = state[ObjectKey(resource: resource, namespace: pod.namespace, name: name)] else { continue }
                ordered += Value.strings(o.value["data"]).keys.sorted().map { prefix + $0 }
            }
        }
        ordered += (container["env"]?.sequence ?? []).compactMap { $0["name"]?.string }
        for name in ordered { if let v = values[name] { put(name, v) } }
        for (name, value) in serviceVariables(pod: pod, state: state) where values[name] == nil { put(name, value) }
        put("HOME", "/root")
        return out
    }

    /// `FromServices` over the Services the container can see.
    static func serviceVariables(pod: StoredObject, state: ClusterState) -> [(String, String)] {
        let started = (pod.value["status"]?["startTime"]?.string).flatMap(VirtualTime.init(rfc3339:))
        let links = pod.value["spec"]?["enableServiceLinks"]?.bool ?? true
        var services = links ? state.list(ServiceEndpoints.services, namespace: pod.namespace) : []
        if pod.namespace != "default" || !links,
           let master = state[ObjectKey(resource: ServiceEndpoints.services, namespace: "default", name: "kubernetes")] {
            services.append(master)
        }
        services = services.filter { svc in
            let created = (svc.value["metadata"]?["creationTimestamp"]?.string).flatMap(VirtualTime.init(rfc3339:))
            return started == nil || created == nil || created! <= started!
        }.sorted { $0.name < $1.name }
        var out: [(String, String)] = []
        for svc in services {
            let ip = svc.value["spec"]?["clusterIP"]?.string ?? ""
            let ports = svc.value["spec"]?["ports"]?.sequence ?? []
            guard !ip.isEmpty, ip != "None", let first = ports.first?["port"]?.int else { continue }
            let prefix = svc.name.uppercased().replacingAll("-", with: "_")
            out.append((prefix + "_SERVICE_HOST", ip))
            out.append((prefix + "_SERVICE_PORT", String(first)))
            for p in ports {
                if let name = p["name"]?.string, !name.isEmpty, let n = p["port"]?.int {
                    out.append((prefix + "_SERVICE_PORT_" + name.uppercased().replacingAll("-", with: "_"), String(n)))
                }
            }
            for (i, p) in ports.enumerated() {
                let proto = p["protocol"]?.string ?? "TCP"
                let n = p["port"]?.int ?? 0
                let url = "\(proto.lowercased())://\(ip):\(n)"
                if i == 0 { out.append((prefix + "_PORT", url)) }
                let portPrefix = "\(prefix)_PORT_\(n)_\(proto.uppercased())"
                out += [(portPrefix, url), (portPrefix + "_PROTO", proto.lowercased()), (portPrefix + "_PORT", String(n)), (portPrefix + "_ADDR", ip)]
            }
        }
        return out
    }
}
