import Foundation
import Testing
@testable import YAML

/// The official YAML test suite: every valid case's event stream must equal `test.event`,
/// and every case marked `error` must be rejected.
@Suite struct TestSuiteEventTests {
    /// Measured counts; the test fails if conformance drops below them.
    static let validFloor = 308
    static let errorFloor = 94

    @Test func eventStreamsMatchTheSuite() throws {
        guard let cases = CorpusLocation.testSuiteCases() else {
            CorpusLocation.skipNotice("yaml-test-suite (eventos)")
            return
        }
        var validTotal = 0, validOK = 0, errorTotal = 0, errorOK = 0
        var failures: [String] = []
        for (id, dir) in cases {
            let input = try [UInt8](Data(contentsOf: dir.appendingPathComponent("in.yaml")))
            let isError = FileManager.default.fileExists(atPath: dir.appendingPathComponent("error").path)
            if isError {
                errorTotal += 1
                do {
                    _ = try YAML.events(input, file: "in.yaml")
                    failures.append("\(id) (error case accepted)")
                } catch {
                    errorOK += 1
                }
                continue
            }
            validTotal += 1
            let expected = try String(contentsOf: dir.appendingPathComponent("test.event"), encoding: .utf8)
            do {
                let got = EventNotation.text(try YAML.events(input, file: "in.yaml"))
                if got == expected { validOK += 1 } else { failures.append("\(id) (events differ)") }
            } catch {
                failures.append("\(id) (rejected: \(error))")
            }
        }
        print("yaml-test-suite eventos: \(validOK)/\(validTotal) casos válidos coinciden; \(errorOK)/\(errorTotal) casos de error rechazados")
        if !failures.isEmpty { print("fallan: " + failures.joined(separator: "\n  ")) }
        #expect(validOK >= Self.validFloor)
        #expect(errorOK >= Self.errorFloor)
        #expect(validTotal + errorTotal == cases.count)
    }
}
