import Testing
import YAML
@testable import Simulator

struct DescribeAndColumnsTests {
    @Test func customColumns() throws {
        let pod = Fixtures.load(KubectlOracleTests.pod)
        let columns = try CustomColumns("NAME:.metadata.name,IMAGES:.spec.containers[*].image,NONE:.foo,LABELS:{.metadata.labels}")
        #expect(try columns.string([pod]) == """
        NAME   IMAGES               NONE     LABELS
        p1     nginx:1.25,busybox   <none>   map[app:web tier:front]

        """)
        #expect(throws: CustomColumnsError.badSpec("NAME")) { try CustomColumns("NAME") }
    }

    /// Blocks end at lines without a tab (`Containers:`), so `Conditions` rows and the
    /// `Volumes:`…`Tolerations:` fields share one column, as Go's tabwriter does.
    @Test func describePodAlignsPerBlock() {
        let pod = Fixtures.load("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: default
          labels: {app: web, pod-template-hash: abc}
          ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]
        spec:
          nodeName: worker-1
          serviceAccountName: default
          priority: 0
          containers: [{name: nginx, image: nginx, ports: [{containerPort: 80, protocol: TCP}]}]
          tolerations:
          - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
          - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
        status:
          phase: Running
          hostIP: 10.0.0.11
          podIP: 10.244.1.5
          podIPs: [{ip: 10.244.1.5}]
          startTime: "2024-01-01T00:55:00Z"
          qosClass: BestEffort
          conditions: [{type: Ready, status: "True"}, {type: PodScheduled, status: "True"}]
          containerStatuses: [{name: nginx, ready: true, restartCount: 0, containerID: "containerd://1", imageID: "nginx@sha256:1", state: {running: {startedAt: "2024-01-01T00:55:05Z"}}}]
        """)
        let event = Fixtures.load("""
        type: Normal
        reason: Scheduled
        message: Successfully assigned default/web to worker-1
        source: {component: default-scheduler}
        firstTimestamp: "2024-01-01T00:55:00Z"
        lastTimestamp: "2024-01-01T00:55:00Z"
        count: 1
        """)
        let text = Describer.describe(DescribeInput(object: pod, events: [event], now: Fixtures.now))
        #expect(text == """
        Name:             web
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             worker-1/10.0.0.11
        Start Time:       Mon, 01 Jan 2024 00:55:00 +0000
        Labels:           app=web
                          pod-template-hash=abc
        Annotations:      <none>
        Status:           Running
        IP:               10.244.1.5
        IPs:
          IP:           10.244.1.5
        Controlled By:  ReplicaSet/web-abc
        Containers:
          nginx:
            Container ID:   containerd://1
            Image:          nginx
            Image ID:       nginx@sha256:1
            Port:           80/TCP
            Host Port:      0/TCP
            State:          Running
              Started:      Mon, 01 Jan 2024 00:55:05 +0000
            Ready:          True
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
        Conditions:
          Type           Status
          Ready          True 
          PodScheduled   True 
        Volumes:         <none>
        QoS Class:       BestEffort
        Node-Selectors:  <none>
        Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:
          Type    Reason     Age   From               Message
          ----    ------     ----  ----               -------
          Normal  Scheduled  5m    default-scheduler  Successfully assigned default/web to worker-1

