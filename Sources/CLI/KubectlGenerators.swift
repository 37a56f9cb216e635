import KubeAPI
import YAML

/// The objects kubectl's imperative `create` builds, field for field and in its Go structs'
/// order (k8s.io/kubectl/pkg/cmd/create: create_deployment.go `createDeployment` and
/// `buildPodSpec`, create_service.go `createService`, create_configmap.go,
/// create_secret.go, create_namespace.go, create_job.go `createJob`).
enum KubectlGenerators {
    static func meta(_ name: String, labels: Value? = nil) -> Value {
        var pairs: [Value.Pair] = [.init("name", .string(name)), .init("creationTimestamp", .null)]
        if let labels { pairs.append(.init("labels", labels)) }
        return .mapping(pairs)
    }

    static func deployment(_ name: String, images: [String], replicas: Int64, port: Int64?, command: [String]) -> Value {
        let labels: Value = ["app": .string(name)]
        var containers: [Value] = []
        var used: Set<String> = []
        for (i, image) in images.enumerated() {
            var container: [Value.Pair] = [.init("name", .string(containerName(image, used: &used))), .init("image", .string(image))]
            if !command.isEmpty { container.append(.init("command", .sequence(command.map { .string($0) }))) }
            if i == 0, let port { container.append(.init("ports", [["containerPort": .int(port)]])) }
            container.append(.init("resources", .mapping([])))
            containers.append(.mapping(container))
        }
        return [
            "kind": "Deployment", "apiVersion": "apps/v1",
            "metadata": meta(name, labels: labels),
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": labels],
                "template": ["metadata": ["creationTimestamp": nil, "labels": labels], "spec": ["containers": .sequence(containers)]],
                "strategy": .mapping([]),
            ],
            "status": .mapping([]),
        ]
    }

    /// buildPodSpec: the image's last path segment without tag or digest; `_` and `.`
    /// become `-` (kubectl then adds a random suffix, which a simulator cannot match: a
    /// counter keeps names unique instead).
    static func containerName(_ image: String, used: inout Set<String>) -> String {
        var name = String(image.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if name.contains("_") || name.contains(".") {
            name = name.replacingAll("_", with: "-").replacingAll(".", with: "-")
        }
        var unique = name
        var n = 2
        while used.contains(unique) { unique = "\(name)-\(n)"; n += 1 }
        used.insert(unique)
        return unique
    }

    static func service(_ name: String, type: String, tcp: [String], nodePort: String?, clusterIP: String?) throws(KubectlError) -> Value {
        var ports: [Value] = []
        for spec in tcp {
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let port = Int64(parts[0]) else {
                throw .message("error: invalid port: \(spec)")
            }
            let target: Value = parts.count == 2 ? (Int64(parts[1]).map { .int($0) } ?? .string(parts[1])) : .int(port)
            let portName = parts.count == 2 ? "\(port)-\(parts[1])" : "\(port)"
            var pairs: [Value.Pair] = [.init("name", .string(portName)), .init("protocol", "TCP"), .init("port", .int(port)), .init("targetPort", target)]
            if type == "NodePort", let nodePort, let n = Int64(nodePort), n != 0 { pairs.append(.init("nodePort", .int(n))) }
            ports.append(.mapping(pairs))
        }
        let selector: Value = ["app": .string(name)]
        var spec: [Value.Pair] = []
        if !ports.isEmpty { spec.append(.init("ports", .sequence(ports))) }
        spec.append(.init("selector", selector))
        if let clusterIP, !clusterIP.isEmpty { spec.append(.init("clusterIP", .string(clusterIP))) }
        spec.append(.init("type", .string(type)))
        return ["kind": "Service", "apiVersion": "v1", "metadata": meta(name, labels: selector), "spec": .mapping(spec),
                "status": ["loadBalancer": .mapping([])]]
    }

    /// `--from-file=[key=]path` then `--from-literal=key=value`, as kubectl adds them.
    static func sources(_ files: [String], _ literals: [String], kind: String, name: String) throws(KubectlError) -> [(String, [UInt8])] {
        var data: [(String, [UInt8])] = []
        func add(_ key: String, _ value: [UInt8]) throws(KubectlError) {
            if data.contains(where: { $0.0 == key }) {
                throw .message("error: cannot add key \"\(key)\", another key by that name already exists in Data for \(kind) \"\(name)\"")
            }
            data.append((key, value))
        }
        for source in files {
            let parts = source.split(separator: "=", maxSplits: 1).map(String.init)
            let path = parts.count == 2 ? parts[1] : source
            let key = parts.count == 2 ? parts[0] : String(path.split(separator: "/").last ?? "")
            do {
                try add(key, try FileInput.readAll(path: path))
            } catch let error as KubectlError {
                throw error
            } catch {
                throw .message("error: error reading \(path): no such file or directory")
            }
        }
        for literal in literals {
            let parts = literal.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw .message("error: invalid literal source \(literal), expected key=value") }
            try add(parts[0], Array(parts[1].utf8))
        }
        return data
    }

    static func configMap(_ name: String, data: [(String, [UInt8])]) -> Value {
        var pairs: [Value.Pair] = [.init("kind", "ConfigMap"), .init("apiVersion", "v1"), .init("metadata", meta(name))]
        let text = data.filter { String(validating: $0.1, as: UTF8.self) != nil }
        let binary = data.filter { String(validating: $0.1, as: UTF8.self) == nil }
        if !text.isEmpty { pairs.append(.init("data", sorted(text.map { ($0.0, Value.string(String(decoding: $0.1, as: UTF8.self))) }))) }
        if !binary.isEmpty { pairs.append(.init("binaryData", sorted(binary.map { ($0.0, Value.string(base64($0.1))) }))) }
        return .mapping(pairs)
    }

    static func secret(_ name: String, data: [(String, [UInt8])], type: String?) -> Value {
        var pairs: [Value.Pair] = [.init("kind", "Secret"), .init("apiVersion", "v1"), .init("metadata", meta(name))]
        if !data.isEmpty { pairs.append(.init("data", sorted(data.map { ($0.0, Value.string(base64($0.1))) }))) }
        if let type, !type.isEmpty { pairs.append(.init("type", .string(type))) }
        return .mapping(pairs)
    }

    static func namespace(_ name: String) -> Value {
        ["kind": "Namespace", "apiVersion": "v1", "metadata": meta(name), "spec": .mapping([]), "status": .mapping([])]
    }

    static func job(_ name: String, image: String, command: [String]) -> Value {
        var container: [Value.Pair] = [.init("name", .string(name)), .init("image", .string(image))]
        if !command.isEmpty { container.append(.init("command", .sequence(command.map { .string($0) }))) }
        container.append(.init("resources", .mapping([])))
        return [
            "kind": "Job", "apiVersion": "batch/v1", "metadata": meta(name),
            "spec": ["template": ["metadata": ["creationTimestamp": nil],
                                  "spec": ["containers": [.mapping(container)], "restartPolicy": "Never"]]],
            "status": .mapping([]),
        ]
    }

    /// A Go map marshals with its keys sorted.
    static func sorted(_ pairs: [(String, Value)]) -> Value {
        .mapping(pairs.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }.map { Value.Pair($0.0, $0.1) })
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : 61)
            out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : 61)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
