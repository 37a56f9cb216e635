import Courseware
import KubeAPI
import Simulator
import YAML

/// `taller k VERBO …`: kubectl for the embedded cluster. Output is kubectl's, byte for byte,
/// wherever kubectl has one; after an error kubectl's own text comes first, then a Spanish
/// explanation and the learner's `archivo:línea`.
///
/// Each verb is a function from a `KubectlContext` (and the cluster, for verbs that need
/// one) to a `KubectlOutput`; `ClusterSession` does the locking, loading, clock and saving.
/// Exit codes as kubectl: 0, or 1 when anything failed.
struct KubectlCommand: Command {
    static let path = ["k"]
    static let summary = "kubectl para el clúster simulado: apply, get, describe, delete, logs, rollout…"
    static let signature = Signature(
        positionals: [.init(name: "VERBO [ARGUMENTOS…]", help: "como en kubectl: get pods, apply -f web.yaml, describe deploy web…")],
        options: [.init(name: "--estado", valueName: "CARPETA", help: "la carpeta del estado del clúster (por omisión .taller, o TALLER_ESTADO)")],
        raw: true)
    var words: [String]
    var environment: CommandEnvironment

    init(_ arguments: ParsedArguments) throws(CLIError) {
        words = arguments.positionals
        environment = arguments.environment
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let output: KubectlOutput
        do throws(KubectlError) {
            let flags = try KubectlFlags.parse(words)
            let stdin = flags.all("filename").contains("-") ? io.input() : []
            output = try Self.run(flags, stdin: stdin, session: ClusterSession(option: flags.value("estado"), environment: environment))
        } catch {
            throw .reported(error.text)
        }
        io.out(output.out)
        if let code = output.exitCode { throw .exited(output.err, code: code) }
        if output.failed { throw .reported(output.err) }
        io.err(output.err)
    }

    /// Verbs that never write (the session saves only what changed anyway).
    static let readOnly: Set<String> = ["get", "describe", "logs", "events", "explain", "version", "api-resources", "top", "auth", "cluster-info"]

    static func run(_ flags: KubectlFlags, stdin: [UInt8], session: some ClusterAccess) throws(KubectlError) -> KubectlOutput {
        guard let verb = flags.positionals.first else { return KubectlOutput(out: KubectlText.usage) }
        let context = KubectlContext(flags: flags, args: Array(flags.positionals.dropFirst()), stdin: stdin)
        switch verb {
        case "version": return KubectlInfo.version(context)
        case "api-resources": return KubectlInfo.apiResources(context)
        case "explain": return try KubectlExplain.run(context)
        case "api-versions": return KubectlInfo.apiVersions(context)
        default:
            if let text = KubectlUnavailable.message(verb) { return KubectlOutput(err: text, failed: true) }
        }
        let handler: (KubectlContext, inout Cluster) throws(KubectlError) -> KubectlOutput
        switch verb {
        case "get": handler = KubectlGet.run
        case "apply": handler = KubectlApply.apply
        case "replace": handler = KubectlApply.replace
        case "diff": handler = KubectlDiff.run
        case "create": handler = KubectlCreate.run
        case "delete": handler = KubectlDelete.run
        case "describe": handler = KubectlDescribe.run
        case "scale": handler = KubectlEdit.scale
        case "label": handler = { c, cluster throws(KubectlError) in try KubectlEdit.labelOrAnnotate(c, &cluster, labels: true) }
        case "annotate": handler = { c, cluster throws(KubectlError) in try KubectlEdit.labelOrAnnotate(c, &cluster, labels: false) }
        case "set": handler = KubectlEdit.set
        case "expose": handler = KubectlExpose.run
        case "logs": handler = KubectlLogs.run
        case "events": handler = KubectlEvents.run
        case "rollout": handler = KubectlRollout.run
        case "cordon": handler = { c, cluster throws(KubectlError) in try KubectlCordon.run(c, &cluster, cordon: true) }
        case "uncordon": handler = { c, cluster throws(KubectlError) in try KubectlCordon.run(c, &cluster, cordon: false) }
        case "top": handler = KubectlTop.run
        case "autoscale": handler = KubectlTop.autoscale
        case "run": handler = KubectlRun.run
        case "patch": handler = KubectlPatch.run
        case "exec": handler = KubectlExec.run
        case "auth": handler = KubectlAuth.run
        case "drain": handler = KubectlDrain.run
        case "taint": handler = KubectlTaint.run
        case "wait": handler = KubectlWait.run
        case "cluster-info": handler = KubectlInfo.clusterInfo
        default:
            throw .message("error: unknown command \"\(verb)\" for \"kubectl\"" + KubectlText.suggestion(verb))
        }
        let requester = try impersonation(flags)
        do {
            // `get -w` moves the virtual clock while it watches.
            let mutates = !readOnly.contains(verb) || flags.bool("watch")
            return try session.run(mutates: mutates, readsEvents: readsEvents(verb, context.args)) { (cluster: inout Cluster) throws(CLIError) -> KubectlOutput in
                cluster.api.requester = requester
                defer { cluster.api.requester = nil }
                do throws(KubectlError) {
                    return try handler(context, &cluster)
                } catch {
                    throw .reported(error.text)
                }
            }
        } catch {
            throw .message(error.rendered)
        }
    }
}

