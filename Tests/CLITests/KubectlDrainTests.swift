import Testing
import YAML
@testable import CLI
@testable import Simulator

/// `taller k drain` (kubectl cmd/drain/drain.go, pkg/drain/filters.go and drain.go).
@Suite struct KubectlDrainTests {
    struct FilterCase: CustomStringConvertible, Sendable {
        var name: String
        var owner: String?
        var emptyDir = false
        var mirror = false
        var phase = "Running"
        var options: [String] = []
        var delete: Bool
        var reason: DrainPodList.Status.Reason
        var message = ""
        var description: String { "\(name) \(options)" }
    }

    static let filterCases: [FilterCase] = [
        FilterCase(name: "de-replicaset", owner: "ReplicaSet", delete: true, reason: .okay),
        FilterCase(name: "suelto", delete: false, reason: .error, message: DrainPodList.unmanagedFatal),
        FilterCase(name: "suelto", options: ["force"], delete: true, reason: .warning, message: DrainPodList.unmanagedWarning),
        FilterCase(name: "suelto-terminado", phase: "Succeeded", delete: true, reason: .okay),
        FilterCase(name: "de-daemonset", owner: "DaemonSet", delete: false, reason: .error, message: DrainPodList.daemonSetFatal),
        FilterCase(name: "de-daemonset", owner: "DaemonSet", options: ["ignore"], delete: false, reason: .warning, message: DrainPodList.daemonSetWarning),
        FilterCase(name: "de-daemonset-terminado", owner: "DaemonSet", phase: "Failed", delete: true, reason: .okay),
        FilterCase(name: "huerfano-de-daemonset", owner: "DaemonSet-gone", delete: false, reason: .error, message: "daemonsets.apps \"gone\" not found"),
        FilterCase(name: "huerfano-de-daemonset", owner: "DaemonSet-gone", options: ["force"], delete: true, reason: .okay),
        FilterCase(name: "con-emptydir", owner: "ReplicaSet", emptyDir: true, delete: false, reason: .error, message: DrainPodList.localStorageFatal),
        // The local-storage warning is dropped by the filter after it (filters.go's TODO).
        FilterCase(name: "con-emptydir", owner: "ReplicaSet", emptyDir: true, options: ["emptydir"], delete: true, reason: .okay),
        FilterCase(name: "estatico", mirror: true, delete: false, reason: .skip),
    ]

    static func pod(_ c: FilterCase) -> StoredObject {
        var meta: Value = ["name": .string(c.name), "namespace": "default"]
        if let owner = c.owner {
            let kind = owner.hasPrefix("DaemonSet") ? "DaemonSet" : owner
            let name = owner == "DaemonSet-gone" ? "gone" : "own"
            meta.set("ownerReferences", [["apiVersion": "apps/v1", "kind": .string(kind), "name": .string(name), "uid": "u", "controller": true]])
        }
        if c.mirror { meta.set("annotations", ["kubernetes.io/config.mirror": "x"]) }
        var spec: Value = ["containers": [["name": "c", "image": "nginx"]]]
        if c.emptyDir { spec.set("volumes", [["name": "tmp", "emptyDir": .mapping([])]]) }
        let value: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": ["phase": .string(c.phase)]]
        return StoredObject(key: ObjectKey(resource: "pods", namespace: "default", name: c.name), value: value, source: nil)
    }

    @Test(arguments: filterCases) func filters(_ c: FilterCase) {
        let options = DrainPodList.Options(force: c.options.contains("force"), ignoreDaemonSets: c.options.contains("ignore"),
                                           deleteEmptyDirData: c.options.contains("emptydir"))
        let list = DrainPodList(pods: [Self.pod(c)], options: options) { _, name in
            name == "gone" ? .failure(.notFound(resource: "daemonsets.apps", name: name)) : .success(())
        }
        #expect(list.items[0].status == DrainPodList.Status(delete: c.delete, reason: c.reason, message: c.message))
    }

