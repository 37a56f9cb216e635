import KubeAPI
import YAML

/// The path a manifest file takes into the cluster, shared by `taller k apply|create -f` and
/// the grader, so a learner's file is read, decoded, validated and reported the same way in
/// both: bytes → documents (`KubeDecoder`, as kubectl's resource builder) → one request per
/// object, in order (k8s.io/kubectl/pkg/cmd/apply/apply.go `Run`), errors collected and
/// reported after the objects that went through.
public enum Manifests {
    /// The objects of one file that can be sent, and the errors of the documents that cannot.
    public struct Decoded: Sendable {
        public var objects: [DecodedObject] = []
        public var errors: [ManifestError] = []
    }

    /// Every document of `bytes`; a YAML error stops the file (kubectl reads no further).
    public static func decode(_ bytes: [UInt8], file: String) -> Decoded {
        var decoded = Decoded()
        do {
            for result in try KubeDecoder().decodeAll(bytes, file: file) {
                switch result {
                case .success(let object): decoded.objects.append(object)
                case .failure(let error): decoded.errors.append(.decode(error, file: file, source: bytes))
                }
            }
        } catch {
            decoded.errors.append(.yaml(error, source: bytes))
        }
        return decoded
    }

    public enum Verb: String, Sendable {
        case apply, create, replace
    }

    /// Sends one decoded object as `kubectl apply`, `create` or `replace` would. On failure,
    /// the error says `replacing` for replace, `patching` when apply found the object already
    /// there, else `creating`.
    public static func send(_ object: DecodedObject, verb: Verb, namespace: String, dryRun: DryRun,
                            to api: inout APIServer) -> Result<APIOutcome, ManifestError> {
        do {
            switch verb {
            case .apply: return .success(try api.apply(object, namespace: namespace, dryRun: dryRun))
            case .create: return .success(try api.create(object, namespace: namespace, dryRun: dryRun))
            case .replace: return .success(try api.replace(object, namespace: namespace, dryRun: dryRun))
            }
        } catch {
            let key = ObjectKey(object.resource, namespace: object.namespace ?? namespace, name: object.name ?? "")
            var errorVerb = verb == .replace ? "replacing" : verb == .apply && api.store[key] != nil ? "patching" : "creating"
            if case .unauthorized(let a, _) = error, a.verb == "get" {
                // apply.go: the GET of the live object failed.
                errorVerb = "retrieving current configuration of:\n" + APIError.infoString(object.resource, name: a.name, namespace: a.namespace) + "\nfrom server for:"
            }
            return .failure(.api(error, file: object.file, verb: errorVerb, source: ObjectSource(object)))
        }
    }
}

/// Why a document of a manifest file did not reach the store: the typed error and what its
/// message needs. `rendered` is kubectl's text followed by the Spanish explanation and the
/// learner's `archivo:línea:columna`, the one rendering `taller k` and the grader print.
public enum ManifestError: Error, Sendable {
    case yaml(YAMLError, source: [UInt8])
    case decode(DecodeError, file: String, source: [UInt8])
    case api(APIError, file: String?, verb: String, source: ObjectSource?)
    /// A file that exists but cannot be read (kubectl: `error: open F: permission denied`).
    case unreadable(String)

    /// Where to look: the error's own mark, or the first invalid field, or the object.
    public var mark: Mark? {
        switch self {
        case .yaml(let error, _): return error.focus
        case .decode(let error, _, _): return error.mark
        case .api(let error, _, _, let source):
            if case .invalid(_, _, let fieldErrors, let errorSource) = error,
               let first = fieldErrors.first, let mark = (errorSource ?? source)?.mark(first.field) {
                return mark
            }
            return source?.mark("")
        case .unreadable: return nil
        }
    }

    /// The file the error belongs to, when it has one.
    public var file: String? {
        switch self {
        case .yaml(let error, _): return error.focus.file
        case .decode(_, let file, _): return file
        case .api(_, let file, _, let source): return file ?? source?.file
        case .unreadable(let file): return file
        }
    }

    /// The whole text, ending in a newline.
    public var rendered: String {
        switch self {
        case .yaml(let error, let source): return ManifestError.yamlText(error, source: source)
        case .decode(let error, let file, let source):
            if case .yaml(let yaml) = error { return ManifestError.yamlText(yaml, source: source) }
            var text = error.kubectlMessage(source: file) + "\n"
            text += "  \(ManifestError.place(error.mark)): \(error.explanation)\n"
            if let hint = error.hint { text += "    pista: \(hint)\n" }
            return text
        case .api(let error, let file, let verb, let source):
            var text = error.kubectlMessage(source: file, verb: verb) + "\n"
            if case .invalid(_, _, let fieldErrors, let errorSource) = error {
                let marks = errorSource ?? source
                for fieldError in fieldErrors {
                    let explained = ValidationMessages.explain(fieldError)
                    let at = marks?.mark(fieldError.field).map { ManifestError.place($0) + ": " } ?? ""
                    text += "  \(at)\(explained.explanation)\n    pista: \(explained.hint)\n"
                }
                return text
            }
            return text + "  " + error.explanation + "\n"
        case .unreadable(let file): return "error: open \(file): permission denied\n"
        }
    }

    /// A YAML error: the renderer's block (position, source line, caret, kubectl's line,
    /// hint); kubectl's line is added at the end when the block has none.
    static func yamlText(_ error: YAMLError, source: [UInt8]) -> String {
        var text = error.rendered(source: source)
        if error.kubectlMessage(source: source) == nil {
            text += "  (kubectl rechazaría también este archivo al leerlo)\n"
        }
        return text
    }

    /// `web.yaml:12:7`: where to look, as editors and compilers write it.
    public static func place(_ mark: Mark) -> String {
        mark.file.isEmpty ? "línea \(mark.line), columna \(mark.column)" : "\(mark.file):\(mark.line):\(mark.column)"
    }
}
