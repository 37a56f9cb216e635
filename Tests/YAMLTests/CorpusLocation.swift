import Foundation

/// Where the shared conformance corpus lives: `../shared/corpus` next to the package root.
/// Tests that need it print a loud notice and skip when it is absent.
enum CorpusLocation {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var root: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static func skipNotice(_ what: String) {
        print("⚠️  OMITIDO: \(what): no se encuentra ../shared/corpus junto al paquete; esta prueba no comprobó nada.")
    }

    /// Every case folder of the YAML test suite (`ID/` or `ID/NN/`), sorted.
    static func testSuiteCases() -> [(id: String, dir: URL)]? {
        guard let root else { return nil }
        let suite = root.appendingPathComponent("yaml-test-suite")
        let fm = FileManager.default
        guard let ids = try? fm.contentsOfDirectory(atPath: suite.path) else { return nil }
        var cases: [(String, URL)] = []
        for id in ids.sorted() {
            let dir = suite.appendingPathComponent(id)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            if fm.fileExists(atPath: dir.appendingPathComponent("in.yaml").path) {
                cases.append((id, dir))
            } else if let subs = try? fm.contentsOfDirectory(atPath: dir.path) {
                for sub in subs.sorted() where fm.fileExists(atPath: dir.appendingPathComponent(sub + "/in.yaml").path) {
                    cases.append((id + "/" + sub, dir.appendingPathComponent(sub)))
                }
            }
        }
        return cases
    }
}
