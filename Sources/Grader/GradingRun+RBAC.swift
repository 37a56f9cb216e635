import Courseware
import KubeAPI
import Simulator
import YAML

// `tipo: permitido`: whether a user, group member or service account may do something, as
// `taller k auth can-i VERBO RECURSO --as COMO` answers it (the RBAC authorizer of
// Sources/Simulator/Auth, plugin/pkg/auth/authorizer/rbac). `recurso` is `pods`,
// `deployments.apps`, `pods/log` (a subresource) or `pods/web` (a name), optionally after a
// namespace (`dev/pods`; default `default`). Without operators the answer must be yes;
// `igual: false` asks for a no (a Role that must NOT allow something).
extension GradingRun {
    func allowed(_ check: Check) throws(ContentProblem) -> Outcome {
        let verb = check.parameters["verbo"]?.string ?? ""
        let user = check.parameters["como"]?.string ?? ""
        var parts = (check.parameters["recurso"]?.string ?? "").split(separator: "/").map(String.init)
        var namespace = "default"
        if parts.count >= 2, Kinds.resolve(parts[0]) == nil, Kinds.resolve(parts[1]) != nil {
            namespace = parts.removeFirst()
        }
        guard let first = parts.first, let resource = Kinds.resolve(first) else {
            return .fail(GraderMessages.unknownType(parts.first ?? ""), at: nil)
        }
        var subresource = "", name = ""
        if parts.count >= 2 {
            if ["log", "exec", "scale", "status", "portforward", "proxy", "eviction", "binding", "attach"].contains(parts[1]) {
                subresource = parts[1]
            } else {
                name = parts[1]
            }
        }
        let attributes = AuthorizationAttributes(user: UserInfo.impersonating(user, groups: []), verb: verb,
                                                 namespace: resource.namespaced ? namespace : "", apiGroup: resource.group,
                                                 resource: resource.plural, subresource: subresource, name: name)
        let decision = ClusterAuthorizer(store: cluster.api.store).authorize(attributes)
        let wanted = check.condition.isEmpty ? true : check.condition.clauses.contains { if case .equal(.bool(true)) = $0 { return true }; return false }
        if decision.allowed == wanted { return .pass }
        let what = ([resource.plural + (subresource.isEmpty ? "" : "/" + subresource)] + (name.isEmpty ? [] : [name])).joined(separator: " ")
        return .fail(GraderMessages.permission(user: user, verb: verb, what: what, namespace: resource.namespaced ? namespace : nil,
                                               allowed: decision.allowed), at: nil)
    }
}

extension GraderMessages {
    static func permission(user: String, verb: String, what: String, namespace: String?, allowed: Bool) -> String {
        let place = namespace.map { " en el namespace «\($0)»" } ?? ""
        let command = "taller k auth can-i \(verb) \(what) --as \(user)" + (namespace.map { " -n \($0)" } ?? "")
        return allowed
            ? "«\(user)» puede hacer \(verb) sobre \(what)\(place), y no debería: sobra algún permiso en sus Roles o bindings. Compruébalo con «\(command)»."
            : "«\(user)» no puede hacer \(verb) sobre \(what)\(place): falta una regla en su Role o el RoleBinding que se lo da. Compruébalo con «\(command)»."
    }
}