    @Test func errorsAndWarningsAreGroupedByMessage() {
        let cases = [FilterCase(name: "a", delete: false, reason: .error), FilterCase(name: "b", delete: false, reason: .error),
                     FilterCase(name: "c", owner: "DaemonSet", delete: false, reason: .error)]
        let list = DrainPodList(pods: cases.map(Self.pod), options: .init()) { _, _ in .success(()) }
        #expect(list.errors == ["cannot delete Pods that declare no controller (use --force to override): default/a, default/b",
                                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/c"])
        let lenient = DrainPodList(pods: cases.map(Self.pod), options: .init(force: true, ignoreDaemonSets: true)) { _, _ in .success(()) }
        #expect(lenient.warnings == "deleting Pods that declare no controller: default/a, default/b; ignoring DaemonSet-managed Pods: default/c")
        #expect(lenient.pods.map(\.name) == ["a", "b"])
    }

    @Test func daemonSetPodsNeedTheFlag() {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("ds.yaml", """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agente}
        spec:
          selector: {matchLabels: {app: agente}}
          template:
            metadata: {labels: {app: agente}}
            spec:
              containers: [{name: a, image: busybox:1.36, command: [sleep, "3600"]}]

        """))
        h.run(["cluster", "avanzar", "10s"])
        let pod = h.k("get", "pods", "-o", "custom-columns=N:.metadata.name,NODE:.spec.nodeName", "--no-headers").out
            .split(separator: "\n").first { $0.hasSuffix("taller-worker") }!.split(separator: " ")[0]
        let refused = h.k("drain", "taller-worker")
        #expect(refused.code == 1)
        #expect(refused.out == "node/taller-worker cordoned\n")
        #expect(refused.err.hasPrefix("""
        error: unable to drain node "taller-worker" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/\(pod), continuing command...
        There are pending nodes to be drained:
         taller-worker
        cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/\(pod)
          Los pods de un DaemonSet no se desalojan
        """))
        let drained = h.k("drain", "taller-worker", "--ignore-daemonsets")
        #expect(drained.code == 0)
        #expect(drained.out == "node/taller-worker already cordoned\nnode/taller-worker drained\n")
        #expect(drained.err == "Warning: ignoring DaemonSet-managed Pods: default/\(pod)\n")
    }

    @Test func usageAndDryRun() {
        let h = KubectlHarness()
        #expect(h.k("drain").err == "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n")
        #expect(h.k("drain", "nadie").err == "Error from server (NotFound): nodes \"nadie\" not found\n")
        #expect(h.k("drain", "taller-worker", "--timeout=diez").err == "error: invalid argument \"diez\" for \"--timeout\" flag: time: invalid duration \"diez\"\nSee 'kubectl drain --help' for usage.\n")
        h.k("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3")
        h.run(["cluster", "avanzar", "10s"])
        let node = h.k("get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}").out
        let pod = h.k("get", "pods", "-o", "jsonpath={.items[0].metadata.name}").out
        let dry = h.k("drain", node, "--dry-run=client")
        #expect(dry.out.hasPrefix("node/\(node) cordoned (dry run)\nevicting pod default/\(pod) (dry run)\n"))
        #expect(dry.out.hasSuffix("node/\(node) drained (dry run)\n"))
        #expect(h.k("get", "node", node, "-o", "jsonpath={.spec.unschedulable}").out == "")
        let deleted = h.k("drain", node, "--disable-eviction", "--grace-period=0")
        #expect(deleted.out.contains("pod/\(pod) deleted\n"))
        #expect(deleted.out.hasSuffix("node/\(node) drained\n"))
    }

    @Test func goDurations() {
        #expect(GoDuration.string(12_000) == "12s")
        #expect(GoDuration.string(60_000) == "1m0s")
        #expect(GoDuration.string(90_500) == "1m30.5s")
        #expect(GoDuration.string(3_600_000) == "1h0m0s")
        #expect(GoDuration.string(250) == "250ms")
        #expect(GoDuration.string(0) == "0s")
    }

    @Test func nodeComesBackWithVolver() {
        let h = KubectlHarness()
        h.run(["cluster", "nodo", "caer", "taller-worker2"])
        #expect(h.run(["cluster", "nodo", "volver", "taller-worker2"]).out == "El nodo taller-worker2 vuelve a estar en marcha: su kubelet informa Ready otra vez.\n")
    }
}
