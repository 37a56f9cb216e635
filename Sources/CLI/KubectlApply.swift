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

    /// `replace -f` (k8s.io/kubectl/pkg/cmd/replace/replace.go `Run`): a PUT of each object,
    /// `deployment.apps/web replaced`, NotFound when it does not exist.
    static func replace(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        try send(c, &cluster, verb: "replace")
    }

    /// `create -f`.
    static func createFromFiles(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        try send(c, &cluster, verb: "create")
    }

    static func send(_ c: KubectlContext, _ cluster: inout Cluster, verb: String) throws(KubectlError) -> KubectlOutput {
        guard c.flags.has("filename") else {
            switch verb {
            case "apply": throw .message("error: must specify one of -f and -k")
            // replace.go `Validate` returns it from cobra's RunE: cobra's capital `Error:`.
            case "replace": throw .message("Error: must specify one of -f and -k")
            default: throw .message("error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples")
            }
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
            switch Manifests.send(item.object, verb: Manifests.Verb(rawValue: verb) ?? .create, namespace: c.namespace, dryRun: dryRun, to: &cluster.api) {
            case .success(let outcome):
                if format == .table { output.out += outcome.kubectlMessage + "\n" }
                if let object = outcome.object { printed.append(object) }
            case .failure(let error):
                errors.append(error.rendered)
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
