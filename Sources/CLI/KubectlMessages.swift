import Courseware
import KubeAPI
import Simulator
import YAML

/// What `taller k` adds to kubectl's words, in Spanish, in one place: the explanation after
/// an error and the learner's `archivo:línea`. kubectl's own text always comes first,
/// unchanged.
enum KubectlMessages {
    /// A YAML error: the renderer's block (position, source line, caret, kubectl's line,
    /// hint); kubectl's line is added at the end when the block has none.
    static func yamlError(_ error: YAMLError, source: [UInt8]) -> String {
        ManifestError.yaml(error, source: source).rendered
    }

    /// A document kubectl or the apiserver refuses before storing it.
    static func decodeError(_ error: DecodeError, file: String, source: [UInt8]) -> String {
        ManifestError.decode(error, file: file, source: source).rendered
    }

    /// An API error for an object from a file: kubectl's text, then one explanation per
    /// field with the line the learner wrote it on (`Simulator/Manifests.swift`, shared
    /// with the grader).
    static func apiError(_ error: APIError, file: String?, verb: String, source: ObjectSource?) -> String {
        ManifestError.api(error, file: file, verb: verb, source: source).rendered
    }

    /// kubectl's line for a request the apiserver refused, with our explanation when the
    /// refusal is about permissions or disruption budgets (NotFound and the like speak for
    /// themselves).
    static func requestError(_ error: APIError) -> String {
        switch error {
        case .unauthorized, .tooManyRequests: return error.kubectlMessage() + "\n  " + error.explanation
        default: return error.kubectlMessage()
        }
    }

    /// `web.yaml:12:7`: where to look, as editors and compilers write it.
    static func place(_ mark: Mark) -> String { ManifestError.place(mark) }

    /// After `the server doesn't have a resource type "x"`.
    static func unknownType(_ type: String) -> String {
        let lowered = type.lowercased()
        var best: (Int, APIResource)?
        for resource in Kinds.all {
            for name in [resource.plural, resource.singular] + resource.shortNames {
                let d = EditDistance.distance(lowered, name)
                if best == nil || d < best!.0 { best = (d, resource) }
            }
        }
        if let (distance, resource) = best, distance <= max(2, type.count / 4) {
            return "  pista: ¿querías decir «\(resource.plural)»? Los tipos que conoce el clúster: taller k api-resources"
        }
        return "  pista: el clúster no conoce ese tipo. Los que conoce: taller k api-resources"
    }

    static let noObjects = "  No se ha leído ningún objeto: ¿el archivo está vacío o solo tiene comentarios?"
}
