#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KubeAPI
import YAML

/// One kubelet sync of one pod at `now` (kubelet.go `SyncPod` + kuberuntime_manager.go
/// `SyncPod` + status_manager.go): the new status, the events of the transitions that happen
/// now, and when to look again. Containers are stepped in `Kubelet+Containers.swift`.
struct PodSync {
    let kubelet: Kubelet
    let pod: StoredObject
    let node: StoredObject
    let state: ClusterState
    let now: VirtualTime
    /// `now` as status timestamps write it (a sync writes it several times).
    let nowText: String
    var status: Value
    var actions: [Action] = []
    var nextWake: VirtualTime?
    var startTime: VirtualTime
    var podIP = ""
    var nodeImages: [Value]

    init(kubelet: Kubelet, pod: StoredObject, node: StoredObject, state: ClusterState, now: VirtualTime) {
        self.kubelet = kubelet
        self.pod = pod
        self.node = node
        self.state = state
        self.now = now
        nowText = now.rfc3339
        var s = pod.value["status"] ?? .mapping([])
        if s.isNull { s = .mapping([]) }
        status = s
        startTime = s["startTime"]?.string.flatMap(VirtualTime.init(rfc3339:)) ?? now
        nodeImages = node.value["status"]?["images"]?.sequence ?? []
    }

    var podName: String { "\(pod.name)_\(pod.namespace)(\(pod.uid))" }

    mutating func wake(at t: VirtualTime) {
        if t > now, nextWake.map({ t < $0 }) ?? true { nextWake = t }
    }

    mutating func event(_ reason: String, _ message: String, container: String?) { event(.normal, reason, message, container: container) }

    /// An event of this node's kubelet about the pod, or about one of its containers
    /// (`involvedObject.fieldPath`, as pkg/kubelet/container/ref.go `GenerateContainerRef`
    /// writes it for the image, runtime and prober events).
    mutating func event(_ type: EventSpec.EventType, _ reason: String, _ message: String, container: String?) {
        actions.append(.event(kubelet.event(about: pod, node: node.name, type, reason, message, container: container)))
    }

