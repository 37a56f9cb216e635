import KubeAPI
import Simulator

/// `kubectl auth can-i VERB TYPE[/NAME] | VERB /URL [--subresource S] [-n NS | -A] [-q]` and
/// `kubectl auth can-i --list [-n NS] [--no-headers]` (k8s.io/kubectl/pkg/cmd/auth/cani.go).
///
/// The question goes to the apiserver as a SelfSubjectAccessReview (or SelfSubjectRulesReview
/// for `--list`) made by the current user — kind's `kubernetes-admin`, or whoever `--as`
/// names — and the answer is printed as kubectl prints it: `yes`, or `no` (with ` - ` and the
/// authorizer's reason when it gave one), exit code 0 or 1. A type the server does not know is
/// still asked about, after kubectl's warning (`Warning: the server doesn't have a resource
/// type 'x'` and a blank line: the message ends in a newline and the warning printer adds
/// another). As in kubectl, `pods/web` names the pod `web`; a subresource is `--subresource=log`.
enum KubectlAuth {
    /// cani.go `resourceVerbs`, `nonResourceURLVerbs`, `nonStandardResourceNames`.
    static let resourceVerbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use",
                                             "bind", "impersonate", "*", "approve", "sign", "escalate", "attest"]
    static let nonResourceVerbs: Set<String> = ["get", "put", "post", "head", "options", "delete", "patch", "*"]
    static let nonStandardResources: Set<String> = ["users", "groups"]

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        guard let sub = c.args.first else { throw .message(AuthMessages.usage) }
        guard sub == "can-i" else {
            throw .message("error: unknown command \"\(sub)\" for \"kubectl auth\"\n" + AuthMessages.onlyCanI)
        }
        let user = cluster.api.requester ?? .kubernetesAdmin
        let args = Array(c.args.dropFirst())
        if c.flags.bool("list") { return try list(args, c, cluster, user: user) }
        return try check(args, c, cluster, user: user)
    }

    static func check(_ args: [String], _ c: KubectlContext, _ cluster: Cluster, user: UserInfo) throws(KubectlError) -> KubectlOutput {
        guard args.count == 2 else {
            throw .message("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n" + AuthMessages.twoArguments)
        }
        let verb = args[0]
        let subresource = c.flags.value("subresource") ?? ""
        let namespace = c.flags.allNamespaces ? "" : c.namespace
        var warnings = ""
        let attributes: AuthorizationAttributes
        if args[1].hasPrefix("/") {
            if !subresource.isEmpty { throw .message("error: --subresource can not be used with NonResourceURL") }
            if !nonResourceVerbs.contains(verb) { warnings += "Warning: verb '\(verb)' is not a known verb\n\n" }
            attributes = AuthorizationAttributes(user: user, verb: verb, path: args[1])
        } else {
            let tokens = args[1].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let (group, resource, known, warning) = resolve(tokens[0])
            warnings += warning
            if let known, !known.namespaced, !c.flags.allNamespaces {
                warnings += known.group.isEmpty ? "Warning: resource '\(known.plural)' is not namespace scoped\n\n"
                    : "Warning: resource '\(known.plural)' is not namespace scoped in group '\(known.group)'\n\n"
            }
            if !resourceVerbs.contains(verb) { warnings += "Warning: verb '\(verb)' is not a known verb\n\n" }
            attributes = AuthorizationAttributes(user: user, verb: verb, namespace: namespace, apiGroup: group, resource: resource,
                                                 subresource: subresource, name: tokens.count > 1 ? tokens[1] : "")
        }
        if c.flags.bool("no-headers") { throw .message("error: --no-headers cannot be set without --list specified") }
        let decision = ClusterAuthorizer(store: cluster.api.store).authorize(attributes)
        var output = KubectlOutput(err: warnings)
        if !c.flags.bool("quiet") {
            output.out = decision.allowed ? "yes\n" : (decision.reason.isEmpty ? "no\n" : "no - \(decision.reason)\n")
        }
        if !decision.allowed { output.exitCode = 1 }
        return output
    }

    /// cani.go `resourceFor`: the group and plural the RESTMapper finds, or the word itself
    /// (no group) after a warning.
    static func resolve(_ word: String) -> (group: String, resource: String, known: APIResource?, warning: String) {
        if word == "*" { return ("", "*", nil, "") }
        if let r = Kinds.resolve(word) { return (r.group, r.plural, r, "") }
        let lowered = word.lowercased()
        let parts = lowered.split(separator: ".", maxSplits: 1).map(String.init)
        let groupResource = parts.count == 2 ? "\(parts[0]).\(parts[1])" : lowered
        var warning = ""
        if !nonStandardResources.contains(groupResource) {
            warning = parts.count == 2 ? "Warning: the server doesn't have a resource type '\(parts[0])' in group '\(parts[1])'\n\n"
                : "Warning: the server doesn't have a resource type '\(lowered)'\n\n"
        }
        return ("", word, nil, warning)
    }

    /// `--list`: the rules of a SelfSubjectRulesReview broken down, compacted and sorted
    /// (`PolicyRuleTable`).
    static func list(_ args: [String], _ c: KubectlContext, _ cluster: Cluster, user: UserInfo) throws(KubectlError) -> KubectlOutput {
        if !args.isEmpty { throw .message("error: list option must be specified with no arguments") }
        if c.flags.bool("quiet") || c.flags.allNamespaces || c.flags.has("subresource") {
            throw .message("error: list option can't be specified with neither quiet, all-namespaces nor subresource options")
        }
        let review = ClusterAuthorizer(store: cluster.api.store).rules(for: user, namespace: c.namespace)
        return KubectlOutput(out: PolicyRuleTable.text(review.resource + review.nonResource, headers: !c.flags.bool("no-headers")))
    }
}

/// Spanish help around `auth`.
enum AuthMessages {
    static let usage = """
    Inspect authorization

    Available Commands:
      can-i         Check whether an action is allowed

    Usage:
      kubectl auth [flags] [options]

      En taller: taller k auth can-i VERBO TIPO[/NOMBRE] [--as USUARIO] [--as-group GRUPO] [-n NS | -A] [--list]
    """

    static let groupWithoutUser = "error: --as-group necesita --as: di también qué usuario suplantas (por ejemplo --as ana --as-group desarrollo)."

    static let onlyCanI = "  En taller, auth solo tiene can-i: taller k auth can-i get pods --as ana"

    static let twoArguments = "  Escribe el verbo y el tipo, y el nombre detrás de una barra: taller k auth can-i get pods/web"
}
