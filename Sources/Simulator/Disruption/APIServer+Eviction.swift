import KubeAPI
import YAML

extension APIServer {
    /// The Eviction API, `POST pods/NAME/eviction` (pkg/registry/core/pod/storage/eviction.go
    /// `EvictionREST.Create`), what `kubectl drain` calls for each pod:
    ///
    /// 1. a pod that is Pending, Succeeded, Failed or already being deleted is deleted at
    ///    once: it disrupts nothing (`canIgnorePDB`);
    /// 2. the budgets of the namespace that select the pod: none → delete; more than one →
    ///    HTTP 500 `This pod has more than one PodDisruptionBudget, which the eviction
    ///    subresource does not support.`;
    /// 3. a pod that is not ready is deleted when the budget's `unhealthyPodEvictionPolicy` is
    ///    `AlwaysAllow`, or when the budget is met anyway (`currentHealthy >= desiredHealthy > 0`);
    /// 4. otherwise `checkAndDecrement`: a budget whose status the controller has not caught up
    ///    with (`observedGeneration < generation`) or with `disruptionsAllowed: 0` refuses with
    ///    429 `Cannot evict pod as it would violate the pod's disruption budget.`; else the
    ///    budget's status gets one disruption fewer and the pod in `disruptedPods` (so the
    ///    controller does not count it as healthy while it goes), and the pod is deleted with
    ///    the eviction's grace period.
    ///
    /// Not modelled: the `DisruptionTarget` condition the apiserver adds to the pod before
    /// deleting it.
    public mutating func evict(namespace: String, name: String, gracePeriod: Int64? = nil, dryRun: DryRun = .none) throws(APIError) {
        let pods = Cluster.podResource
        try authorize("create", pods, namespace: namespace, name: name, subresource: "eviction")
        let key = ObjectKey(pods, namespace: namespace, name: name)
        guard let pod = store[key] else { throw .notFound(resource: "pods", name: name) }
        let dry = dryRun != .none
        let phase = pod.value.str("status", "phase")
        if phase == "Pending" || phase == "Succeeded" || phase == "Failed" || pod.isBeingDeleted {
            try deleteObject(key, dryRun: dry, gracePeriod: gracePeriod)
            return
        }
        let budgets = DisruptionBudget.budgets(matching: pod.labels, namespace: namespace, store: store)
        if budgets.count > 1 {
            throw .failure("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
        if let pdb = budgets.first {
            let status = pdb.value["status"] ?? .mapping([])
            let unhealthyAlwaysAllowed = pdb.value.str("spec", "unhealthyPodEvictionPolicy") == "AlwaysAllow"
            let met = status.int("currentHealthy") >= status.int("desiredHealthy") && status.int("desiredHealthy") > 0
            if PodRanking.isReady(pod.value) || !(unhealthyAlwaysAllowed || met) {
                try checkAndDecrement(pdb, pod: name, dryRun: dry)
            }
        }
        try deleteObject(key, dryRun: dry, gracePeriod: gracePeriod)
    }

    /// eviction.go `checkAndDecrement`.
    mutating func checkAndDecrement(_ pdb: StoredObject, pod: String, dryRun: Bool) throws(APIError) {
        var status = pdb.value["status"] ?? .mapping([])
        let refused = "Cannot evict pod as it would violate the pod's disruption budget."
        if status.int("observedGeneration") < pdb.value.generation { throw .tooManyRequests(refused) }
        let allowed = status.int("disruptionsAllowed")
        if allowed < 0 {
            throw .forbidden(resource: "poddisruptionbudget.policy", name: pdb.name, reason: "pdb disruptions allowed is negative")
        }
        if (status["disruptedPods"]?.mapping?.count ?? 0) > 2000 {
            throw .forbidden(resource: "poddisruptionbudget.policy", name: pdb.name,
                             reason: "DisruptedPods map too big - too many evictions not confirmed by PDB controller")
        }
        if allowed == 0 { throw .tooManyRequests(refused) }
        status.set("disruptionsAllowed", .int(allowed - 1))
        if allowed - 1 == 0 { DisruptionBudget.updateAllowedCondition(&status, now: clock.now) }
        if dryRun { return }
        var disrupted = status["disruptedPods"]?.mapping ?? []
        disrupted.removeAll { $0.key.string == pod }
        disrupted.append(.init(pod, .string(clock.now.rfc3339)))
        status.set("disruptedPods", .mapping(disrupted))
        _ = try updateObject(pdb.key, ["status": status], statusOnly: true)
    }
}
