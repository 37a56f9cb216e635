import Testing
import YAML
@testable import CLI

@Suite struct CLIErrorTests {
    @Test func exitCodes() {
        #expect(CLIError.usage("x", usage: "taller").exitCode == 2)
        #expect(CLIError.unknownCommand("x").exitCode == 2)
        #expect(CLIError.fileNotFound("a").exitCode == 1)
        #expect(CLIError.unreadable("a", reason: "r").exitCode == 1)
        let yaml = YAMLError(.expectedKey, at: Mark(file: "a.yaml", line: 1, column: 1), stage: .parser)
        #expect(CLIError.yaml(yaml, source: []).exitCode == 1)
    }

    @Test func yamlErrorsUseTheOneRenderer() {
        let source = Array("a: b: c\n".utf8)
        let error = YAMLError(.mappingValuesNotAllowed, at: Mark(file: "a.yaml", line: 1, column: 5, offset: 4), stage: .scanner)
        let text = CLIError.yaml(error, source: source).rendered
        #expect(text == error.rendered(source: source))
        #expect(text.hasPrefix("a.yaml:1:5: error: "))
    }
}
