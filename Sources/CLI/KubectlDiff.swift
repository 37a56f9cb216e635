import KubeAPI
import Simulator
import YAML

/// `kubectl diff -f FILE` (k8s.io/kubectl/pkg/cmd/diff/diff.go `RunDiff`, `InfoObject.Merged`,
/// `Masker`): each object of the file is sent as a server-side dry-run apply; the live object
/// and that result are written as YAML to `LIVE-…` and `MERGED-…` folders, and `diff -u -N`
/// compares them. Exit code 0 when nothing would change, 1 when something would (the diff on
/// stdout), 2 when kubectl itself failed (`cmdutil.CheckDiffErr`).
///
/// The folders are named after the virtual clock instead of `os.MkdirTemp`'s random digits,
/// and the files' times are the virtual clock's, so the output is reproducible. A Secret's
/// `data` values print as `***` (`*** (before)` / `*** (after)` when they differ).
enum KubectlDiff {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard c.flags.has("filename") else { throw .message("error: must specify one of -f and -k") }
        let documents = try KubectlDocuments.load(c)
        var errors = documents.errors
        let stamp = cluster.now.unixSeconds
        let live = "/tmp/LIVE-\(stamp)", merged = "/tmp/MERGED-\(stamp)"
        var output = KubectlOutput()
        for item in documents.items {
            let object = item.object
            let key = ObjectKey(object.resource, namespace: object.resource.namespaced ? object.namespace ?? c.namespace : "", name: object.name ?? "")
            let before = cluster.api.store[key]?.value
            let after: Value?
            switch Manifests.send(object, verb: .apply, namespace: c.namespace, dryRun: .server, to: &cluster.api) {
            case .success(let outcome): after = outcome.object
            case .failure(let error):
                errors.append(error.rendered)
                continue
            }
            let (a, b) = object.kind == "Secret" ? mask(before, after) : (before, after)
            let aText = a.map { ObjectPrinter.yaml([$0], singleItemImplied: true) } ?? ""
            let bText = b.map { ObjectPrinter.yaml([$0], singleItemImplied: true) } ?? ""
            let hunks = UnifiedDiff.hunks(UnifiedDiff.lines(aText), UnifiedDiff.lines(bText))
            guard !hunks.isEmpty else { continue }
            let name = fileName(object, namespace: key.namespace)
            // `diff -N`: a missing file is empty and dated at the epoch.
            let aTime = a == nil ? "1970-01-01 00:00:00.000000000 +0000" : time(cluster.now)
            let bTime = b == nil ? "1970-01-01 00:00:00.000000000 +0000" : time(cluster.now)
            output.out += "diff -u -N \(live)/\(name) \(merged)/\(name)\n"
            output.out += "--- \(live)/\(name)\t\(aTime)\n+++ \(merged)/\(name)\t\(bTime)\n" + hunks
        }
        for e in errors { output.err += e.hasSuffix("\n") ? e : e + "\n" }
        if !errors.isEmpty { output.exitCode = 2 } else if !output.out.isEmpty { output.exitCode = 1 }
        return output
    }

    /// diff.go `InfoObject.Name`: `[group.]version.kind.namespace.name`.
    static func fileName(_ object: DecodedObject, namespace: String) -> String {
        let parts = object.apiVersion.split(separator: "/").map(String.init)
        let groupVersion = parts.count == 2 ? "\(parts[0]).\(parts[1])" : object.apiVersion
        return "\(groupVersion).\(object.kind).\(namespace).\(object.name ?? "")"
    }

    /// GNU diff's file time: `2026-01-01 00:00:10.000000000 +0000`.
    static func time(_ t: VirtualTime) -> String {
        let ms = String(t.milliseconds % 1000)
        return t.rfc3339.dropLast().replacingT() + "." + String(repeating: "0", count: 3 - ms.count) + ms + "000000 +0000"
    }

    /// diff.go `Masker`: Secret values hidden, with a mark when they change.
    static func mask(_ from: Value?, _ to: Value?) -> (Value?, Value?) {
        var from = from, to = to
        let a = from?["data"]?.mapping ?? [], b = to?["data"]?.mapping ?? []
        func value(_ pairs: [Value.Pair], _ key: Value) -> Value? { pairs.first { $0.key == key }?.value }
        if from != nil, !a.isEmpty {
            from!.set("data", .mapping(a.map { p in
                .init(key: p.key, value: value(b, p.key).map { $0 == p.value } ?? true ? "***" : "*** (before)")
            }))
        }
        if to != nil, !b.isEmpty {
            to!.set("data", .mapping(b.map { p in
                .init(key: p.key, value: value(a, p.key).map { $0 == p.value } ?? true ? "***" : "*** (after)")
            }))
        }
        return (from, to)
    }
}

private extension Substring {
    func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
