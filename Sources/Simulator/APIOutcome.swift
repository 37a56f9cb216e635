import KubeAPI
import YAML

/// `--dry-run`: none, `client` (kubectl computes the result and sends nothing that writes)
/// or `server` (the apiserver runs the whole request, admission and validation included,
/// and stores nothing).
public enum DryRun: String, Sendable, Hashable {
    case none, client, server

    /// kubectl's suffix (k8s.io/kubectl/pkg/cmd/apply/apply.go `PrintFlags.Complete`,
    /// delete.go `PrintObj`).
    var suffix: String {
        switch self {
        case .none: ""
        case .client: " (dry run)"
        case .server: " (server dry run)"
        }
    }
}

/// A request the API server carried out.
public struct APIOutcome: Sendable {
    public enum Operation: String, Sendable, Hashable {
        case created, configured, unchanged, replaced, deleted
    }

    public var resource: APIResource
    public var namespace: String
    public var name: String
    public var operation: Operation
    public var dryRun: DryRun
    /// The object as stored (or as it would be, for a dry run); nil once removed.
    public var object: Value?

    /// What kubectl prints: `deployment.apps/web created`, `pod/web unchanged`,
    /// `deployment.apps "web" deleted`, with ` (dry run)` or ` (server dry run)`.
    /// (kubectl's name printer: `strings.ToLower(kind) + "." + group`; delete.go prints
    /// `%s "%s" %s`.)
    public var kubectlMessage: String {
        let kind = resource.group.isEmpty ? resource.kind.lowercased() : "\(resource.kind.lowercased()).\(resource.group)"
        if operation == .deleted { return "\(kind) \"\(name)\" deleted\(dryRun.suffix)" }
        return "\(kind)/\(name) \(operation.rawValue)\(dryRun.suffix)"
    }
}

/// `metav1.DeletionPropagation`.
public enum PropagationPolicy: String, Sendable, Hashable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}
