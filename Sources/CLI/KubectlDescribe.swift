import KubeAPI
import Simulator
import YAML

/// `kubectl describe TYPE [NAME_PREFIX…] | TYPE/NAME` (k8s.io/kubectl/pkg/cmd/describe):
/// a name that matches no object exactly describes every object whose name starts with it;
/// several objects are separated by a blank line. The Describer gets the object's events
/// and, for a Deployment, its ReplicaSets; for a Service, its Endpoints; for a DaemonSet, its
/// pods; for a PersistentVolumeClaim, the pods that mount it.
enum KubectlDescribe {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let (requests, _) = try KubectlResources.parse(c.args, verb: "describe")
        var output = KubectlOutput()
        var texts: [String] = []
        for request in requests {
            if request.names.isEmpty {
                for o in try KubectlResources.list(cluster, request.resource, flags: c.flags) { texts.append(describe(o, cluster)) }
                continue
            }
            for name in request.names {
                do {
                    texts.append(describe(try cluster.api.get(request.resource, namespace: c.namespace, name: name), cluster))
                    continue
                } catch {
                    if case .unauthorized = error {
                        output.fail(KubectlMessages.requestError(error))
                        continue
                    }
                }
                try KubectlResources.authorize(cluster, "list", request.resource, namespace: c.namespace)
                let prefixed = cluster.api.list(request.resource, namespace: c.namespace).filter { $0.name.hasPrefix(name) }
                if prefixed.isEmpty {
                    output.fail(APIError.notFound(resource: request.resource.groupResource, name: name).kubectlMessage())
                }
                for o in prefixed { texts.append(describe(o, cluster)) }
            }
        }
        if texts.isEmpty && !output.failed {
            output.err = requests.allSatisfy({ $0.resource.namespaced }) && !c.flags.allNamespaces
                ? "No resources found in \(c.namespace) namespace.\n" : "No resources found\n"
        }
        output.out = texts.joined(separator: "\n\n")
        if !output.out.isEmpty && !output.out.hasSuffix("\n") { output.out += "\n" }
        return output
    }

    static func describe(_ o: StoredObject, _ cluster: Cluster) -> String {
        var related: [Value] = []
        switch o.kind {
        case "Deployment":
            related = cluster.api.store.dependents(of: o.uid).filter { $0.kind == "ReplicaSet" }.map(\.value)
        case "ReplicaSet":
            // describe.go getPodStatusForController: the pods it controls.
            related = cluster.api.store.dependents(of: o.uid).filter { $0.kind == "Pod" && ($0.value["metadata"]?["ownerReferences"]?.sequence ?? []).contains { $0["controller"]?.bool == true && $0["uid"]?.string == o.uid } }.map(\.value)
        case "Service":
            if let endpoints = Kinds.resolve("endpoints"), let e = try? cluster.api.get(endpoints, namespace: o.namespace, name: o.name) {
                related = [e.value]
            }
        case "HorizontalPodAutoscaler":
            if let v2 = cluster.api.store.memory["hpa/\(o.namespace)/\(o.name)"]?["v2Status"] { related = [v2] }
        case "DaemonSet":
            related = cluster.api.store.dependents(of: o.uid)
                .filter { $0.kind == "Pod" && $0.value["metadata"]?["ownerReferences"]?.sequence?.contains { $0["controller"]?.bool == true && $0["uid"]?.string == o.uid } == true }
                .map(\.value)
        case "PersistentVolumeClaim":
            if let pods = Kinds.resolve("pods") {
                related = cluster.api.list(pods, namespace: o.namespace).map(\.value).filter { pod in
                    (pod["spec"]?["volumes"]?.sequence ?? []).contains { $0["persistentVolumeClaim"]?["claimName"]?.string == o.name }
                }
            }
        case "ServiceAccount":
            // describe.go ServiceAccountDescriber lists the namespace's Secrets (tokens, missing ones).
            related = cluster.api.store.list("secrets", namespace: o.namespace).sorted { $0.key < $1.key }.map(\.value)
        case "Ingress":
            for kind in ["services", "endpointslices.discovery.k8s.io"] {
                related += cluster.api.store.list(kind, namespace: o.namespace).sorted { $0.key < $1.key }.map(\.value)
            }
        case "Node":
            // describe.go NodeDescriber: pods with spec.nodeName=NAME in every namespace whose
            // phase is neither Succeeded nor Failed, in list order; and the node's Lease.
            if let pods = Kinds.resolve("pods") {
                related = cluster.api.list(pods, namespace: nil).map(\.value).filter { pod in
                    let phase = pod["status"]?["phase"]?.string
                    return pod["spec"]?["nodeName"]?.string == o.name && phase != "Succeeded" && phase != "Failed"
                }
            }
            if let lease = cluster.nodeLease(o.name) { related.append(lease) }
        default: break
        }
        return Describer.describe(DescribeInput(object: o.value, events: events(of: o, cluster), related: related,
                                                now: Timestamp(milliseconds: cluster.now.milliseconds)))
    }

    /// describe.go: events whose involvedObject is this object (by uid, else by kind and name).
    /// A Node's events also count when their uid is the node's name (NodeDescriber: the
    /// kubelet records them so, the controllers with the node's uid).
    static func events(of o: StoredObject, _ cluster: Cluster) -> [Value] {
        guard let events = Kinds.resolve("events") else { return [] }
        let namespace = o.namespace.isEmpty ? "default" : o.namespace
        return cluster.api.list(events, namespace: namespace).map(\.value).filter { e in
            let involved = e["involvedObject"]
            if let uid = involved?["uid"]?.string, !uid.isEmpty { return uid == o.uid || (o.kind == "Node" && uid == o.name && involved?["kind"]?.string == "Node") }
            return involved?["name"]?.string == o.name && involved?["kind"]?.string == o.kind
        }
    }
}
