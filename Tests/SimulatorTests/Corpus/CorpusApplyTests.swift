import Foundation
import Testing
import YAML
import KubeAPI
@testable import Simulator

/// Every manifest of the Kubernetes website examples (`../shared/corpus/k8s-website`),
/// applied with `apply` to a fresh cluster, one file at a time, as a learner would paste it:
/// each document of a supported kind is created, or refused for a reason a real apiserver
/// gives too. Namespaces the examples assume (`kubectl create namespace …` in the docs' text)
/// are created first, so that the check is about the objects themselves.
@Suite struct CorpusApplyTests {
    static var corpus: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("shared/corpus/k8s-website")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Documents a real apiserver refuses too: `file#index` → part of the expected message.
    static let expectedRejections: [String: String] = [
        "secret/tls-auth-secret.yaml#0": "illegal base64 data at input byte 7",
        "service/networking/dual-stack-ipv6-svc.yaml#0": #"unknown field "spec.ipFamily""#,
        // A template: `$ITEM` is meant to be replaced by `sed` before applying (the docs say so).
        "application/job/job-tmpl.yaml#0": #"metadata.name: Invalid value: "process-item-$ITEM""#,
        // ServiceAccount admission: the docs create `build-robot` first (configure-service-account).
        "pods/pod-projected-svc-token.yaml#0": #"error looking up service account default/build-robot: serviceaccount "build-robot" not found"#,
    ]

    @Test func websiteExamplesApply() throws {
        guard let corpus = Self.corpus else {
            print("⚠️  OMITIDO: CorpusApplyTests: no se encuentra ../shared/corpus/k8s-website junto al paquete; esta prueba no comprobó nada.")
            return
        }
        let files = (FileManager.default.enumerator(atPath: corpus.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var applied = 0, unsupported = 0, yamlErrors = 0
        var rejected: [String: String] = [:]
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(file)))
            guard let results = try? KubeDecoder().decodeAll(bytes, file: file) else { yamlErrors += 1; continue }
            var api = APIServer(seed: 7)
            for (index, result) in results.enumerated() {
                let key = "\(file)#\(index)"
                switch result {
                case .failure(let error):
                    if case .noKindMatch(let info) = error, Kinds.resources(kind: info.kind).isEmpty {
                        unsupported += 1
                    } else {
                        rejected[key] = error.decodeMessage
                    }
                case .success(let object):
                    if let namespace = object.namespace, namespace != "default", (try? api.get(Kinds.resolve("namespaces")!, namespace: "", name: namespace)) == nil,
                       let ns = try? KubeDecoder().decodeAll(Array("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(namespace)\n".utf8), file: "ns.yaml").first?.get() {
                        _ = try? api.apply(ns)
                    }
                    do {
                        _ = try api.apply(object)
                        applied += 1
                    } catch {
                        rejected[key] = error.kubectlMessage(source: file)
                    }
                }
            }
        }
        print("corpus k8s-website aplicado: \(files.count) archivos; \(applied) objetos creados; \(rejected.count) rechazados; \(unsupported) de tipos no soportados; \(yamlErrors) archivos con error YAML")
        for (key, message) in rejected.sorted(by: { $0.key < $1.key }) {
            print("  rechazado \(key): \(message.split(separator: "\n").first ?? "")")
        }
        let unexpected = rejected.filter { key, message in
            guard let expected = Self.expectedRejections[key] else { return true }
            return !message.contains(expected)
        }
        #expect(unexpected.isEmpty, "rechazos inesperados: \(unexpected.keys.sorted())")
        #expect(applied > 350)
    }
}
