import KubeAPI
import Simulator
import YAML

/// `kubectl create -f …` and the imperative `kubectl create deployment|service|configmap|
/// secret|namespace|job` (k8s.io/kubectl/pkg/cmd/create/create_*.go). Objects are built in
/// the field order of kubectl's Go structs (so `-o json` matches too), sent through the same
/// API pipeline as a file, and printed as kubectl prints them (`-o yaml` sorts keys).
enum KubectlCreate {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        if c.flags.has("filename") { return try KubectlApply.createFromFiles(c, &cluster) }
        guard let what = c.args.first else {
            throw .message("error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples")
        }
        if what == "job", let from = c.flags.value("from") {
            return try create(try jobFromCronJob(Array(c.args.dropFirst()), from: from, c, cluster), c, &cluster)
        }
        return try create(try generate(what, Array(c.args.dropFirst()), c), c, &cluster)
    }

    /// `create job NAME --from=cronjob/CJ` (create_job.go `createJobFromCronJob`): the
    /// CronJob's job template, annotated `cronjob.kubernetes.io/instantiate: manual`, owned by
    /// the CronJob (controller, without blockOwnerDeletion).
    static func jobFromCronJob(_ args: [String], from: String, _ c: KubectlContext, _ cluster: Cluster) throws(KubectlError) -> Generated {
        guard let name = args.first, args.count == 1 else {
            throw .message("error: exactly one NAME is required, got \(args.count)\nSee 'kubectl create job -h' for help and examples")
        }
        let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["cronjob", "cronjobs", "cj", "cronjob.batch", "cronjobs.batch"].contains(parts[0].lowercased()) else {
            throw .message("error: unknown object type \(parts.first ?? from)")
        }
        let cronJob: StoredObject
        do {
            cronJob = try cluster.api.get(resource("cronjobs.batch"), namespace: c.namespace, name: parts[1])
        } catch {
            throw .message("error: from must be an existing cronjob: \(error.statusMessage)")
        }
        let template = cronJob.value["spec"]?["jobTemplate"] ?? .mapping([])
        var annotations: [Value.Pair] = [.init("cronjob.kubernetes.io/instantiate", "manual")]
        for pair in template["metadata"]?["annotations"]?.mapping ?? [] {
            guard let k = pair.key.string, k != "cronjob.kubernetes.io/instantiate" else { continue }
            annotations.append(.init(k, pair.value))
        }
        var meta: [Value.Pair] = [.init("name", .string(name)), .init("creationTimestamp", .null)]
        if let labels = template["metadata"]?["labels"], !labels.isNull { meta.append(.init("labels", labels)) }
        meta.append(.init("annotations", KubectlGenerators.sorted(annotations.map { ($0.key.string ?? "", $0.value) })))
        meta.append(.init("ownerReferences", [["apiVersion": "batch/v1", "kind": "CronJob", "name": .string(cronJob.name),
                                               "uid": .string(cronJob.uid), "controller": true]]))
        let job: Value = ["kind": "Job", "apiVersion": "batch/v1", "metadata": .mapping(meta),
                          "spec": template["spec"] ?? .mapping([]), "status": .mapping([])]
        return Generated(object: job, resource: resource("jobs.batch"), failurePrefix: "error: failed to create job: ")
    }

    /// Sends a generated object through the API and prints what kubectl prints.
    static func create(_ generated: Generated, _ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let dryRun = try c.flags.dryRun()
        let format = try KubectlGet.format(c.flags)
        let outcome: APIOutcome
        do {
            outcome = try cluster.api.createGenerated(generated.object, resource: generated.resource, namespace: c.namespace, dryRun: dryRun)
        } catch {
            // `fmt.Errorf("failed to create configmap: %v", err)` flattens the StatusError, so
            // checkErr no longer sees an Invalid error: the apiserver's own message follows
            // (`ConfigMap "x" is invalid: …`, kind.group), not kubectl's `The … is invalid`.
            var server = error.statusMessage
            if case .invalid(let kind, let name, let errors, _) = error {
                server = Validation.statusMessage(kind: kind, apiVersion: generated.object["apiVersion"]?.string ?? "", name: name, errors: errors)
            }
            let kubectl = generated.failurePrefix.map { $0 + server } ?? error.kubectlMessage()
            throw .message(kubectl + "\n  " + error.explanation)
        }
        var output = KubectlOutput(err: generated.warnings)
        if format == .table {
            output.out = outcome.kubectlMessage + "\n"
            return output
        }
        // A client dry run prints what kubectl built (creationTimestamp null, empty status);
        // otherwise what the server answered.
        var shown = dryRun == .client ? generated.object : (outcome.object ?? generated.object)
        if dryRun == .client, c.flags.has("namespace") { shown = withNamespace(shown, c.namespace) }
        return try KubectlGet.render([GetPrinter.ResourceList(resource: generated.resource, objects: [shown])],
                                     format: format, single: true, named: true, flags: c.flags, now: cluster.now,
                                     structOrder: dryRun == .client)
    }

    struct Generated {
        var object: Value
        var resource: APIResource
        /// kubectl's wrapping of server errors (`failed to create deployment: `).
        var failurePrefix: String?
        /// What kubectl warns about on stderr before creating (`create role` verbs).
        var warnings = ""
    }

    static func generate(_ what: String, _ args: [String], _ c: KubectlContext) throws(KubectlError) -> Generated {
        let f = c.flags
        func name(_ verb: String, skip: Int = 0) throws(KubectlError) -> String {
            let args = Array(args.dropFirst(skip))
            guard let n = args.first else { throw .message("error: exactly one NAME is required, got 0\nSee 'kubectl create \(verb) -h' for help and examples") }
            guard args.count == 1 else { throw .message("error: exactly one NAME is required, got \(args.count)\nSee 'kubectl create \(verb) -h' for help and examples") }
            return n
        }
        switch what {
        case "deployment", "deploy":
            let n = try name("deployment")
            let images = f.all("image")
            guard !images.isEmpty else { throw .message("error: required flag(s) \"image\" not set") }
            let replicas = try int(f.value("replicas") ?? "1", flag: "replicas")
            let port = try f.value("port").map { (p: String) throws(KubectlError) in try int(p, flag: "port") }
            return Generated(object: KubectlGenerators.deployment(n, images: images, replicas: replicas, port: port, command: f.command ?? []),
                             resource: resource("deployments.apps"), failurePrefix: "error: failed to create deployment: ")
        case "service", "svc":
            guard let type = args.first, ["clusterip", "nodeport", "loadbalancer", "externalname"].contains(type) else {
                throw .message("error: Unexpected args: \(args)\nSee 'kubectl create service -h' for help and examples")
            }
            let n = try name("service " + type, skip: 1)
            let goType = ["clusterip": "ClusterIP", "nodeport": "NodePort", "loadbalancer": "LoadBalancer", "externalname": "ExternalName"][type]!
            let clusterIP = f.value("clusterip")
            if f.all("tcp").isEmpty && clusterIP != "None" && goType != "ExternalName" {
                throw .message("error: at least one tcp port specifier must be provided")
            }
            let object = try KubectlGenerators.service(n, type: goType, tcp: f.all("tcp"), nodePort: f.value("node-port"), clusterIP: clusterIP)
            return Generated(object: object, resource: resource("services"), failurePrefix: "error: failed to create \(goType) service: ")
        case "configmap", "cm":
            let n = try name("configmap")
            let data = try KubectlGenerators.sources(f.all("from-file"), f.all("from-literal"), kind: "ConfigMap", name: n)
            return Generated(object: KubectlGenerators.configMap(n, data: data), resource: resource("configmaps"),
                             failurePrefix: "error: failed to create configmap: ")
        case "secret":
            guard args.first == "generic" else {
                throw .message("error: Unexpected args: \(args)\n" + "  En taller: taller k create secret generic NOMBRE --from-literal=clave=valor")
            }
            let n = try name("secret generic", skip: 1)
            let data = try KubectlGenerators.sources(f.all("from-file"), f.all("from-literal"), kind: "Secret", name: n)
            return Generated(object: KubectlGenerators.secret(n, data: data, type: f.value("type")), resource: resource("secrets"),
                             failurePrefix: "error: failed to create secret ")
        case "namespace", "ns":
            let n = try name("namespace")
            return Generated(object: KubectlGenerators.namespace(n), resource: resource("namespaces"), failurePrefix: nil)
        case "job":
            let n = try name("job")
            guard let image = f.value("image") else { throw .message("error: either --image or --from must be specified") }
            return Generated(object: KubectlGenerators.job(n, image: image, command: f.command ?? []), resource: resource("jobs.batch"),
                             failurePrefix: "error: failed to create job: ")
        case "serviceaccount", "sa":
            return Generated(object: KubectlGenerators.serviceAccount(try name("serviceaccount")), resource: resource("serviceaccounts"))
        case "role", "clusterrole":
            let kind = what == "role" ? "Role" : "ClusterRole"
            let n = try name(what)
            func list(_ flag: String) -> [String] { f.all(flag).flatMap { $0.split(separator: ",").map(String.init) } }
            let (rules, warnings) = try KubectlGenerators.rules(verbs: list("verb"), resources: list("resource"), names: f.all("resource-name"),
                                                                nonResourceURLs: what == "role" ? [] : list("non-resource-url"))
            return Generated(object: KubectlGenerators.role(kind: kind, n, rules: rules), resource: resource(what + "s.rbac.authorization.k8s.io"),
                             warnings: warnings)
        case "rolebinding", "clusterrolebinding":
            let n = try name(what)
            let role = f.value("role") ?? "", clusterRole = f.value("clusterrole") ?? ""
            if what == "clusterrolebinding" && clusterRole.isEmpty { throw .message("error: clusterrole must be specified") }
            if what == "rolebinding" && role.isEmpty == clusterRole.isEmpty {
                throw .message("error: exactly one of clusterrole or role must be specified")
            }
            let object = try KubectlGenerators.binding(kind: what == "rolebinding" ? "RoleBinding" : "ClusterRoleBinding", n,
                                                       roleKind: role.isEmpty ? "ClusterRole" : "Role", role: role.isEmpty ? clusterRole : role,
                                                       users: f.all("user"), groups: f.all("group"), serviceAccounts: f.all("serviceaccount"))
            return Generated(object: object, resource: resource(what + "s.rbac.authorization.k8s.io"))
        default:
            throw .message("error: unknown command \"\(what)\" for \"kubectl create\"\n  En taller: create deployment|service|configmap|secret generic|namespace|job|serviceaccount|role|clusterrole|rolebinding|clusterrolebinding, o create -f ARCHIVO")
        }
    }

    static func resource(_ groupResource: String) -> APIResource {
        Kinds.all.first { $0.groupResource == groupResource }!
    }

    static func int(_ text: String, flag: String) throws(KubectlError) -> Int64 {
        guard let n = Int64(text) else {
            throw .message("error: invalid argument \"\(text)\" for \"--\(flag)\" flag: strconv.ParseInt: parsing \(GoText.quote(text)): invalid syntax")
        }
        return n
    }

    /// `-n dev` on a client dry run: kubectl sets `metadata.namespace` after `name`.
    static func withNamespace(_ object: Value, _ namespace: String) -> Value {
        guard case .mapping(var pairs) = object, let i = pairs.firstIndex(where: { $0.key == "metadata" }),
              case .mapping(var meta) = pairs[i].value, !meta.contains(where: { $0.key == "namespace" }) else { return object }
        let at = (meta.firstIndex { $0.key == "name" } ?? -1) + 1
        meta.insert(.init("namespace", .string(namespace)), at: at)
        pairs[i].value = .mapping(meta)
        return .mapping(pairs)
    }
}
