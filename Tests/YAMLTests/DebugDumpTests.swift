import Foundation
import Testing
@testable import YAML

/// `YAML_VOLCAR=archivo.yaml swift test --filter DebugDump` prints the events of a file
/// (a developer aid; does nothing without the variable).
@Suite struct DebugDumpTests {
    @Test func dumpEventsOfFileNamedInEnvironment() throws {
        guard let path = ProcessInfo.processInfo.environment["YAML_VOLCAR"] else { return }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            print(EventNotation.text(try YAML.events(bytes, file: path)), terminator: "")
        } catch {
            print("ERROR \(error)")
        }
    }
}

extension DebugDumpTests {
    /// `YAML_MEDIR=archivo.yaml swift test -c release --filter DebugDump`: a rough speed figure.
    @Test func measureFileNamedInEnvironment() throws {
        guard let path = ProcessInfo.processInfo.environment["YAML_MEDIR"] else { return }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        var docs = 0
        for _ in 0..<5 {
            let t = clock.now
            docs = try YAML.compose(bytes, file: path).count
            best = min(best, clock.now - t)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("compose: \(docs) documentos, \(bytes.count) bytes, \(Double(bytes.count) / seconds / 1e6) MB/s")
    }
}
