import Testing
@testable import CLI

/// `taller k exec` (kubectl's checks and texts, the command's exit code) and
/// `taller cluster pedir` (its arguments).
@Suite struct KubectlExecTests {
    static let pods = """
    apiVersion: v1
    kind: Pod
    metadata: {name: doble}
    spec:
      containers:
      - {name: uno, image: busybox:1.37, command: [sleep, "3600"]}
      - {name: dos, image: nginx:1.27}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: termina}
    spec:
      restartPolicy: Never
      containers:
      - {name: termina, image: busybox:1.37, command: [sh, -c, "exit 0"]}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: sin-nodo}
    spec:
      nodeSelector: {disco: ssd}
      containers:
      - {name: espera, image: busybox:1.37}

    """

    func cluster() -> KubectlHarness {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("pods.yaml", Self.pods))
        h.run(["cluster", "avanzar", "1m"])
        return h
    }

    @Test func exitCodesAndDefaultContainer() {
        let h = cluster()
        let r = h.k("exec", "doble", "--", "sh", "-c", "echo hola; exit 3")
        #expect(r.code == 3)
        #expect(r.out == "hola\n")
        #expect(r.err == "Defaulted container \"uno\" out of: uno, dos\ncommand terminated with exit code 3\n")
        let quiet = h.k("exec", "-q", "doble", "-c", "dos", "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "localhost")
        #expect(quiet.code == 0 && quiet.out == "200" && quiet.err == "")
        #expect(h.k("exec", "-it", "doble", "-c", "uno", "--", "hostname").out == "doble\n")
    }

    @Test func kubectlChecks() {
        let h = cluster()
        let old = h.k("exec", "doble", "ls")
        #expect(old.code == 1)
        #expect(old.err == "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n")
        #expect(h.k("exec", "doble").err == "error: you must specify at least one command for the container\n")
        #expect(h.k("exec", "doble", "-c", "tres", "--", "ls").err == "Error from server (BadRequest): container tres is not valid for pod doble\n")
        #expect(h.k("exec", "termina", "--", "ls").err == "error: cannot exec into a container in a completed pod; current phase is Succeeded\n")
        #expect(h.k("exec", "sin-nodo", "--", "ls").err.hasPrefix("Error from server (BadRequest): pod sin-nodo does not have a host assigned\n"))
        #expect(h.k("exec", "nadie", "--", "ls").err.hasPrefix("Error from server (NotFound): pods \"nadie\" not found"))
        let missing = h.k("exec", "doble", "-c", "uno", "--", "curl", "web")
        #expect(missing.code == 1)
        #expect(missing.err.hasPrefix("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""))
        #expect(missing.err.contains("\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown\n"))
    }

    @Test func notStartedYet() {
        let h = KubectlHarness()
        h.k("apply", "-f", h.file("pods.yaml", Self.pods))
        let r = h.k("exec", "doble", "-c", "dos", "--", "ls")
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("error: unable to upgrade connection: container not found (\"dos\")\n"))
    }

    @Test func requestArguments() {
        let h = cluster()
        #expect(h.run(["cluster", "pedir", "ftp://x"]).code == 2)
        #expect(h.run(["cluster", "pedir", "http://localhost/", "--veces", "0"]).code == 2)
        let noPod = h.run(["cluster", "pedir", "http://web/", "--desde", "nadie"])
        #expect(noPod.code == 1 && noPod.err.hasPrefix("Error from server (NotFound): pods \"nadie\" not found\n"))
        let r = h.run(["cluster", "pedir", "http://localhost/"])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("Camino: tu máquina → backend por omisión de ingress-nginx\nHTTP/1.1 404 Not Found\n"))
        #expect(h.run(["ayuda", "cluster", "pedir"]).out.contains("--veces"))
    }
}
