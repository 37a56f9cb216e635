import YAML

/// Labels, annotations and label selectors: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/
/// validation/validation.go (ValidateLabels, ValidateLabelSelector{,Requirement}) and
/// staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateAnnotations).
/// Go walks maps in random order; here keys go in byte order so output is reproducible.
enum Labels {
    static let totalAnnotationSizeLimit = 256 * 1024

    static func validate(_ labels: Value?, _ path: FieldPath) -> [FieldError] {
        guard let pairs = labels?.mapping else { return [] }
        var errs: [FieldError] = []
        for (key, value) in sortedStringPairs(pairs) {
            errs += Names.qualifiedName(key).map { .invalid(path, .string(key), $0) }
            errs += Names.labelValue(value).map { .invalid(path, .string(value), $0) }
        }
        return errs
    }

    static func validateAnnotations(_ annotations: Value?, _ path: FieldPath) -> [FieldError] {
        guard let pairs = annotations?.mapping else { return [] }
        var errs: [FieldError] = []
        var total = 0
        for (key, value) in sortedStringPairs(pairs) {
            // Case does not matter for annotation keys: Go lower-cases before checking.
            errs += Names.qualifiedName(key.lowercased()).map { .invalid(path, .string(key), $0) }
            total += key.utf8.count + value.utf8.count
        }
        if total > totalAnnotationSizeLimit { errs.append(.tooLong(path, maxBytes: totalAnnotationSizeLimit)) }
        return errs
    }

    static func validateSelector(_ selector: Value?, _ path: FieldPath) -> [FieldError] {
        guard let selector, !selector.isNull else { return [] }
        var errs = validate(selector["matchLabels"], path.child("matchLabels"))
        for (i, expr) in (selector["matchExpressions"]?.sequence ?? []).enumerated() {
            let p = path.child("matchExpressions").index(i)
            let op = expr["operator"]?.string ?? ""
            let values = (expr["values"]?.sequence ?? []).compactMap(\.string)
            switch op {
            case "In", "NotIn":
                if values.isEmpty { errs.append(.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'")) }
            case "Exists", "DoesNotExist":
                if !values.isEmpty { errs.append(.forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")) }
            default:
                errs.append(.invalid(p.child("operator"), .string(op), "not a valid selector operator"))
            }
            let key = expr["key"]?.string ?? ""
            errs += Names.qualifiedName(key).map { .invalid(p.child("key"), .string(key), $0) }
            for (j, v) in values.enumerated() {
                errs += Names.labelValue(v).map { .invalid(p.child("values").index(j), .string(v), $0) }
            }
        }
        return errs
    }

    /// Whether `selector` selects `labels` (`metav1.LabelSelectorAsSelector` + `Matches`).
    /// A nil selector selects nothing; an empty one selects everything; `nil` when the selector
    /// cannot be converted (an unknown operator).
    static func selects(_ selector: Value?, _ labels: [String: String]) -> Bool? {
        guard let selector, !selector.isNull else { return false }
        for (k, v) in selector["matchLabels"]?.stringMap ?? [:] where labels[k] != v { return false }
        for expr in selector["matchExpressions"]?.sequence ?? [] {
            let key = expr["key"]?.string ?? ""
            let values = Set((expr["values"]?.sequence ?? []).compactMap(\.string))
            switch expr["operator"]?.string ?? "" {
            case "In": if !(labels[key].map(values.contains) ?? false) { return false }
            case "NotIn": if let v = labels[key], values.contains(v) { return false }
            case "Exists": if labels[key] == nil { return false }
            case "DoesNotExist": if labels[key] != nil { return false }
            default: return nil
            }
        }
        return true
    }

    static func isEmptySelector(_ selector: Value?) -> Bool {
        (selector?["matchLabels"]?.mapping?.isEmpty ?? true) && (selector?["matchExpressions"]?.sequence?.isEmpty ?? true)
    }

    static func sortedStringPairs(_ pairs: [Value.Pair]) -> [(String, String)] {
        pairs.compactMap { p in p.key.string.map { ($0, p.value.string ?? "") } }
            .sorted { GoValue.goLess($0.0, $1.0) }
    }
}
