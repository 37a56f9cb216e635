import KubeAPI
import YAML

extension Cluster {
    /// The bootstrap ClusterRoles and ClusterRoleBindings (`BootstrapPolicy`), created as the
    /// apiserver's `rbac/bootstrap-roles` hook and kubeadm create them. Like the other bootstrap
    /// objects they draw their uids from a generator of their own, so later names are unchanged.
    ///
    /// Deviation: they are written without advancing the store's revision — all of them carry
    /// the resourceVersion of the last bootstrap write before them, as keys written in one etcd
    /// transaction do. Seventeen more revisions would have moved every later resourceVersion
    /// and, through it, the scheduler's rotating start index (Scheduler.swift), so every
    /// recorded placement of pods on nodes.
    mutating func bootstrapRBAC() {
        guard let roles = Kinds.resource(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole"),
              let bindings = Kinds.resource(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding") else { return }
        let saved = api.random
        api.random = SeededRandom(seed: (saved.state.first ?? 0) ^ 0x7262_6163_2d70_6f6c)
        defer { api.random = saved }
        let revision = api.store.revision
        var created: [StoredObject] = []
        for role in BootstrapPolicy.clusterRoles {
            if let o = try? api.createObject(role, resource: roles, source: nil) { created.append(o) }
        }
        for binding in BootstrapPolicy.clusterRoleBindings {
            if let o = try? api.createObject(binding, resource: bindings, source: nil) { created.append(o) }
        }
        for o in created {
            var value = o.value
            value.editMetadata { $0.set("resourceVersion", .string(String(revision))) }
            api.store.put(StoredObject(key: o.key, value: value, source: nil))
        }
        api.store.revision = revision
    }
}

extension APIServer {
    /// Checks that the requester (`kubectl --as`) may make a request, as the apiserver's
    /// authorization filter does before anything else (RBAC only; kind also runs the Node
    /// authorizer, which has no opinion on users that are not nodes). With no requester the
    /// request is the cluster admin's own and is not checked. `namespace` nil: a request across
    /// namespaces (`-A`).
    public func authorize(_ verb: String, _ resource: APIResource, namespace: String?, name: String = "",
                          subresource: String = "") throws(APIError) {
        guard let user = requester else { return }
        let attributes = AuthorizationAttributes(user: user, verb: verb, namespace: resource.namespaced ? namespace ?? "" : "",
                                                 apiGroup: resource.group, resource: resource.plural,
                                                 subresource: subresource, name: name)
        let decision = ClusterAuthorizer(store: store).authorize(attributes)
        if !decision.allowed { throw .unauthorized(attributes, reason: decision.reason) }
    }
}
