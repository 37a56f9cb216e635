import Testing
@testable import CLI

/// `scale`, `label`, `annotate`, `set image`, `expose`, `rollout`, `logs`, imperative create.
struct KubectlEditTests {
    func cluster() -> KubectlHarness {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("web.yaml", deploymentManifest()))
        return h
    }

    @Test func scale() {
        let h = cluster()
        #expect(h.k("scale", "deployment/web", "--replicas=5").out == "deployment.apps/web scaled\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out == "5")
        #expect(h.k("scale", "deploy", "web", "--replicas=1", "--dry-run=client").out == "deployment.apps/web scaled (dry run)\n")
        #expect(h.k("scale", "deploy", "web").err == "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n")
        #expect(h.k("scale", "deploy", "web", "--replicas=2", "--current-replicas=3").err == "error: Expected replicas to be 3, was 5\n")
        #expect(h.k("scale", "deploy/nada", "--replicas=2").err == "Error from server (NotFound): deployments.apps \"nada\" not found\n")
    }

    @Test func labelAndAnnotate() {
        let h = cluster()
        #expect(h.k("label", "deploy", "web", "tier=front").out == "deployment.apps/web labeled\n")
        let clash = h.k("label", "deploy", "web", "app=otra")
        #expect(clash.code == 1)
        #expect(clash.err.hasPrefix("error: 'app' already has a value (web), and --overwrite is false\n"))
        #expect(h.k("label", "deploy", "web", "app=otra", "--overwrite").out == "deployment.apps/web labeled\n")
        #expect(h.k("label", "deploy/web", "tier-").out == "deployment.apps/web unlabeled\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.metadata.labels}").out == "{\"app\":\"otra\"}")
        #expect(h.k("annotate", "deploy", "web", "nota=hola").out == "deployment.apps/web annotated\n")
        #expect(h.k("annotate", "deploy", "web", "nota=adios").err.hasPrefix("error: --overwrite is false but found the following declared annotation(s): 'nota' already has a value (hola)\n"))
    }

    @Test func setImageAndExpose() {
        let h = cluster()
        #expect(h.k("set", "image", "deployment/web", "web=nginx:1.26").out == "deployment.apps/web image updated\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}").out == "nginx:1.26")
        #expect(h.k("set", "image", "deploy/web", "nope=nginx").err == "error: unable to find container named \"nope\"\n")
        #expect(h.k("expose", "deployment", "web", "--port=80", "--target-port=8080").out == "service/web exposed\n")
        #expect(h.k("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].targetPort} {.spec.selector.app}").out == "8080 web")
        #expect(h.k("expose", "deploy/web", "--name=web2").out == "service/web2 exposed\n")
        #expect(h.k("get", "svc", "web2", "-o", "jsonpath={.spec.ports[0].port}").out == "80")
        #expect(h.k("expose", "deploy", "web").err.hasPrefix("Error from server (AlreadyExists): services \"web\" already exists\n"))
    }

    @Test func rolloutVerbs() {
        let h = cluster()
        #expect(h.k("rollout", "pause", "deployment/web").out == "deployment.apps/web paused\n")
        #expect(h.k("rollout", "pause", "deployment/web").err == "error: deployments.apps \"web\" is already paused\n")
        #expect(h.k("rollout", "restart", "deployment/web").err == "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n")
        // rollback.go looks the revision up before it checks `paused`.
        #expect(h.k("rollout", "undo", "deployment/web").err == "error: no rollout history found for deployment \"web\"\n")
        #expect(h.k("rollout", "resume", "deployment/web").out == "deployment.apps/web resumed\n")
        #expect(h.k("rollout", "resume", "deployment/web").err == "error: deployments.apps \"web\" is not paused\n")
        #expect(h.k("rollout", "restart", "deploy", "web").out == "deployment.apps/web restarted\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.spec.template.metadata.annotations}").out == "{\"kubectl.kubernetes.io/restartedAt\":\"2026-01-01T00:00:00Z\"}")
        #expect(h.k("rollout", "status", "deploy/web", "--watch=false").out.hasPrefix("Waiting for deployment"))
        // The restart made revision 2; undo goes back to revision 1's template.
        #expect(h.k("rollout", "undo", "deployment/web").out == "deployment.apps/web rolled back\n")
    }

    /// rollback.go: the Deployment takes the ReplicaSet's annotations (its change-cause)
    /// but keeps its own `annotationsToSkip`; history.go prints one revision's template
    /// through a bare PrefixWriter.
    @Test func rollbackRestoresChangeCause() {
        let h = cluster()
        h.k("annotate", "deployment/web", "kubernetes.io/change-cause=uno")
        h.k("set", "image", "deployment/web", "web=nginx:1.26")
        h.k("annotate", "deployment/web", "kubernetes.io/change-cause=dos", "--overwrite")
        h.k("rollout", "pause", "deployment/web")
        #expect(h.k("rollout", "undo", "deployment/web", "--to-revision=9").err == "error: unable to find specified revision 9 in history\n")
        #expect(h.k("rollout", "undo", "deployment/web").err == "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n")
        h.k("rollout", "resume", "deployment/web")
        #expect(h.k("rollout", "undo", "deployment/web").out == "deployment.apps/web rolled back\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/change-cause} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}").out == "uno 3")
        #expect(h.k("rollout", "undo", "deployment/web", "--to-revision=3").out == "deployment.apps/web skipped rollback (current template already matches revision 3)\n")
        #expect(h.k("rollout", "history", "deployment/web").out == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         dos\n3         uno\n\n")
        let template = h.k("rollout", "history", "deployment/web", "--revision=2").out
        #expect(template.hasPrefix("deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash="))
        #expect(template.contains("\n  Annotations:\tkubernetes.io/change-cause: dos\n  Containers:\n   web:\n    Image:\tnginx:1.26\n"))
        #expect(h.k("rollout", "history", "deployment/web", "--revision=1").err == "error: unable to find the specified revision\n")
    }

    @Test func rolloutStatusMessages() {
        func d(_ status: String) -> YAMLValue { KubectlRolloutSample.deployment(status) }
        #expect(KubectlRollout.statusMessage(d("observedGeneration: 1, replicas: 3, updatedReplicas: 1")).0 == "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n")
        #expect(KubectlRollout.statusMessage(d("observedGeneration: 1, replicas: 4, updatedReplicas: 3")).0 == "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n")
        #expect(KubectlRollout.statusMessage(d("observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 2")).0 == "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...\n")
        #expect(KubectlRollout.statusMessage(d("observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3")) == ("deployment \"web\" successfully rolled out\n", true, nil))
        #expect(KubectlRollout.statusMessage(d("observedGeneration: 0")).0 == "Waiting for deployment spec update to be observed...\n")
    }

    /// kubelet_pods.go validateContainerLogStatus: a container waiting in CrashLoopBackOff
    /// shows the logs of its last run; an image that cannot be pulled has its own words.
    @Test func logsOfACrashLoopAndOfABadImage() {
        let h = KubectlHarness()
        h.k("apply", "-f", "-", stdin: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36, command: [sh, -c, echo adios; exit 1]}]\n")
        // It exits at 0 s, 10 s and 30 s; at 30 s it is reported exited (`Error`) for the
        // second until the kubelet's next relist finds the back-off.
        h.run(["cluster", "avanzar", "31s"])
        #expect(h.k("get", "pod", "p", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}").out == "CrashLoopBackOff")
        #expect(h.k("logs", "p").out == "adios\n")
        #expect(h.k("logs", "p", "--previous").out == "adios\n")
        h.k("apply", "-f", "-", stdin: "apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers: [{name: c, image: nginx:9.9}]\n")
        h.run(["cluster", "avanzar", "5s"])
        #expect(h.k("logs", "q").err.hasPrefix("Error from server (BadRequest): container \"c\" in pod \"q\" is waiting to start: trying and failing to pull image\n"))
    }

    /// logsforobject.go + podutils.ByLogging: among finished pods, the oldest one.
    @Test func logsOfAJobPickTheOldestPod() {
        let h = KubectlHarness()
        h.k("apply", "-f", "-", stdin: "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36, command: [sh, -c, echo hola; sleep 2]}]\n")
        h.run(["cluster", "avanzar", "30s"])
        let oldest = h.k("get", "pods", "--sort-by=.metadata.creationTimestamp", "-o", "name").out.split(separator: "\n").first.map(String.init) ?? ""
        let r = h.k("logs", "job/j")
        #expect(r.out == "hola\n")
        #expect(r.err == "Found 2 pods, using \(oldest)\n")
    }

    @Test func logsOfAPendingPod() {
        let h = KubectlHarness()
        h.k("apply", "-f", "-", stdin: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: taller-worker\n  containers: [{name: web, image: nginx}]\n")
        let r = h.k("logs", "p")
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("Error from server (BadRequest): container \"web\" in pod \"p\" is waiting to start: ContainerCreating\n"))
        #expect(h.k("logs", "nada").err == "Error from server (NotFound): pods \"nada\" not found\n")
        #expect(h.k("logs", "p", "-c", "x").err == "error: container x is not valid for pod p\n")
        #expect(h.k("logs", "p", "--previous").err == "Error from server (BadRequest): previous terminated container \"web\" in pod \"p\" not found\n")
    }

    @Test func imperativeCreateErrors() {
        let h = KubectlHarness()
        #expect(h.k("create", "deployment", "web").err == "error: required flag(s) \"image\" not set\n")
        #expect(h.k("create", "service", "clusterip", "web").err == "error: at least one tcp port specifier must be provided\n")
        #expect(h.k("create", "configmap", "c", "--from-literal=bad").err == "error: invalid literal source bad, expected key=value\n")
        #expect(h.k("create", "configmap", "c", "--from-literal=a=1", "--from-literal=a=2").err == "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"c\"\n")
        #expect(h.k("create", "deployment", "web", "--image=nginx").out == "deployment.apps/web created\n")
        #expect(h.k("create", "deployment", "web", "--image=nginx").err.hasPrefix("error: failed to create deployment: deployments.apps \"web\" already exists\n"))
        // The wrapped StatusError keeps the apiserver's message (kind.group, no «The »); a bare
        // one (create namespace) gets checkErr's «The … is invalid».
        #expect(h.k("create", "deployment", "Web", "--image=nginx").err.hasPrefix("error: failed to create deployment: Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain"))
        #expect(h.k("create", "namespace", "Dev").err.hasPrefix("The Namespace \"Dev\" is invalid: metadata.name: Invalid value: \"Dev\": a lowercase RFC 1123 label"))
        #expect(h.k("create", "namespace", "dev").out == "namespace/dev created\n")
        #expect(h.k("create", "namespace", "dev").err.hasPrefix("Error from server (AlreadyExists): namespaces \"dev\" already exists\n"))
        #expect(h.k("create", "job", "j", "--image=busybox", "--", "echo", "hola").out == "job.batch/j created\n")
        #expect(h.k("create", "secret", "generic", "s", "--from-literal=a=b").out == "secret/s created\n")
        #expect(h.k("get", "secret", "s", "-o", "jsonpath={.data.a}").out == "Yg==")
    }
}
