import Testing
import YAML
@testable import CLI

/// `taller k wait` (k8s.io/kubectl/pkg/cmd/wait/wait.go and condition.go).
@Suite struct KubectlWaitTests {
    typealias Condition = KubectlWait.Condition

    @Test(arguments: [
        ("delete", Condition.delete),
        ("DELETE", .delete),
        ("create", .create),
        ("Create", .create),
        ("condition=Ready", .condition(name: "Ready", status: "true")),
        ("condition=Ready=false", .condition(name: "Ready", status: "false")),
        ("jsonpath={.status.phase}=Running", .jsonPath(expression: "{.status.phase}", value: "Running")),
        ("jsonpath=.status.phase='Running'", .jsonPath(expression: "{.status.phase}", value: "Running")),
        ("jsonpath={.status.loadBalancer.ingress}", .jsonPath(expression: "{.status.loadBalancer.ingress}", value: nil)),
    ])
    func parsesForFlag(_ text: String, _ expected: Condition) throws {
        #expect(try KubectlWait.parseFor(text).get() == expected)
    }

    @Test(arguments: [
        ("", "unrecognized condition: \"\""),
        ("ready", "unrecognized condition: \"ready\""),
        ("jsonpath=", "jsonpath expression cannot be empty"),
        ("jsonpath={.status.phase}=", "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"),
        ("jsonpath={.a}=b=c", "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'"),
    ])
    func rejectsBadForFlag(_ text: String, _ message: String) {
        #expect(KubectlWait.parseFor(text) == .failure(TaintSpecError(message: message)))
    }

    @Test func doubleEqualsStaysInTheExpression() {
        #expect(KubectlWait.splitJSONPath("{.a[?(@.x==\"y\")].b}=True") == ["{.a[?(@.x==\"y\")].b}", "True"])
        #expect(KubectlWait.splitJSONPath("a====b===c") == ["a====b==", "c"])
    }

    @Test func conditionsFollowTypeStatusAndGeneration() {
        let ready: Value = ["metadata": ["generation": 2], "status": ["observedGeneration": 2, "conditions": [["type": "Ready", "status": "True"]]]]
        #expect(KubectlWait.conditionMet(ready, name: "ready", status: "true"))
        #expect(!KubectlWait.conditionMet(ready, name: "Ready", status: "false"))
        #expect(!KubectlWait.conditionMet(ready, name: "Available", status: "true"))
        let stale: Value = ["metadata": ["generation": 3], "status": ["observedGeneration": 2, "conditions": [["type": "Ready", "status": "True"]]]]
        #expect(!KubectlWait.conditionMet(stale, name: "Ready", status: "true"))
    }

    @Test func timeoutExitsWithOne() {
        let h = KubectlHarness()
        h.k("create", "deployment", "web", "--image=nginx:1.27")
        let met = h.k("wait", "--for=condition=Available", "deployment/web")
        #expect(met.code == 0)
        #expect(met.out == "deployment.apps/web condition met\n")
        let late = h.k("wait", "--for=condition=Available=false", "deployment/web", "--timeout=3s")
        #expect(late.code == 1)
        #expect(late.err == "error: timed out waiting for the condition on deployments/web\n")
    }

    /// `--for=create` (kubectl 1.31+): waits until the object exists, then prints as any
    /// condition; a Job's pod appears after the Job controller runs; the timeout names nothing.
    @Test func waitsForCreation() {
        let h = KubectlHarness()
        h.k("create", "deployment", "web", "--image=nginx:1.27")
        let there = h.k("wait", "--for=create", "deployment/web")
        #expect(there.code == 0 && there.out == "deployment.apps/web condition met\n" && there.err.isEmpty)
        h.k("create", "job", "pi", "--image=busybox:1.37", "--", "sh", "-c", "echo 3.14")
        let pods = h.k("wait", "--for=create", "pods", "-l", "job-name=pi", "--timeout=10s")
        #expect(pods.code == 0)
        #expect(pods.out.hasPrefix("pod/pi-") && pods.out.hasSuffix(" condition met\n"), "\(pods.out)")
        let never = h.k("wait", "--for=create", "secret/nunca", "--timeout=5s")
        #expect(never.code == 1)
        #expect(never.out.isEmpty && never.err == "error: timed out waiting for the condition\n")
        let wrongKind = h.k("wait", "--for=create", "piezas/x")
        #expect(wrongKind.code == 1 && wrongKind.err.contains("the server doesn't have a resource type \"piezas\""), "\(wrongKind.err)")
    }
}
