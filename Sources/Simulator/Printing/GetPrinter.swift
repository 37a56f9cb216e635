import KubeAPI
import YAML

/// `kubectl get` in table form over several resource lists, as kubectl's get.go `Run`
/// prints them:
///
/// - one table per resource type, each with its own column widths (the tabwriter's
///   remembered widths are reset per type); a blank line before a table only when
///   something was printed before it (empty lists print nothing);
/// - names get the `kind.group/` prefix when more than one type is requested (the
///   apiserver answers one Table per type, so `get deploy,svc` always has two);
/// - nothing printed → on stderr `No resources found in NS namespace.` when every type is
///   namespaced and `-A` is off, otherwise `No resources found`.
public enum GetPrinter {
    /// The objects of one resource type, in the order the store lists them.
    public struct ResourceList: Sendable, Hashable {
        public var resource: APIResource
        public var objects: [Value]
        public init(resource: APIResource, objects: [Value]) {
            self.resource = resource
            self.objects = objects
        }
    }

    public struct Options: Sendable, Hashable {
        public var namespace: String
        public var allNamespaces: Bool
        public var wide: Bool
        public var noHeaders: Bool
        public var showLabels: Bool
        public var labelColumns: [String]

        public init(namespace: String = "default", allNamespaces: Bool = false, wide: Bool = false, noHeaders: Bool = false,
                    showLabels: Bool = false, labelColumns: [String] = []) {
            self.namespace = namespace
            self.allNamespaces = allNamespaces
            self.wide = wide
            self.noHeaders = noHeaders
            self.showLabels = showLabels
            self.labelColumns = labelColumns
        }
    }

    public static func tables(_ lists: [ResourceList], options: Options, now: Timestamp) -> PrintedOutput {
        let withKind = Set(lists.map(\.resource)).count > 1
        var out = ""
        var allNamespaced = !options.allNamespaces
        for list in lists {
            allNamespaced = allNamespaced && list.resource.namespaced
            let table = TableGenerator.table(kind: list.resource.kind, objects: list.objects, now: now)
            let tableOptions = TablePrinter.Options(
                wide: options.wide, noHeaders: options.noHeaders,
                withNamespace: options.allNamespaces && list.resource.namespaced,
                kindPrefix: withKind ? kindPrefix(group: list.resource.group, kind: list.resource.kind) : nil,
                showLabels: options.showLabels, labelColumns: options.labelColumns)
            let text = TablePrinter.string(table, options: tableOptions)
            if text.isEmpty { continue }
            if !out.isEmpty, !options.noHeaders { out += "\n" }
            out += text
        }
        if out.isEmpty {
            let message = allNamespaced ? "No resources found in \(options.namespace) namespace.\n" : "No resources found\n"
            return PrintedOutput(stdout: "", stderr: message)
        }
        return PrintedOutput(stdout: out, stderr: "")
    }

    /// `strings.ToLower(GroupKind.String())`: `deployment.apps`, `pod`.
    public static func kindPrefix(group: String, kind: String) -> String {
        group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)"
    }
}

/// What a kubectl command writes: standard output and standard error.
public struct PrintedOutput: Sendable, Hashable {
    public var stdout: String
    public var stderr: String
    public init(stdout: String, stderr: String) {
        self.stdout = stdout
        self.stderr = stderr
    }
}
