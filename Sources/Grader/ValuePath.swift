import Courseware
import YAML

/// A `FieldPath` read from an object's value. Each value found comes with its concrete
/// path (`spec.template.spec.containers[1].image` for `containers[name=web].image`), which
/// is how the object's source marks are keyed, so a finding points at the learner's line.
struct ValuePath {
    struct Match: Equatable {
        var path: String
        var value: Value
    }

    /// What was found; `missing` holds the concrete path of each branch that stopped at an
    /// absent key or item (as far as it could be written), for «where it belongs».
    struct Result {
        var matches: [Match] = []
        var missing: [String] = []
    }

    static func resolve(_ path: FieldPath, in value: Value, base: String = "") -> Result {
        var result = Result()
        walk(path.components[...], value, base, &result)
        return result
    }

    static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

    private static func walk(_ rest: ArraySlice<FieldPath.Component>, _ value: Value, _ at: String, _ result: inout Result) {
        guard let component = rest.first else {
            result.matches.append(Match(path: at, value: value))
            return
        }
        let tail = rest.dropFirst()
        switch component {
        case .key(let key):
            if let next = value[key], !next.isNull {
                walk(tail, next, join(at, key), &result)
            } else {
                result.missing.append(complete(join(at, key), tail))
            }
        case .index(let i):
            if let items = value.sequence, i < items.count {
                walk(tail, items[i], at + "[\(i)]", &result)
            } else {
                result.missing.append(complete(at + "[\(i)]", tail))
            }
        case .all:
            if let items = value.sequence {
                for (i, item) in items.enumerated() { walk(tail, item, at + "[\(i)]", &result) }
            } else if let pairs = value.mapping {
                for pair in pairs { walk(tail, pair.value, join(at, pair.key.string ?? "\(pair.key)"), &result) }
            } else {
                result.missing.append(at)
            }
        case .match(let key, let expected):
            var found = false
            for (i, item) in (value.sequence ?? []).enumerated() where text(item[key]) == expected {
                found = true
                walk(tail, item, at + "[\(i)]", &result)
            }
            if !found { result.missing.append(at) }
        }
    }

    /// The rest of a path written after a missing key, while it has only keys and indices.
    private static func complete(_ at: String, _ rest: ArraySlice<FieldPath.Component>) -> String {
        var path = at
        for component in rest {
            switch component {
            case .key(let key): path = join(path, key)
            case .index(let i): path += "[\(i)]"
            default: return path
            }
        }
        return path
    }

    /// A scalar as text, for `[clave=valor]` and `coincide` (numbers as written in JSON).
    static func text(_ value: Value?) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let s): return s
        case .int, .float, .bool: return JSONWriter.string(value)
        default: return nil
        }
    }
}
