import KubeAPI
import YAML

/// kube-scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding:
/// volume_binding.go `PreFilter`, `Filter`, `PreBind`, `podHasPVCs`; binder.go
/// `GetPodVolumeClaims`, `FindPodVolumes`, `checkBoundClaims`, `findMatchingVolumes`,
/// `checkVolumeProvisions`, `BindPodVolumes`).
///
/// Example: pod `web` mounts claim `datos` of the default class `standard`
/// (`WaitForFirstConsumer`, provisioner `rancher.io/local-path`). PreFilter: the claim exists
/// and is unbound with delayed binding, so it goes to Filter; there, with no volume to match,
/// a node passes when the class can provision (not `kubernetes.io/no-provisioner`). Once the
/// scheduler has chosen `taller-worker2`, PreBind writes `volume.kubernetes.io/selected-node:
/// taller-worker2` on the claim and waits (the pod is not bound yet); the PV controller and
/// the provisioner make and bind `pvc-<uid>`, whose node affinity names that node; the pod is
/// then scheduled again and, all its claims bound, goes where its volume is
/// (`node(s) had volume node affinity conflict` everywhere else).
///
/// A claim that does not exist fails PreFilter (`persistentvolumeclaim "datos" not found`), as
/// does an unbound claim of a class that binds at once (`pod has unbound immediate
/// PersistentVolumeClaims`); the scheduler retries when claims, volumes or classes change.
///
/// Deviation: upstream's PreBind blocks the binding cycle until the claims are bound (up to
/// 10 minutes); here the pod stays pending and waits without retrying while a claim carries
/// the scheduler's `selected-node` or a volume it reserved.
struct VolumeBinding: Sendable {
    enum PreFilterResult {
        /// No claims: the plugin skips the pod.
        case skip
        /// UnschedulableAndUnresolvable for every node, with this message.
        case rejected(String)
        /// A previous cycle's PreBind is still waiting for the claims to be bound.
        case waiting
        case check(VolumeBinding)
    }

    /// binder.go `ErrReasonBindConflict`, `ErrReasonNodeConflict`, `ErrReasonPVNotExist`.
    static let reasonBindConflict = "node(s) didn't find available persistent volumes to bind"
    static let reasonNodeConflict = "node(s) had volume node affinity conflict"
    static let reasonPVNotExist = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"

    /// The volume names of fully bound claims.
    var boundVolumes: [String]
    /// Unbound claims of `WaitForFirstConsumer` classes, smallest request first (`byPVCSize`).
    var delayed: [StoredObject]

    static func preFilter(_ pod: Value, namespace: String, state: ClusterState) -> PreFilterResult {
        let names = VolumeUtil.claimNames(pod)
        if names.isEmpty { return .skip }
        var claims: [StoredObject] = []
        for name in names {
            guard let claim = state[VolumeUtil.claimKey(namespace: namespace, name: name)] else {
                return .rejected("persistentvolumeclaim \(GoValue.quote(name)) not found")
            }
            if claim.value["status"]?["phase"]?.string == "Lost" {
                let volume = claim.value["spec"]?["volumeName"]?.string ?? ""
                return .rejected("persistentvolumeclaim \(GoValue.quote(name)) bound to non-existent persistentvolume \(GoValue.quote(volume))")
            }
            if claim.isBeingDeleted { return .rejected("persistentvolumeclaim \(GoValue.quote(name)) is being deleted") }
            claims.append(claim)
        }
        var binding = VolumeBinding(boundVolumes: [], delayed: [])
        var immediate = false
        for claim in claims {
            let volume = claim.value["spec"]?["volumeName"]?.string ?? ""
            if !volume.isEmpty && claim.value.annotation(VolumeUtil.bindCompleted) != nil {
                binding.boundVolumes.append(volume)
            } else if volume.isEmpty && VolumeUtil.isDelayBinding(claim.value, state.store) {
                binding.delayed.append(claim)
            } else {
                immediate = true
            }
        }
        if immediate { return .rejected("pod has unbound immediate PersistentVolumeClaims") }
        let reserved = Set(state.store.list(VolumeUtil.volumes).compactMap { v -> String? in
            guard let ref = v.value["spec"]?["claimRef"], let uid = ref["uid"]?.string, !uid.isEmpty else { return nil }
            return uid
        })
        if binding.delayed.contains(where: { $0.value.annotation(VolumeUtil.selectedNode) != nil || reserved.contains($0.uid) }) {
            return .waiting
        }
        binding.delayed.sort { VolumeUtil.request($0.value) < VolumeUtil.request($1.value) }
        return .check(binding)
    }

    /// `Filter` (`FindPodVolumes` on one node): the reasons the node cannot take the pod's
    /// volumes, nil when it can.
    func filter(_ node: SchedulerCache.NodeInfo, state: ClusterState) -> [String]? {
        var reasons: [String] = []
        var found = true
        for name in boundVolumes {
            guard let pv = state[VolumeUtil.volumeKey(name)] else { found = false; break }
            if !VolumeUtil.nodeAffinityAllows(pv.value, labels: node.labels, nodeName: node.name) {
                reasons.append(VolumeBinding.reasonNodeConflict)
                break
            }
        }
        if plan(on: node, state: state) == nil { reasons.append(VolumeBinding.reasonBindConflict) }
        if !found { reasons.append(VolumeBinding.reasonPVNotExist) }
        return reasons.isEmpty ? nil : reasons
    }

    /// `findMatchingVolumes` then `checkVolumeProvisions` for the delayed claims: the volume
    /// chosen for each claim (nil: to be provisioned), or nil when some claim has neither.
    func plan(on node: SchedulerCache.NodeInfo, state: ClusterState) -> [(claim: StoredObject, volume: StoredObject?)]? {
        guard !delayed.isEmpty else { return [] }
        let volumes = state.store.list(VolumeUtil.volumes)
        var chosen: Set<String> = []
        var result: [(claim: StoredObject, volume: StoredObject?)] = []
        for claim in delayed {
            if let pv = VolumeMatcher.findMatching(claim, volumes, node: node, excluded: chosen, delayBinding: true) {
                chosen.insert(pv.name)
                result.append((claim, pv))
                continue
            }
            guard let sc = state[VolumeUtil.classKey(VolumeUtil.claimClass(claim.value))] else { return nil }
            let provisioner = sc.value["provisioner"]?.string ?? ""
            if provisioner.isEmpty || provisioner == "kubernetes.io/no-provisioner" { return nil }
            result.append((claim, nil))
        }
        return result
    }

    /// `PreBind` (`BindPodVolumes`): reserve each matched volume for its claim (`claimRef`,
    /// `pv.kubernetes.io/bound-by-controller`) and ask for the rest to be provisioned on the
    /// node (`volume.kubernetes.io/selected-node`). Empty when every claim is bound already.
    func preBind(_ node: SchedulerCache.NodeInfo, state: ClusterState) -> [Action] {
        var actions: [Action] = []
        for (claim, volume) in plan(on: node, state: state) ?? [] {
            if let volume {
                var pv = volume.value
                let prebound = VolumeUtil.isBound(pv, to: claim)
                pv.edit("spec") { $0.set("claimRef", VolumeUtil.claimRef(claim)) }
                if !prebound && pv.annotation(VolumeUtil.boundByController) == nil { pv.setAnnotation(VolumeUtil.boundByController, "yes") }
                actions.append(.update(volume.key, pv))
            } else {
                var pvc = claim.value
                pvc.setAnnotation(VolumeUtil.selectedNode, node.name)
                actions.append(.update(claim.key, pvc))
            }
        }
        return actions
    }
}