        """)
    }
}

/// describe.go `DescribePodTemplate`: annotations as `key: value` (printAnnotationsMultiline,
/// e.g. `rollout restart`'s restartedAt), continuation lines of labels and tolerations
/// starting with a bare tab (the titles carry the indent).
struct DescribePodTemplateTests {
    static let template = Fixtures.load("""
    metadata:
      labels: {app: web, pod-template-hash: abc}
      annotations: {kubectl.kubernetes.io/restartedAt: "2026-01-01T00:00:00Z"}
    spec:
      containers: [{name: web, image: nginx:1.27}]
      tolerations:
      - {key: a, operator: Exists, effect: NoSchedule}
      - {key: b, operator: Equal, value: x, effect: NoExecute, tolerationSeconds: 60}
    """)

    @Test func unalignedAsRolloutHistoryPrintsIt() {
        #expect(Describer.podTemplateText(Self.template) == """
        Pod Template:
          Labels:\tapp=web
        \tpod-template-hash=abc
          Annotations:\tkubectl.kubernetes.io/restartedAt: 2026-01-01T00:00:00Z
          Containers:
           web:
            Image:\tnginx:1.27
            Port:\t<none>
            Host Port:\t<none>
            Environment:\t<none>
            Mounts:\t<none>
          Volumes:\t<none>
          Node-Selectors:\t<none>
          Tolerations:\ta:NoSchedule op=Exists
        \tb=x:NoExecute for 60s

