import KubeAPI
import YAML

/// A simulated metrics-server (sigs.k8s.io/metrics-server): what `kubectl top` prints and the
/// resource metrics the HPA reads (`metrics.k8s.io/v1beta1` PodMetrics and NodeMetrics).
///
/// A container's usage comes from the image catalog: its idle CPU and memory, plus
/// `request-cpu` millicores and `request-memory` KiB for each request per second its pod
/// serves (`Load.podRates`), CPU throttled at the container's CPU limit (the CFS quota). metrics-server reports a container
/// once it has two scrapes of it (`--metric-resolution`, 15 s); before that the pod has no
/// metrics, which `kubectl top` shows as missing and the HPA treats as a missing pod.
///
/// A node's usage is the sum of its pods plus what the node's own daemons use (kubelet,
/// container runtime, kube-proxy and the CNI agent; the control plane's static pods on the
/// control-plane node), as a kind node shows at rest.
public enum MetricsServer {
    /// metrics-server `--metric-resolution` default.
    public static let resolution: Duration = .seconds(15)
    static let mebibyte: Int64 = 1024 * 1024
    /// A kind worker at rest (`kubectl top node` on kind v0.27): about 30m and 200Mi;
    /// the control plane (apiserver, etcd, scheduler, controller-manager): about 150m and 600Mi.
    static let workerOverhead = (milliCPU: Int64(30), memory: Int64(200) * mebibyte)
    static let controlPlaneOverhead = (milliCPU: Int64(150), memory: Int64(600) * mebibyte)

    public struct ContainerUsage: Sendable, Equatable {
        public var name: String
        public var milliCPU: Int64
        public var memory: Int64
    }

    public struct PodUsage: Sendable, Equatable {
        public var key: ObjectKey
        public var containers: [ContainerUsage]
        public var milliCPU: Int64 { containers.reduce(0) { $0 + $1.milliCPU } }
        public var memory: Int64 { containers.reduce(0) { $0 + $1.memory } }
    }

    public struct NodeUsage: Sendable, Equatable {
        public var name: String
        /// nil while the node is not Ready (kubectl prints `<unknown>`).
        public var milliCPU: Int64?
        public var memory: Int64?
        public var allocatableMilliCPU: Int64
        public var allocatableMemory: Int64
    }

    /// PodMetrics for the running pods of `namespace` (nil: every namespace) that have been up
    /// for a resolution window, in key order.
    public static func pods(namespace: String?, state: ClusterState, now: VirtualTime,
                            catalog: ImageCatalog = .standard) -> [PodUsage] {
        let rates = Load.podRates(state: state, now: now)
        return state.list(ObjectKey.pods, namespace: namespace).sorted { $0.key < $1.key }.compactMap {
            usage(of: $0, rate: rates[$0.key] ?? 0, now: now, catalog: catalog)
        }
    }

    static func usage(of pod: StoredObject, rate: Double, now: VirtualTime, catalog: ImageCatalog) -> PodUsage? {
        guard pod.value["status"]?["phase"]?.string == "Running" else { return nil }
        let statuses = pod.value["status"]?["containerStatuses"]?.sequence ?? []
        var containers: [ContainerUsage] = []
        var servedLoad = false
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            let name = c["name"]?.string ?? ""
            guard let status = statuses.first(where: { $0["name"]?.string == name }),
                  let started = status["state"]?["running"]?["startedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)),
                  started + resolution <= now else { return nil }
            guard case .found(let image) = catalog.resolve(c["image"]?.string ?? "") else { return nil }
            var cpu = Double(image.milliCPU)
            var memory = image.memoryMiB * mebibyte
            // The load goes to the first container that listens (the one the Service targets).
            if !servedLoad && (!image.ports.isEmpty || !(c["ports"]?.sequence ?? []).isEmpty) {
                cpu += rate * image.requestMilliCPU
                memory += Int64(rate * image.requestKiB * 1024)
                servedLoad = true
            }
            var milli = Int64(cpu.rounded(.up))
            let limit = PodResources.milli(c["resources"]?["limits"]?["cpu"])
            if limit > 0 { milli = min(milli, limit) }
            containers.append(ContainerUsage(name: name, milliCPU: milli, memory: memory))
        }
        return containers.isEmpty ? nil : PodUsage(key: pod.key, containers: containers)
    }

    /// NodeMetrics for every node, by name.
    public static func nodes(state: ClusterState, now: VirtualTime, catalog: ImageCatalog = .standard) -> [NodeUsage] {
        var perNode: [String: (cpu: Int64, memory: Int64)] = [:]
        let rates = Load.podRates(state: state, now: now)
        for pod in state.list(ObjectKey.pods, namespace: nil) {
            guard let node = pod.value["spec"]?["nodeName"]?.string, !node.isEmpty,
                  let u = usage(of: pod, rate: rates[pod.key] ?? 0, now: now, catalog: catalog) else { continue }
            perNode[node, default: (0, 0)].cpu += u.milliCPU
            perNode[node, default: (0, 0)].memory += u.memory
        }
        return state.list(Workload.nodes, namespace: nil).sorted { $0.name < $1.name }.map { node in
            let allocatable = node.value["status"]?["allocatable"]
            let ready = Workload.condition(node.value["status"], "Ready")?["status"]?.string == "True"
            let controlPlane = node.value.labelMap["node-role.kubernetes.io/control-plane"] != nil
            let overhead = controlPlane ? controlPlaneOverhead : workerOverhead
            let pods = perNode[node.name] ?? (0, 0)
            return NodeUsage(name: node.name,
                             milliCPU: ready ? pods.cpu + overhead.milliCPU : nil,
                             memory: ready ? pods.memory + overhead.memory : nil,
                             allocatableMilliCPU: PodResources.milli(allocatable?["cpu"]),
                             allocatableMemory: PodResources.units(allocatable?["memory"]))
        }
    }
}
