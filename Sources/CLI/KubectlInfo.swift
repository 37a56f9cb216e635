import KubeAPI
import Simulator

/// `kubectl version` and `kubectl api-resources`, which need no state.
enum KubectlInfo {
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
}
