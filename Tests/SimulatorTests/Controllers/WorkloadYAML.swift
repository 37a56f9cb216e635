import KubeAPI
import YAML
@testable import Simulator

enum WorkloadYAML {
    static func deployment(name: String = "web", replicas: Int = 3, image: String = "ok:1", strategy: String = "",
                           extra: String = "", annotations: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        \(annotations.isEmpty ? "" : "  annotations: " + annotations)
        spec:
          replicas: \(replicas)
        \(strategy.isEmpty ? "" : "  strategy: " + strategy)
        \(extra.isEmpty ? "" : "  " + extra)
          selector:
            matchLabels: {app: \(name)}
          template:
            metadata:
              labels: {app: \(name)}
            spec:
              containers:
              - name: app
                image: \(image)
        """
    }
}

extension Cluster {
    mutating func apply(_ yaml: String) throws {
        _ = try api.apply(decoded(yaml))
    }

    func replicaSetsOf(_ deployment: String) -> [StoredObject] {
        api.list(replicaSets, namespace: "default").filter { $0.value.controllerRef?["name"]?.string == deployment }
    }

    func object(_ resource: APIResource, _ name: String) -> Value? {
        try? api.get(resource, namespace: "default", name: name).value
    }
}
