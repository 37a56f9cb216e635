import Foundation
import Testing
@testable import YAML

/// The official YAML test suite's `in.json`: every valid case that has one must load, with
/// the core schema, to the same data (numbers compared by value, objects as sets).
@Suite struct TestSuiteJSONTests {
    /// Measured with the real parser (279 of the 279 valid cases that have an `in.json`);
    /// the test fails if conformance drops below it.
    static let floor = 279

    @Test func valuesMatchInJSON() throws {
        guard let cases = CorpusLocation.testSuiteCases() else {
            CorpusLocation.skipNotice("yaml-test-suite (JSON)")
            return
        }
        let fm = FileManager.default
        var total = 0, equal = 0
        var failures: [String] = []
        for (id, dir) in cases {
            let jsonURL = dir.appendingPathComponent("in.json")
            guard fm.fileExists(atPath: jsonURL.path), !fm.fileExists(atPath: dir.appendingPathComponent("error").path) else { continue }
            total += 1
            let input = try [UInt8](Data(contentsOf: dir.appendingPathComponent("in.yaml")))
            let texts = JSONCompare.split(try [UInt8](Data(contentsOf: jsonURL)))
            let expected = texts.compactMap(JSONCompare.parse)
            guard expected.count == texts.count else {
                failures.append("\(id): in.json ilegible")
                continue
            }
            do {
                let values = try YAML.load(input, file: "in.yaml", schema: .core)
                if values.count == expected.count, zip(values, expected).allSatisfy({ JSONCompare.equal($0, $1) }) {
                    equal += 1
                } else {
                    failures.append("\(id): \(values.map(\.description)) ≠ \(texts.map { String(decoding: $0, as: UTF8.self) })")
                }
            } catch {
                failures.append("\(id): rechazado: \(error)")
            }
        }
        print("yaml-test-suite JSON: \(equal)/\(total) iguales")
        if !failures.isEmpty { print("diferencias:\n  " + failures.joined(separator: "\n  ")) }
        #expect(equal >= Self.floor)
    }
}
