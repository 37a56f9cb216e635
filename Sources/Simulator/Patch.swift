import YAML

/// The three patch types of `kubectl patch --type` (the apiserver's patch handler,
/// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
///
/// - `strategic` (the default for built-in kinds): a two-way strategic merge, as
///   strategicpatch `StrategicMergePatch` applies it — maps merge, `null` deletes, lists with a
///   merge key (containers by `name`, ports by `containerPort`…) merge element by element,
///   other lists are replaced (`ThreeWayMerge` with no original);
/// - `merge`: RFC 7386 JSON merge patch — maps merge, `null` deletes, lists are replaced;
/// - `json`: RFC 6902 JSON patch — `add`, `remove`, `replace`, `test`, `move`, `copy` on JSON
///   pointers (`/spec/replicas`, `/spec/template/spec/containers/0/image`, `-` to append).
public enum Patch {
    public enum Failure: Error, Equatable {
        /// The apiserver's texts (`jsonpatch`): `the server rejected our request due to an
        /// error in our request`-level messages are printed by kubectl as they come.
        case invalid(String)

        public var message: String {
            switch self { case .invalid(let m): return m }
        }
    }

    public static func strategic(_ current: Value, _ patch: Value) -> Value {
        ThreeWayMerge.merge(original: nil, modified: patch, current: current)
    }

    public static func merge(_ current: Value, _ patch: Value) -> Value {
        guard case .mapping(let patchPairs) = patch else { return patch }
        var pairs: [Value.Pair]
        if case .mapping(let existing) = current { pairs = existing } else { pairs = [] }
        for p in patchPairs {
            let i = pairs.firstIndex { $0.key == p.key }
            if p.value.isNull {
                if let i { pairs.remove(at: i) }
            } else if let i {
                pairs[i] = Value.Pair(key: p.key, value: merge(pairs[i].value, p.value))
            } else {
                pairs.append(Value.Pair(key: p.key, value: merge(.null, p.value)))
            }
        }
        return .mapping(pairs)
    }

    public static func json(_ current: Value, _ operations: Value) throws(Failure) -> Value {
        guard let ops = operations.sequence else { throw .invalid("json: cannot unmarshal object into Go value of type jsonpatch.Patch") }
        var doc = current
        for op in ops {
            let kind = op["op"]?.string ?? ""
            let path = op["path"]?.string ?? ""
            switch kind {
            case "add": doc = try set(doc, pointer(path), op["value"] ?? .null, insert: true)
            case "replace":
                _ = try get(doc, pointer(path))
                doc = try set(doc, pointer(path), op["value"] ?? .null, insert: false)
            case "remove": doc = try remove(doc, pointer(path))
            case "test":
                guard try get(doc, pointer(path)) == (op["value"] ?? .null) else { throw .invalid("testing value \(path) failed: test failed") }
            case "move", "copy":
                let from = op["from"]?.string ?? ""
                let value = try get(doc, pointer(from))
                if kind == "move" { doc = try remove(doc, pointer(from)) }
                doc = try set(doc, pointer(path), value, insert: true)
            default:
                throw .invalid("Unexpected kind: \(kind)")
            }
        }
        return doc
    }

    static func pointer(_ path: String) throws(Failure) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw .invalid("add operation does not apply: doc is missing path: \"\(path)\": missing value") }
        // RFC 6901: `~1` is `/`, `~0` is `~` (in that order).
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { part in
            var out = "", tilde = false
            for c in part {
                if tilde { out.append(c == "1" ? "/" : c == "0" ? "~" : c); tilde = false; if c != "0" && c != "1" { out.insert("~", at: out.index(before: out.endIndex)) } }
                else if c == "~" { tilde = true }
                else { out.append(c) }
            }
            if tilde { out.append("~") }
            return out
        }
    }

    static func get(_ doc: Value, _ path: [String]) throws(Failure) -> Value {
        var v = doc
        for part in path {
            if case .sequence(let items) = v {
                guard let i = Int(part), items.indices.contains(i) else { throw missing(path) }
                v = items[i]
            } else if let child = v[part] {
                v = child
            } else {
                throw missing(path)
            }
        }
        return v
    }

    static func missing(_ path: [String]) -> Failure {
        .invalid("replace operation does not apply: doc is missing key: /\(path.joined(separator: "/")): missing value")
    }

    static func set(_ doc: Value, _ path: [String], _ value: Value, insert: Bool) throws(Failure) -> Value {
        guard let head = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch doc {
        case .sequence(var items):
            if rest.isEmpty && insert {
                if head == "-" { items.append(value); return .sequence(items) }
                guard let i = Int(head), i >= 0, i <= items.count else { throw .invalid("add operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\": missing value") }
                items.insert(value, at: i)
                return .sequence(items)
            }
            guard let i = Int(head), items.indices.contains(i) else { throw missing(path) }
            items[i] = try set(items[i], rest, value, insert: insert)
            return .sequence(items)
        case .mapping(var pairs):
            if let i = pairs.firstIndex(where: { $0.key.string == head }) {
                pairs[i] = Value.Pair(key: pairs[i].key, value: try set(pairs[i].value, rest, value, insert: insert))
            } else {
                guard rest.isEmpty else { throw .invalid("add operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\": missing value") }
                pairs.append(Value.Pair(key: .string(head), value: value))
            }
            return .mapping(pairs)
        default:
            throw missing(path)
        }
    }

    static func remove(_ doc: Value, _ path: [String]) throws(Failure) -> Value {
        guard let head = path.first else { return .null }
        let rest = Array(path.dropFirst())
        switch doc {
        case .sequence(var items):
            guard let i = Int(head), items.indices.contains(i) else { throw missing(path) }
            if rest.isEmpty { items.remove(at: i) } else { items[i] = try remove(items[i], rest) }
            return .sequence(items)
        case .mapping(var pairs):
            guard let i = pairs.firstIndex(where: { $0.key.string == head }) else {
                throw .invalid("remove operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\": missing value")
            }
            if rest.isEmpty { pairs.remove(at: i) } else { pairs[i] = Value.Pair(key: pairs[i].key, value: try remove(pairs[i].value, rest)) }
            return .mapping(pairs)
        default:
            throw missing(path)
        }
    }
}
