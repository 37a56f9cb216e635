import KubeAPI
import YAML

extension DisruptionController {
    struct SyncError: Error {
        var message: String
    }

    /// `getExpectedPodCount`: with `maxUnavailable`, the controllers' scale minus the scaled
    /// value (rounded up); with an integer `minAvailable`, the number of pods and that
    /// integer; with a percentage `minAvailable`, the scale and its share (rounded up).
    static func expectedPodCount(_ pdb: Value, pods: [StoredObject], state: ClusterState) -> Result<(count: Int64, desired: Int64, unmanaged: [String]), SyncError> {
        let spec = pdb["spec"] ?? .mapping([])
        if let max = spec["maxUnavailable"], !max.isNull {
            let scale: (Int64, [String])
            switch expectedScale(pods: pods, state: state) {
            case .failure(let e): return .failure(e)
            case .success(let s): scale = s
            }
            guard let value = IntOrString(max) else { return .failure(SyncError(message: "invalid value for IntOrString")) }
            let unavailable: Int
            do { unavailable = try value.scaledValue(total: Int(scale.0), roundUp: true) } catch { return .failure(SyncError(message: error.message)) }
            return .success((scale.0, Swift.max(0, scale.0 - Int64(unavailable)), scale.1))
        }
        if let min = spec["minAvailable"], !min.isNull {
            if let n = min.int { return .success((Int64(pods.count), n, [])) }
            let scale: (Int64, [String])
            switch expectedScale(pods: pods, state: state) {
            case .failure(let e): return .failure(e)
            case .success(let s): scale = s
            }
            guard let value = IntOrString(min) else { return .failure(SyncError(message: "invalid value for IntOrString")) }
            do {
                return .success((scale.0, Int64(try value.scaledValue(total: Int(scale.0), roundUp: true)), scale.1))
            } catch {
                return .failure(SyncError(message: error.message))
            }
        }
        return .success((0, 0, []))
    }

    /// `getExpectedScale`: the sum of the scale of every controller of the pods, each counted
    /// once (the finders: a ReplicaSet's Deployment, else the ReplicaSet; a StatefulSet).
    static func expectedScale(pods: [StoredObject], state: ClusterState) -> Result<(Int64, [String]), SyncError> {
        var scales: [String: Int64] = [:]
        var unmanaged: [String] = []
        for pod in pods {
            guard let ref = pod.value.controllerRef else {
                unmanaged.append(pod.name)
                continue
            }
            let uid = ref.str("uid")
            if scales[uid] != nil { continue }
            guard let (ownerUID, scale) = controllerScale(ref, namespace: pod.namespace, state: state) else {
                return .failure(SyncError(message: "found no controllers for pod \(GoValue.quote(pod.name))"))
            }
            scales[ownerUID] = scale
        }
        return .success((scales.values.reduce(0, +), unmanaged))
    }

    static func controllerScale(_ ref: Value, namespace: String, state: ClusterState) -> (String, Int64)? {
        func owned(_ resource: String, _ name: String, uid: String) -> StoredObject? {
            guard let o = state[ObjectKey(resource: resource, namespace: namespace, name: name)], o.uid == uid else { return nil }
            return o
        }
        func replicas(_ o: StoredObject) -> Int64 { o.value["spec"]?["replicas"]?.int ?? 1 }
        switch ref.str("kind") {
        case "ReplicaSet":
            guard let rs = owned("replicasets.apps", ref.str("name"), uid: ref.str("uid")) else { return nil }
            if let dRef = rs.value.controllerRef, dRef.str("kind") == "Deployment" {
                guard let d = owned("deployments.apps", dRef.str("name"), uid: dRef.str("uid")) else { return nil }
                return (d.uid, replicas(d))
            }
            return (rs.uid, replicas(rs))
        case "StatefulSet":
            guard let sts = owned("statefulsets.apps", ref.str("name"), uid: ref.str("uid")) else { return nil }
            return (sts.uid, replicas(sts))
        default:
            return nil
        }
    }
}

/// The controller's event texts.
enum DisruptionMessages {
    /// disruption.go `trySync`'s `UnmanagedPods` event; the selector as Go prints a
    /// `*metav1.LabelSelector` (its generated `String()`).
    static func unmanaged(_ selector: Value?) -> String {
        "Pods selected by this PodDisruptionBudget (selector: \(goString(selector))) were found to be unmanaged. As a result, "
            + "the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for "
            + "these pods please set \".spec.minAvailable\" field of the PDB to an integer value."
    }

    static func goString(_ selector: Value?) -> String {
        guard let selector, !selector.isNull else { return "nil" }
        let labels = Value.strings(selector["matchLabels"])
        let pairs = labels.keys.sorted().map { "\($0): \(labels[$0]!)," }.joined()
        let expressions = (selector["matchExpressions"]?.sequence ?? []).map { e in
            let values = (e["values"]?.sequence ?? []).compactMap(\.string).joined(separator: " ")
            return "LabelSelectorRequirement{Key:\(e.str("key")),Operator:\(e.str("operator")),Values:[\(values)],},"
        }.joined()
        return "&LabelSelector{MatchLabels:map[string]string{\(pairs)},MatchExpressions:[]LabelSelectorRequirement{\(expressions)},}"
    }
}
