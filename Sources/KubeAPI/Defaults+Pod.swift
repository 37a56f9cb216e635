import YAML

// Pod and pod-spec defaults. Source: pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec,
// SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction,
// SetDefaults_Volume, SetDefaults_{Secret,ConfigMap,DownwardAPI,Projected}VolumeSource,
// SetDefaults_HostPathVolumeSource, SetDefaults_ObjectFieldSelector,
// SetDefaults_ServiceAccountTokenProjection) and `+default="TCP"` on ContainerPort.protocol.
// Pod-only admission: plugin/pkg/admission/defaulttolerationseconds/admission.go,
// plugin/pkg/admission/priority/admission.go, plugin/pkg/admission/serviceaccount/admission.go.
extension Defaults {
    static func podSpec(_ spec: inout Value) {
        spec.setFieldIfZero("dnsPolicy", "ClusterFirst")
        spec.setFieldIfZero("restartPolicy", "Always")
        spec.setFieldIfMissing("securityContext", .mapping([]))
        spec.setFieldIfMissing("terminationGracePeriodSeconds", 30)
        spec.setFieldIfZero("schedulerName", "default-scheduler")
        spec.editEach("containers") { container(&$0) }
        spec.editEach("initContainers") { container(&$0) }
        spec.editEach("ephemeralContainers") { container(&$0) }
        spec.editEach("volumes") { volume(&$0) }
        // The v1 conversion (pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec
        // and back): the deprecated `serviceAccount` fills an empty `serviceAccountName`, and
        // is written back as a mirror of it.
        if spec["serviceAccountName"]?.isZeroScalar ?? true, let deprecated = spec["serviceAccount"], !deprecated.isZeroScalar {
            spec.set("serviceAccountName", deprecated)
        }
        if let name = spec["serviceAccountName"], !name.isZeroScalar { spec.set("serviceAccount", name) }
    }

    /// `kind: Pod` only: SetDefaults_Pod and the admission plugins that run on Pods.
    static func pod(_ o: inout Value) {
        o.editField("spec", create: true) { spec in
            podSpec(&spec)
            // Requests default to limits (Pods only, not templates).
            spec.editEach("containers") { requestsFromLimits(&$0) }
            spec.editEach("initContainers") { requestsFromLimits(&$0) }
            spec.setFieldIfMissing("enableServiceLinks", true)
            if spec["hostNetwork"] == true {
                for key in ["containers", "initContainers"] {
                    spec.editEach(key) { c in
                        c.editEach("ports") { port in
                            if port["hostPort"]?.isZeroScalar ?? true, let cp = port["containerPort"] {
                                port.set("hostPort", cp)
                            }
                        }
                    }
                }
            }
            // ServiceAccount admission (the rest of it, which needs the store and the seeded
            // generator, is the simulator's APIServer.admitServiceAccount); the v1 conversion
            // mirrors it into the deprecated field.
            spec.setFieldIfZero("serviceAccountName", "default")
            if let sa = spec["serviceAccountName"] { spec.set("serviceAccount", sa) }
            // Priority admission with no PriorityClass named and no global default.
            if spec["priorityClassName"]?.isZeroScalar ?? true {
                spec.setFieldIfMissing("priority", 0)
            }
            spec.setFieldIfMissing("preemptionPolicy", "PreemptLowerPriority")
            defaultTolerations(&spec)
        }
    }

    /// DefaultTolerationSeconds: add the not-ready and unreachable NoExecute tolerations
    /// (300 s) unless the pod already tolerates those taints.
    static func defaultTolerations(_ spec: inout Value) {
        let existing = spec["tolerations"]?.sequence ?? []
        func tolerates(_ key: String) -> Bool {
            existing.contains { t in
                let effect = t["effect"]?.string ?? ""
                let tKey = t["key"]?.string ?? ""
                guard effect.isEmpty || effect == "NoExecute" else { return false }
                return tKey == key || (tKey.isEmpty && t["operator"] == "Exists")
            }
        }
        var added = existing
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] where !tolerates(key) {
            added.append(["effect": "NoExecute", "key": .string(key), "operator": "Exists", "tolerationSeconds": 300])
        }
        if added.count != existing.count { spec.set("tolerations", .sequence(added)) }
    }

    static func requestsFromLimits(_ c: inout Value) {
        guard let limits = c["resources"]?["limits"]?.mapping else { return }
        c.editPath(["resources"], create: true) { resources in
            resources.editField("requests", create: true) { requests in
                for pair in limits {
                    if let key = pair.key.string { requests.setFieldIfMissing(key, pair.value) }
                }
            }
        }
    }

    static func container(_ c: inout Value) {
        if c["imagePullPolicy"]?.isZeroScalar ?? true {
            let tag = ImageReference.tag(of: c["image"]?.string ?? "")
            c.set("imagePullPolicy", tag == "latest" ? "Always" : "IfNotPresent")
        }
        c.setFieldIfZero("terminationMessagePath", "/dev/termination-log")
        c.setFieldIfZero("terminationMessagePolicy", "File")
        c.setFieldIfMissing("resources", .mapping([]))
        c.editEach("ports") { $0.setFieldIfZero("protocol", "TCP") }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            c.editField(probe) { p in
                p.setFieldIfZero("timeoutSeconds", 1)
                p.setFieldIfZero("periodSeconds", 10)
                p.setFieldIfZero("successThreshold", 1)
                p.setFieldIfZero("failureThreshold", 3)
                p.editField("httpGet") { httpGet(&$0) }
            }
        }
        for hook in ["postStart", "preStop"] {
            c.editPath(["lifecycle", hook, "httpGet"]) { httpGet(&$0) }
        }
        c.editEach("env") { env in
            env.editPath(["valueFrom", "fieldRef"]) { $0.setFieldIfZero("apiVersion", "v1") }
        }
    }

    static func httpGet(_ h: inout Value) {
        h.setFieldIfZero("path", "/")
        h.setFieldIfZero("scheme", "HTTP")
    }

    static let volumeSources: Set<String> = [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs",
        "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker",
        "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
        "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image",
    ]

    static func volume(_ v: inout Value) {
        let hasSource = v.mappingKeys.contains { volumeSources.contains($0) && !(v[$0]?.isNull ?? true) }
        if !hasSource { v.set("emptyDir", .mapping([])) }
        for key in ["secret", "configMap", "downwardAPI", "projected"] {
            v.editField(key) { $0.setFieldIfMissing("defaultMode", 420) }
        }
        v.editField("hostPath") { $0.setFieldIfMissing("type", "") }
        v.editPath(["downwardAPI"]) { d in
            d.editEach("items") { $0.editField("fieldRef") { $0.setFieldIfZero("apiVersion", "v1") } }
        }
        v.editField("projected") { p in
            p.editEach("sources") { source in
                source.editField("serviceAccountToken") { $0.setFieldIfMissing("expirationSeconds", 3600) }
                source.editField("downwardAPI") { d in
                    d.editEach("items") { $0.editField("fieldRef") { $0.setFieldIfZero("apiVersion", "v1") } }
                }
            }
        }
    }
}