        """)
    }
}

/// describe.go `DeploymentDescriber`: the new ReplicaSet is the one whose template matches
/// (kubectl's deploymentutil.GetAllReplicaSets), not the one with the same revision.
struct DescribeDeploymentReplicaSetsTests {
    @Test func pausedWithEditedTemplateHasNoNewReplicaSet() {
        let d = Fixtures.load("""
        kind: Deployment
        metadata: {name: web, namespace: default, annotations: {deployment.kubernetes.io/revision: "1"}}
        spec:
          replicas: 3
          paused: true
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.28}]}
        """)
        func rs(_ image: String) -> Value { Fixtures.load("""
        kind: ReplicaSet
        metadata: {name: web-abc, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z", annotations: {deployment.kubernetes.io/revision: "1"}}
        spec:
          replicas: 3
          template:
            metadata: {labels: {app: web, pod-template-hash: abc}}
            spec: {containers: [{name: web, image: \(image)}]}
        status: {replicas: 3}
        """) }
        let text = Describer.describe(DescribeInput(object: d, related: [rs("nginx:1.27")], now: Fixtures.now))
        #expect(text.contains("OldReplicaSets:    web-abc (3/3 replicas created)\nNewReplicaSet:     <none>\n"))
        let resumed = Describer.describe(DescribeInput(object: d, related: [rs("nginx:1.28")], now: Fixtures.now))
        #expect(resumed.contains("OldReplicaSets:    <none>\nNewReplicaSet:     web-abc (3/3 replicas created)\n"))
    }
}

/// describe.go `getPodStatusForController`: a Running pod that is not ready still counts as
/// Running; Pending ones are the Waiting.
struct DescribeReplicaSetPodsStatusTests {
    @Test func countsControlledPodsByPhase() {
        let rs = Fixtures.load("""
        kind: ReplicaSet
        metadata: {name: web-abc, namespace: default}
        spec: {replicas: 3, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}
        status: {replicas: 3, readyReplicas: 1}
        """)
        let pods = [Fixtures.pod("a", status: "phase: Running"), Fixtures.pod("b", status: "phase: Running"), Fixtures.pod("c", status: "phase: Pending")]
        let text = Describer.describe(DescribeInput(object: rs, related: pods, now: Fixtures.now))
        #expect(text.contains("Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 0 Failed\n"))
    }
}

/// describe.go `describeService`: `IP Families` and `IPs` are printed as `<none>` when the
/// Service has none (ExternalName); `AppProtocol` under its port.
struct DescribeServiceTests {
    @Test func externalNameHasNoFamiliesNorIPs() {
        let svc = Fixtures.load("""
        kind: Service
        metadata: {name: externo, namespace: default}
        spec: {type: ExternalName, externalName: api.example.com, sessionAffinity: None}
        """)
        #expect(Describer.describe(DescribeInput(object: svc, now: Fixtures.now)) == """
        Name:              externo
        Namespace:         default
        Labels:            <none>
        Annotations:       <none>
        Selector:          <none>
        Type:              ExternalName
        IP Families:       <none>
        IP:                
        IPs:               <none>
        External Name:     api.example.com
        Session Affinity:  None
        Events:            <none>

        """)
    }

    /// PR kubernetes#125117 (kubectl 1.31): the ingress IP with its ipMode, and the spec's
    /// loadBalancerIP as `Desired LoadBalancer IP`.
    @Test func loadBalancerIngressShowsIPMode() {
        let svc = Fixtures.load("""
        kind: Service
        metadata: {name: web, namespace: default}
        spec: {type: LoadBalancer, loadBalancerIP: 172.18.255.210, clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20], ipFamilies: [IPv4]}
        status: {loadBalancer: {ingress: [{ip: 172.18.255.210, ipMode: VIP}, {hostname: lb.example.com}]}}
        """)
        let text = Describer.describe(DescribeInput(object: svc, now: Fixtures.now))
        #expect(text.contains("Desired LoadBalancer IP:  172.18.255.210\nLoadBalancer Ingress:     172.18.255.210 (VIP), lb.example.com\n"))
    }

    @Test func appProtocol() {
        let svc = Fixtures.load("""
        kind: Service
        metadata: {name: web, namespace: default}
        spec: {type: ClusterIP, clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20], ipFamilies: [IPv4], ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP, appProtocol: http}]}
        """)
        #expect(Describer.describe(DescribeInput(object: svc, now: Fixtures.now)).contains("TargetPort:        8080/TCP\nAppProtocol:       http\nEndpoints:"))
    }
}

/// describe.go `describeJob` and `describeCronJob` (with `describeJobTemplate`).
struct DescribeBatchTests {
    @Test func failedJob() {
        let job = Fixtures.load("""
        kind: Job
        metadata: {name: migracion, namespace: default, labels: {job-name: migracion}}
        spec:
          parallelism: 1
          completions: 1
          completionMode: NonIndexed
          suspend: false
          backoffLimit: 2
          selector: {matchLabels: {job-name: migracion}}
          template: {metadata: {labels: {job-name: migracion}}, spec: {containers: [{name: migrar, image: busybox:1.36}]}}
        status: {startTime: "2024-01-01T00:00:00Z", failed: 3, ready: 0}
        """)
        let text = Describer.describe(DescribeInput(object: job, now: Fixtures.now))
        #expect(text.hasPrefix("""
        Name:             migracion
        Namespace:        default
        Selector:         job-name=migracion
        Labels:           job-name=migracion
        Annotations:      <none>
        Parallelism:      1
        Completions:      1
        Completion Mode:  NonIndexed
        Suspend:          false
        Backoff Limit:    2
        Start Time:       Mon, 01 Jan 2024 00:00:00 +0000
        Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed
        Pod Template:

        """))
    }

    @Test func cronJob() {
        let cj = Fixtures.load("""
        kind: CronJob
        metadata: {name: hola, namespace: default}
        spec:
          schedule: "*/1 * * * *"
          concurrencyPolicy: Allow
          suspend: false
          successfulJobsHistoryLimit: 2
          failedJobsHistoryLimit: 1
          jobTemplate: {spec: {template: {spec: {containers: [{name: hola, image: busybox:1.36}]}}}}
        status: {lastScheduleTime: "2024-01-01T00:59:00Z", active: [{name: hola-1}, {name: hola-2}]}
        """)
        let text = Describer.describe(DescribeInput(object: cj, now: Fixtures.now))
        #expect(text.contains("""
        Concurrency Policy:            Allow
        Suspend:                       false
        Successful Job History Limit:  2
        Failed Job History Limit:      1
        Starting Deadline Seconds:     <unset>
        Selector:                      <unset>
        Parallelism:                   <unset>
        Completions:                   <unset>
        Pod Template:

        """))
        #expect(text.contains("Last Schedule Time:  Mon, 01 Jan 2024 00:59:00 +0000\nActive Jobs:         hola-1, hola-2\n"))
    }
}
