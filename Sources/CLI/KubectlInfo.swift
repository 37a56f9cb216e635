import KubeAPI
import Simulator

/// `kubectl version`, `api-resources` and `api-versions`, which need no state, and
/// `cluster-info`.
enum KubectlInfo {
    /// The apiserver's address as kind's kubeconfig gives it: kind publishes the control
    /// plane's 6443 on 127.0.0.1 (a random host port unless `networking.apiServerPort` is
    /// set; the simulated cluster always says 6443). Nothing listens there: the cluster lives
    /// inside `taller`.
    static let apiServerHost = "https://127.0.0.1:6443"

    static let clientVersion = "v1.32.4"
    static let kustomizeVersion = "v5.5.0"
    static let serverVersion = CourseNodes.kubeletVersion

    static func version(_ c: KubectlContext) -> KubectlOutput {
        var out = "Client Version: \(clientVersion)\nKustomize Version: \(kustomizeVersion)\n"
        if !c.flags.bool("client") { out += "Server Version: \(serverVersion)\n" }
        return KubectlOutput(out: out)
    }

    /// Discovery order of the groups (the apiserver's group priorities), preferred version
    /// only, resources sorted by name within a group.
    static let groupOrder = ["", "apps", "events.k8s.io", "autoscaling", "batch", "networking.k8s.io", "policy",
                             "rbac.authorization.k8s.io", "storage.k8s.io", "discovery.k8s.io"]

    static func apiResources(_ c: KubectlContext) -> KubectlOutput {
        var seen: Set<String> = []
        var preferred = Kinds.all.filter { seen.insert($0.groupResource).inserted }
        if c.flags.has("namespaced") { preferred = preferred.filter { $0.namespaced == c.flags.bool("namespaced") } }
        let sorted = preferred.sorted { a, b in
            let ga = groupOrder.firstIndex(of: a.group) ?? groupOrder.count, gb = groupOrder.firstIndex(of: b.group) ?? groupOrder.count
            return ga != gb ? ga < gb : a.plural < b.plural
        }
        if c.flags.value("output") == "name" {
            return KubectlOutput(out: sorted.map { $0.groupResource + "\n" }.joined())
        }
        var w = TabWriter.table()
        if !c.flags.bool("no-headers") { w.write("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n") }
        for r in sorted {
            w.write("\(r.plural)\t\(r.shortNames.joined(separator: ","))\t\(r.apiVersion)\t\(r.namespaced)\t\(r.kind)\n")
        }
        return KubectlOutput(out: w.finish())
    }

    /// `kubectl api-versions`: every group/version the apiserver serves, sorted.
    static func apiVersions(_ c: KubectlContext) -> KubectlOutput {
        KubectlOutput(out: Set(Kinds.all.map(\.apiVersion)).sorted().map { $0 + "\n" }.joined())
    }

    /// `kubectl cluster-info` (k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo.go `Run`,
    /// `printService`): the control plane, then each Service labelled
    /// `kubernetes.io/cluster-service=true` in `-n` (kube-system by default) by its
    /// `kubernetes.io/name` label, at the apiserver's service proxy path
    /// (`[scheme:]name:port-name`, https when the first port is named https or is 443), or
    /// at its load balancer's addresses. kubectl colours the names on a terminal; this prints
    /// them plain.
    static func clusterInfo(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        if let sub = c.args.first {
            if sub == "dump", let text = KubectlUnavailable.message("cluster-info dump") { throw .message(text) }
            throw .message("error: unknown command \"\(sub)\" for \"kubectl cluster-info\"\n\nRun 'kubectl cluster-info --help' for usage.")
        }
        let namespace = c.flags.value("namespace") ?? "kube-system"
        let selector = LabelSelector(matching: ["kubernetes.io/cluster-service": "true"])
        let services = cluster.api.list(KubectlCreate.resource("services"), namespace: namespace, selector: selector)
        var out = "Kubernetes control plane is running at \(apiServerHost)\n"
        for service in services {
            var link = ""
            let ports = service.value.at(["spec", "ports"])?.sequence ?? []
            if let ingress = service.value.at(["status", "loadBalancer", "ingress"])?.sequence?.first {
                let ip = ingress["ip"]?.string ?? ingress["hostname"]?.string ?? ""
                for port in ports { link += "http://\(ip):\(port["port"]?.int ?? 0) " }
            } else {
                var name = service.name
                if let port = ports.first {
                    let portName = port["name"]?.string ?? ""
                    let scheme = portName == "https" || port["port"]?.int == 443 ? "https" : ""
                    // utilnet.JoinSchemeNamePort.
                    name = (scheme.isEmpty ? "" : scheme + ":") + name + (portName.isEmpty ? "" : ":" + portName)
                }
                link = "\(apiServerHost)/api/v1/namespaces/\(service.namespace)/services/\(name)/proxy"
            }
            out += "\(service.labels["kubernetes.io/name"] ?? service.name) is running at \(link)\n"
        }
        out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
        return KubectlOutput(out: out)
    }
}