extension KubectlCommand {
    /// Whether `verb` with `args` may read Event objects. Only `get` of resources that are
    /// all known and none of them events says no: everything else (describe shows events,
    /// `get all` and unknown names go through the general path) is assumed to read them.
    static func readsEvents(_ verb: String, _ args: [String]) -> Bool {
        guard verb == "get", let first = args.first else { return true }
        // `get TYPE[,TYPE] [NAME...]` or `get TYPE/NAME...`.
        let types = first.contains("/") ? args.map { String($0.split(separator: "/").first ?? "") } : first.split(separator: ",").map(String.init)
        for type in types {
            guard type != "all", let resource = Kinds.resolve(type) else { return true }
            if resource.kind == "Event" { return true }
        }
        return false
    }

    /// kubectl's global `--as` and `--as-group` (the `Impersonate-User` and
    /// `Impersonate-Group` headers): the user the apiserver's impersonation filter builds, or
    /// nil for kind's own `kubernetes-admin`. kubectl's admin may impersonate anyone.
    static func impersonation(_ flags: KubectlFlags) throws(KubectlError) -> UserInfo? {
        let groups = flags.all("as-group")
        guard let user = flags.value("as"), !user.isEmpty else {
            if !groups.isEmpty { throw .message(AuthMessages.groupWithoutUser) }
            return nil
        }
        return UserInfo.impersonating(user, groups: groups)
    }
}

/// A failure that ends a verb before it printed anything useful.
enum KubectlError: Error {
    /// A flag or argument kubectl refuses: `error: …` then `See 'kubectl VERB --help' for usage.`
    case usage(String, verb: String)
    /// The whole text, as kubectl prints it (and our explanation after it).
    case message(String)

    var text: String {
        switch self {
        case .usage(let problem, let verb):
            return "error: \(problem)\nSee 'kubectl \(verb.isEmpty ? "" : verb + " ")--help' for usage.\n"
        case .message(let text):
            return text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        }
    }
}

/// What a verb writes; `failed` makes the exit code 1, `exitCode` another one (`exec`
/// passes on the command's).
struct KubectlOutput {
    var out = ""
    var err = ""
    var failed = false
    var exitCode: Int32?

    /// An error line (kubectl's text, newline added), and the exit code 1.
    mutating func fail(_ text: String) {
        err += text.hasSuffix("\n") ? text : text + "\n"
        failed = true
    }
}

/// The parsed command line, after the verb.
struct KubectlContext {
    var flags: KubectlFlags
    var args: [String]
    var stdin: [UInt8]

    var namespace: String { flags.namespace }
}

/// Fixed kubectl texts.
enum KubectlText {
    static let usage = """
    kubectl controls the Kubernetes cluster manager.

     Find more information at: https://kubernetes.io/docs/reference/kubectl/

    En taller: taller k VERBO … (get, apply, create, delete, describe, logs, scale, label,
    annotate, patch, replace, diff, set image, expose, run, exec, wait, rollout, autoscale, top, cordon, uncordon,
    drain, taint, auth can-i, events, explain, cluster-info, version, api-resources, api-versions).
    Con --as USUARIO, como otro usuario.

    """

    /// cobra's "Did you mean this?" for a mistyped verb.
    static func suggestion(_ verb: String) -> String {
        let verbs = ["annotate", "api-resources", "api-versions", "apply", "auth", "autoscale", "cluster-info", "cordon", "create", "delete",
                     "describe", "diff", "drain", "events", "exec", "explain", "expose", "get", "label", "logs", "patch", "rollout", "run", "scale",
                     "replace", "set", "taint", "top", "uncordon", "version", "wait"]
            + KubectlUnavailable.verbs.keys.filter { !$0.contains(" ") }
        let close = verbs.sorted().filter { EditDistance.distance($0, verb) <= 2 || $0.hasPrefix(verb) }
        let hint = close.isEmpty ? "" : "\n\nDid you mean this?\n" + close.map { "\t\($0)\n" }.joined()
        return hint + "\nRun 'kubectl --help' for usage."
    }
}

