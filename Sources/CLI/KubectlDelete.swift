import KubeAPI
import Simulator
import YAML

/// `kubectl delete (-f FILE | TYPE NAME… | TYPE -l SEL | TYPE --all)`
/// (k8s.io/kubectl/pkg/cmd/delete/delete.go): `deployment.apps "web" deleted`, kubectl's
/// NotFound lines, `No resources found` when a selector matches nothing. Like kubectl's
/// default `--wait=true`, the command waits (in virtual time) until the objects are gone.
enum KubectlDelete {
    struct Target {
        var resource: APIResource
        var namespace: String
        var name: String
        var file: String?
    }

    static let maxWait = 120

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let dryRun = try c.flags.dryRun()
        let propagation: PropagationPolicy
        switch c.flags.value("cascade") ?? "background" {
        case "background", "true": propagation = .background
        case "foreground": propagation = .foreground
        case "orphan", "false": propagation = .orphan
        case let other: throw .message("error: invalid cascade value (\(other)). Must be \"background\", \"foreground\", or \"orphan\".")
        }
        var output = KubectlOutput()
        var targets: [Target] = []
        var errors: [String] = []
        if c.flags.has("filename") {
            let documents = try KubectlDocuments.load(c)
            errors = documents.errors
            targets = documents.items.map { Target(resource: $0.object.resource, namespace: $0.object.namespace ?? c.namespace, name: $0.object.name ?? "", file: $0.file) }
            if targets.isEmpty && errors.isEmpty { throw .message("error: no objects passed to delete") }
        } else {
            let (requests, _) = try KubectlResources.parse(c.args, verb: "delete")
            let selecting = c.flags.has("selector") || c.flags.bool("all")
            if requests.contains(where: { $0.names.isEmpty }) && !selecting {
                throw .message("error: resource(s) were provided, but no name was specified")
            }
            if selecting && requests.contains(where: { !$0.names.isEmpty }) {
                throw .message("error: name cannot be provided when a selector is specified")
            }
            for request in requests {
                if request.names.isEmpty {
                    let found = try KubectlResources.list(cluster, request.resource, flags: c.flags)
                    targets += found.filter { !$0.isBeingDeleted }.map { Target(resource: request.resource, namespace: $0.namespace, name: $0.name) }
                } else {
                    targets += request.names.map { Target(resource: request.resource, namespace: c.namespace, name: $0) }
                }
            }
            if targets.isEmpty && selecting {
                output.out = "No resources found\n"
                return output
            }
        }
        var waiting: [(key: ObjectKey, uid: String)] = []
        for target in targets {
            do {
                let uidBefore = cluster.api.store[ObjectKey(target.resource, namespace: target.namespace, name: target.name)]?.uid ?? ""
                let outcome = try cluster.api.delete(target.resource, namespace: target.namespace, name: target.name,
                                                     propagation: propagation, dryRun: dryRun)
                output.out += outcome.kubectlMessage + "\n"
                if dryRun == .none {
                    let key = ObjectKey(target.resource, namespace: target.namespace, name: target.name)
                    waiting.append((key, uidBefore))
                }
            } catch {
                if case .notFound = error, c.flags.bool("ignore-not-found") { continue }
                errors.append(target.file == nil ? KubectlMessages.requestError(error) : KubectlMessages.apiError(error, file: target.file, verb: "deleting", source: nil))
            }
        }
        if c.flags.value("wait") != "false" { wait(for: waiting, in: &cluster) }
        for error in errors { output.fail(error) }
        return output
    }

    /// kubectl's `--wait`: one virtual second at a time until every object is gone (a pod
    /// on a node takes its grace period), at most `maxWait` seconds. Like kubectl
    /// (cmd/delete/delete.go waits with `UIDMap`), an object recreated with the same name —
    /// a StatefulSet's pod — counts as gone: the wait is for that uid.
    static func wait(for keys: [(key: ObjectKey, uid: String)], in cluster: inout Cluster) {
        cluster.advance()
        var seconds = 0
        func present(_ k: (key: ObjectKey, uid: String)) -> Bool {
            guard let o = cluster.api.store[k.key] else { return false }
            return k.uid.isEmpty || o.uid == k.uid
        }
        while seconds < maxWait, keys.contains(where: present) {
            cluster.advance(by: .seconds(1))
            seconds += 1
        }
    }
}
