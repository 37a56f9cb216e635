import KubeAPI
import Simulator
import YAML

/// `kubectl rollout status|history|undo|restart|pause|resume` for Deployments, and `status`
/// and `restart` for DaemonSets and StatefulSets (whose history lives in ControllerRevisions,
/// which the simulator does not keep)
/// (k8s.io/kubectl/pkg/cmd/rollout, polymorphichelpers objectpauser.go, objectresumer.go,
/// objectrestarter.go, rollback.go, history.go, rollout_status.go). The CLI side works on
/// the Deployment's fields: `spec.paused`, the template annotation
/// `kubectl.kubernetes.io/restartedAt`, and the ReplicaSets' `deployment.kubernetes.io/revision`
/// and `kubernetes.io/change-cause` annotations; the Deployment controller does the rest.
enum KubectlRollout {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let changeCauseAnnotation = "kubernetes.io/change-cause"
    static let restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt"
    /// `rollout status` waits at most this long in virtual time (kubectl waits forever by
    /// default; the Deployment's progress deadline ends a stuck rollout first).
    static let maxWaitSeconds = 900

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let sub = c.args.first else {
            throw .message("error: Required subcommand: status, history, undo, restart, pause, resume")
        }
        let (resource, name) = try KubectlResources.single(Array(c.args.dropFirst()), verb: "rollout \(sub)")
        let workload = resource.kind == "DaemonSet" || resource.kind == "StatefulSet"
        guard resource.kind == "Deployment" || (workload && (sub == "status" || sub == "restart")) else {
            throw .message("error: no \(sub == "history" ? "history viewer" : "status viewer") has been implemented for \(GoText.quote(resource.kind))\n  En taller, rollout funciona con Deployments (y status y restart, también con DaemonSets y StatefulSets).")
        }
        let o = try KubectlResources.get(cluster, resource, namespace: c.namespace, name: name)
        let label = "\(resource.kind.lowercased()).\(resource.group)/\(name)"
        let quoted = "\(resource.groupResource) \(GoText.quote(name))"
        let dryRun = try c.flags.dryRun()
        switch sub {
        case "status" where workload: return workloadStatus(o.key, &cluster, watch: c.flags.value("watch") != "false")
        case "status": return status(o.key, &cluster, watch: c.flags.value("watch") != "false")
        case "history": return try history(o, cluster, revision: c.flags.value("revision").flatMap(Int64.init) ?? 0)
        case "pause":
            if o.value.at(["spec", "paused"])?.bool == true { throw .message("error: \(quoted) is already paused") }
            try KubectlEdit.write(o, o.value.setting(["spec", "paused"], true), &cluster, dryRun: dryRun)
            return KubectlOutput(out: "\(label) paused\(dryRun.kubectlSuffix)\n")
        case "resume":
            if o.value.at(["spec", "paused"])?.bool != true { throw .message("error: \(quoted) is not paused") }
            try KubectlEdit.write(o, o.value.setting(["spec", "paused"], nil), &cluster, dryRun: dryRun)
            return KubectlOutput(out: "\(label) resumed\(dryRun.kubectlSuffix)\n")
        case "restart":
            if o.value.at(["spec", "paused"])?.bool == true {
                throw .message("error: \(quoted) can't restart paused deployment (run rollout resume first)")
            }
            let path = ["spec", "template", "metadata", "annotations", restartedAtAnnotation]
            try KubectlEdit.write(o, o.value.setting(path, .string(cluster.now.rfc3339)), &cluster, dryRun: dryRun)
            return KubectlOutput(out: "\(label) restarted\(dryRun.kubectlSuffix)\n")
        case "undo":
            return try undo(o, &cluster, toRevision: c.flags.value("to-revision").flatMap(Int64.init) ?? 0, dryRun: dryRun)
        default:
            throw .message("error: unknown command \"\(sub)\" for \"kubectl rollout\"")
        }
    }

    /// The Deployment's ReplicaSets by revision.
    static func revisions(_ o: StoredObject, _ cluster: Cluster) -> [(revision: Int64, rs: StoredObject)] {
        cluster.api.store.dependents(of: o.uid).filter { $0.kind == "ReplicaSet" }.compactMap { rs in
            rs.value.at(["metadata", "annotations", revisionAnnotation])?.string.flatMap(Int64.init).map { ($0, rs) }
        }.sorted { $0.revision < $1.revision }
    }

    /// history.go `DeploymentHistoryViewer.ViewHistory`: the revisions and their change-cause,
    /// or (`--revision=N`) that revision's pod template as `printTemplate` prints it, with the
    /// change-cause among the template's annotations. rollout_history.go prints either after
    /// `deployment.apps/web ` (the name printer with an operation), hence the trailing newline.
    static func history(_ o: StoredObject, _ cluster: Cluster, revision: Int64) throws(KubectlError) -> KubectlOutput {
        let all = revisions(o, cluster)
        guard !all.isEmpty else { return KubectlOutput(out: "deployment.apps/\(o.name) \nNo rollout history found.\n") }
        if revision > 0 {
            guard let match = all.last(where: { $0.revision == revision }) else {
                throw .message("error: unable to find the specified revision")
            }
            var template = match.rs.value.at(["spec", "template"]) ?? .mapping([])
            if let cause = match.rs.value.at(["metadata", "annotations", changeCauseAnnotation])?.string, !cause.isEmpty {
                template = template.setting(["metadata", "annotations", changeCauseAnnotation], .string(cause))
            }
            return KubectlOutput(out: "deployment.apps/\(o.name) with revision #\(revision)\n" + Describer.podTemplateText(template) + "\n")
        }
        var w = TabWriter.describe()
        w.write("REVISION\tCHANGE-CAUSE\n")
        for (revision, rs) in all {
            let cause = rs.value.at(["metadata", "annotations", changeCauseAnnotation])?.string ?? ""
            w.write("\(revision)\t\(cause.isEmpty ? "<none>" : cause)\n")
        }
        return KubectlOutput(out: "deployment.apps/\(o.name) \n" + w.finish() + "\n")
    }

    /// Annotations a roll back keeps from the Deployment instead of taking them from the
    /// ReplicaSet (rollback.go `annotationsToSkip`).
    static let rollbackKeeps: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation, "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ]

    /// rollback.go `DeploymentRollbacker.Rollback`: find the revision (errors first), then
    /// refuse a paused Deployment, skip when the template already matches, else replace the
    /// template (without `pod-template-hash`) and the annotations: the Deployment's own
    /// `annotationsToSkip`, everything else from the ReplicaSet, so its change-cause comes back.
    static func undo(_ o: StoredObject, _ cluster: inout Cluster, toRevision: Int64, dryRun: DryRun) throws(KubectlError) -> KubectlOutput {
        let all = revisions(o, cluster)
        let target: StoredObject
        if toRevision > 0 {
            guard let match = all.last(where: { $0.revision == toRevision }) else {
                throw .message("error: unable to find specified revision \(toRevision) in history")
            }
            target = match.rs
        } else {
            // deploymentRevision: the second-highest revision.
            let distinct = all.map(\.revision).reduce(into: [Int64]()) { if $0.last != $1 { $0.append($1) } }
            guard distinct.count >= 2, let previous = all.last(where: { $0.revision == distinct[distinct.count - 2] }) else {
                throw .message("error: no rollout history found for deployment \(GoText.quote(o.name))")
            }
            target = previous.rs
        }
        var template = target.value.at(["spec", "template"]) ?? .mapping([])
        if dryRun == .client {
            return KubectlOutput(out: "deployment.apps/\(o.name) " + Describer.podTemplateText(template) + " (dry run)\n")
        }
        if o.value.at(["spec", "paused"])?.bool == true {
            throw .message("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
        }
        template = template.setting(["metadata", "labels", "pod-template-hash"], nil)
        if template.at(["metadata", "labels"])?.mapping?.isEmpty == true { template = template.setting(["metadata", "labels"], nil) }
        let current = o.value.at(["spec", "template"]) ?? .mapping([])
        if template == current {
            return KubectlOutput(out: "deployment.apps/\(o.name) skipped rollback (current template already matches revision \(toRevision))\n")
        }
        var annotations = (o.value.at(["metadata", "annotations"])?.mapping ?? []).filter { rollbackKeeps.contains($0.key.string ?? "") }
        annotations += (target.value.at(["metadata", "annotations"])?.mapping ?? []).filter { !rollbackKeeps.contains($0.key.string ?? "") }
        annotations.sort { ($0.key.string ?? "").utf8.lexicographicallyPrecedes(($1.key.string ?? "").utf8) }
        var updated = o.value.setting(["spec", "template"], template)
        updated = updated.setting(["metadata", "annotations"], annotations.isEmpty ? nil : .mapping(annotations))
        try KubectlEdit.write(o, updated, &cluster, dryRun: dryRun)
        return KubectlOutput(out: "deployment.apps/\(o.name) rolled back\(dryRun.kubectlSuffix)\n")
    }

    /// rollout_status.go `DeploymentStatusViewer.Status`, checked once per virtual second
    /// (each different message printed once) until the rollout finishes or fails.
    static func status(_ key: ObjectKey, _ cluster: inout Cluster, watch: Bool) -> KubectlOutput {
        var output = KubectlOutput()
        var last = ""
        for second in 0...maxWaitSeconds {
            if second > 0 { cluster.advance(by: .seconds(1)) }
            guard let d = cluster.api.store[key]?.value else {
                output.fail("error: deployment \(GoText.quote(key.name)) was deleted")
                return output
            }
            let (message, done, failure) = statusMessage(d)
            if let failure { output.fail(failure); return output }
            if message != last { output.out += message; last = message }
            if done || !watch { return output }
        }
        output.fail("error: timed out waiting for the condition")
        return output
    }

    /// rollout_status.go `DaemonSetStatusViewer` / `StatefulSetStatusViewer` (RolloutStatus
    /// in the simulator), watched the same way: one virtual second at a time.
    static func workloadStatus(_ key: ObjectKey, _ cluster: inout Cluster, watch: Bool) -> KubectlOutput {
        var output = KubectlOutput()
        var last = ""
        for second in 0...maxWaitSeconds {
            if second > 0 { cluster.advance(by: .seconds(1)) }
            guard let o = cluster.api.store[key]?.value, let status = RolloutStatus.of(o) else {
                output.fail("error: \(key.apiResource?.singular ?? key.resource) \(GoText.quote(key.name)) was deleted")
                return output
            }
            if status.state == .failed { output.fail("error: " + status.line); return output }
            if status.line != last { output.out += status.line; last = status.line }
            if status.state == .complete || !watch { return output }
        }
        output.fail("error: timed out waiting for the condition")
        return output
    }

    static func statusMessage(_ d: Value) -> (String, Bool, String?) {
        let name = GoText.quote(d.at(["metadata", "name"])?.text ?? "")
        let generation = d.at(["metadata", "generation"])?.int ?? 0
        let observed = d.at(["status", "observedGeneration"])?.int ?? 0
        guard generation <= observed else { return ("Waiting for deployment spec update to be observed...\n", false, nil) }
        let progressing = d.at(["status", "conditions"])?.sequence?.first { $0["type"]?.string == "Progressing" }
        if progressing?["reason"]?.string == "ProgressDeadlineExceeded" {
            return ("", false, "error: deployment \(name) exceeded its progress deadline")
        }
        let replicas = d.at(["spec", "replicas"])?.int ?? 1
        let updated = d.at(["status", "updatedReplicas"])?.int ?? 0
        let total = d.at(["status", "replicas"])?.int ?? 0
        let available = d.at(["status", "availableReplicas"])?.int ?? 0
        if updated < replicas {
            return ("Waiting for deployment \(name) rollout to finish: \(updated) out of \(replicas) new replicas have been updated...\n", false, nil)
        }
        if total > updated {
            return ("Waiting for deployment \(name) rollout to finish: \(total - updated) old replicas are pending termination...\n", false, nil)
        }
        if available < updated {
            return ("Waiting for deployment \(name) rollout to finish: \(available) of \(updated) updated replicas are available...\n", false, nil)
        }
        return ("deployment \(name) successfully rolled out\n", true, nil)
    }
}
