import KubeAPI
import YAML
@testable import Simulator

/// Decodes one YAML document as kubectl would send it.
func decoded(_ yaml: String, file: String = "web.yaml") throws -> DecodedObject {
    let results = try KubeDecoder().decodeAll(Array(yaml.utf8), file: file)
    return try results[0].get()
}

func deploymentYAML(name: String = "web", replicas: Int = 3, image: String = "nginx:1.25", labels: String = "{app: web}") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: \(name)
    spec:
      replicas: \(replicas)
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: \(labels)
        spec:
          containers:
          - name: web
            image: \(image)
    """
}

func replicaSetYAML(name: String = "web", replicas: Int = 3, namespace: String = "default") -> String {
    """
    apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: \(name)
      namespace: \(namespace)
    spec:
      replicas: \(replicas)
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: nginx:1.25
    """
}

func podYAML(name: String, labels: String = "{app: web}", namespace: String = "default") -> String {
    """
    apiVersion: v1
    kind: Pod
    metadata:
      name: \(name)
      namespace: \(namespace)
      labels: \(labels)
    spec:
      containers:
      - name: web
        image: nginx:1.25
    """
}

let pods = Kinds.resolve("pods")!
let replicaSets = Kinds.resolve("rs")!
let deployments = Kinds.resolve("deploy")!
let namespaces = Kinds.resolve("ns")!
let events = Kinds.resource(apiVersion: "v1", kind: "Event")!
