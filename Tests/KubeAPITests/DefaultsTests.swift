import Testing
import YAML
@testable import KubeAPI

@Suite struct DefaultsTests {
    static func load(_ text: String) throws -> Value {
        try YAML.load(text, file: "fixture.yaml")[0]
    }

    /// `kubectl create deployment web --image=nginx:1.25 --dry-run=client -o yaml` (kubectl
    /// v1.32.4): the client-side object, before any server default.
    static let createDeploymentFixture = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          creationTimestamp: null
          labels:
            app: web
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: web
          strategy: {}
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: web
            spec:
              containers:
              - image: nginx:1.25
                name: nginx
                resources: {}
        status: {}
        """

    /// The spec a real v1.32 cluster stores for that object (`kubectl get deploy web -o yaml`):
    /// every field below that the fixture lacks comes from SetDefaults_Deployment,
    /// SetDefaults_PodSpec or SetDefaults_Container. Metadata (uid, resourceVersion,
    /// generation, creationTimestamp), the revision annotation and status come from the
    /// registry and the controllers, not from defaulting.
    static let serverSpec = """
        progressDeadlineSeconds: 600
        replicas: 1
        revisionHistoryLimit: 10
        selector:
          matchLabels:
            app: web
        strategy:
          rollingUpdate:
            maxSurge: 25%
            maxUnavailable: 25%
          type: RollingUpdate
        template:
          metadata:
            creationTimestamp: null
            labels:
              app: web
          spec:
            containers:
            - image: nginx:1.25
              imagePullPolicy: IfNotPresent
              name: nginx
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
        """

    @Test func kubectlCreateDeploymentGetsServerDefaults() throws {
        let defaulted = Defaults.apply(to: try Self.load(Self.createDeploymentFixture), kind: "Deployment", apiVersion: "apps/v1")
        #expect(defaulted["spec"] == (try Self.load(Self.serverSpec)))
        #expect(Validation.validate(defaulted, kind: "Deployment", apiVersion: "apps/v1").isEmpty)
        #expect(YAMLWriter.string(defaulted["spec"]!) == YAMLWriter.string(try Self.load(Self.serverSpec)))
    }

    @Test func defaultingIsIdempotent() throws {
        let once = Defaults.apply(to: try Self.load(Self.createDeploymentFixture), kind: "Deployment", apiVersion: "apps/v1")
        #expect(Defaults.apply(to: once, kind: "Deployment", apiVersion: "apps/v1") == once)
    }

    /// Defaulting an object already defaulted writes nothing back: the containers and volumes
    /// of the result share the input's storage (the apiserver defaults every pod twice).
    @Test func defaultingAgainKeepsStorageShared() {
        let pod: Value = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"],
                          "spec": ["containers": [["name": "web", "image": "nginx:1.27", "ports": [["containerPort": 80]]]],
                                   "volumes": [["name": "datos", "configMap": ["name": "web"]]]]]
        let once = Defaults.apply(to: pod, kind: "Pod", apiVersion: "v1")
        let twice = Defaults.apply(to: once, kind: "Pod", apiVersion: "v1")
        #expect(twice == once)
        #expect(once["spec"]?["containers"] != pod["spec"]?["containers"])
        #expect(twice["spec"]?["containers"]?.isIdentical(to: once["spec"]?["containers"]) == true)
        #expect(twice["spec"]?["volumes"]?.isIdentical(to: once["spec"]?["volumes"]) == true)
    }

    @Test func imagePullPolicyFollowsTheTag() {
        #expect(ImageReference.tag(of: "nginx") == "latest")
        #expect(ImageReference.tag(of: "nginx:latest") == "latest")
        #expect(ImageReference.tag(of: "nginx:1.25") == "1.25")
        #expect(ImageReference.tag(of: "localhost:5000/app") == "latest")
        #expect(ImageReference.tag(of: "nginx@sha256:abc") == "")
        let pod: Value = ["spec": ["containers": [["name": "a", "image": "nginx"], ["name": "b", "image": "nginx:1.25"]]]]
        let d = Defaults.apply(to: pod, kind: "Pod", apiVersion: "v1")
        #expect(d["spec"]?["containers"]?[0]?["imagePullPolicy"] == "Always")
        #expect(d["spec"]?["containers"]?[1]?["imagePullPolicy"] == "IfNotPresent")
    }

    @Test func podGetsAdmissionDefaultsTemplatesDoNot() {
        let pod: Value = ["metadata": ["name": "p"], "spec": ["containers": [["name": "c", "image": "nginx:1.25",
            "resources": ["limits": ["cpu": "500m"]],
            "livenessProbe": ["httpGet": ["port": 80]]]]]]
        let d = Defaults.apply(to: pod, kind: "Pod", apiVersion: "v1")
        let spec = d["spec"]!
        #expect(spec["enableServiceLinks"] == true)
        #expect(spec["serviceAccountName"] == "default")
        #expect(spec["serviceAccount"] == "default")
        #expect(spec["priority"] == 0)
        #expect(spec["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(spec["tolerations"]?.sequence?.count == 2)
        #expect(spec["tolerations"]?[0]?["key"] == "node.kubernetes.io/not-ready")
        #expect(spec["tolerations"]?[1]?["tolerationSeconds"] == 300)
        let c = spec["containers"]![0]!
        #expect(c["resources"]?["requests"]?["cpu"] == "500m")
        #expect(c["livenessProbe"] == ["httpGet": ["port": 80, "path": "/", "scheme": "HTTP"],
            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3])
        let rs = Defaults.apply(to: ["spec": ["template": pod]], kind: "ReplicaSet", apiVersion: "apps/v1")
        #expect(rs["spec"]?["template"]?["spec"]?["tolerations"] == nil)
        #expect(rs["spec"]?["template"]?["spec"]?["enableServiceLinks"] == nil)
        #expect(rs["spec"]?["replicas"] == 1)
        #expect(rs["spec"]?["template"]?["spec"]?["serviceAccountName"] == nil)
    }

    /// The v1 conversion of PodSpec: the deprecated `serviceAccount` fills an empty
    /// `serviceAccountName` and mirrors it, in pods and in templates alike.
    @Test func deprecatedServiceAccountMirrorsServiceAccountName() {
        let old: Value = ["spec": ["serviceAccount": "robot", "containers": [["name": "c", "image": "nginx:1.25"]]]]
        let pod = Defaults.apply(to: old, kind: "Pod", apiVersion: "v1")
        #expect(pod["spec"]?["serviceAccountName"] == "robot")
        #expect(pod["spec"]?["serviceAccount"] == "robot")
        let both: Value = ["spec": ["serviceAccountName": "nuevo", "serviceAccount": "viejo", "containers": [["name": "c", "image": "nginx:1.25"]]]]
        #expect(Defaults.apply(to: both, kind: "Pod", apiVersion: "v1")["spec"]?["serviceAccount"] == "nuevo")
        let template: Value = ["spec": ["template": ["spec": ["serviceAccountName": "robot", "containers": [["name": "c", "image": "nginx:1.25"]]]]]]
        let deploy = Defaults.apply(to: template, kind: "Deployment", apiVersion: "apps/v1")
        #expect(deploy["spec"]?["template"]?["spec"]?["serviceAccount"] == "robot")
    }

    @Test func serviceDefaults() throws {
        let svc = try Self.load("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - port: 80
            """)
        let spec = Defaults.apply(to: svc, kind: "Service", apiVersion: "v1")["spec"]!
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["ports"]?[0] == ["port": 80, "protocol": "TCP", "targetPort": 80])
        #expect(spec["externalTrafficPolicy"] == "Cluster")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["ipFamilies"] == ["IPv4"])
        #expect(spec["ipFamilyPolicy"] == "SingleStack")
        let plain = Defaults.apply(to: ["spec": ["ports": [["port": 80]]]], kind: "Service", apiVersion: "v1")["spec"]!
        #expect(plain["type"] == "ClusterIP")
        #expect(plain["externalTrafficPolicy"] == nil)
    }

    @Test func workloadAndBatchDefaults() {
        let sts = Defaults.apply(to: ["spec": ["volumeClaimTemplates": [["metadata": ["name": "data"], "spec": [:]]]]], kind: "StatefulSet", apiVersion: "apps/v1")["spec"]!
        #expect(sts["podManagementPolicy"] == "OrderedReady")
        #expect(sts["updateStrategy"] == ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
        #expect(sts["persistentVolumeClaimRetentionPolicy"] == ["whenDeleted": "Retain", "whenScaled": "Retain"])
        #expect(sts["volumeClaimTemplates"]?[0]?["status"] == ["phase": "Pending"])
        #expect(sts["volumeClaimTemplates"]?[0]?["spec"]?["volumeMode"] == "Filesystem")
        let ds = Defaults.apply(to: [:], kind: "DaemonSet", apiVersion: "apps/v1")["spec"]!
        #expect(ds["updateStrategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
        let job = Defaults.apply(to: [:], kind: "Job", apiVersion: "batch/v1")["spec"]!
        #expect(job["backoffLimit"] == 6 && job["completions"] == 1 && job["parallelism"] == 1)
        #expect(job["completionMode"] == "NonIndexed" && job["suspend"] == false)
        #expect(job["podReplacementPolicy"] == "TerminatingOrFailed")
        let cron = Defaults.apply(to: [:], kind: "CronJob", apiVersion: "batch/v1")["spec"]!
        #expect(cron["concurrencyPolicy"] == "Allow" && cron["suspend"] == false)
        #expect(cron["successfulJobsHistoryLimit"] == 3 && cron["failedJobsHistoryLimit"] == 1)
        #expect(cron["jobTemplate"]?["spec"]?["backoffLimit"] == nil)
    }

    @Test func smallKindsDefaults() {
        #expect(Defaults.apply(to: [:], kind: "Secret", apiVersion: "v1")["type"] == "Opaque")
        let pvc = Defaults.apply(to: [:], kind: "PersistentVolumeClaim", apiVersion: "v1")
        #expect(pvc["spec"]?["volumeMode"] == "Filesystem" && pvc["status"]?["phase"] == "Pending")
        let pv = Defaults.apply(to: [:], kind: "PersistentVolume", apiVersion: "v1")
        #expect(pv["spec"]?["persistentVolumeReclaimPolicy"] == "Retain")
        let ns = Defaults.apply(to: ["metadata": ["name": "dev"]], kind: "Namespace", apiVersion: "v1")
        #expect(ns["metadata"]?["labels"]?["kubernetes.io/metadata.name"] == "dev")
        #expect(ns["spec"]?["finalizers"] == ["kubernetes"] && ns["status"]?["phase"] == "Active")
        let hpa = Defaults.apply(to: ["spec": ["maxReplicas": 5]], kind: "HorizontalPodAutoscaler", apiVersion: "autoscaling/v2")["spec"]!
        #expect(hpa["minReplicas"] == 1)
        #expect(hpa["metrics"]?[0]?["resource"]?["target"]?["averageUtilization"] == 80)
        #expect(hpa["behavior"] == nil)
        let withBehavior = Defaults.apply(to: ["spec": ["behavior": ["scaleDown": ["stabilizationWindowSeconds": 60]]]], kind: "HorizontalPodAutoscaler", apiVersion: "autoscaling/v2")["spec"]!
        #expect(withBehavior["behavior"]?["scaleUp"]?["policies"]?.sequence?.count == 2)
        #expect(withBehavior["behavior"]?["scaleDown"]?["stabilizationWindowSeconds"] == 60)
        let np = Defaults.apply(to: ["spec": ["egress": [["ports": [["port": 53]]]]]], kind: "NetworkPolicy", apiVersion: "networking.k8s.io/v1")["spec"]!
        #expect(np["policyTypes"] == ["Ingress", "Egress"])
        #expect(np["egress"]?[0]?["ports"]?[0]?["protocol"] == "TCP")
    }

    @Test func jobSelectorFromUID() {
        let job = Defaults.jobSelector(["metadata": ["name": "pi"], "spec": ["template": ["spec": [:]]]], uid: "u-1")
        #expect(job["spec"]?["selector"] == ["matchLabels": ["batch.kubernetes.io/controller-uid": "u-1"]])
        #expect(job["metadata"]?["labels"]?["job-name"] == "pi")
        #expect(job["spec"]?["template"]?["metadata"]?["labels"]?["controller-uid"] == "u-1")
    }
}
