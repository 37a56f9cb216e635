import Foundation
import Testing
import YAML
@testable import KubeAPI

/// Every manifest of the Kubernetes website examples (`../shared/corpus/k8s-website`):
/// documents of a supported kind must decode, or be refused for a reason a real apiserver
/// gives too (listed in `expectedRejections` with the reason).
@Suite struct CorpusDecodeTests {
    static var corpus: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("shared/corpus/k8s-website")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Documents a real apiserver refuses too, by `file#index` → the expected decode message.
    static let expectedRejections: [String: String] = [
        // Placeholders instead of base64 ("REPLACE_WITH_BASE64_CERT": `_` is byte 7).
        "secret/tls-auth-secret.yaml#0": "cannot be handled as a Secret: illegal base64 data at input byte 7",
        // `spec.ipFamily` was replaced by `ipFamilies`/`ipFamilyPolicy` (1.20); strict decoding refuses it.
        "service/networking/dual-stack-ipv6-svc.yaml#0": #"strict decoding error: unknown field "spec.ipFamily""#,
    ]

    @Test func websiteExamplesDecode() throws {
        guard let corpus = Self.corpus else {
            print("⚠️  OMITIDO: CorpusDecodeTests: no se encuentra ../shared/corpus/k8s-website junto al paquete; esta prueba no comprobó nada.")
            return
        }
        let files = (FileManager.default.enumerator(atPath: corpus.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var documents = 0, supported = 0, decoded = 0, yamlErrors = 0
        var rejected: [String: Int] = [:]
        var unsupported: [String: Int] = [:]
        var unexpected: [String] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(file)))
            let results: [Result<DecodedObject, DecodeError>]
            do {
                results = try KubeDecoder().decodeAll(bytes, file: file)
            } catch {
                yamlErrors += 1
                print("  error YAML (lo rechaza también kubectl): \(file): \(error.summary)")
                continue
            }
            for (index, result) in results.enumerated() {
                documents += 1
                switch result {
                case .success:
                    supported += 1
                    decoded += 1
                case .failure(let error):
                    let key = "\(file)#\(index)"
                    if case .noKindMatch(let info) = error, Kinds.resources(kind: info.kind).isEmpty {
                        unsupported["\(info.apiVersion) \(info.kind)", default: 0] += 1
                        continue
                    }
                    supported += 1
                    let reason: String
                    switch error {
                    case .noKindMatch: reason = "versión no servida"
                    case .strictDecoding: reason = "campo desconocido"
                    case .typeMismatch: reason = "tipo incorrecto"
                    case .invalidValue: reason = "valor inválido"
                    case .invalidTypeInfo, .kindMissing: reason = "sin apiVersion/kind"
                    case .yaml: reason = "YAML"
                    }
                    rejected[reason, default: 0] += 1
                    let message = error.kubectlMessage(source: file)
                    if let expected = Self.expectedRejections[key] {
                        #expect(message.contains(expected), "\(key): \(message)")
                    } else {
                        unexpected.append("\(key): \(message)")
                    }
                }
            }
        }
        print("""
            KubeAPI corpus k8s-website: \(files.count) ficheros, \(documents) documentos, \(yamlErrors) ficheros con error YAML; \
            tipo soportado \(supported): decodificados \(decoded), rechazados \(rejected.values.reduce(0, +)) \
            \(rejected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")); \
            tipos no soportados \(unsupported.values.reduce(0, +)): \
            \(unsupported.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))
            """)
        for line in unexpected { print("  rechazo inesperado: \(line)") }
        #expect(unexpected.isEmpty)
        #expect(documents > 300 && decoded > 250)
    }
}
