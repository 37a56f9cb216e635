import Foundation
import Testing
@testable import YAML

/// The fast path (`FastComposer`) must build exactly what the full parser builds: the same
/// documents, nodes, styles, tags, anchors and marks, or the same error at the same place.
@Suite struct FastComposerTests {
    /// Everything about a node tree, marks included, as text.
    static func dump(_ docs: [Document]) -> String {
        var out = ""
        for doc in docs {
            out += "DOC \(doc.explicitStart) \(doc.explicitEnd) \(doc.mark.line):\(doc.mark.column)@\(doc.mark.offset)\n"
            dump(doc.root, depth: 1, into: &out)
        }
        return out
    }

    static func dump(_ node: Node, depth: Int, into out: inout String) {
        let pad = String(repeating: " ", count: depth)
        let m = node.mark
        let head = "\(pad)\(m.file):\(m.line):\(m.column)@\(m.offset) tag=\(node.tag ?? "-") anchor=\(node.anchor ?? "-") alias=\(node.aliasMark.map { "\($0.line):\($0.column)" } ?? "-")"
        switch node.content {
        case .scalar(let s, let style):
            out += "\(head) \(style) \(s.debugDescription)\n"
        case .sequence(let items, let style):
            out += "\(head) SEQ \(style)\n"
            for item in items { dump(item, depth: depth + 1, into: &out) }
        case .mapping(let pairs, let style):
            out += "\(head) MAP \(style)\n"
            for pair in pairs {
                dump(pair.key, depth: depth + 1, into: &out)
                dump(pair.value, depth: depth + 2, into: &out)
            }
        }
    }

    static func outcome(_ compose: () throws(YAMLError) -> [Document]) -> String {
        do { return dump(try compose()) } catch { return "ERROR \(error.kind) at \(error.mark)" }
    }

    static func check(_ bytes: [UInt8], file: String) -> Bool {
        let fast = outcome { () throws(YAMLError) in try YAML.compose(bytes, file: file) }
        let full = outcome { () throws(YAMLError) in try YAML.composeWithFullParser(bytes, file: file) }
        return fast == full
    }

