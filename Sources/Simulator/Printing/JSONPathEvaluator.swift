import YAML

/// client-go util/jsonpath/jsonpath.go `FindResults` and the `evalX` functions over `Value`.
struct JSONPathEvaluator {
    typealias Node = JSONPath.Node
    let allowMissingKeys: Bool

    /// `FindResults`, with `range`/`end` handled through `state` as upstream does; `nodes`
    /// keeps its absolute indices so the last `end` can be found again.
    func find(_ data: Value, _ nodes: ArraySlice<Node>, state: inout JSONPath.RangeState) throws(JSONPathError) -> [[Value]] {
        var full: [[Value]] = []
        var i = nodes.startIndex
        while i < nodes.endIndex {
            let results = try walk([data], nodes[i], state: &state)
            if state.endRange > 0, state.endRange <= state.inRange {
                state.endRange -= 1
                state.lastEndNode = i
                break
            }
            if state.beginRange > 0 {
                state.beginRange -= 1
                state.inRange += 1
                if results.isEmpty {
                    _ = try find(.null, nodes[(i + 1)...], state: &state)
                } else {
                    for value in results { full += try find(value, nodes[(i + 1)...], state: &state) }
                }
                state.inRange -= 1
                if let end = state.lastEndNode, end > i { i = end }
                i += 1
                continue
            }
            full.append(results)
            i += 1
        }
        return full
    }

    func walk(_ input: [Value], _ node: Node, state: inout JSONPath.RangeState) throws(JSONPathError) -> [Value] {
        switch node {
        case .list(let nodes):
            var current = input
            for n in nodes { current = try walk(current, n, state: &state) }
            return current
        case .text(let t): return [.string(t)]
        case .int(let i): return [.int(i)]
        case .float(let d): return [.float(d)]
        case .bool(let b): return [.bool(b)]
        case .field(let name): return try field(input, name)
        case .array(let params): return try array(input, params)
        case .filter(let left, let right, let op): return try filter(input, left, right, op, state: &state)
        case .wildcard: return input.flatMap(children)
        case .recursive: return recursive(input)
        case .union(let lists):
            var out: [Value] = []
            for l in lists { out += try walk(input, .list(l), state: &state) }
            return out
        case .identifier(let name):
            switch name {
            case "range":
                state.beginRange += 1
                return input
            case "end":
                guard state.inRange > 0 else { throw .notInRange }
                state.endRange += 1
                return []
            default:
                throw .unrecognizedIdentifier(name)
            }
        }
    }

    func children(_ v: Value) -> [Value] {
        switch v {
        case .mapping(let pairs):
            return pairs.sorted { JSONWriter.keyText($0.key).utf8.lexicographicallyPrecedes(JSONWriter.keyText($1.key).utf8) }.map(\.value)
        case .sequence(let items): return items
        default: return []
        }
    }

    func field(_ input: [Value], _ name: String) throws(JSONPathError) -> [Value] {
        if input.isEmpty { return [] }
        var results: [Value] = []
        for v in input where !v.isNull {
            if case .mapping = v, let r = v[name] { results.append(r) }
        }
        if results.isEmpty, !allowMissingKeys { throw .notFound(name) }
        return results
    }

    func array(_ input: [Value], _ p: [JSONPath.Param]) throws(JSONPathError) -> [Value] {
        var results: [Value] = []
        for v in input {
            if v.isNull { continue }
            guard case .sequence(let items) = v else { throw .notArray(goTypeName(v)) }
            var params = p
            let n = items.count
            if !params[0].known { params[0].value = 0 }
            if params[0].value < 0 { params[0].value += n }
            if !params[1].known { params[1].value = n }
            if params[1].value < 0 || (params[1].value == 0 && params[1].derived) { params[1].value += n }
            if params[1].value == params[0].value { continue }
            if params[0].value >= n || params[0].value < 0 { throw .indexOutOfBounds(index: params[0].value, length: n) }
            if params[1].value > n || params[1].value < 0 { throw .indexOutOfBounds(index: params[1].value - 1, length: n) }
            if params[0].value > params[1].value { throw .startGreaterThanEnd(params[0].value, params[1].value) }
            var step = 1
            if params[2].known {
                guard params[2].value > 0 else { throw .stepMustBePositive }
                step = params[2].value
            }
            results += stride(from: params[0].value, to: params[1].value, by: step).map { items[$0] }
        }
        return results
    }

    func filter(_ input: [Value], _ left: [Node], _ right: [Node], _ op: String,
                state: inout JSONPath.RangeState) throws(JSONPathError) -> [Value] {
        var results: [Value] = []
        for v in input {
            guard case .sequence(let items) = v else { throw .notArrayCannotFilter(Value.scalarText(v)) }
            for item in items {
                let lefts = (try? walk([item], .list(left), state: &state)) ?? []
                if op == "exists" {
                    if !lefts.isEmpty { results.append(item) }
                    continue
                }
                if lefts.isEmpty { continue }
                guard lefts.count == 1 else { throw .compareOneElement }
                let rights = try walk([item], .list(right), state: &state)
                if rights.isEmpty { continue }
                guard rights.count == 1 else { throw .compareOneElement }
                if try compare(lefts[0], rights[0], op) { results.append(item) }
            }
        }
        return results
    }

    /// text/template's `eq`/`lt`... over basic kinds (client-go third_party/forked/golang/template).
    func compare(_ a: Value, _ b: Value, _ op: String) throws(JSONPathError) -> Bool {
        let order: Int
        switch (a, b) {
        case (.string(let x), .string(let y)): order = x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
        case (.int(let x), .int(let y)): order = x == y ? 0 : (x < y ? -1 : 1)
        case (.float(let x), .float(let y)): order = x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)):
            guard op == "==" || op == "!=" else { throw .invalidComparisonType }
            order = x == y ? 0 : 1
        default: throw .incompatibleTypes
        }
        switch op {
        case "==": return order == 0
        case "!=": return order != 0
        case "<": return order < 0
        case ">": return order > 0
        case "<=": return order <= 0
        case ">=": return order >= 0
        default: throw .incompatibleTypes
        }
    }

    func recursive(_ input: [Value]) -> [Value] {
        var result: [Value] = []
        for v in input where !v.isNull {
            let kids = children(v)
            if !kids.isEmpty {
                result.append(v)
                result += recursive(kids)
            }
        }
        return result
    }

    /// Go's `%v` of a reflect.Type for unstructured values.
    func goTypeName(_ v: Value) -> String {
        switch v {
        case .mapping: return "map[string]interface {}"
        case .string: return "string"
        case .int: return "int64"
        case .float: return "float64"
        case .bool: return "bool"
        default: return "interface {}"
        }
    }
}

extension JSONWriter {
    static func keyText(_ key: Value) -> String { key.string ?? JSONWriter.string(key) }
}
