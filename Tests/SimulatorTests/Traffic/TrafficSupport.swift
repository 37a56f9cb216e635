import KubeAPI
import YAML
@testable import Simulator

/// A cluster of two workers with every document of `manifests` created (namespaces first,
/// in file order), settled for `settle` of virtual time.
func trafficCluster(_ manifests: String, settle: Duration = .seconds(60)) throws -> Cluster {
    var c = Cluster(workers: 2)
    try c.createAll(manifests)
    c.advance(by: settle)
    return c
}

extension Cluster {
    mutating func createAll(_ manifests: String) throws {
        for result in try KubeDecoder().decodeAll(Array(manifests.utf8), file: "trafico.yaml") {
            _ = try api.create(try result.get())
        }
    }

    /// The first pod whose name starts with `prefix`.
    func pod(_ prefix: String, namespace: String = "default") -> StoredObject? {
        api.store.list(ObjectKey.pods, namespace: namespace).sorted { $0.key < $1.key }.first { $0.name.hasPrefix(prefix) }
    }

    func serviceIP(_ name: String, namespace: String = "default") -> String {
        api.store[ObjectKey(resource: "services", namespace: namespace, name: name)]?.value["spec"]?["clusterIP"]?.string ?? ""
    }

    /// `kubectl exec POD -- words…` on the first container; stdout + stderr and the code.
    mutating func run(_ pod: String, _ words: String..., namespace: String = "default") -> (out: String, err: String, code: Int32) {
        guard let p = self.pod(pod, namespace: namespace), let c = p.value["spec"]?["containers"]?[0]?["name"]?.string else { return ("", "no pod", -1) }
        switch exec(pod: p.key, container: c, command: words) {
        case .ran(let out, let err, let code): return (out, err, code)
        default: return ("", "\(exec(pod: p.key, container: c, command: words))", -1)
        }
    }
}

/// A Deployment `name` of `image` with labels `app: <app>` (and `version` when given).
func trafficDeployment(_ name: String, app: String? = nil, version: String? = nil, image: String = "nginx:1.27",
                       replicas: Int = 2, namespace: String = "default", ports: String = "[{name: http, containerPort: 80}]",
                       args: String? = nil) -> String {
    let labels = "{app: \(app ?? name)\(version.map { ", version: \($0)" } ?? "")}"
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: \(name), namespace: \(namespace)}
    spec:
      replicas: \(replicas)
      selector: {matchLabels: \(labels)}
      template:
        metadata: {labels: \(labels)}
        spec:
          containers:
          - name: \(name)
            image: \(image)
            ports: \(ports)
    \(args.map { "        args: \($0)" } ?? "")
    ---

    """
}

/// A busybox client pod that sleeps.
func trafficClient(_ name: String = "cliente", labels: String = "{app: cliente}", namespace: String = "default", image: String = "busybox:1.37") -> String {
    """
    apiVersion: v1
    kind: Pod
    metadata: {name: \(name), namespace: \(namespace), labels: \(labels)}
    spec:
      containers:
      - name: \(name)
        image: \(image)
        command: [sleep, "3600"]
    ---

    """
}

func trafficService(_ name: String, selector: String? = nil, port: Int = 80, targetPort: String = "http", type: String = "ClusterIP",
                    namespace: String = "default", extra: String = "") -> String {
    """
    apiVersion: v1
    kind: Service
    metadata: {name: \(name), namespace: \(namespace)}
    spec:
      type: \(type)
      selector: \(selector ?? "{app: \(name)}")
      ports: [{name: http, port: \(port), targetPort: \(targetPort)}]
    \(extra)
    ---

    """
}