    @Test func agreesWithTheFullParserOnTheTestSuite() throws {
        guard let cases = CorpusLocation.testSuiteCases() else {
            CorpusLocation.skipNotice("yaml-test-suite (vía rápida)")
            return
        }
        var differ: [String] = []
        for (id, dir) in cases {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("in.yaml")))
            if !Self.check(bytes, file: "in.yaml") { differ.append(id) }
        }
        print("vía rápida frente al analizador completo, yaml-test-suite: \(cases.count - differ.count)/\(cases.count) iguales")
        #expect(differ.isEmpty, "difieren: \(differ)")
    }

    @Test func agreesWithTheFullParserOnTheKubernetesCorpus() throws {
        guard let root = CorpusLocation.root else {
            CorpusLocation.skipNotice("corpus de Kubernetes (vía rápida)")
            return
        }
        var files: [URL] = []
        for folder in ["k8s-website", "k8s-examples"] {
            let dir = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) { files.append(url) }
        }
        var differ: [String] = []
        var all: [UInt8] = []
        for url in files.sorted(by: { $0.path < $1.path }) {
            let bytes = try [UInt8](Data(contentsOf: url))
            if !Self.check(bytes, file: url.lastPathComponent) { differ.append(url.lastPathComponent) }
            all += Array("---\n".utf8) + bytes + (bytes.last == 0x0A ? [] : [0x0A])
        }
        // The whole corpus as one stream, as the benchmark reads it, on one core and split
        // across cores (`ParallelCompose`, forced on by a low threshold).
        let together = Self.check(all, file: "todo.yaml")
        let parallel = Self.outcome { () throws(YAMLError) in try YAML.compose(all, file: "todo.yaml", limits: .standard, parallelFrom: 1) }
        let full = Self.outcome { () throws(YAMLError) in try YAML.composeWithFullParser(all, file: "todo.yaml") }
        #expect(parallel == full, "la composición en paralelo difiere")
        // An invalid byte deep inside: every core checks its own part, and the error is the
        // one-core path's, at the same place.
        var broken = all
        broken[broken.count * 3 / 4] = 0xFF
        let brokenParallel = Self.outcome { () throws(YAMLError) in try YAML.compose(broken, file: "todo.yaml", limits: .standard, parallelFrom: 1) }
        let brokenFull = Self.outcome { () throws(YAMLError) in try YAML.composeWithFullParser(broken, file: "todo.yaml") }
        #expect(brokenParallel.hasPrefix("ERROR invalidUTF8"))
        #expect(brokenParallel == brokenFull)
        print("vía rápida frente al analizador completo, corpus k8s: \(files.count - differ.count)/\(files.count) archivos iguales; flujo único: \(together ? "igual" : "DISTINTO")")
        #expect(differ.isEmpty, "difieren: \(differ)")
        #expect(together)
        #expect(files.count > 600)
    }

    @Test func handcraftedShapes() {
        let samples = [
            "a: 1\nb:\n  - x\n  -\n  - y: 2\n    z: 'q'\nc: \"s\" # c\n",
            "key:\n- a\n- b\nnext: {x: 1, y: [a, b]}\nempty: []\nmap: {}\n",
            "- - a\n  - b\n- c: |\n    text\n    more\n  d: >-\n    folded\n    line\n",
            "# only a comment\n",
            "---\n---\na: b\n...\n---\nc\n",
            "a: b\n  c\n",            // multi-line plain: full parser
            "a: b: c\n",              // error: full parser
            "a:\tb\n",
            "\u{FEFF}ñ: é\nclave: valor con ñ # y comentario\n",
            "a: 1\r\nb: 2\r\n",
            "--- # comment\n",
            "---",
            "a: [1, 2,]\n",
            "-)[![b,c, e]M: [3\n]\n",    // found by the fuzzer: a closing bracket level with its key
            "---\n...\n",
            "a: 1\n... # fin\nb: 2\n...\n...\n",
            "a: 1\n... x\n",
            "k: \"a\\tb\"\nj: 'it''s'\n- x\n",
            "- uno\n  dos\n\n  tres\n- b: c\n    d\n",
            "args: [\n  \"--a\",\n  \"--b\", # c\n]\n",
            "a: 1\n...",                          // `...` without a line break at the end
            "--- a\n---b: 1\n--\n-- -\n....\n", // lines that only look like markers
            "x: |\n  ---\n---\ny\n...\n---\n%\n",
            "%YAML 1.2\n---\na: b\n",
            "a: b\n%x\n",
            "- a\n---\t\n- b\n---\n...\n...\n---",
        ]
        for text in samples {
            #expect(Self.check(Array(text.utf8), file: "m.yaml"), "\(text.debugDescription)")
        }
    }

    /// Streams cut into runs at `---` lines (`ParallelCompose`, forced on by a low
    /// threshold): line numbers after CR LF and lone CRs, a BOM, `...`, directives, errors.
    /// A large stream composed on several cores is freed on several cores (`StreamNodes`),
    /// on Dispatch's worker threads with their small stacks: documents as deep as the limit
    /// allows must be freed there without trouble.
    @Test func deepDocumentsOfAParallelStreamAreFreed() throws {
        let depth = YAMLLimits.standard.maxDepth - 8
        var deep = ""
        for level in 0..<depth { deep += String(repeating: " ", count: level) + "k:\n" }
        deep += String(repeating: " ", count: depth) + "v\n"
        var stream = ""
        for _ in 0..<40 { stream += "---\n" + deep + "---\n" + String(repeating: "- elemento\n", count: 2000) }
        for _ in 0..<3 {
            let documents = try YAML.compose(Array(stream.utf8), file: "hondo.yaml", limits: .standard, parallelFrom: 1)
            #expect(documents.count == 80)
        }
    }

    @Test func parallelRunsAgreeWithTheFullParser() {
        let document = "a: 1\nb:\n  - x\n  - y: 'z'\n"
        let samples = [
            String(repeating: "---\n" + document, count: 9),
            String(repeating: "---\r\n" + document.replacingOccurrences(of: "\n", with: "\r\n"), count: 9),
            String(repeating: "--- \r" + document.replacingOccurrences(of: "\n", with: "\r"), count: 9),
            "\u{FEFF}" + String(repeating: "--- # c\n" + document + "...\n", count: 9),
            String(repeating: "---\n" + document, count: 4) + "%YAML 1.2\n" + String(repeating: "---\n" + document, count: 4),
            String(repeating: "---\n" + document, count: 7) + "---\na: b: c\n" + String(repeating: "---\n" + document, count: 2),
            String(repeating: document + "---", count: 9),
        ]
        for text in samples {
            let bytes = Array(text.utf8)
            let parallel = Self.outcome { () throws(YAMLError) in try YAML.compose(bytes, file: "p.yaml", limits: .standard, parallelFrom: 1) }
            let full = Self.outcome { () throws(YAMLError) in try YAML.composeWithFullParser(bytes, file: "p.yaml") }
            #expect(parallel == full, "\(text.debugDescription)")
        }
        // The runs are really composed apart (when there is more than one core).
        let bytes = Array(samples[1].utf8)
        if ParallelCompose.cores > 1 {
            #expect(ParallelCompose.documents(bytes, file: "p.yaml", limits: .standard, minimumBytes: 1)?.count == 9)
        }
    }
}
