import KubeAPI
import YAML

/// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go `syncDaemonSet`,
/// `manage`, `podsShouldBeOnNode`, `syncNodes`, `updateDaemonSetStatus`; update.go
/// `rollingUpdate`).
///
/// Example: `logs` with no node selector on the course cluster (a control plane tainted
/// `node-role.kubernetes.io/control-plane:NoSchedule` and 3 workers). `NodeShouldRunDaemonPod`
/// says yes for the workers and no for the control plane (the template does not tolerate its
/// taint), so the first sync creates 3 pods `logs-xxxxx` (`SuccessfulCreate`, `Created pod:
/// logs-xxxxx`), each labelled `controller-revision-hash: <hash of the template>` and
/// `pod-template-generation: 1`, with the daemon tolerations and the node affinity
/// `metadata.name In [taller-worker2]`; the default scheduler binds each to its node.
/// Status: `desiredNumberScheduled: 3`, and the counts of scheduled, ready, available and
/// up-to-date nodes as the kubelets start the pods. A node that gains a matching label gets a
/// pod; one that loses it has its pod deleted (`SuccessfulDelete`, `Deleted pod: …`).
///
/// A template change is a new hash. RollingUpdate with `maxUnavailable: 1` (the default,
/// `maxSurge: 0`): the first node's old pod is deleted; while it terminates and until its
/// replacement is available that node counts as unavailable, so nothing else happens; then the
/// next old pod goes, one node at a time. With `maxSurge` the new pod is created first and
/// the old one deleted when the new one is available. OnDelete replaces a pod only when the
/// learner deletes it.
///
/// Simplifications: no ControllerRevision objects (the kind is not served, as for
/// StatefulSets), so `rollout history|undo` are not available; a failed daemon pod is deleted
/// at once (`FailedDaemonPod`) without upstream's per-node back-off.
public struct DaemonSetController: Controller {
    public let name = "daemonset-controller"
    public var watchedResources: Set<String>? { [Workload.daemonSets, ObjectKey.pods, Workload.nodes] }

    /// daemon_controller.go `BurstReplicas`.
    static let burstReplicas = 250

    public init() {}

    public func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] {
        switch change.key.resource {
        case Workload.daemonSets:
            return [change.key]
        case ObjectKey.pods:
            return Workload.ownerKeys(change, kind: "DaemonSet", resource: Workload.daemonSets, state: state)
        case Workload.nodes:
            // addNode/deleteNode wake every DaemonSet; updateNode only when what decides
            // placement changed (labels, taints, spec.unschedulable).
            if let old = change.old, let new = change.new, old["metadata"]?["labels"] == new["metadata"]?["labels"],
               old["spec"]?["taints"] == new["spec"]?["taints"], old["spec"]?["unschedulable"] == new["spec"]?["unschedulable"] {
                return []
            }
            return state.list(Workload.daemonSets, namespace: nil).map(\.key)
        default:
            return []
        }
    }

    public func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] {
        // syncDaemonSet: a DaemonSet being deleted is left alone (status included).
        guard let ds = state[key], !ds.isBeingDeleted, let selector = try? LabelSelector(ds.value["spec"]?["selector"]) else { return [] }
        var actions: [Action] = []
        let candidates = Workload.candidates(ObjectKey.pods, of: ds, selector: selector, state: state)
        let pods = Workload.claim(ds, candidates: candidates, actions: &actions)
        var sync = DaemonSetSync(ds: ds, pods: pods, state: state, now: now)
        sync.run()
        return actions + sync.actions
    }
}
