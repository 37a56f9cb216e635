import YAML

extension DecodeError {
    /// What `kubectl apply -f <source>` prints for this error (a new object: kubectl creates
    /// it), without the final newline. `verb` is `creating` for new objects (kubectl
    /// k8s.io/kubectl/pkg/cmd/util/helpers.go `AddSourceToErr`).
    public func kubectlMessage(source: String, verb: String = "creating") -> String {
        switch self {
        case .yaml(let error):
            return "error: " + error.message
        case .invalidTypeInfo(let problems, _):
            // k8s.io/cli-runtime/pkg/resource/visitor.go: `error validating %q: %v`, and
            // k8s.io/kubectl/pkg/validation `ValidateSchema`: `error validating data: %v; %s`;
            // the problems are an apimachinery `utilerrors.Aggregate` (one: bare; more: [a, b]).
            let list = problems.map(\.message)
            let aggregate = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
            return "error: error validating \(goQuote(source)): error validating data: \(aggregate); "
                + "if you choose to ignore these errors, turn validation off with --validate=false"
        case .kindMissing(let json, _):
            // k8s.io/cli-runtime/pkg/resource/visitor.go `unable to decode %q: %v`.
            return "error: unable to decode \(goQuote(source)): Object 'Kind' is missing in '\(json)'"
        case .noKindMatch(let info):
            // k8s.io/cli-runtime/pkg/resource/mapper.go `infoForData`, wrapping
            // apimachinery meta.NoKindMatchError (`no matches for kind %q in version %q`).
            return "error: resource mapping not found for name: \(goQuote(info.name)) namespace: "
                + "\(goQuote(info.namespace)) from \(goQuote(source)): no matches for kind "
                + "\(goQuote(info.kind)) in version \(goQuote(info.apiVersion))\nensure CRDs are installed first"
        case .strictDecoding(let resource, _), .typeMismatch(let resource, _), .invalidValue(let resource, _):
            return "Error from server (BadRequest): error when \(verb) \(goQuote(source)): "
                + serverMessage(resource: resource)
        }
    }

    /// The apiserver's BadRequest message (k8s.io/apiserver/pkg/endpoints/handlers/rest.go
    /// `transformDecodeError`: `%s in version %q cannot be handled as a %s: %v`).
    func serverMessage(resource: APIResource) -> String {
        "\(resource.kind) in version \(goQuote(resource.version)) cannot be handled as a \(resource.kind): "
            + decodeMessage
    }

    /// The decoder's own error text, as the apiserver embeds it.
    public var decodeMessage: String {
        switch self {
        case .strictDecoding(_, let fields):
            // apimachinery runtime/error.go `strictDecodingError.Error`; each entry from
            // sigs.k8s.io/json: `unknown field "<path>"`.
            return "strict decoding error: " + fields.map { "unknown field \(goQuote($0.path))" }.joined(separator: ", ")
        case .typeMismatch(_, let info):
            return info.message
        case .invalidValue(_, let info):
            return info.message
        default:
            return kubectlMessage(source: "")
        }
    }
}

extension TypeMismatch {
    /// encoding/json decode.go `UnmarshalTypeError.Error`.
    public var message: String {
        if goStruct.isEmpty && goFieldPath.isEmpty {
            return "json: cannot unmarshal \(jsonValue) into Go value of type \(goType)"
        }
        return "json: cannot unmarshal \(jsonValue) into Go struct field \(goStruct).\(goFieldPath) of type \(goType)"
    }
}

extension InvalidValue {
    public var message: String {
        switch reason {
        case .quantity(let error): error.message
        case .base64(let offset): "illegal base64 data at input byte \(offset)"
        case .time(let goMessage): goMessage
        }
    }
}

extension TypeInfoProblem {
    /// k8s.io/kubectl/pkg/validation/schema.go `getObjectKind`.
    public var message: String {
        switch self {
        case .notAnObject: "invalid object to validate"
        case .apiVersionNotSet: "apiVersion not set"
        case .apiVersionNotString: "apiVersion isn't string type"
        case .invalidGroupVersion(let text): "unexpected GroupVersion string: \(text)"
        case .kindNotSet: "kind not set"
        case .kindNotString: "kind isn't string type"
        }
    }
}


extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
