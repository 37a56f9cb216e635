import Foundation

/// Runs PyYAML's `safe_load_all` on many files in ONE `python3` process and returns, per
/// file, its documents as JSON (or PyYAML's error). Nil when python3 or PyYAML is missing.
///
/// One deliberate change to PyYAML, because kubectl is right and the comparison should not
/// drown in it: timestamps (`2024-01-01`) are kept as the text written. go-yaml v2 resolves
/// them as !!timestamp but decodes them into `interface{}` as the original string
/// (goyaml.v2/decode.go `scalar`: "for backward compatibility reasons we set it as a
/// string"), so that is what kubectl sends; PyYAML would build a `datetime`.
enum PyYAMLReference {
    enum Outcome {
        case documents([Any])
        case error(String)
    }

    static let script = #"""
import sys, json, math
try:
    import yaml
except ImportError:
    print("NO-PYYAML"); sys.exit(0)
class Loader(yaml.SafeLoader):
    pass
Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda l, n: l.construct_scalar(n))
def clean(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return {"__float__": repr(v)}
    if isinstance(v, dict):
        return {str(k) if not isinstance(k, bool) else str(k).lower(): clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return v
for path in sys.stdin.read().splitlines():
    try:
        with open(path, "rb") as f:
            docs = [clean(d) for d in yaml.load_all(f, Loader=Loader)]
        print(json.dumps({"ok": docs}))
    except Exception as e:
        print(json.dumps({"error": type(e).__name__ + ": " + str(e).replace("\n", " ")}))
"""#

    static func run(_ paths: [String]) -> [Outcome]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Write on another thread so a full output pipe can never deadlock us.
        let data = Data((paths.joined(separator: "\n") + "\n").utf8)
        let writer = input.fileHandleForWriting
        Thread.detachNewThread {
            writer.write(data)
            try? writer.close()
        }
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: result, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard process.terminationStatus == 0, lines.first != "NO-PYYAML", lines.count == paths.count else { return nil }
        return lines.map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return .error("salida ilegible")
            }
            if let docs = object["ok"] as? [Any] { return .documents(docs) }
            return .error(object["error"] as? String ?? "?")
        }
    }
}
