import KubeAPI
import YAML

/// Which PersistentVolume a claim gets (k8s.io/component-helpers/storage/volume/pv_helpers.go
/// `FindMatchingVolume`, `CheckAccessModes`; pkg/controller/volume/persistentvolume/index.go
/// `findByClaim`, `allPossibleMatchingAccessModes`; pv_controller.go `checkVolumeSatisfyClaim`).
///
/// Example: a claim for `ReadWriteOnce`, 3Gi, no selector, class `manual`; volumes `pv-1g`
/// (RWO, 1Gi), `pv-5g` (RWO, 5Gi), `pv-10g` (RWO, 10Gi), `pv-rwx` (RWO+RWX, 3Gi), all
/// Available and of class `manual`. The index groups volumes by their exact set of access
/// modes and tries the sets that contain the requested ones, fewest modes first: {RWO} before
/// {RWO, RWX}. In {RWO}, `pv-1g` is too small and `pv-5g` is the smallest that fits, so the
/// claim binds to `pv-5g`, not to the exactly-sized `pv-rwx` nor to `pv-10g`. A volume
/// already pre-bound to the claim (its `claimRef` names it) wins over everything.
enum VolumeMatcher {
    /// `findByClaim` (the PV controller's path: no node).
    static func bestMatch(for claim: StoredObject, volumes: [StoredObject], delayBinding: Bool) -> StoredObject? {
        let requested = VolumeUtil.accessModes(claim.value["spec"])
        var groups: [String: (modes: Set<String>, volumes: [StoredObject])] = [:]
        for v in volumes {
            let modes = VolumeUtil.accessModes(v.value["spec"])
            groups[modes.sorted().joined(separator: ","), default: (modes, [])].volumes.append(v)
        }
        let candidates = groups.filter { $0.value.modes.isSuperset(of: requested) }
            .sorted { ($0.value.modes.count, $0.key) < ($1.value.modes.count, $1.key) }
        for (_, group) in candidates {
            if let v = findMatching(claim, group.volumes, node: nil, excluded: [], delayBinding: delayBinding) { return v }
        }
        return nil
    }

    /// `FindMatchingVolume`: a volume pre-bound to the claim, else the smallest Available one
    /// that fits (capacity, volume mode, selector, class; with a node, also its node affinity
    /// and the access modes). Volumes are walked by name; Go's order is the cache's.
    static func findMatching(_ claim: StoredObject, _ volumes: [StoredObject], node: SchedulerCache.NodeInfo?,
                             excluded: Set<String>, delayBinding: Bool) -> StoredObject? {
        let requested = VolumeUtil.request(claim.value)
        let requestedClass = VolumeUtil.claimClass(claim.value)
        let selector: LabelSelector? = claim.value["spec"]?["selector"].flatMap { $0.isNull ? nil : try? LabelSelector($0) }
        var smallest: (volume: StoredObject, size: Quantity)?
        for volume in volumes.sorted(by: { $0.name < $1.name }) where !excluded.contains(volume.name) {
            let v = volume.value
            if let ref = v["spec"]?["claimRef"], !ref.isNull, !VolumeUtil.isBound(v, to: claim) { continue }
            let size = VolumeUtil.capacity(v)
            if size < requested { continue }
            if VolumeUtil.volumeModeMismatch(claim.value, v) { continue }
            if v.isBeingDeleted { continue }
            let affinityOK = node.map { VolumeUtil.nodeAffinityAllows(v, labels: $0.labels, nodeName: $0.name) } ?? true
            if VolumeUtil.isBound(v, to: claim) { return affinityOK ? volume : nil }
            if node == nil && delayBinding { continue }
            if v["status"]?["phase"]?.string != "Available" { continue }
            if let selector, !selector.matches(volume.labels) { continue }
            if VolumeUtil.volumeClass(v) != requestedClass { continue }
            if !affinityOK { continue }
            if node != nil && !accessModesFit(claim.value, v) { continue }
            if smallest == nil || size < smallest!.size { smallest = (volume, size) }
        }
        return smallest?.volume
    }

    /// `CheckAccessModes`: the volume offers every mode the claim asks for.
    static func accessModesFit(_ claim: Value, _ volume: Value) -> Bool {
        VolumeUtil.accessModes(volume["spec"]).isSuperset(of: VolumeUtil.accessModes(claim["spec"]))
    }

    /// `checkVolumeSatisfyClaim`: why a volume the claim names (`spec.volumeName`) cannot be
    /// bound to it, as the `VolumeMismatch` event says it; nil when it can.
    static func mismatch(_ volume: StoredObject, _ claim: StoredObject) -> String? {
        if volume.isBeingDeleted { return "the volume is marked for deletion \(GoValue.quote(volume.name))" }
        if VolumeUtil.capacity(volume.value) < VolumeUtil.request(claim.value) { return "requested PV is too small" }
        if VolumeUtil.volumeClass(volume.value) != VolumeUtil.claimClass(claim.value) { return "storageClassName does not match" }
        if VolumeUtil.volumeModeMismatch(claim.value, volume.value) { return "incompatible volumeMode" }
        if !accessModesFit(claim.value, volume.value) { return "incompatible accessMode" }
        return nil
    }
}