    mutating func run() {
        if status["startTime"] == nil || status["startTime"]?.isNull == true {
            let hostIP = (node.value["status"]?["addresses"]?.sequence ?? []).first { $0["type"]?.string == "InternalIP" }?["address"]?.string ?? ""
            podIP = allocateIP()
            status.set("hostIP", .string(hostIP))
            status.set("hostIPs", [["ip": .string(hostIP)]])
            status.set("podIP", .string(podIP))
            status.set("podIPs", [["ip": .string(podIP)]])
            status.set("startTime", .string(nowText))
        } else {
            podIP = status["podIP"]?.string ?? ""
        }
        if holdForVolumes() { return }
        let held = wasHeldForVolumes
        if held { actions.append(.remember(mountMemoryKey, nil)) }
        let old = held ? [] : (status["containerStatuses"]?.sequence ?? [])
        if !initSpecs.isEmpty {
            runWithInit(oldInit: held ? [] : (status["initContainerStatuses"]?.sequence ?? []), oldApp: old)
            return
        }
        var statuses: [Value] = []
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            let name = c["name"]?.string ?? ""
            statuses.append(step(c, old.first { $0["name"]?.string == name }))
        }
        status.set("containerStatuses", .sequence(statuses))
        setPhaseAndConditions(statuses)
    }

    /// host-local IPAM over the node's podCIDR: the lowest free address from .2.
    func allocateIP() -> String {
        let cidr = node.value["spec"]?["podCIDR"]?.string ?? "10.244.0.0/24"
        // "<a>.<b>.<c>." of "<a>.<b>.<c>.<d>/<bits>" (the /24 host-local hands out).
        let address = cidr.utf8.prefix { $0 != UInt8(ascii: "/") }
        let dotted = address.lastIndex(of: UInt8(ascii: ".")).map { String(cidr[...$0]) } ?? "10.244.0."
        // The hosts in use, as bits: an address equals "<prefix>.<host>" exactly when it
        // starts with "<prefix>." and the rest is `host` written in decimal (no string is
        // built per candidate).
        var used = [UInt64](repeating: 0, count: 4)
        let prefix = Array(dotted.utf8)
        // The scheduler cache keeps the podIP of every pod counted on the node (its `pods`).
        for ip in state.store.scheduling.podIPs(on: node.name).values {
            var ip = ip
            let host: Int? = ip.withUTF8 { b in
                // "<prefix><1 to 3 digits, no leading zero>"
                let n = prefix.count, digits = b.count - n
                guard (1...3).contains(digits), prefix.withUnsafeBufferPointer({ p in memcmp(p.baseAddress!, b.baseAddress!, n) == 0 }),
                      digits == 1 || b[n] != 0x30 else { return nil }
                var value = 0
                for k in n..<b.count {
                    guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                    value = value * 10 + Int(b[k] - 0x30)
                }
                return value
            }
            if let host, host < 256 { used[host >> 6] |= 1 << UInt64(host & 63) }
        }
        for host in 2..<255 where used[host >> 6] & (1 << UInt64(host & 63)) == 0 { return dotted + String(host) }
        return dotted + "254"
    }

    /// kubelet_pods.go `getPhase` and the conditions of pkg/kubelet/status/generate.go
    /// (`GeneratePodInitializedCondition`, `GenerateContainersReadyCondition`,
    /// `GeneratePodReadyCondition` without readiness gates), in the order
    /// generateAPIPodStatus appends them; PodScheduled, the scheduler's, stays last.
    mutating func setPhaseAndConditions(_ statuses: [Value], initStatuses: [Value] = []) {
        let phase = self.phase(statuses, initStatuses: initStatuses)
        status.set("phase", .string(phase))
        let old = status["conditions"]?.sequence ?? []
        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> Value {
            let previous = old.first { $0["type"]?.string == type }
            let value = ok ? "True" : "False"
            // Unchanged since the last sync (the same status, reason and message, and exactly
            // the fields written below): the previous condition is the one that would be built.
            if let previous, previous["status"]?.string == value, previous["reason"]?.string == reason,
               previous["message"]?.string == message, previous["lastProbeTime"]?.isNull == true,
               previous["lastTransitionTime"]?.string != nil,
               previous.mapping?.count == 4 + (reason == nil ? 0 : 1) + (message == nil ? 0 : 1) {
                return previous
            }
            let transition = previous?["status"]?.string == value ? (previous?["lastTransitionTime"] ?? .string(nowText)) : .string(nowText)
            var c: Value = ["lastProbeTime": nil, "lastTransitionTime": transition, "status": .string(value), "type": .string(type)]
            if let reason { c.set("reason", .string(reason)) }
            if let message { c.set("message", .string(message)) }
            return c
        }
        func find(_ list: [Value], _ c: Value) -> Value? { list.first { $0["name"] == c["name"] } }
        // Initialized: every classic init container completed, every sidecar started.
        var incomplete: [String] = []
        for c in initSpecs {
            let s = find(initStatuses, c)
            let done = PodSync.isSidecar(c) ? s?["started"] == true : s?["state"]?["terminated"]?["exitCode"]?.int == 0
            if !done { incomplete.append(c["name"]?.string ?? "") }
        }
        let initialized: Value
        if phase == "Succeeded" {
            initialized = condition("Initialized", true, reason: "PodCompleted")
        } else if incomplete.isEmpty || PodSync.anyRegularStarted(statuses) {
            initialized = condition("Initialized", true)
        } else {
            initialized = condition("Initialized", false, reason: "ContainersNotInitialized",
                                    message: "containers with incomplete status: [\(incomplete.joined(separator: " "))]")
        }
        // ContainersReady: the sidecars and the app containers.
        var unready: [String] = []
        for c in initSpecs where PodSync.isSidecar(c) && find(initStatuses, c)?["ready"] != true {
            unready.append(c["name"]?.string ?? "")
        }
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] where find(statuses, c)?["ready"] != true {
            unready.append(c["name"]?.string ?? "")
        }
        let ready = unready.isEmpty
        let completed = phase == "Succeeded" || phase == "Failed"
        let reason: String? = completed ? (phase == "Failed" ? "PodFailed" : "PodCompleted") : (ready ? nil : "ContainersNotReady")
        let message: String? = ready || completed ? nil : "containers with unready status: [\(unready.joined(separator: " "))]"
        let conditions = [condition("PodReadyToStartContainers", !completed), initialized,
                          condition("Ready", ready && !completed, reason: reason, message: message),
                          condition("ContainersReady", ready && !completed, reason: reason, message: message)]
            + old.filter { !["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"].contains($0["type"]?.string ?? "") }
        status.set("conditions", .sequence(conditions))
    }

    // MARK: Environment (kubelet_pods.go makeEnvironmentVariables)

    /// The container's variables; throws the message of `CreateContainerConfigError`.
    /// Without a state (logs), references resolve to empty strings.
    static func environment(_ c: Value, pod: Value, state: ClusterState?) throws(ConfigError) -> [String: String] {
        let ns = pod.objectNamespace
        var env: [String: String] = ["HOSTNAME": pod.objectName]
        func object(_ resource: String, _ name: String, optional: Bool) throws(ConfigError) -> Value? {
            guard let state else { return nil }
            if let o = state[ObjectKey(resource: resource, namespace: ns, name: name)] { return o.value }
            if optional { return nil }
            throw ConfigError(message: resource == "configmaps" ? KubeletMessages.configMapNotFound(name) : KubeletMessages.secretNotFound(name))
        }
        func data(_ o: Value, secret: Bool) -> [String: String] {
            var out = Value.strings(o["data"])
            if secret { out = out.mapValues { Base64Text.decode($0) } }
            return out
        }
        for from in c["envFrom"]?.sequence ?? [] {
            let prefix = from["prefix"]?.string ?? ""
            for (field, resource, secret) in [("configMapRef", "configmaps", false), ("secretRef", "secrets", true)] {
                guard let ref = from[field], let name = ref["name"]?.string else { continue }
                if let o = try object(resource, name, optional: ref["optional"]?.bool ?? false) {
                    for (k, v) in data(o, secret: secret) { env[prefix + k] = v }
                }
            }
        }
        for e in c["env"]?.sequence ?? [] {
            guard let name = e["name"]?.string else { continue }
            if let v = e["value"]?.string { env[name] = v; continue }
            guard let from = e["valueFrom"] else { env[name] = ""; continue }
            for (field, resource, kind, secret) in [("configMapKeyRef", "configmaps", "ConfigMap", false), ("secretKeyRef", "secrets", "Secret", true)] {
                guard let ref = from[field], let refName = ref["name"]?.string, let key = ref["key"]?.string else { continue }
                let optional = ref["optional"]?.bool ?? false
                guard let o = try object(resource, refName, optional: optional) else { continue }
                if let v = data(o, secret: secret)[key] { env[name] = v } else if !optional {
                    throw ConfigError(message: KubeletMessages.keyNotFound(key, kind: kind, namespace: ns, name: refName))
                }
            }
            if let path = from["fieldRef"]?["fieldPath"]?.string {
                switch path {
                case "metadata.name": env[name] = pod.objectName
                case "metadata.namespace": env[name] = ns
                case "spec.nodeName": env[name] = pod["spec"]?["nodeName"]?.string ?? ""
                case "status.podIP": env[name] = pod["status"]?["podIP"]?.string ?? ""
                default: env[name] = ""
                }
            }
        }
        return env
    }

    struct ConfigError: Error {
        var message: String
    }
}

/// Standard base64 decoding of Secret `data` into text.
enum Base64Text {
    static func decode(_ s: String) -> String {
        var table = [UInt8: UInt8]()
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[c] = UInt8(i) }
        var out: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for c in s.utf8 {
            guard let v = table[c] else { continue }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 { bits -= 8; out.append(UInt8((buffer >> UInt32(bits)) & 0xFF)) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
