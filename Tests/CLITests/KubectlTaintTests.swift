import Testing
import YAML
@testable import CLI

/// `taller k taint` (k8s.io/kubectl/pkg/cmd/taint/taint.go and utils.go).
@Suite struct KubectlTaintTests {
    typealias Spec = KubectlTaint.Spec

    @Test func parsesAddAndRemoveForms() throws {
        let parsed = try KubectlTaint.parse(["a=b:NoSchedule", "c:NoExecute", "d-", "e:PreferNoSchedule-"]).get()
        #expect(parsed.add == [Spec(key: "a", value: "b", effect: "NoSchedule"), Spec(key: "c", effect: "NoExecute")])
        #expect(parsed.remove == [Spec(key: "d"), Spec(key: "e", effect: "PreferNoSchedule")])
        #expect(parsed.remove.map(\.text) == ["d", "e:PreferNoSchedule"])
    }

    @Test(arguments: [
        ("a=b:Nunca", "invalid taint effect: Nunca, unsupported taint effect"),
        ("a=b=c:NoSchedule", "invalid taint spec: a=b=c:NoSchedule"),
        ("a:b:NoSchedule", "invalid taint spec: a:b:NoSchedule"),
    ])
    func rejectsBadSpecs(_ spec: String, _ message: String) {
        #expect(KubectlTaint.parse([spec]).map { _ in "" } == .failure(TaintSpecError(message: message)))
    }

    @Test func rejectsInvalidKeysAndDuplicates() {
        guard case .failure(let bad) = KubectlTaint.parse(["-a:NoSchedule"]) else { Issue.record("aceptó una clave inválida"); return }
        #expect(bad.message.hasPrefix("invalid taint spec: -a:NoSchedule, name part must consist of"))
        // Without an effect the whole word is the key, and `=` is not allowed in a key.
        guard case .failure(let noEffect) = KubectlTaint.parse(["a=b"]) else { Issue.record("aceptó a=b"); return }
        #expect(noEffect.message.hasPrefix("invalid taint spec: a=b, name part must consist of"))
        #expect(KubectlTaint.parse(["a=1:NoSchedule", "a=2:NoSchedule"]).map { _ in "" }
                == .failure(TaintSpecError(message: "duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}")))
    }

    @Test func splitsResourcesFromTaints() throws {
        let split = try KubectlTaint.split(["node", "n1", "n2", "k=v:NoSchedule", "x-"])
        #expect(split.resources == ["node", "n1", "n2"])
        #expect(split.taints == ["k=v:NoSchedule", "x-"])
        #expect(throws: (any Error).self) { try KubectlTaint.split(["node", "k:NoSchedule", "n1"]) }
    }

    static let old: [Value] = [["key": "a", "value": "1", "effect": "NoSchedule"], ["key": "b", "effect": "NoExecute"]]

    @Test func reorganizePutsNewTaintsFirstAndNamesTheChange() throws {
        let (word, taints) = try KubectlTaint.reorganize(node: "n", old: Self.old, add: [Spec(key: "c", effect: "NoSchedule")], remove: [], overwrite: false).get()
        #expect(word == "tainted")
        #expect(taints.map { $0["key"]?.string } == ["c", "a", "b"])
        let replaced = try KubectlTaint.reorganize(node: "n", old: Self.old, add: [Spec(key: "a", value: "2", effect: "NoSchedule")], remove: [], overwrite: true).get()
        #expect(replaced.0 == "modified")
        #expect(replaced.1.map { $0["value"]?.string } == ["2", nil])
        let removed = try KubectlTaint.reorganize(node: "n", old: Self.old, add: [], remove: [Spec(key: "b")], overwrite: false).get()
        #expect(removed.0 == "untainted")
        #expect(removed.1.count == 1)
    }

    @Test func reorganizeRefusesExistingAndMissingTaints() {
        #expect(KubectlTaint.reorganize(node: "n", old: Self.old, add: [Spec(key: "a", value: "2", effect: "NoSchedule")], remove: [], overwrite: false).map { $0.0 }
                == .failure(TaintSpecError(message: "node n already has a taint(s) with same effect(s) and --overwrite is false")))
        #expect(KubectlTaint.reorganize(node: "n", old: Self.old, add: [], remove: [Spec(key: "a", effect: "NoExecute"), Spec(key: "z")], overwrite: false).map { $0.0 }
                == .failure(TaintSpecError(message: "[taint \"a:NoExecute\" not found, taint \"z\" not found]")))
    }

    @Test func errorsExitWithOne() {
        let h = KubectlHarness()
        #expect(h.k("taint", "nodes", "taller-worker", "k=v:NoSchedule").code == 0)
        let again = h.k("taint", "nodes", "taller-worker", "k=v:NoSchedule")
        #expect(again.code == 1)
        #expect(again.err.hasPrefix("error: node taller-worker already has k taint(s)"))
        #expect(h.k("taint", "nodes", "no-existe", "k=v:NoSchedule").err.hasPrefix("Error from server (NotFound): nodes \"no-existe\" not found"))
    }
}
