import KubeAPI
import YAML

/// A label selector as k8s.io/apimachinery/pkg/labels implements it: a list of requirements
/// sorted by key, all of which must hold (`internalSelector`). Built from kubectl's `-l`
/// text (`LabelSelector+Parse.swift`) or from an object's `metav1.LabelSelector`
/// (`matchLabels` + `matchExpressions`, `LabelSelectorAsSelector`).
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// selection.Operator (k8s.io/apimachinery/pkg/selection/operator.go), raw values as
    /// upstream spells them.
    public enum Operator: String, Sendable, Hashable {
        case doesNotExist = "!"
        case equals = "="
        case doubleEquals = "=="
        case `in` = "in"
        case notEquals = "!="
        case notIn = "notin"
        case exists = "exists"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var op: Operator
        public var values: [String]

        /// `Requirement.Matches` (labels/selector.go).
        public func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .in, .equals, .doubleEquals:
                guard let v = labels[key] else { return false }
                return values.contains(v)
            case .notIn, .notEquals:
                guard let v = labels[key] else { return true }
                return !values.contains(v)
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            case .greaterThan, .lessThan:
                guard let text = labels[key], let v = Int64(text), values.count == 1, let bound = Int64(values[0]) else { return false }
                return op == .greaterThan ? v > bound : v < bound
            }
        }

        /// `Requirement.String`: `app=web`, `env in (a,b)`, `!canary`.
        public var description: String {
            var s = (op == .doesNotExist ? "!" : "") + key
            switch op {
            case .equals: s += "="
            case .doubleEquals: s += "=="
            case .notEquals: s += "!="
            case .in: s += " in "
            case .notIn: s += " notin "
            case .greaterThan: s += ">"
            case .lessThan: s += "<"
            case .exists, .doesNotExist: return s
            }
            let list = values.count == 1 ? values[0] : values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: ",")
            return op == .in || op == .notIn ? s + "(" + list + ")" : s + list
        }
    }

    public var requirements: [Requirement]
    /// `labels.Nothing()`: what a nil `metav1.LabelSelector` converts to.
    public var matchesNothing: Bool

    public init(requirements: [Requirement]) {
        // sort.Sort(ByKey(items)): not stable in Go; requirements with equal keys keep their
        // relative order here.
        self.requirements = requirements.enumerated().sorted {
            $0.element.key == $1.element.key ? $0.offset < $1.offset : $0.element.key.utf8.lexicographicallyPrecedes($1.element.key.utf8)
        }.map(\.element)
        matchesNothing = false
    }

    public static let everything = LabelSelector(requirements: [])
    public static var nothing: LabelSelector {
        var s = LabelSelector(requirements: [])
        s.matchesNothing = true
        return s
    }

    /// `labels.SelectorFromSet`: equality on every pair.
    public init(matching labels: [String: String]) {
        self.init(requirements: labels.map { Requirement(key: $0.key, op: .equals, values: [$0.value]) })
    }

    public var isEmpty: Bool { requirements.isEmpty && !matchesNothing }

    public func matches(_ labels: [String: String]) -> Bool {
        !matchesNothing && requirements.allSatisfy { $0.matches(labels) }
    }

    /// `internalSelector.String`.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// `metav1.LabelSelectorAsSelector` (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go):
    /// nil → nothing, empty → everything, `matchLabels` as `=`, `matchExpressions` with
    /// `In`/`NotIn`/`Exists`/`DoesNotExist`.
    public init(_ selector: Value?) throws(LabelSelectorError) {
        guard let selector, !selector.isNull else {
            self = .nothing
            return
        }
        var requirements: [Requirement] = []
        for pair in selector["matchLabels"]?.mapping ?? [] {
            guard let k = pair.key.string else { continue }
            requirements.append(try LabelSelector.requirement(k, .equals, [pair.value.string ?? ""]))
        }
        for expr in selector["matchExpressions"]?.sequence ?? [] {
            let text = expr["operator"]?.string ?? ""
            let op: Operator
            switch text {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw LabelSelectorError(.invalidOperator(text))
            }
            let values = (expr["values"]?.sequence ?? []).compactMap(\.string)
            requirements.append(try LabelSelector.requirement(expr["key"]?.string ?? "", op, values))
        }
        self.init(requirements: requirements)
    }

    /// `labels.NewRequirement`: the key and values checked as upstream checks them, errors
    /// aggregated into one.
    static func requirement(_ key: String, _ op: Operator, _ values: [String]) throws(LabelSelectorError) -> Requirement {
        var errors: [FieldError] = []
        let keyErrors = NameRules.labelKeyErrors(key)
        if !keyErrors.isEmpty {
            errors.append(FieldError(type: .invalid, field: "key", badValue: .string(key), detail: keyErrors.joined(separator: "; ")))
        }
        switch op {
        case .in, .notIn:
            if values.isEmpty { errors.append(FieldError(type: .invalid, field: "values", badValue: .stringSlice(values), detail: "for 'in', 'notin' operators, values set can't be empty")) }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 { errors.append(FieldError(type: .invalid, field: "values", badValue: .stringSlice(values), detail: "exact-match compatibility requires one single value")) }
        case .exists, .doesNotExist:
            if !values.isEmpty { errors.append(FieldError(type: .invalid, field: "values", badValue: .stringSlice(values), detail: "values set must be empty for exists and does not exist")) }
        case .greaterThan, .lessThan:
            if values.count != 1 { errors.append(FieldError(type: .invalid, field: "values", badValue: .stringSlice(values), detail: "for 'Gt', 'Lt' operators, exactly one value is required")) }
            for (i, v) in values.enumerated() where Int64(v) == nil {
                errors.append(FieldError(type: .invalid, field: "values[\(i)]", badValue: .string(v), detail: "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (i, v) in values.enumerated() {
            let valueErrors = NameRules.labelValueErrors(v)
            if !valueErrors.isEmpty {
                errors.append(FieldError(type: .invalid, field: "values[\(i)][\(key)]", badValue: .string(v), detail: valueErrors.joined(separator: "; ")))
            }
        }
        if !errors.isEmpty { throw LabelSelectorError(.invalidRequirement(errors)) }
        return Requirement(key: key, op: op, values: values)
    }
}

/// Why a selector could not be built, with upstream's message.
public struct LabelSelectorError: Error, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The parser met `found` where it expected `expected` (labels/selector.go texts:
        /// `found '%s', expected: %s`).
        case unexpected(found: String, expected: String)
        /// `parseValues`: `found '%s' expected: '('` (upstream has no comma here).
        case missingOpenParenthesis(found: String)
        /// `NewRequirement` / `validateLabelKey` failures.
        case invalidRequirement([FieldError])
        /// `LabelSelectorAsSelector`: `%q is not a valid label selector operator`.
        case invalidOperator(String)
    }

    public var reason: Reason
    /// Raised inside `parseRequirement`, so prefixed `unable to parse requirement: `.
    public var inRequirement: Bool

    init(_ reason: Reason, inRequirement: Bool = false) {
        self.reason = reason
        self.inRequirement = inRequirement
    }

    /// The error text `labels.Parse` returns.
    public var message: String {
        let body: String
        switch reason {
        case .unexpected(let found, let expected): body = "found '\(found)', expected: \(expected)"
        case .missingOpenParenthesis(let found): body = "found '\(found)' expected: '('"
        case .invalidRequirement(let errors):
            // field.ErrorList.ToAggregate: one error bare, several as `[a, b]`.
            let texts = errors.map(\.description)
            body = texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
        case .invalidOperator(let op): body = "\(GoValue.quote(op)) is not a valid label selector operator"
        }
        return inRequirement ? "unable to parse requirement: " + body : body
    }
}
