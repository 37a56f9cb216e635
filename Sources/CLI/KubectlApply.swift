import KubeAPI
import Simulator
import YAML

/// `kubectl apply -f` and `kubectl create -f` (k8s.io/kubectl/pkg/cmd/apply/apply.go `Run`):
/// documents that cannot be decoded are collected as errors, every other object is sent in
/// order, and all errors are printed at the end; nothing at all → `no objects passed to apply`.
enum KubectlApply {
    static func apply(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        try send(c, &cluster, verb: "apply")
    }

    /// `create -f`.
    static func createFromFiles(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        try send(c, &cluster, verb: "create")
    }

    static func send(_ c: KubectlContext, _ cluster: inout Cluster, verb: String) throws(KubectlError) -> KubectlOutput {
        guard c.flags.has("filename") else {
            throw .message(verb == "apply"
                ? "error: must specify one of -f and -k"
                : "error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples")
        }
        let dryRun = try c.flags.dryRun()
        let format = try KubectlGet.format(c.flags)
        let documents = try KubectlDocuments.load(c)
        var output = KubectlOutput()
        if documents.items.isEmpty && documents.errors.isEmpty {
            throw .message("error: no objects passed to \(verb)\n" + KubectlMessages.noObjects)
        }
        var errors = documents.errors
        var printed: [Value] = []
        for item in documents.items {
            do {
                let outcome = verb == "apply"
                    ? try cluster.api.apply(item.object, namespace: c.namespace, dryRun: dryRun)
                    : try cluster.api.create(item.object, namespace: c.namespace, dryRun: dryRun)
                if format == .table { output.out += outcome.kubectlMessage + "\n" }
                if let object = outcome.object { printed.append(object) }
            } catch {
                let exists = cluster.api.store[ObjectKey(item.object.resource, namespace: item.object.namespace ?? c.namespace, name: item.object.name ?? "")] != nil
                var errorVerb = verb == "apply" && exists ? "patching" : "creating"
                if case .unauthorized(let a, _) = error, a.verb == "get" {
                    // apply.go: the GET of the live object failed.
                    errorVerb = "retrieving current configuration of:\n" + APIError.infoString(item.object.resource, name: a.name, namespace: a.namespace) + "\nfrom server for:"
                }
                errors.append(KubectlMessages.apiError(error, file: item.file, verb: errorVerb, source: ObjectSource(item.object)))
            }
        }
        if format != .table {
            let rendered = try KubectlGet.render([GetPrinter.ResourceList(resource: documents.items.first?.object.resource ?? Kinds.all[0], objects: printed)],
                                                 format: format, single: printed.count == 1, named: true, flags: c.flags, now: cluster.now)
            output.out += rendered.out
        }
        for error in errors { output.fail(error) }
        return output
    }
}
