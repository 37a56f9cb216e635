/// The field schema of the API types the course knows, generated from the official
/// Kubernetes Python client by `scripts/gen-kube-schema.py` (data in
/// `Generated/SchemaData.swift`, one line per type or field, parsed once on first use).
///
/// Types are keyed by the Python client's class name (`V1Container`, `V2MetricSpec`,
/// `CoreV1Event`), which is unique, while `goName` is the Go struct name the apiserver
/// prints in its errors (`Container`, `MetricSpec`, `Event`) and `goPackage` its package
/// (`v1`, `v2`), as Go's `reflect.Type.String()` shows it (`v1.Container`).
///
/// Two distinctions the Python client flattens are restored by the generator from the Go
/// types: `int64` versus `int32`, and `resource.Quantity` (a string in the client).
public struct Schema: Sendable {
    /// Every type, by its Python client class name.
    public let types: [String: TypeSchema]

    /// The schema generated from the Python client (`sourceVersion`), parsed lazily once.
    public static let kubernetes: Schema = Schema(parsing: Schema.data)

    public subscript(id: String) -> TypeSchema? { types[id] }

    /// The Python client version the data comes from (e.g. `37.0.2`, Kubernetes 1.37).
    public static var clientVersion: String { sourceVersion }
}

/// One object type: its fields in the client's order, and an index by JSON name.
public struct TypeSchema: Sendable {
    public let id: String
    public let goPackage: String
    public let goName: String
    public let fields: [FieldSchema]
    private let index: [String: Int]

    public init(id: String, goPackage: String, goName: String, fields: [FieldSchema]) {
        self.id = id
        self.goPackage = goPackage
        self.goName = goName
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, field) in fields.enumerated() { index[field.name] = i }
        self.index = index
    }

    /// The field with this exact JSON name (matching is case-sensitive, as in the apiserver).
    public func field(_ name: String) -> FieldSchema? {
        index[name].map { fields[$0] }
    }

    /// `v1.Container`: the name Go's `reflect.Type.String()` gives the struct.
    public var goTypeString: String { "\(goPackage).\(goName)" }
}

/// One field of an object type.
public struct FieldSchema: Sendable, Equatable {
    public let name: String
    public let type: FieldType
    /// The Python client refuses to build the object without it.
    public let required: Bool

    public init(name: String, type: FieldType, required: Bool) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// The type of a field, as the apiserver's JSON decoder sees it.
public indirect enum FieldType: Sendable, Hashable {
    case string
    case int32
    case int64
    case bool
    case float64
    /// `resource.Quantity`: a string or a number (quantity.go `UnmarshalJSON`).
    case quantity
    /// `intstr.IntOrString`: an int32 or a string (intstr.go `UnmarshalJSON`).
    case intOrString
    /// `metav1.Time` (RFC 3339) and `metav1.MicroTime` (RFC 3339 with microseconds).
    case time
    case microTime
    /// `[]byte`: a base64 string.
    case bytes
    /// Free-form JSON (`runtime.RawExtension`, `apiextensions JSON`, `FieldsV1`).
    case any
    case list(FieldType)
    case map(FieldType)
    /// Another object type, by id.
    case object(String)

    /// The Go type as `reflect.Type.String()` prints it in decode errors
    /// (`int32`, `[]v1.Container`, `map[string]string`, `resource.Quantity`).
    public func goTypeString(in schema: Schema) -> String {
        switch self {
        case .string: "string"
        case .int32: "int32"
        case .int64: "int64"
        case .bool: "bool"
        case .float64: "float64"
        case .quantity: "resource.Quantity"
        case .intOrString: "intstr.IntOrString"
        case .time: "v1.Time"
        case .microTime: "v1.MicroTime"
        case .bytes: "[]uint8"
        case .any: "interface {}"
        case .list(let element): "[]" + element.goTypeString(in: schema)
        case .map(let element): "map[string]" + element.goTypeString(in: schema)
        case .object(let id): schema[id]?.goTypeString ?? id
        }
    }
}
