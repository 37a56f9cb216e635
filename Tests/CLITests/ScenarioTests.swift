import Foundation
import Testing
@testable import CLI

/// Golden scenarios: each folder of `Tests/CLITests/Scenarios/` holds manifests and a
/// `guion.txt` transcript — `$ taller …` lines and, under each, exactly what the command
/// prints (stdout, then stderr). The header comments name the upstream behaviour the
/// scenario follows. The transcript is replayed on a fresh cluster with virtual time only
/// (no wall clock), so it is byte-for-byte reproducible.
///
/// To record the transcripts again after an intended change:
/// `TALLER_REGRABAR=1 swift test --filter ScenarioTests`, then read the diff.
@Suite struct ScenarioTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: ScenarioTests.names) func transcriptMatches(_ name: String) throws {
        let dir = Self.folder.appendingPathComponent(name)
        let script = try String(contentsOf: dir.appendingPathComponent("guion.txt"), encoding: .utf8)
        let h = KubectlHarness()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".yaml") {
            _ = h.file(file, try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
        }
        var recorded = ""
        var expected = ""
        var actual = ""
        for block in Self.blocks(script) {
            if block.command == nil {
                recorded += block.text
                continue
            }
            let command = block.command!
            let output = Self.run(command, in: h)
            // Output without a final newline (kubectl's jsonpath) would glue the next
            // `$ taller` line to it and the transcript could not be read back.
            #expect(output.isEmpty || output.hasSuffix("\n"), "\(name): «\(command)» no termina en salto de línea; usa otra salida (custom-columns, -o yaml)")
            recorded += "$ taller \(command)\n" + output
            expected += "$ taller \(command)\n" + block.text
            actual += "$ taller \(command)\n" + output
        }
        if ProcessInfo.processInfo.environment["TALLER_REGRABAR"] == "1" {
            try recorded.write(to: dir.appendingPathComponent("guion.txt"), atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == expected, "el guion \(name) ha cambiado; si es lo esperado, grábalo con TALLER_REGRABAR=1")
    }

    struct Block {
        var command: String?
        var text: String
    }

    /// Splits a transcript into its header and one block per `$ taller …` line.
    static func blocks(_ script: String) -> [Block] {
        var blocks = [Block(command: nil, text: "")]
        for line in script.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("$ taller ") {
                blocks.append(Block(command: String(line.dropFirst("$ taller ".count)), text: ""))
            } else {
                blocks[blocks.count - 1].text += line + "\n"
            }
        }
        return blocks
    }

    /// Runs one command line (words split on spaces; "…" keeps spaces) in the scenario's
    /// folder: relative `.yaml` paths point there, and the folder's path is removed from
    /// what the command prints.
    static func run(_ command: String, in h: KubectlHarness) -> String {
        var words: [String] = []
        // Shell-like words: "…" and '…' group (the quotes go), and inside '…' a " is kept.
        var current = "", quoted = false, single = false
        for c in command {
            if c == "'" && !quoted { single.toggle(); continue }
            if c == "\"" && !single { quoted.toggle(); continue }
            if c == " " && !quoted && !single {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        let prefix = h.workDirectory + "/"
        words = words.map { $0.hasSuffix(".yaml") && !$0.hasPrefix("/") ? prefix + $0 : $0 }
        let result = h.run(words)
        return (result.out + result.err).replacingOccurrences(of: prefix, with: "")
    }
}
