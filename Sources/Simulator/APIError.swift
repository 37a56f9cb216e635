import KubeAPI

/// A request the simulated apiserver refused, with the data kubectl prints. `kubectlMessage`
/// renders exactly what kubectl writes to stderr (k8s.io/kubectl/pkg/cmd/util/helpers.go
/// `checkErr`/`StandardErrorMessage`: `Error from server (<Reason>): <message>`, and
/// `AddSourceToErr`: `error when <verb> "<file>": ` inserted before a StatusError's message).
/// Tests assert on the cases; `Messages.swift` explains them in Spanish.
public enum APIError: Error, Sendable, Hashable {
    /// k8s.io/apimachinery/pkg/api/errors `NewNotFound`: `deployments.apps "x" not found`.
    case notFound(resource: String, name: String)
    /// `NewAlreadyExists`: `deployments.apps "web" already exists`.
    case alreadyExists(resource: String, name: String)
    /// `NewInvalid`: kubectl prints `The Deployment "web" is invalid: …` from the details.
    case invalid(kind: String, name: String, errors: [FieldError], source: ObjectSource?)
    /// `NewForbidden`: `<resource> "<name>" is forbidden: <reason>`.
    case forbidden(resource: String, name: String, reason: String)
    /// The authorizer allowed nothing for the request (`responsewriters.Forbidden`): `pods is
    /// forbidden: User "ana" cannot list resource "pods" in API group "" in the namespace
    /// "default"`, with the authorizer's reason after a colon when it has one.
    case unauthorized(AuthorizationAttributes, reason: String)
    /// `NewTooManyRequests` (HTTP 429): an eviction the pod's disruption budget does not allow.
    case tooManyRequests(String)
    /// A failure Status without a reason (HTTP 500), such as an eviction of a pod that two
    /// disruption budgets select.
    case failure(String)
    /// kubectl apply's GET of an object without a name (cli-runtime `Info.Get` →
    /// `resource name may not be empty`, wrapped by apply.go).
    case nameRequired(resource: APIResource, namespace: String)

    /// The StatusReason kubectl shows in parentheses.
    public var reason: String {
        switch self {
        case .notFound: "NotFound"
        case .alreadyExists: "AlreadyExists"
        case .invalid: "Invalid"
        case .forbidden, .unauthorized: "Forbidden"
        case .tooManyRequests: "TooManyRequests"
        case .failure: ""
        case .nameRequired: "BadRequest"
        }
    }

    /// The apiserver's Status message.
    public var statusMessage: String {
        switch self {
        case .notFound(let r, let n): "\(r) \(GoValue.quote(n)) not found"
        case .alreadyExists(let r, let n): "\(r) \(GoValue.quote(n)) already exists"
        case .invalid(let kind, let name, let errors, _):
            Validation.kubectlMessage(kind: kind, name: name, errors: errors).trimmingTrailingNewline
        case .forbidden(let r, let n, let why): "\(r) \(GoValue.quote(n)) is forbidden: \(why)"
        case .nameRequired: "resource name may not be empty"
        case .unauthorized(let attributes, let reason): attributes.forbiddenStatusMessage(reason: reason)
        case .tooManyRequests(let message), .failure(let message): message
        }
    }

    /// What kubectl prints, without the final newline. `source` is the file the object came
    /// from (`-f web.yaml`) and `verb` kubectl's word for the operation (`creating`,
    /// `replacing`, `deleting`); without a source, no `error when …` part is added.
    public func kubectlMessage(source: String? = nil, verb: String = "creating") -> String {
        switch self {
        case .invalid:
            // checkErr prints Invalid errors from their details, never with the source.
            return statusMessage
        case .nameRequired(let resource, let namespace):
            // apply.go: AddSourceToErr("retrieving current configuration of:\n<info>\nfrom server for:", …)
            // with Info.String(): `Resource: %q, GroupVersionKind: %q\nName: %q, Namespace: %q`.
            return "error: error when retrieving current configuration of:\n" + APIError.infoString(resource, name: "", namespace: namespace)
                + "\nfrom server for: \(GoValue.quote(source ?? "")): \(statusMessage)"
        default:
            let context = source.map { "error when \(verb) \(GoValue.quote($0)): " } ?? ""
            // StandardErrorMessage: a Status without a reason is `Error from server: …`.
            let prefix = reason.isEmpty ? "Error from server: " : "Error from server (\(reason)): "
            return prefix + context + statusMessage
        }
    }
}

extension APIError {
    /// NamespaceLifecycle's refusal in a namespace being deleted (the Status carries the cause
    /// `NamespaceTerminatingCause`, which controllers look for).
    static func namespaceTerminating(_ namespace: String) -> String {
        "unable to create new content in namespace \(namespace) because it is being terminated"
    }

    /// `apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause)`.
    var isNamespaceTerminating: Bool {
        guard case .forbidden(_, _, let reason) = self else { return false }
        return reason.hasPrefix("unable to create new content in namespace ") && reason.hasSuffix(" because it is being terminated")
    }

    /// cli-runtime resource `Info.String()`: `Resource: "apps/v1, Resource=deployments",
    /// GroupVersionKind: "apps/v1, Kind=Deployment"` and `Name: "web", Namespace: "default"`.
    public static func infoString(_ resource: APIResource, name: String, namespace: String) -> String {
        let gvr = "\(resource.group)/\(resource.version), Resource=\(resource.plural)"
        let gvk = "\(resource.group)/\(resource.version), Kind=\(resource.kind)"
        return "Resource: \(GoValue.quote(gvr)), GroupVersionKind: \(GoValue.quote(gvk))\nName: \(GoValue.quote(name)), Namespace: \(GoValue.quote(namespace))"
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
