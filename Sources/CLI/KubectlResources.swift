import KubeAPI
import Simulator
import YAML

/// One resource type asked for on the command line, with the names asked for (none: all).
struct ResourceRequest {
    var resource: APIResource
    var names: [String]
}

/// kubectl's resource arguments (cli-runtime resource/builder.go `ResourceTypeOrNameArgs`):
/// `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME …`; `all` is the category of the same name.
enum KubectlResources {
    /// The `all` category, in discovery order (k8s.io/kubernetes: each storage's
    /// `Categories()` returns `all`): pods, services, daemonsets, deployments, replicasets,
    /// statefulsets, horizontalpodautoscalers, cronjobs, jobs.
    static let allCategory = ["pods", "services", "daemonsets.apps", "deployments.apps", "replicasets.apps",
                              "statefulsets.apps", "horizontalpodautoscalers.autoscaling", "cronjobs.batch", "jobs.batch"]

    /// The requests, and whether kubectl treats the result as one item (a single
    /// `TYPE NAME` or `TYPE/NAME`: `-o yaml` then prints the object, not a List).
    static func parse(_ args: [String], verb: String) throws(KubectlError) -> (requests: [ResourceRequest], singleItem: Bool) {
        guard let first = args.first else {
            throw .message("""
            You must specify the type of resource to \(verb). Use "kubectl api-resources" for a complete list of supported resources.

            error: Required resource not specified.
            Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
            See 'kubectl \(verb) -h' for help and examples
            """)
        }
        if first.contains("/") {
            var requests: [ResourceRequest] = []
            for arg in args {
                let parts = arg.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw .message("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl \(verb) resource/<resource_name>' instead of 'kubectl \(verb) resource resource/<resource_name>'")
                }
                for resource in try resolve(parts[0]) {
                    if let i = requests.firstIndex(where: { $0.resource == resource }) { requests[i].names.append(parts[1]) }
                    else { requests.append(ResourceRequest(resource: resource, names: [parts[1]])) }
                }
            }
            return (requests, args.count == 1)
        }
        let names = Array(args.dropFirst())
        if let slash = names.first(where: { $0.contains("/") }) {
            _ = slash
            throw .message("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl \(verb) resource/<resource_name>' instead of 'kubectl \(verb) resource resource/<resource_name>'")
        }
        var requests: [ResourceRequest] = []
        let types = first.split(separator: ",").map(String.init)
        for type in types {
            for resource in try resolve(type) where !requests.contains(where: { $0.resource == resource }) {
                requests.append(ResourceRequest(resource: resource, names: names))
            }
        }
        return (requests, types.count == 1 && names.count == 1 && first != "all")
    }

    /// A type name (`deploy`, `deployments.apps`, `all`) → resources, or kubectl's error.
    static func resolve(_ type: String) throws(KubectlError) -> [APIResource] {
        if type.lowercased() == "all" {
            return allCategory.compactMap { name in Kinds.all.first { $0.groupResource == name } }
        }
        guard let resource = Kinds.resolve(type) else {
            throw .message("error: the server doesn't have a resource type \"\(type)\"\n" + KubectlMessages.unknownType(type))
        }
        return [resource]
    }

    /// `deployment.apps`, `pod`: kubectl's `kind.group` for names and messages.
    static func kindGroup(_ resource: APIResource) -> String {
        resource.group.isEmpty ? resource.kind.lowercased() : "\(resource.kind.lowercased()).\(resource.group)"
    }

    /// `TYPE/NAME` or `TYPE NAME` for verbs that work on one object (`scale`, `rollout`, `expose`, `logs`).
    static func single(_ args: [String], verb: String) throws(KubectlError) -> (APIResource, String) {
        let (requests, _) = try parse(args, verb: verb)
        guard requests.count == 1, requests[0].names.count == 1 else {
            if requests.first?.names.isEmpty ?? true {
                throw .message("error: resource(s) were provided, but no name was specified")
            }
            throw .message("error: only one resource may be specified")
        }
        return (requests[0].resource, requests[0].names[0])
    }

    /// The object, or kubectl's NotFound (or Forbidden) line.
    static func get(_ cluster: Cluster, _ resource: APIResource, namespace: String, name: String) throws(KubectlError) -> StoredObject {
        do {
            return try cluster.api.get(resource, namespace: namespace, name: name)
        } catch {
            throw .message(KubectlMessages.requestError(error))
        }
    }

    /// The objects a request selects, in the store's order (a `list`, authorized for `--as`).
    static func list(_ cluster: Cluster, _ resource: APIResource, flags: KubectlFlags) throws(KubectlError) -> [StoredObject] {
        let selector = try selector(flags)
        let namespace = flags.allNamespaces ? nil : flags.namespace
        try authorize(cluster, "list", resource, namespace: namespace)
        return cluster.api.list(resource, namespace: namespace, selector: selector)
    }

    /// A request kubectl makes that the verb answers from the store (`list`, `get pods/log`,
    /// `create pods/exec`): the apiserver's authorization for `--as`, or its Forbidden text.
    static func authorize(_ cluster: Cluster, _ verb: String, _ resource: APIResource, namespace: String?, name: String = "",
                          subresource: String = "") throws(KubectlError) {
        do {
            try cluster.api.authorize(verb, resource, namespace: namespace, name: name, subresource: subresource)
        } catch {
            throw .message(KubectlMessages.requestError(error))
        }
    }

    static func selector(_ flags: KubectlFlags) throws(KubectlError) -> LabelSelector {
        guard let text = flags.value("selector") else { return .everything }
        do {
            return try LabelSelector.parse(text)
        } catch {
            throw .message("error: \(error.message)")
        }
    }
}
