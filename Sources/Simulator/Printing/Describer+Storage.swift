import KubeAPI
import YAML

/// describe.go `describePersistentVolumeClaim` (+ `printPersistentVolumeClaim`,
/// `printPodsMultiline`), `describePersistentVolume` (+ `printVolumeNodeAffinity`,
/// `printHostPathVolumeSource`, `printLocalVolumeSource`), `StorageClassDescriber`.
extension Describer {
    static func persistentVolumeClaim(_ o: Value, pods: [Value], now: Timestamp, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.write(0, "StorageClass:\t\(TableGenerator.storageClassName(o))\n")
        w.write(0, "Status:\t\(storageStatus(o, now: now))\n")
        w.write(0, "Volume:\t\(o.str("spec", "volumeName"))\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Finalizers:\t[\(o.seq("metadata", "finalizers").compactMap(\.string).joined(separator: " "))]\n")
        var capacity = "", modes = ""
        if !o.str("spec", "volumeName").isEmpty {
            modes = TableGenerator.accessModes(o.seq("status", "accessModes"))
            capacity = TableGenerator.quantity(o.at("status", "capacity", "storage"))
        }
        w.write(0, "Capacity:\t\(capacity)\n")
        w.write(0, "Access Modes:\t\(modes)\n")
        if let mode = o.at("spec", "volumeMode")?.string { w.write(0, "VolumeMode:\t\(mode)\n") }
        let names = pods.map(\.name).sorted()
        w.write(0, "Used By:\t" + (names.isEmpty ? "<none>\n" : names.map { $0 + "\n" }.joined(separator: "\t")))
    }

    static func persistentVolume(_ o: Value, now: Timestamp, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        w.write(0, "Finalizers:\t[\(o.seq("metadata", "finalizers").compactMap(\.string).joined(separator: " "))]\n")
        w.write(0, "StorageClass:\t\(TableGenerator.storageClassName(o))\n")
        w.write(0, "Status:\t\(storageStatus(o, now: now))\n")
        let ref = o.at("spec", "claimRef")
        w.write(0, "Claim:\t\(ref.map { $0.isNull ? "" : "\($0.str("namespace"))/\($0.str("name"))" } ?? "")\n")
        w.write(0, "Reclaim Policy:\t\(o.str("spec", "persistentVolumeReclaimPolicy"))\n")
        w.write(0, "Access Modes:\t\(TableGenerator.accessModes(o.seq("spec", "accessModes")))\n")
        if let mode = o.at("spec", "volumeMode")?.string { w.write(0, "VolumeMode:\t\(mode)\n") }
        w.write(0, "Capacity:\t\(TableGenerator.quantity(o.at("spec", "capacity", "storage")))\n")
        w.write(0, "Node Affinity:\t")
        if let terms = o.at("spec", "nodeAffinity", "required", "nodeSelectorTerms")?.sequence {
            w.write(0, "\n")
            w.write(1, "Required Terms:\t")
            if terms.isEmpty { w.write(0, "<none>\n") } else { w.write(0, "\n") }
            for (i, term) in terms.enumerated() {
                w.write(2, "Term \(i):\t")
                let reqs = term.seq("matchExpressions")
                if reqs.isEmpty { w.write(0, "<none>\n") }
                for (j, r) in reqs.enumerated() {
                    if j != 0 { w.write(2, "\t") }
                    let values = r.seq("values").compactMap(\.string)
                    w.write(0, "\(r.str("key")) \(r.str("operator").lowercased())" + (values.isEmpty ? "" : " [\(values.joined(separator: ", "))]") + "\n")
                }
            }
        } else {
            w.write(0, "<none>\n")
        }
        w.write(0, "Message:\t\(o.str("status", "message"))\n")
        w.write(0, "Source:\n")
        if let h = o.at("spec", "hostPath"), !h.isNull {
            w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t\(h.str("path"))\n    HostPathType:\t\(h["type"]?.string ?? "<none>")\n")
        } else if let l = o.at("spec", "local"), !l.isNull {
            w.write(2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t\(l.str("path"))\n")
        } else if let n = o.at("spec", "nfs"), !n.isNull {
            w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t\(n.str("server"))\n    Path:\t\(n.str("path"))\n    ReadOnly:\t\(n["readOnly"]?.bool == true)\n")
        } else {
            w.write(1, "<unknown>\n")
        }
    }

    static func storageClass(_ o: Value, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "IsDefaultClass:\t\(VolumeUtil.isDefault(o) ? "Yes" : "No")\n")
        w.write(0, "Annotations:\t\(GoFormat.labels(o.stringMap("metadata", "annotations")))\n")
        w.write(0, "Provisioner:\t\(o.str("provisioner"))\n")
        w.write(0, "Parameters:\t\(GoFormat.labels(o.stringMap("parameters")))\n")
        w.write(0, "AllowVolumeExpansion:\t\(o["allowVolumeExpansion"]?.bool.map { $0 ? "True" : "False" } ?? "<unset>")\n")
        let options = o.seq("mountOptions").compactMap(\.string)
        if options.isEmpty { w.write(0, "MountOptions:\t<none>\n") } else {
            w.write(0, "MountOptions:\n")
            for option in options { w.write(1, "\(option)\n") }
        }
        if let p = o["reclaimPolicy"]?.string { w.write(0, "ReclaimPolicy:\t\(p)\n") }
        if let m = o["volumeBindingMode"]?.string { w.write(0, "VolumeBindingMode:\t\(m)\n") }
    }

    /// `Status:` of a claim or volume: the phase, or `Terminating (lasts 5s)`.
    static func storageStatus(_ o: Value, now: Timestamp) -> String {
        guard let deletion = o.at("metadata", "deletionTimestamp"), !deletion.isNull else { return o.str("status", "phase") }
        return "Terminating (lasts \(HumanDuration.since(deletion, now: now)))"
    }
}
