import Foundation
import Testing
@testable import CLI

/// The real kubectl on this machine as an oracle for the imperative `create … --dry-run=client`
/// commands (kubectl builds these objects offline): `taller k` must print the same bytes.
/// The expected outputs are also committed (`KubectlGolden.swift`, re-recorded with
/// `scripts/record-kubectl-golden.py`), so the comparison runs without kubectl too.
struct KubectlOracleTests {
    static let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func kubectlOutput(_ args: [String]) -> String {
        guard let kubectl else { return "" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: kubectl)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try? p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static var available: Bool {
        if kubectl == nil { print("⚠️  kubectl no está en esta máquina: se omite la comparación en vivo (las salidas grabadas sí se comparan)") }
        return kubectl != nil
    }

    @Test func goldenOutputsMatch() {
        let harness = KubectlHarness()
        #expect(KubectlGolden.cases.count >= 10)
        for (args, expected) in KubectlGolden.cases {
            let result = harness.run(["k"] + args)
            #expect(result.code == 0, "\(args): \(result.err)")
            #expect(result.out == expected, "\(args.joined(separator: " "))")
        }
    }

    @Test(.enabled(if: available)) func liveKubectlMatches() {
        let harness = KubectlHarness()
        for (args, golden) in KubectlGolden.cases {
            let live = Self.kubectlOutput(args)
            #expect(live == golden, "kubectl cambió: vuelve a grabar con scripts/record-kubectl-golden.py (\(args))")
            #expect(harness.run(["k"] + args).out == live, "\(args.joined(separator: " "))")
        }
    }

    /// Dry runs store nothing.
    @Test func clientDryRunStoresNothing() {
        let harness = KubectlHarness()
        harness.k("create", "deployment", "web", "--image=nginx", "--dry-run=client")
        let get = harness.k("get", "deploy")
        #expect(get.out.isEmpty)
        #expect(get.err == "No resources found in default namespace.\n")
    }
}
