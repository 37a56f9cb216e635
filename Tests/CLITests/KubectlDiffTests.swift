import Testing
@testable import CLI

/// `taller k diff` (k8s.io/kubectl/pkg/cmd/diff/diff.go) and its `diff -u`.
@Suite struct KubectlDiffTests {
    @Test func hunksHaveThreeLinesOfContextAndGNUCounts() {
        let a = (1...10).map { "l\($0)" }
        var b = a
        b[4] = "cinco"
        #expect(UnifiedDiff.hunks(a, b) == "@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+cinco\n l6\n l7\n l8\n")
        #expect(UnifiedDiff.hunks(a, a) == "")
        #expect(UnifiedDiff.hunks([], ["x"]) == "@@ -0,0 +1 @@\n+x\n")
        #expect(UnifiedDiff.hunks(["x"], []) == "@@ -1 +0,0 @@\n-x\n")
    }

    @Test func distantChangesMakeTwoHunks() {
        let a = (1...20).map { "l\($0)" }
        var b = a
        b[0] = "uno"
        b[19] = "veinte"
        let hunks = UnifiedDiff.hunks(a, b)
        #expect(hunks.split(separator: "\n").filter { $0.hasPrefix("@@ ") }.count == 2)
        #expect(hunks.hasPrefix("@@ -1,4 +1,4 @@\n-l1\n+uno\n"))
        #expect(hunks.hasSuffix("@@ -17,4 +17,4 @@\n l17\n l18\n l19\n-l20\n+veinte\n"))
    }

    @Test func exitCodeSaysWhetherSomethingWouldChange() {
        let h = KubectlHarness()
        let file = h.file("web.yaml", deploymentManifest())
        #expect(h.k("diff", "-f", file).code == 1)
        h.k("apply", "-f", file)
        let same = h.k("diff", "-f", file)
        #expect(same.code == 0)
        #expect(same.out.isEmpty)
        #expect(h.k("diff").err == "error: must specify one of -f and -k\n")
    }
}
