import YAML

/// Why a YAML document is not an object the cluster accepts, in the order kubectl and the
/// apiserver check: YAML itself, kubectl's client-side type check, the REST mapping of
/// kind/version, then the apiserver's strict JSON decoding.
///
/// Cases carry typed data and a mark; `DecodeError+Kubectl.swift` prints kubectl's exact
/// text and `Messages.swift` the Spanish explanation and hint. Tests assert on the cases.
public enum DecodeError: Error, Sendable, Hashable {
    /// The YAML could not be read (syntax, duplicate key...).
    case yaml(YAMLError)
    /// kubectl's own check before anything is sent (k8s.io/kubectl/pkg/validation/schema.go
    /// `getObjectKind`): `apiVersion not set`, `kind not set`, ...
    case invalidTypeInfo([TypeInfoProblem], mark: Mark)
    /// `kind: ""`: the unstructured decoder's `Object 'Kind' is missing in '{...}'`
    /// (k8s.io/apimachinery/pkg/runtime/serializer/json/meta.go via unstructured.go).
    case kindMissing(json: String, mark: Mark)
    /// No served kind for this apiVersion and kind (REST mapping).
    case noKindMatch(NoKindMatch)
    /// Fields the type does not have (apiserver, fieldValidation=Strict).
    case strictDecoding(resource: APIResource, fields: [UnknownField])
    /// A value of the wrong JSON type for its field (encoding/json `UnmarshalTypeError`).
    case typeMismatch(resource: APIResource, TypeMismatch)
    /// A value whose type is right but whose text a field's own decoder rejects
    /// (quantities, base64 bytes, timestamps).
    case invalidValue(resource: APIResource, InvalidValue)

    /// Where the problem is: the first offending key or value.
    public var mark: Mark {
        switch self {
        case .yaml(let error): error.focus
        case .invalidTypeInfo(_, let mark), .kindMissing(_, let mark): mark
        case .noKindMatch(let info): info.mark
        case .strictDecoding(_, let fields): fields.first?.mark ?? Mark()
        case .typeMismatch(_, let info): info.mark
        case .invalidValue(_, let info): info.mark
        }
    }
}

/// One problem kubectl's client-side type check reports.
public enum TypeInfoProblem: Sendable, Hashable {
    case notAnObject
    case apiVersionNotSet
    case apiVersionNotString
    /// More than one `/` (apimachinery schema `ParseGroupVersion`).
    case invalidGroupVersion(String)
    case kindNotSet
    case kindNotString
}

/// A kind/version pair the cluster does not serve.
public struct NoKindMatch: Sendable, Hashable {
    public var kind: String
    public var apiVersion: String
    public var name: String
    public var namespace: String
    public var suggestion: KindSuggestion?
    /// The `kind` value, or `apiVersion` when the kind exists in other versions.
    public var mark: Mark
}

/// A field the object's type does not have.
public struct UnknownField: Sendable, Hashable {
    /// Strict-decoder path: `spec.template.spec.containers[0].imagen`.
    public var path: String
    /// The key as written.
    public var mark: Mark
}

/// encoding/json's `UnmarshalTypeError`, with the context the apiserver's decoder adds.
public struct TypeMismatch: Sendable, Hashable {
    /// What JSON held: `string`, `number`, `number 1.5`, `bool`, `array`, `object`.
    public var jsonValue: String
    /// Go name of the innermost struct (`ContainerPort`); empty at the top level.
    public var goStruct: String
    /// Struct field names from the root, no indices: `spec.template.spec.containers.ports.containerPort`.
    public var goFieldPath: String
    /// The Go type: `int32`, `[]v1.Container`, `map[string]string`.
    public var goType: String
    /// Our path with indices, for marks: `spec.template.spec.containers[0].ports[0].containerPort`.
    public var path: String
    public var mark: Mark
    /// The field's type.
    public var expected: FieldType
}

/// A value its field's own decoder rejects.
public struct InvalidValue: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case quantity(QuantityError)
        /// Go's `base64.CorruptInputError`: the offset of the first bad byte.
        case base64(offset: Int)
        /// Go's `time.Parse` failure for RFC 3339, with Go's message.
        case time(goMessage: String)
    }
    public var reason: Reason
    public var path: String
    public var text: String
    public var mark: Mark
}
