import YAML

// Workload defaults. Source: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment,
// SetDefaults_DaemonSet, SetDefaults_StatefulSet, SetDefaults_ReplicaSet) and
// pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController; its replicas is a
// `+default=1` tag in k8s.io/api/core/v1/types.go).
extension Defaults {
    static func deployment(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfMissing("replicas", 1)
            spec.editField("strategy", create: true) { strategy in
                strategy.setFieldIfZero("type", "RollingUpdate")
                if strategy["type"] == "RollingUpdate" {
                    strategy.editField("rollingUpdate", create: true) { ru in
                        ru.setFieldIfMissing("maxUnavailable", "25%")
                        ru.setFieldIfMissing("maxSurge", "25%")
                    }
                }
            }
            spec.setFieldIfMissing("revisionHistoryLimit", 10)
            spec.setFieldIfMissing("progressDeadlineSeconds", 600)
            spec.editField("template", create: true) { podTemplate(&$0) }
        }
    }

    static func replicaSet(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfMissing("replicas", 1)
            spec.editField("template", create: true) { podTemplate(&$0) }
        }
    }

    static func replicationController(_ o: inout Value) {
        let templateLabels = o["spec"]?["template"]?["metadata"]?["labels"]
        o.editField("spec", create: true) { spec in
            spec.setFieldIfMissing("replicas", 1)
            if let labels = templateLabels, !labels.isNull {
                if spec["selector"]?.isEmptyCollection ?? true { spec.set("selector", labels) }
            }
            spec.editField("template") { podTemplate(&$0) }
        }
        if let labels = templateLabels, !labels.isNull {
            o.editField("metadata", create: true) { meta in
                if meta["labels"]?.isEmptyCollection ?? true { meta.set("labels", labels) }
            }
        }
    }

    static func daemonSet(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.editField("updateStrategy", create: true) { strategy in
                strategy.setFieldIfZero("type", "RollingUpdate")
                if strategy["type"] == "RollingUpdate" {
                    strategy.editField("rollingUpdate", create: true) { ru in
                        ru.setFieldIfMissing("maxUnavailable", 1)
                        ru.setFieldIfMissing("maxSurge", 0)
                    }
                }
            }
            spec.setFieldIfMissing("revisionHistoryLimit", 10)
            spec.editField("template", create: true) { podTemplate(&$0) }
        }
    }

    static func statefulSet(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            spec.setFieldIfZero("podManagementPolicy", "OrderedReady")
            spec.editField("updateStrategy", create: true) { strategy in
                if strategy["type"]?.isZeroScalar ?? true {
                    strategy.set("type", "RollingUpdate")
                    strategy.setFieldIfMissing("rollingUpdate", .mapping([]))
                }
                if strategy["type"] == "RollingUpdate", let ru = strategy["rollingUpdate"], !ru.isNull {
                    strategy.editField("rollingUpdate") { $0.setFieldIfMissing("partition", 0) }
                }
            }
            // StatefulSetAutoDeletePVC is GA (always on) in v1.32.
            spec.editField("persistentVolumeClaimRetentionPolicy", create: true) { policy in
                policy.setFieldIfZero("whenDeleted", "Retain")
                policy.setFieldIfZero("whenScaled", "Retain")
            }
            spec.setFieldIfMissing("replicas", 1)
            spec.setFieldIfMissing("revisionHistoryLimit", 10)
            spec.editField("template", create: true) { podTemplate(&$0) }
            // Each claim template is a whole PersistentVolumeClaim and gets its defaults
            // (SetDefaults_PersistentVolumeClaim{,Spec}); the apiserver prints it with
            // apiVersion/kind filled in.
            spec.editEach("volumeClaimTemplates") { claim in
                claim.setFieldIfZero("apiVersion", "v1")
                claim.setFieldIfZero("kind", "PersistentVolumeClaim")
                claim.editField("metadata", create: true) { $0.setFieldIfMissing("creationTimestamp", .null) }
                persistentVolumeClaim(&claim)
            }
        }
    }
}
