import KubeAPI

/// What a request asks to do, as the authorizers see it
/// (k8s.io/apiserver/pkg/authorization/authorizer `AttributesRecord`): a resource request
/// (`verb` on `resource[/subresource]` of `apiGroup`, in `namespace`, on `name`) or a
/// non-resource request (`verb` on `path`, such as `/healthz`).
///
/// `kubectl get pods` is `list` on `pods` in `default`; `kubectl get pod web` is `get` with
/// name `web`; `kubectl logs web` is `get` on `pods/log`; `kubectl exec` is `create` on
/// `pods/exec`; `kubectl scale` is `patch` on `deployments/scale`; `kubectl drain` evicts
/// with `create` on `pods/eviction`. A create has no name (it is a POST to the collection).
public struct AuthorizationAttributes: Sendable, Hashable {
    public var user: UserInfo
    public var verb: String
    public var namespace: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    public var name: String
    /// The URL path of a non-resource request; empty for resource requests.
    public var path: String
    public var isResourceRequest: Bool

    public init(user: UserInfo, verb: String, namespace: String = "", apiGroup: String = "", resource: String,
                subresource: String = "", name: String = "") {
        self.user = user
        self.verb = verb
        self.namespace = namespace
        self.apiGroup = apiGroup
        self.resource = resource
        self.subresource = subresource
        self.name = name
        path = ""
        isResourceRequest = true
    }

    public init(user: UserInfo, verb: String, path: String) {
        self.user = user
        self.verb = verb
        namespace = ""
        apiGroup = ""
        resource = ""
        subresource = ""
        name = ""
        self.path = path
        isResourceRequest = false
    }

    /// `pods/log`: the resource and subresource as RBAC rules name them.
    public var combinedResource: String { subresource.isEmpty ? resource : resource + "/" + subresource }

    /// k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go `forbiddenMessage`,
    /// with the HTML-escaping `sanitizer` `Forbidden` applies: `User "ana" cannot list
    /// resource "pods" in API group "" in the namespace "default"`, `… at the cluster scope`,
    /// `User "ana" cannot get path "/healthz"`.
    public var forbiddenMessage: String {
        let text: String
        if !isResourceRequest {
            text = "User \(GoValue.quote(user.name)) cannot \(verb) path \(GoValue.quote(path))"
        } else if !namespace.isEmpty {
            text = "User \(GoValue.quote(user.name)) cannot \(verb) resource \(GoValue.quote(combinedResource)) in API group \(GoValue.quote(apiGroup)) in the namespace \(GoValue.quote(namespace))"
        } else {
            text = "User \(GoValue.quote(user.name)) cannot \(verb) resource \(GoValue.quote(combinedResource)) in API group \(GoValue.quote(apiGroup)) at the cluster scope"
        }
        var escaped = ""
        for ch in text {
            switch ch {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(ch)
            }
        }
        return escaped
    }

    /// The Status message of the Forbidden error (`responsewriters.Forbidden` →
    /// `apierrors.NewForbidden(GroupResource{apiGroup, resource}, name, …)`): `pods is forbidden:
    /// …`, `pods "web" is forbidden: …`, `forbidden: …` for a path; the authorizer's reason,
    /// when there is one, after a colon.
    public func forbiddenStatusMessage(reason: String) -> String {
        let detail = reason.isEmpty ? forbiddenMessage : forbiddenMessage + ": " + reason
        let groupResource = apiGroup.isEmpty ? resource : resource + "." + apiGroup
        if groupResource.isEmpty { return "forbidden: " + detail }
        if name.isEmpty { return "\(groupResource) is forbidden: \(detail)" }
        return "\(groupResource) \(GoValue.quote(name)) is forbidden: \(detail)"
    }
}
