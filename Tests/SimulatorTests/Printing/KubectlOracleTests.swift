import Foundation
import Testing
import YAML
@testable import Simulator

/// The real kubectl on this machine as an oracle, where it works offline:
/// `create ... --dry-run=client -o json|yaml|name` and `label --local -f FILE -o jsonpath=`.
/// Skipped (with a printed notice) when kubectl is missing.
struct KubectlOracleTests {
    static let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ args: [String]) -> (out: String, err: String) {
        guard let kubectl else { return ("", "") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: kubectl)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try? p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static var available: Bool {
        if kubectl == nil { print("⚠️  kubectl no está en esta máquina: se omiten las comparaciones con el oráculo") }
        return kubectl != nil
    }

    @Test(.enabled(if: available)) func jsonYamlNameOfDryRunObjects() throws {
        for args in [["create", "deployment", "web", "--image=nginx", "--replicas=3"],
                     ["create", "service", "nodeport", "web", "--tcp=80:8080"],
                     ["create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=<x&y>"]] {
            let json = Self.run(args + ["--dry-run=client", "-o", "json"]).out
            let object = try #require(try YAML.load(json).first)
            // Typed objects print in struct order: our writer keeps the order it was given.
            #expect(ObjectPrinter.json([object], singleItemImplied: true, sortKeys: false) == json)
            #expect(ObjectPrinter.yaml([object], singleItemImplied: true) == Self.run(args + ["--dry-run=client", "-o", "yaml"]).out)
            #expect(ObjectPrinter.names([object]) == Self.run(args + ["--dry-run=client", "-o", "name"]).out)
        }
    }

    static let templates = [
        "{.metadata.name}", "{.status.nothing}", "{.status.ratio} {.status.big}", "{.metadata.labels}",
        "{range .spec.containers[*]}{.name}={.image}{\"\\n\"}{end}", "{.status.conditions[?(@.type==\"Ready\")].status}",
        "{..name}", "{.spec.containers[-1:].name}", "{.spec.containers[*].ports[*].containerPort}",
        "{.metadata.labels['app','tier']}", "{.metadata.missing.x}", "{.spec.containers[?(@.name!=\"a\")].image}",
        "{.}", "{.spec.containers[0]}", "nombre: {.metadata.name}, fase: {.status.phase}\n", "{.spec.containers[0:2].name}",
        "{.status.conditions[?(@.status)].type}", "{.metadata.labels.app}{\"\\t\"}{.kind}",
        "{range .status.conditions[*]}[{.type}:{.status}]{end}", "{.spec.containers[*].ports}",
    ]

    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: p1
      namespace: default
      labels: {app: web, tier: front}
    spec:
      containers:
      - name: a
        image: nginx:1.25
        ports: [{containerPort: 80}, {containerPort: 443}]
      - name: b
        image: busybox
    status:
      phase: Running
      ratio: 0.5
      big: 1234567.5
      nothing: null
      conditions:
      - {type: Ready, status: "True"}
      - {type: Initialized, status: "False"}
    """

    @Test(.enabled(if: available)) func jsonPathAgainstKubectl() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("taller-jsonpath-\(getpid()).yaml")
        try Self.pod.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let labeled = Self.run(["label", "-f", file.path, "--local", "x=y", "-o", "json"]).out
        let object = try #require(try YAML.load(labeled).first)
        for template in Self.templates {
            let expected = Self.run(["label", "-f", file.path, "--local", "x=y", "-o", "jsonpath=" + template]).out
            let ours = try JSONPath(template).execute(object)
            if template == "{..name}" {
                // Recursive descent walks Go maps, whose order is random in kubectl (it
                // printed "a b p1" on one run and "p1 a b" on another): compare the words.
                #expect(ours.split(separator: " ").sorted() == expected.split(separator: " ").sorted(), "\(template)")
            } else {
                #expect(ours == expected, "\(template)")
            }
        }
        for (template, message) in [("{.spec.containers[", "unterminated array"), ("{!}", "unrecognized character in action: U+0021 '!'")] {
            let err = Self.run(["label", "-f", file.path, "--local", "x=y", "-o", "jsonpath=" + template]).err
            #expect(throws: JSONPathError.self) { try JSONPath(template) }
            do { _ = try JSONPath(template) } catch { #expect(err == "error: error parsing jsonpath \(template), \(error.description)\n") }
            #expect(err.hasSuffix(", \(message)\n"), "\(template)")
        }
        for (template, message) in [("{.spec.containers[5]}", "array index out of bounds: index 5, length 2"),
                                    ("{.metadata.labels.app}{end}", "not in range, nothing to end"),
                                    ("{.metadata.name[0]}", "string is not array or slice")] {
            let err = Self.run(["label", "-f", file.path, "--local", "x=y", "-o", "jsonpath=" + template]).err
            #expect(err.hasPrefix("error: error executing jsonpath \"\(template)\": Error executing template: \(message). "))
            do { _ = try JSONPath(template).execute(object); Issue.record("no error for \(template)") } catch {
                #expect(error.description == message)
            }
        }
    }
}
