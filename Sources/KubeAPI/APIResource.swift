/// One kind the simulated cluster serves, in one group/version: what `kubectl api-resources`
/// lists (name, short names, API version, namespaced, kind) plus the singular name kubectl
/// also accepts and the schema type of its objects.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core ("legacy") group.
    public let group: String
    public let version: String
    public let kind: String
    /// The resource name in URLs and on the command line (`deployments`).
    public let plural: String
    public let singular: String
    public let shortNames: [String]
    public let namespaced: Bool
    /// Schema type id of the whole object (`V1Deployment`, `V2HorizontalPodAutoscaler`).
    public let typeID: String

    public init(group: String, version: String, kind: String, plural: String, singular: String,
                shortNames: [String] = [], namespaced: Bool, typeID: String) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.namespaced = namespaced
        self.typeID = typeID
    }

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `deployments.apps`, or `pods` for the core group (kubectl's fully qualified name).
    public var groupResource: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The schema of the object type.
    public var typeSchema: TypeSchema {
        guard let type = Schema.kubernetes[typeID] else {
            preconditionFailure("Kinds: no schema type \(typeID) for \(kind)")
        }
        return type
    }

    public var description: String { "\(kind) (\(apiVersion))" }
}
