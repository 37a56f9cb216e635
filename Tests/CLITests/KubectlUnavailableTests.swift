import Testing
@testable import CLI

/// kubectl verbs `taller k` cannot run: a Spanish explanation and exit code 1, never
/// `unknown command`.
@Suite struct KubectlUnavailableTests {
    @Test(arguments: KubectlUnavailable.verbs.keys.sorted())
    func explainsAndFails(_ verb: String) {
        let h = KubectlHarness()
        let result = h.run(["k"] + verb.split(separator: " ").map(String.init))
        #expect(result.code == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.hasPrefix("taller k \(verb): no disponible en el clúster simulado.\n"))
        #expect(result.err.contains("En su lugar: "))
        #expect(!result.err.contains("unknown command"))
    }

    @Test func typosSuggestNewAndUnavailableVerbs() {
        #expect(KubectlText.suggestion("taitn").contains("\ttaint\n"))
        #expect(KubectlText.suggestion("edti").contains("\tedit\n"))
        #expect(KubectlText.suggestion("cluster-inf").contains("\tcluster-info\n"))
    }

    @Test func clusterInfoListsCoreDNS() {
        let result = KubectlHarness().k("cluster-info")
        #expect(result.code == 0)
        #expect(result.out.contains("CoreDNS is running at \(KubectlInfo.apiServerHost)/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n"))
    }
}
