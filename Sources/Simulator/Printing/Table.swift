import YAML

/// What the apiserver's table convertor returns for `kubectl get` (meta.k8s.io/v1 Table):
/// column definitions (priority 1 = only with `-o wide`) and one row of cells per object.
/// Cells are already text, as kubectl prints them (`%v` of Go ints and bools).
public struct Table: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        public var priority: Int
        /// `"name"` for the column that gets the `kind/` prefix.
        public var format: String
        public init(_ name: String, priority: Int = 0, format: String = "") {
            self.name = name
            self.priority = priority
            self.format = format
        }
    }

    public struct Row: Sendable, Hashable {
        public var cells: [String]
        public var object: Value
        public init(cells: [String], object: Value) {
            self.cells = cells
            self.object = object
        }
    }

    public var columns: [Column]
    public var rows: [Row]

    public init(columns: [Column], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }
}

/// The server side of `kubectl get`: k8s.io/kubernetes/pkg/printers/internalversion/printers.go
/// (`AddHandlers` column definitions and the `printX` row functions), ported to `Value`
/// objects. Rows are generated as the apiserver does, with `Wide: true` (every column;
/// the client hides priority-1 columns unless `-o wide`). Kinds without a handler (Role,
/// ClusterRole, LimitRange) get the default table: NAME, CREATED AT (RFC 3339, UTC).
public enum TableGenerator {
    public static func table(kind: String, objects: [Value], now: Timestamp) -> Table {
        let spec = spec(for: kind)
        return Table(columns: spec.columns, rows: objects.map { Table.Row(cells: spec.row($0, now), object: $0) })
    }

    struct Spec: Sendable {
        let columns: [Table.Column]
        let row: @Sendable (Value, Timestamp) -> [String]
    }

    static let name = Table.Column("Name", format: "name")
    static let age = Table.Column("Age")
    static func wide(_ names: String...) -> [Table.Column] { names.map { Table.Column($0, priority: 1) } }

    static func spec(for kind: String) -> Spec {
        switch kind {
        case "Pod": return pod
        case "Deployment": return deployment
        case "ReplicaSet": return replicaSet
        case "StatefulSet": return statefulSet
        case "DaemonSet": return daemonSet
        case "Job": return job
        case "CronJob": return cronJob
        case "Service": return service
        case "Endpoints": return endpoints
        case "EndpointSlice": return endpointSlice
        case "Ingress": return ingress
        case "IngressClass": return ingressClass
        case "NetworkPolicy": return networkPolicy
        case "ConfigMap": return configMap
        case "Secret": return secret
        case "ServiceAccount": return serviceAccount
        case "Namespace": return namespace
        case "Node": return node
        case "Event": return event
        case "PersistentVolume": return persistentVolume
        case "PersistentVolumeClaim": return persistentVolumeClaim
        case "StorageClass": return storageClass
        case "HorizontalPodAutoscaler": return horizontalPodAutoscaler
        case "PodDisruptionBudget": return podDisruptionBudget
        case "ResourceQuota": return resourceQuota
        case "RoleBinding", "ClusterRoleBinding": return roleBinding
        default: return defaultTable
        }
    }

    /// apiserver registry/rest/table.go `defaultTableConvertor`.
    static let defaultTable = Spec(columns: [name, Table.Column("Created At")]) { o, _ in
        let created = o.creationTimestamp?.string.flatMap(Timestamp.init(rfc3339:))?.rfc3339 ?? "<unknown>"
        return [o.name, created]
    }

    static func age(_ o: Value, _ now: Timestamp) -> String { HumanDuration.since(o.creationTimestamp, now: now) }

    /// printers.go `layoutContainerCells`.
    static func containerCells(_ podSpec: Value?) -> [String] {
        let containers = podSpec?["containers"]?.sequence ?? []
        return [containers.map { $0.str("name") }.joined(separator: ","),
                containers.map { $0.str("image") }.joined(separator: ",")]
    }
}
