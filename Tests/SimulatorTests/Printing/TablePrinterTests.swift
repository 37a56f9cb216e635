import KubeAPI
import Testing
import YAML
@testable import Simulator

/// Golden tables: columns and cells from printers.go, layout from kubectl's tabwriter
/// (minwidth 6, padding 3; last column unpadded).
struct TablePrinterTests {
    let now = Fixtures.now

    func table(_ kind: String, _ objects: [Value], _ options: TablePrinter.Options = .init()) -> String {
        TablePrinter.string(TableGenerator.table(kind: kind, objects: objects, now: now), options: options)
    }

    @Test func podStatuses() {
        let running = Fixtures.pod("web-1", status: """
        phase: Running
        podIP: 10.244.1.5
        podIPs: [{ip: 10.244.1.5}]
        conditions: [{type: Ready, status: "True"}]
        containerStatuses: [{name: app, ready: true, restartCount: 0, state: {running: {startedAt: "2024-01-01T00:55:05Z"}}}]
        """)
        let crash = Fixtures.pod("db-0", created: "2023-12-31T22:00:00Z", status: """
        phase: Running
        containerStatuses:
        - name: app
          ready: false
          restartCount: 5
          state: {waiting: {reason: CrashLoopBackOff}}
          lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2024-01-01T00:55:00Z"}}
        """)
        let pulling = Fixtures.pod("api-7", created: "2024-01-01T00:59:30Z", status: """
        phase: Pending
        containerStatuses: [{name: app, ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff}}}]
        """)
        let done = Fixtures.pod("job-x", status: """
        phase: Succeeded
        containerStatuses: [{name: app, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}]
        """)
        #expect(table("Pod", [running, crash, pulling, done]) == """
        NAME    READY   STATUS             RESTARTS     AGE
        web-1   1/1     Running            0            5m
        db-0    0/1     CrashLoopBackOff   5 (5m ago)   3h
        api-7   0/1     ImagePullBackOff   0            30s
        job-x   0/1     Completed          0            5m

        """)
        #expect(table("Pod", [running], .init(wide: true)) == """
        NAME    READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES
        web-1   1/1     Running   0          5m    10.244.1.5   worker-1   <none>           <none>

        """)
    }

    @Test func podInitAndTerminating() {
        var initPod = Fixtures.load("""
        kind: Pod
        metadata: {name: p, creationTimestamp: "2024-01-01T00:59:00Z"}
        spec: {initContainers: [{name: i}], containers: [{name: c}]}
        status: {phase: Pending, initContainerStatuses: [{name: i, state: {running: {}}}], containerStatuses: [{name: c, state: {waiting: {reason: PodInitializing}}}]}
        """)
        #expect(TableGenerator.podStatus(initPod, now: now).reason == "Init:0/1")
        initPod = Fixtures.load("""
        kind: Pod
        metadata: {name: p, deletionTimestamp: "2024-01-01T00:59:00Z"}
        spec: {containers: [{name: c}]}
        status: {phase: Running, containerStatuses: [{name: c, ready: true, state: {running: {}}}]}
        """)
        #expect(TableGenerator.podStatus(initPod, now: now).reason == "Terminating")
        let oom = Fixtures.pod("m", status: "phase: Running\ncontainerStatuses: [{name: app, state: {terminated: {exitCode: 137, reason: OOMKilled}}}]")
        #expect(TableGenerator.podStatus(oom, now: now).reason == "OOMKilled")
        let config = Fixtures.pod("m", status: "phase: Pending\ncontainerStatuses: [{name: app, state: {waiting: {reason: CreateContainerConfigError}}}]")
        #expect(TableGenerator.podStatus(config, now: now).reason == "CreateContainerConfigError")
    }

    @Test func deploymentsAndServices() {
        let deploy = Fixtures.load("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z"}
        spec: {replicas: 3, selector: {matchLabels: {app: web}}, template: {spec: {containers: [{name: nginx, image: "nginx:1.25"}]}}}
        status: {replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2}
        """)
        #expect(table("Deployment", [deploy], .init(wide: true)) == """
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
        web    2/3     3            2           60m   nginx        nginx:1.25   app=web

