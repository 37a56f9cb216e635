import Courseware
import KubeAPI
import YAML

/// Decides whether the values a path found meet a `Condition`, and when not, says which
/// value broke which clause, in words for the learner.
struct ConditionEvaluator {
    /// The first clause that did not hold.
    struct Failure: Equatable {
        /// The concrete path of the value (or where it would be).
        var path: String
        /// `igual a 3`.
        var expected: String
        /// `1`, or `no está`.
        var found: String
        /// The value was missing (the location is where it belongs).
        var missing: Bool
    }

    /// Every clause, for every match. A path that found nothing fails every clause but
    /// `existe: false` and `ninguno`.
    static func evaluate(_ condition: Condition, on result: ValuePath.Result, multiple: Bool) -> Failure? {
        for clause in condition.clauses {
            if let failure = evaluate(clause, on: result, multiple: multiple) { return failure }
        }
        return nil
    }

    static func evaluate(_ clause: Condition.Clause, on result: ValuePath.Result, multiple: Bool) -> Failure? {
        let missingPath = result.missing.first ?? ""
        switch clause {
        case .exists(let wanted):
            if wanted {
                if result.matches.isEmpty || (!multiple && !result.missing.isEmpty) {
                    return Failure(path: missingPath, expected: GraderMessages.expected(clause), found: GraderMessages.absent, missing: true)
                }
            } else if let match = result.matches.first {
                return Failure(path: match.path, expected: GraderMessages.expected(clause), found: GraderMessages.describe(match.value), missing: false)
            }
            return nil
        case .all(let field, let inner), .none(let field, let inner):
            let all: Bool
            if case .all = clause { all = true } else { all = false }
            var elements: [ValuePath.Match] = []
            if multiple {
                elements = result.matches
            } else if let single = result.matches.first {
                if let items = single.value.sequence {
                    elements = items.enumerated().map { ValuePath.Match(path: single.path + "[\($0.offset)]", value: $0.element) }
                } else {
                    elements = [single]
                }
            }
            if elements.isEmpty && all {
                return Failure(path: missingPath, expected: GraderMessages.expected(clause), found: GraderMessages.absent, missing: true)
            }
            for element in elements {
                let sub = field.map { ValuePath.resolve($0, in: element.value, base: element.path) }
                    ?? ValuePath.Result(matches: [element], missing: [])
                let failure = evaluate(inner, on: sub, multiple: field?.isMultiple ?? false)
                if all, let failure { return failure }
                if !all, failure == nil {
                    let shown = sub.matches.first ?? element
                    return Failure(path: shown.path, expected: GraderMessages.expected(clause), found: GraderMessages.describe(shown.value), missing: false)
                }
            }
            return nil
        default:
            if result.matches.isEmpty || (!multiple && !result.missing.isEmpty) {
                return Failure(path: missingPath, expected: GraderMessages.expected(clause), found: GraderMessages.absent, missing: true)
            }
            for match in result.matches where !holds(clause, match.value) {
                return Failure(path: match.path, expected: GraderMessages.expected(clause), found: GraderMessages.describe(match.value), missing: false)
            }
            return nil
        }
    }

    /// One clause on one value.
    static func holds(_ clause: Condition.Clause, _ value: Value) -> Bool {
        switch clause {
        case .equal(let expected): return value == expected
        case .notEqual(let other): return value != other
        case .minimum(let bound): return compare(value, bound).map { $0 >= 0 } ?? false
        case .maximum(let bound): return compare(value, bound).map { $0 <= 0 } ?? false
        case .exists(let wanted): return wanted
        case .contains(let needle): return contains(value, needle)
        case .matches(let pattern):
            guard let text = ValuePath.text(value), let regex = TextPattern(pattern) else { return false }
            return regex.matches(text)
        case .all, .none: return false
        }
    }

    /// Numbers as numbers; texts that are numbers or quantities (`500m`, `128Mi`) as quantities.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        if let x = a.double, let y = b.double { return x < y ? -1 : (x > y ? 1 : 0) }
        guard let x = quantity(a), let y = quantity(b) else { return nil }
        return x.compare(y)
    }

    static func quantity(_ v: Value) -> Quantity? {
        if let s = v.string { return try? Quantity(parsing: s) }
        if let i = v.int { return try? Quantity(parsing: String(i)) }
        return nil
    }

    static func contains(_ value: Value, _ needle: Value) -> Bool {
        switch value {
        case .string(let s): return ValuePath.text(needle).map { s.contains($0) } ?? false
        case .sequence(let items): return items.contains { $0 == needle || includes($0, needle) }
        case .mapping(let pairs):
            if let key = needle.string { return pairs.contains { $0.key.string == key } }
            return includes(value, needle)
        default: return false
        }
    }

    /// A mapping that has every pair of `part` (recursively for nested mappings).
    static func includes(_ whole: Value, _ part: Value) -> Bool {
        guard let wanted = part.mapping, whole.mapping != nil else { return false }
        return wanted.allSatisfy { pair in
            guard let key = pair.key.string, let have = whole[key] else { return false }
            return have == pair.value || includes(have, pair.value)
        }
    }
}
