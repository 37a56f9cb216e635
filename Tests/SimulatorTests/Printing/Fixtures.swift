import YAML
@testable import Simulator

/// Objects for the printer tests, written as a real apiserver would return them.
enum Fixtures {
    /// "now" for every test: 2024-01-01T01:00:00Z.
    static let now = Timestamp(rfc3339: "2024-01-01T01:00:00Z")!

    static func load(_ yaml: String) -> Value {
        (try? YAML.load(yaml))?.first ?? .null
    }

    static func pod(_ name: String, created: String = "2024-01-01T00:55:00Z", status: String) -> Value {
        load("""
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: default, creationTimestamp: "\(created)", labels: {app: web}}
        spec:
          nodeName: worker-1
          containers: [{name: app, image: nginx}]
        status:
        \(status.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """)
    }
}
