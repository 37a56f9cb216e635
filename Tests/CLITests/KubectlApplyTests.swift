import Testing
@testable import CLI

/// `taller k apply|create -f|delete -f`: kubectl's per-object lines, dry runs, and every
/// error path with kubectl's exact text followed by the Spanish explanation.
struct KubectlApplyTests {
    @Test func createdConfiguredUnchanged() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest())
        let first = h.k("apply", "-f", file)
        #expect(first.code == 0)
        #expect(first.out == "deployment.apps/web created\n")
        #expect(h.k("apply", "-f", file).out == "deployment.apps/web unchanged\n")
        _ = h.file("web.yaml", deploymentManifest(replicas: 5))
        #expect(h.k("apply", "-f", file).out == "deployment.apps/web configured\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out == "5")
    }

    @Test func dryRunsStoreNothing() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest())
        #expect(h.k("apply", "-f", file, "--dry-run=client").out == "deployment.apps/web created (dry run)\n")
        #expect(h.k("apply", "-f", file, "--dry-run=server").out == "deployment.apps/web created (server dry run)\n")
        #expect(h.k("get", "deployments").err == "No resources found in default namespace.\n")
        h.k("apply", "-f", file)
        _ = h.file("web.yaml", deploymentManifest(replicas: 1))
        #expect(h.k("apply", "-f", file, "--dry-run=server").out == "deployment.apps/web configured (server dry run)\n")
        #expect(h.k("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out == "3")
    }

    @Test func standardInputAndFolders() {
        let h = KubectlHarness()
        #expect(h.k("apply", "-f", "-", stdin: deploymentManifest()).out == "deployment.apps/web created\n")
        _ = h.file("b.yaml", deploymentManifest(name: "b"))
        _ = h.file("a.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n")
        _ = h.file("notas.txt", "no soy un manifiesto")
        let dir = h.k("apply", "-f", h.workDirectory)
        #expect(dir.out == "configmap/a created\ndeployment.apps/b created\n")
    }

    @Test func missingPathAndEmptyInput() {
        let h = KubectlHarness()
        let missing = h.k("apply", "-f", "nada.yaml")
        #expect(missing.code == 1)
        #expect(missing.err == "error: the path \"nada.yaml\" does not exist\n")
        let empty = h.k("apply", "-f", h.file("vacio.yaml", "# solo un comentario\n"))
        #expect(empty.code == 1)
        #expect(empty.err.hasPrefix("error: no objects passed to apply\n"))
        #expect(h.k("apply").err == "error: must specify one of -f and -k\n")
    }

    @Test func yamlErrorsUseTheRenderer() {
        let h = KubectlHarness()
        let file = h.file("roto.yaml", "a:\n  b: c: d\n")
        let r = h.k("apply", "-f", file)
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("\(file):2:7: error: "))
        #expect(r.err.contains("  kubectl: error: error parsing \(file): error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n"))
    }

    @Test func decodeErrorsGiveKubectlsTextThenTheLine() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest().replacingAll("\n", with: "\n").replacing("image:", with: "imagen:"))
        let r = h.k("apply", "-f", file)
        #expect(r.code == 1)
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Error from server (BadRequest): error when creating \"\(file)\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].imagen\"")
        #expect(lines[1].hasPrefix("  \(file):16:9: "))
        let kind = h.k("apply", "-f", h.file("k.yaml", "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n"))
        #expect(kind.err.hasPrefix("error: resource mapping not found for name: \"x\" namespace: \"\" from \"\(h.workDirectory)/k.yaml\": no matches for kind \"Deploymnet\" in version \"apps/v1\"\nensure CRDs are installed first\n"))
    }

    @Test func validationErrorsPointAtTheLearnersLine() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest(templateApp: "otra"))
        let r = h.k("apply", "-f", file)
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.hasPrefix("The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"otra\"}: `selector` does not match template `labels`\n  \(file):12:15: El selector no coincide"))
    }

    @Test func createFromFileAndAlreadyExists() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest())
        #expect(h.k("create", "-f", file).out == "deployment.apps/web created\n")
        let again = h.k("create", "-f", file)
        #expect(again.code == 1)
        #expect(again.err.hasPrefix("Error from server (AlreadyExists): error when creating \"\(file)\": deployments.apps \"web\" already exists\n  "))
    }

    @Test func partialFailureStillAppliesTheRest() {
        let h = KubectlHarness()
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bien}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Mal}\n"
        let r = h.k("apply", "-f", h.file("dos.yaml", text))
        #expect(r.code == 1)
        #expect(r.out == "configmap/bien created\n")
        #expect(r.err.hasPrefix("The ConfigMap \"Mal\" is invalid: metadata.name: Invalid value: \"Mal\": a lowercase RFC 1123 subdomain"))
    }

    @Test func deleteFromFileAndByName() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest())
        h.k("apply", "-f", file)
        #expect(h.k("delete", "-f", file).out == "deployment.apps \"web\" deleted\n")
        let gone = h.k("delete", "-f", file)
        #expect(gone.code == 1)
        #expect(gone.err.hasPrefix("Error from server (NotFound): error when deleting \"\(file)\": deployments.apps \"web\" not found\n"))
        h.k("create", "configmap", "a", "--from-literal=x=1")
        h.k("create", "configmap", "b", "--from-literal=x=1")
        #expect(h.k("delete", "cm", "a", "--dry-run=client").out == "configmap \"a\" deleted (dry run)\n")
        #expect(h.k("delete", "configmap/a").out == "configmap \"a\" deleted\n")
        let none = h.k("delete", "cm", "a")
        #expect(none.err == "Error from server (NotFound): configmaps \"a\" not found\n")
        #expect(h.k("delete", "cm", "a", "--ignore-not-found").code == 0)
        // --all takes the namespace's kube-root-ca.crt too; its publisher puts it back at once.
        #expect(h.k("delete", "cm", "--all").out == "configmap \"b\" deleted\nconfigmap \"kube-root-ca.crt\" deleted\n")
        #expect(h.k("get", "cm", "-o", "name").out == "configmap/kube-root-ca.crt\n")
        #expect(h.k("delete", "cm", "-l", "app=nada").out == "No resources found\n")
        #expect(h.k("delete", "cm").err == "error: resource(s) were provided, but no name was specified\n")
    }
}

extension String {
    func replacing(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