        """)
        let svc = { (name: String, type: String, ports: String, extra: String) in Fixtures.load("""
            kind: Service
            metadata: {name: \(name), namespace: default, creationTimestamp: "2023-12-30T01:00:00Z"}
            spec: {type: \(type), clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], ports: \(ports)\(extra)}
            """) }
        let services = [
            svc("kubernetes", "ClusterIP", "[{port: 443, protocol: TCP}]", ""),
            svc("web", "NodePort", "[{port: 80, nodePort: 30080, protocol: TCP}]", ""),
            svc("lb", "LoadBalancer", "[{port: 80, nodePort: 31000, protocol: TCP}, {port: 443, nodePort: 31001, protocol: TCP}]", ""),
        ]
        #expect(table("Service", services) == """
        NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                      AGE
        kubernetes   ClusterIP      10.96.0.10   <none>        443/TCP                      2d
        web          NodePort       10.96.0.10   <none>        80:30080/TCP                 2d
        lb           LoadBalancer   10.96.0.10   <pending>     80:31000/TCP,443:31001/TCP   2d

        """)
    }

    @Test func nodesStorageClassAndDefaults() {
        let node = Fixtures.load("""
        kind: Node
        metadata: {name: control-plane, creationTimestamp: "2024-01-01T00:00:00Z", labels: {node-role.kubernetes.io/control-plane: ""}}
        spec: {unschedulable: true}
        status: {conditions: [{type: Ready, status: "True"}], nodeInfo: {kubeletVersion: v1.32.0}}
        """)
        let worker = Fixtures.load("""
        kind: Node
        metadata: {name: worker-1, creationTimestamp: "2024-01-01T00:00:00Z"}
        status: {conditions: [{type: Ready, status: "Unknown"}], nodeInfo: {kubeletVersion: v1.32.0}}
        """)
        #expect(table("Node", [node, worker]) == """
        NAME            STATUS                     ROLES           AGE   VERSION
        control-plane   Ready,SchedulingDisabled   control-plane   60m   v1.32.0
        worker-1        NotReady                   <none>          60m   v1.32.0

        """)
        let sc = Fixtures.load("""
        kind: StorageClass
        metadata: {name: standard, creationTimestamp: "2024-01-01T00:00:00Z", annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
        provisioner: rancher.io/local-path
        volumeBindingMode: WaitForFirstConsumer
        """)
        #expect(table("StorageClass", [sc]) == """
        NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
        standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60m

        """)
        let role = Fixtures.load("kind: Role\nmetadata: {name: reader, creationTimestamp: \"2024-01-01T00:00:00Z\"}")
        #expect(table("Role", [role]) == "NAME     CREATED AT\nreader   2024-01-01T00:00:00Z\n")
    }

    @Test func hpaTargets() {
        let hpa = Fixtures.load("""
        kind: HorizontalPodAutoscaler
        metadata: {name: web, creationTimestamp: "2024-01-01T00:59:00Z"}
        spec:
          scaleTargetRef: {kind: Deployment, name: web}
          minReplicas: 1
          maxReplicas: 10
          metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
        status: {currentReplicas: 1}
        """)
        #expect(TableGenerator.hpaMetrics(hpa) == "cpu: <unknown>/50%")
        #expect(table("HorizontalPodAutoscaler", [hpa]) == """
        NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
        web    Deployment/web   cpu: <unknown>/50%   1         10        1          60s

        """)
    }

    @Test func getSeveralKindsLabelsAndEmpty() throws {
        let deploy = try #require(Kinds.resource(apiVersion: "apps/v1", kind: "Deployment"))
        let service = try #require(Kinds.resource(apiVersion: "v1", kind: "Service"))
        let node = try #require(Kinds.resource(apiVersion: "v1", kind: "Node"))
        let d = Fixtures.load("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z", labels: {app: web, tier: front}}
        spec: {replicas: 1}
        status: {readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1}
        """)
        let s = Fixtures.load("""
        kind: Service
        metadata: {name: kubernetes, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z"}
        spec: {type: ClusterIP, clusterIPs: [10.96.0.1], ports: [{port: 443, protocol: TCP}]}
        """)
        let out = GetPrinter.tables([.init(resource: deploy, objects: [d]), .init(resource: service, objects: [s])],
                                    options: .init(allNamespaces: true, showLabels: true), now: now)
        #expect(out.stderr == "")
        #expect(out.stdout == """
        NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   LABELS
        default     deployment.apps/web   1/1     1            1           60m   app=web,tier=front

        NAMESPACE   NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   LABELS
        default     service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m   <none>

        """)
        let labelColumns = GetPrinter.tables([.init(resource: deploy, objects: [d])], options: .init(labelColumns: ["app.kubernetes.io/name", "tier"]), now: now)
        #expect(labelColumns.stdout == "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   NAME   TIER\nweb    1/1     1            1           60m          front\n")
        #expect(GetPrinter.tables([.init(resource: deploy, objects: [])], options: .init(namespace: "tienda"), now: now)
                == PrintedOutput(stdout: "", stderr: "No resources found in tienda namespace.\n"))
        #expect(GetPrinter.tables([.init(resource: node, objects: [])], options: .init(), now: now).stderr == "No resources found\n")
        #expect(GetPrinter.tables([.init(resource: deploy, objects: [])], options: .init(allNamespaces: true), now: now).stderr == "No resources found\n")
    }
}
