import KubeAPI
import YAML

/// The files a container sees that Kubernetes puts there: `/etc/hostname`, `/etc/hosts` and
/// `/etc/resolv.conf` (kubelet and containerd), and the volumes mounted from ConfigMaps,
/// Secrets, projected sources (the service account's `kube-api-access-…`: token, `ca.crt`,
/// namespace) and the downward API
/// (pkg/volume/configmap, secret, projected, downwardapi: one file per key, or per `items`
/// entry at its `path`; `subPath` mounts a single file). Everything else of the image is not
/// simulated beyond its top-level folders.
struct PodFiles {
    var files: [String: String] = [:]
    var directories: Set<String> = ["/"]

    /// `GeneratePodHostNameAndDomain` (pkg/kubelet/kubelet_pods.go): `spec.hostname`, else the
    /// pod's name cut to 63 characters.
    static func hostname(_ pod: Value) -> String {
        if let h = pod["spec"]?["hostname"]?.string, !h.isEmpty { return h }
        var name = String(pod.objectName.prefix(63))
        while name.hasSuffix("-") || name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// The top-level folders of the image's filesystem (Debian's or busybox's).
    static func rootFolders(_ shell: ImageCatalog.ExecShell) -> [String] {
        shell == .ash ? ["bin", "dev", "etc", "home", "lib", "proc", "root", "sys", "tmp", "usr", "var"]
            : ["bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"]
    }

    init(pod: StoredObject, container: Value, state: ClusterState, shell: ImageCatalog.ExecShell) {
        for folder in PodFiles.rootFolders(shell) { directories.insert("/" + folder) }
        let host = PodFiles.hostname(pod.value)
        let ip = pod.value["status"]?["podIP"]?.string ?? ""
        add("/etc/hostname", host + "\n")
        // kubelet_pods.go managedHostsFileContent / managedHostsHeader.
        var hosts = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        if let sub = pod.value["spec"]?["subdomain"]?.string, !sub.isEmpty {
            hosts += "\(ip)\t\(host).\(sub).\(pod.namespace).svc.\(ClusterDNS.domain)\t\(host)\n"
        } else {
            hosts += "\(ip)\t\(host)\n"
        }
        add("/etc/hosts", hosts)
        add("/etc/resolv.conf", ClusterDNS.resolvConf(namespace: pod.namespace))
        let volumes = pod.value["spec"]?["volumes"]?.sequence ?? []
        for mount in container["volumeMounts"]?.sequence ?? [] {
            guard let path = mount["mountPath"]?.string, let volume = volumes.first(where: { $0["name"] == mount["name"] }) else { continue }
            let content = PodFiles.volumeFiles(volume, pod: pod, state: state)
            if let sub = mount["subPath"]?.string, !sub.isEmpty {
                if let text = content[sub] { add(path, text) } else { addDirectory(path) }
                continue
            }
            addDirectory(path)
            for (name, text) in content { add(path + "/" + name, text) }
        }
    }

    mutating func add(_ path: String, _ text: String) {
        files[path] = text
        addDirectory(PodFiles.parent(path))
    }

    mutating func addDirectory(_ path: String) {
        var p = path
        while p != "/" && !p.isEmpty {
            directories.insert(p)
            p = PodFiles.parent(p)
        }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The names directly in `dir`, sorted as `ls` sorts them; nil when it is not a folder.
    func list(_ dir: String) -> [String]? {
        let d = dir.count > 1 && dir.hasSuffix("/") ? String(dir.dropLast()) : dir
        guard directories.contains(d) else { return nil }
        let prefix = d == "/" ? "/" : d + "/"
        var names = Set<String>()
        for p in Array(files.keys) + Array(directories) where p.hasPrefix(prefix) && p.count > prefix.count {
            names.insert(String(p.dropFirst(prefix.count).prefix { $0 != "/" }))
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The files of one volume, by their path inside it.
    static func volumeFiles(_ volume: Value, pod: StoredObject, state: ClusterState) -> [String: String] {
        if let cm = volume["configMap"] { return source(cm, name: cm["name"]?.string, resource: "configmaps", pod: pod, state: state) }
        if let secret = volume["secret"] { return source(secret, name: secret["secretName"]?.string, resource: "secrets", pod: pod, state: state) }
        if let api = volume["downwardAPI"] { return downward(api, pod: pod) }
        guard let projected = volume["projected"] else { return [:] }
        var out: [String: String] = [:]
        for s in projected["sources"]?.sequence ?? [] {
            if let cm = s["configMap"] { out.merge(source(cm, name: cm["name"]?.string, resource: "configmaps", pod: pod, state: state)) { $1 } }
            if let secret = s["secret"] { out.merge(source(secret, name: secret["name"]?.string, resource: "secrets", pod: pod, state: state)) { $1 } }
            if let api = s["downwardAPI"] { out.merge(downward(api, pod: pod)) { $1 } }
            // A bound token (a JWT in shape; its signature is not real).
            if let token = s["serviceAccountToken"], let path = token["path"]?.string {
                out[path] = "eyJhbGciOiJSUzI1NiIsImtpZCI6InRhbGxlciJ9.\(PodSync.digest(pod.uid).prefix(48)).simulado"
            }
        }
        return out
    }

    /// A ConfigMap's or Secret's keys (Secret values decoded), or only its `items`.
    static func source(_ ref: Value, name: String?, resource: String, pod: StoredObject, state: ClusterState) -> [String: String] {
        guard let name, let object = state[ObjectKey(resource: resource, namespace: pod.namespace, name: name)] else { return [:] }
        var data = Value.strings(object.value["data"])
        if resource == "secrets" { data = data.mapValues { Base64Text.decode($0) } }
        for (k, v) in Value.strings(object.value["binaryData"]) { data[k] = Base64Text.decode(v) }
        guard let items = ref["items"]?.sequence, !items.isEmpty else { return data }
        var out: [String: String] = [:]
        for item in items {
            guard let key = item["key"]?.string, let path = item["path"]?.string, let value = data[key] else { continue }
            out[path] = value
        }
        return out
    }

    /// downwardAPI items: `metadata.labels` and `annotations` as `key="value"` lines.
    static func downward(_ api: Value, pod: StoredObject) -> [String: String] {
        var out: [String: String] = [:]
        for item in api["items"]?.sequence ?? [] {
            guard let path = item["path"]?.string, let field = item["fieldRef"]?["fieldPath"]?.string else { continue }
            func lines(_ m: [String: String]) -> String {
                m.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: "\n")
            }
            switch field {
            case "metadata.name": out[path] = pod.name
            case "metadata.namespace": out[path] = pod.namespace
            case "metadata.uid": out[path] = pod.uid
            case "metadata.labels": out[path] = lines(pod.labels)
            case "metadata.annotations": out[path] = lines(pod.value.annotationMap)
            case "spec.nodeName": out[path] = pod.value["spec"]?["nodeName"]?.string ?? ""
            case "status.podIP": out[path] = pod.value["status"]?["podIP"]?.string ?? ""
            default: continue
            }
        }
        return out
    }
}
