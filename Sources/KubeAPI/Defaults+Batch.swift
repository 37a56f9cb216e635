import YAML

// Job and CronJob defaults. Source: pkg/apis/batch/v1/defaults.go (SetDefaults_Job,
// SetDefaults_CronJob). `podReplacementPolicy` is defaulted because the JobPodReplacementPolicy
// gate is beta and on in v1.32.
extension Defaults {
    static func job(_ o: inout Value) {
        let templateLabels = o["spec"]?["template"]?["metadata"]?["labels"]
        o.editField("spec", create: true) { spec in
            let completionsUnset = spec["completions"]?.isNull ?? true
            let parallelismUnset = spec["parallelism"]?.isNull ?? true
            if completionsUnset && parallelismUnset {
                spec.set("completions", 1)
                spec.set("parallelism", 1)
            }
            spec.setFieldIfMissing("parallelism", 1)
            if spec["backoffLimit"]?.isNull ?? true {
                let perIndex = !(spec["backoffLimitPerIndex"]?.isNull ?? true)
                spec.set("backoffLimit", perIndex ? .int(Int64(Int32.max)) : 6)
            }
            spec.setFieldIfMissing("completionMode", "NonIndexed")
            spec.setFieldIfMissing("suspend", false)
            if spec["podReplacementPolicy"]?.isNull ?? true {
                let hasFailurePolicy = !(spec["podFailurePolicy"]?.isNull ?? true)
                spec.set("podReplacementPolicy", hasFailurePolicy ? "Failed" : "TerminatingOrFailed")
            }
            spec.editPath(["podFailurePolicy"]) { policy in
                policy.editEach("rules") { rule in
                    rule.editEach("onPodConditions") { $0.setFieldIfZero("status", "True") }
                }
            }
            spec.editField("template", create: true) { podTemplate(&$0) }
        }
        if let labels = templateLabels, !labels.isNull {
            o.editField("metadata", create: true) { meta in
                if meta["labels"]?.isEmptyCollection ?? true { meta.set("labels", labels) }
            }
        }
    }

    static func cronJob(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfZero("concurrencyPolicy", "Allow")
            spec.setFieldIfMissing("suspend", false)
            spec.setFieldIfMissing("successfulJobsHistoryLimit", 3)
            spec.setFieldIfMissing("failedJobsHistoryLimit", 1)
            // The job template gets only the pod-spec defaults: SetDefaults_Job takes a whole
            // Job, not a JobSpec, so a CronJob's jobTemplate shows no backoffLimit etc.
            spec.editField("jobTemplate", create: true) { template in
                template.editField("metadata", create: true) { $0.setFieldIfMissing("creationTimestamp", .null) }
                template.editField("spec", create: true) { jobSpec in
                    jobSpec.editField("template", create: true) { podTemplate(&$0) }
                }
            }
        }
    }

    /// What the Job registry strategy adds on create when `manualSelector` is not true
    /// (pkg/registry/batch/job/strategy.go, generateSelector): a selector on the Job's UID and
    /// the matching labels on the pod template. The UID comes from the simulator.
    public static func jobSelector(_ job: Value, uid: String) -> Value {
        if job["spec"]?["manualSelector"] == true { return job }
        let name = job["metadata"]?["name"]?.string ?? ""
        var o = job
        o.editPath(["spec", "template", "metadata"], create: true) { meta in
            meta.editField("labels", create: true) { labels in
                labels.setFieldIfMissing("batch.kubernetes.io/controller-uid", .string(uid))
                labels.setFieldIfMissing("batch.kubernetes.io/job-name", .string(name))
                labels.setFieldIfMissing("controller-uid", .string(uid))
                labels.setFieldIfMissing("job-name", .string(name))
            }
        }
        // Read back from storage, SetDefaults_Job copies the template labels (now with the
        // generated ones) onto a Job that has none, which is why `kubectl get job -o yaml`
        // shows them in metadata too.
        if o["metadata"]?["labels"]?.isEmptyCollection ?? true,
           let labels = o["spec"]?["template"]?["metadata"]?["labels"] {
            o.editField("metadata", create: true) { $0.set("labels", labels) }
        }
        o.editField("spec", create: true) { spec in
            if spec["selector"]?.isNull ?? true {
                spec.set("selector", ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]])
            }
        }
        return o
    }
}
