import KubeAPI
import Testing
import YAML
@testable import Simulator

/// The disruption controller's status (pkg/controller/disruption/disruption.go) and the
/// Eviction API's decisions (pkg/registry/core/pod/storage/eviction.go).
@Suite struct DisruptionTests {
    static func pdb(_ spec: String, name: String = "web") -> String {
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: \(name)}\nspec:\n  selector: {matchLabels: {app: web}}\n  \(spec)\n"
    }

    /// A cluster with Deployment `web` (`replicas` ready pods) and a budget.
    static func cluster(replicas: Int = 4, budget: String?) throws -> Cluster {
        var cluster = Cluster(seed: 11, workers: 3)
        _ = try cluster.api.apply(decoded(deploymentYAML(replicas: replicas, image: "nginx:1.27")))
        cluster.advance(by: .seconds(30))
        if let budget { _ = try cluster.api.apply(decoded(pdb(budget))) }
        cluster.advance()
        return cluster
    }

    static func status(_ cluster: Cluster, _ name: String = "web") -> Value {
        cluster.api.store[ObjectKey(resource: "poddisruptionbudgets.policy", namespace: "default", name: name)]?.value["status"] ?? .null
    }

    static func pods(_ cluster: Cluster) -> [StoredObject] {
        cluster.api.list(Cluster.podResource, namespace: "default").filter { !$0.isBeingDeleted }
    }

    struct Case: CustomStringConvertible, Sendable {
        var spec: String
        var replicas: Int
        var expected: Int64, desired: Int64, healthy: Int64, allowed: Int64
        var reason: String
        var description: String { "\(spec) con \(replicas) réplicas" }
    }

    static let cases: [Case] = [
        Case(spec: "maxUnavailable: 1", replicas: 4, expected: 4, desired: 3, healthy: 4, allowed: 1, reason: "SufficientPods"),
        Case(spec: "maxUnavailable: 0", replicas: 4, expected: 4, desired: 4, healthy: 4, allowed: 0, reason: "InsufficientPods"),
        Case(spec: "maxUnavailable: 50%", replicas: 3, expected: 3, desired: 1, healthy: 3, allowed: 2, reason: "SufficientPods"),
        Case(spec: "minAvailable: 2", replicas: 3, expected: 3, desired: 2, healthy: 3, allowed: 1, reason: "SufficientPods"),
        Case(spec: "minAvailable: 5", replicas: 3, expected: 3, desired: 5, healthy: 3, allowed: 0, reason: "InsufficientPods"),
        Case(spec: "minAvailable: 50%", replicas: 3, expected: 3, desired: 2, healthy: 3, allowed: 1, reason: "SufficientPods"),
    ]

    @Test(arguments: cases) func status(_ c: Case) throws {
        let cluster = try Self.cluster(replicas: c.replicas, budget: c.spec)
        let s = Self.status(cluster)
        #expect(s.int("expectedPods") == c.expected)
        #expect(s.int("desiredHealthy") == c.desired)
        #expect(s.int("currentHealthy") == c.healthy)
        #expect(s.int("disruptionsAllowed") == c.allowed)
        #expect(s.int("observedGeneration") == 1)
        let condition = s.seq("conditions").first
        #expect(condition?.str("type") == "DisruptionAllowed" && condition?.str("reason") == c.reason)
        #expect(condition?.str("status") == (c.allowed > 0 ? "True" : "False"))
    }

    @Test func evictionsTakeTheBudgetAndTheReplacementGivesItBack() throws {
        var cluster = try Self.cluster(budget: "maxUnavailable: 1")
        let pods = Self.pods(cluster)
        try cluster.api.evict(namespace: "default", name: pods[0].name)
        var s = Self.status(cluster)
        #expect(s.int("disruptionsAllowed") == 0)
        #expect(Value.strings(s["disruptedPods"])[pods[0].name] != nil)
        #expect(cluster.api.store[pods[0].key]?.isBeingDeleted == true)
        // The next one is refused with the apiserver's 429.
        #expect(throws: APIError.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.")) {
            try cluster.api.evict(namespace: "default", name: pods[1].name)
        }
        #expect(APIError.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.").kubectlMessage()
                == "Error from server (TooManyRequests): Cannot evict pod as it would violate the pod's disruption budget.")
        // The controller, before anything else runs: the evicted pod, now terminating, no longer
        // counts (and leaves disruptedPods); nothing is allowed.
        let key = ObjectKey(resource: "poddisruptionbudgets.policy", namespace: "default", name: "web")
        let actions = DisruptionController().reconcile(key: key, state: ClusterState(store: cluster.api.store), now: cluster.now)
        guard case .updateStatus(_, let computed) = actions.first(where: { if case .updateStatus = $0 { return true }; return false }) else {
            Issue.record("expected a status update")
            return
        }
        #expect(computed.int("currentHealthy") == 3 && computed.int("disruptionsAllowed") == 0 && computed["disruptedPods"] == nil)
        #expect(computed.seq("conditions").first?.str("reason") == "InsufficientPods")
        // Once the replacement is ready (nginx is already on the node), one disruption again.
        cluster.advance(by: .seconds(5))
        s = Self.status(cluster)
        #expect(s.int("currentHealthy") == 4 && s.int("disruptionsAllowed") == 1)
        try cluster.api.evict(namespace: "default", name: pods[1].name)
    }

    @Test func podsThatDisruptNothingIgnoreTheBudget() throws {
        var cluster = try Self.cluster(replicas: 2, budget: "maxUnavailable: 0")
        // A pending pod (no node fits) goes at once.
        _ = try cluster.api.apply(decoded("""
        apiVersion: v1
        kind: Pod
        metadata: {name: enorme, labels: {app: web}}
        spec:
          containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "64"}}}]
        """))
        cluster.advance()
        try cluster.api.evict(namespace: "default", name: "enorme")
        #expect(cluster.api.store[ObjectKey(resource: "pods", namespace: "default", name: "enorme")] == nil)
        #expect(throws: APIError.notFound(resource: "pods", name: "nadie")) { try cluster.api.evict(namespace: "default", name: "nadie") }
        let ready = Self.pods(cluster)[0].name
        #expect(throws: APIError.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.")) {
            try cluster.api.evict(namespace: "default", name: ready)
        }
    }

    @Test func twoBudgetsForOnePod() throws {
        var cluster = try Self.cluster(replicas: 2, budget: "maxUnavailable: 1")
        _ = try cluster.api.apply(decoded(Self.pdb("minAvailable: 1", name: "otro")))
        cluster.advance()
        #expect(throws: APIError.failure("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")) {
            try cluster.api.evict(namespace: "default", name: Self.pods(cluster)[0].name)
        }
    }

    @Test func podsWithoutAScalableControllerFailTheSync() throws {
        var cluster = Cluster(seed: 11, workers: 3)
        _ = try cluster.api.apply(decoded("apiVersion: v1\nkind: Pod\nmetadata: {name: suelto, labels: {app: web}}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n"))
        _ = try cluster.api.apply(decoded(Self.pdb("maxUnavailable: 1")))
        cluster.advance(by: .seconds(5))
        // An unmanaged pod is only reported; the budget expects nothing.
        var s = Self.status(cluster)
        #expect(s.int("expectedPods") == 0 && s.int("disruptionsAllowed") == 0)
        let events = cluster.api.list(Kinds.resolve("events")!, namespace: "default").map(\.value)
        #expect(events.contains { $0.str("reason") == "UnmanagedPods" && $0.str("message").hasPrefix("Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged.") })
        // A Job's pod: no scale to count, so the sync fails safe.
        _ = try cluster.api.apply(decoded("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: tarea}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec:
              restartPolicy: Never
              containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
        """))
        cluster.advance(by: .seconds(5))
        s = Self.status(cluster)
        let condition = s.seq("conditions").first
        #expect(condition?.str("reason") == "SyncFailed" && condition?.str("message").hasPrefix("found no controllers for pod \"tarea-") == true)
        #expect(s.int("disruptionsAllowed") == 0)
    }

    @Test func noPods() throws {
        let cluster = try Self.cluster(replicas: 0, budget: "minAvailable: 1")
        let s = Self.status(cluster)
        #expect(s.int("expectedPods") == 0 && s.int("disruptionsAllowed") == 0)
        #expect(cluster.api.list(Kinds.resolve("events")!, namespace: "default").contains { $0.value.str("reason") == "NoPods" })
    }
}
