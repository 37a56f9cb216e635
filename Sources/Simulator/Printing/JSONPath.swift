import YAML

/// k8s.io/client-go/util/jsonpath: the template language of `kubectl -o jsonpath=...` and
/// of custom columns. Text outside `{}` is copied; inside, `.field`, `['key']`, `[0]`,
/// `[1:3]`, `[-1:]`, `[*]`, `..field`, `[?(@.type=="Ready")]`, `[a,b]` unions,
/// `{range ...}...{end}`, string literals (`{"\n"}`) and numbers.
///
/// Results of one `{}` are joined by a space; maps and lists print as compact JSON,
/// strings raw. Missing keys print nothing (kubectl's `--allow-missing-template-keys`
/// default); with `allowMissingKeys: false` they fail with `name is not found`.
/// Known difference: Go iterates maps (`[*]`, `..`) in random order; this walks them in
/// sorted key order so output is deterministic.
public struct JSONPath: Sendable {
    indirect enum Node: Sendable {
        case list([Node])
        case text(String)
        case field(String)
        case array([Param])
        case filter(left: [Node], right: [Node], op: String)
        case int(Int64)
        case float(Double)
        case bool(Bool)
        case wildcard
        case recursive
        case union([[Node]])
        case identifier(String)
    }

    struct Param: Sendable {
        var value: Int = 0
        var known = false
        var derived = false
    }

    let nodes: [Node]
    public let allowMissingKeys: Bool

    public init(_ template: String, allowMissingKeys: Bool = true) throws(JSONPathError) {
        var parser = JSONPathParser(template)
        nodes = try parser.parse()
        self.allowMissingKeys = allowMissingKeys
    }

    /// `Execute`: every result printed, groups concatenated.
    public func execute(_ data: Value) throws(JSONPathError) -> String {
        try findResults(data).map(JSONPath.printResults).joined()
    }

    /// `FindResults`: one array of values per top-level node (range bodies expanded).
    public func findResults(_ data: Value) throws(JSONPathError) -> [[Value]] {
        var state = RangeState()
        return try JSONPathEvaluator(allowMissingKeys: allowMissingKeys).find(data, nodes[...], state: &state)
    }

    /// `PrintResults`: maps and lists as JSON, scalars as text, separated by spaces.
    static func printResults(_ results: [Value]) -> String {
        results.map { v -> String in
            switch v {
            case .mapping, .sequence: return JSONWriter.string(v)
            case .null: return "null"
            default: return Value.scalarText(v)
            }
        }.joined(separator: " ")
    }

    struct RangeState {
        var beginRange = 0
        var inRange = 0
        var endRange = 0
        var lastEndNode: Int?
    }
}

/// The jsonpath engine's errors, with client-go's texts.
public enum JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    case unclosedAction
    case unrecognizedCharacter(Unicode.Scalar)
    case unterminatedArray
    case unterminatedFilter
    case unclosedArrayExpectBracket
    case unterminatedQuotedString
    case invalidArrayIndex(String)
    case invalidMultipleRecursiveDescent
    case cannotParseNumber(String)
    case notFound(String)
    case notArray(String)
    case notArrayCannotFilter(String)
    case indexOutOfBounds(index: Int, length: Int)
    case startGreaterThanEnd(Int, Int)
    case stepMustBePositive
    case notInRange
    case unrecognizedIdentifier(String)
    case compareOneElement
    case incompatibleTypes
    case invalidComparisonType

    public var description: String {
        switch self {
        case .unclosedAction: return "unclosed action"
        case .unrecognizedCharacter(let r):
            let hex = String(r.value, radix: 16, uppercase: true)
            return "unrecognized character in action: U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) '\(Character(r))'"
        case .unterminatedArray: return "unterminated array"
        case .unterminatedFilter: return "unterminated filter"
        case .unclosedArrayExpectBracket: return "unclosed array expect ]"
        case .unterminatedQuotedString: return "unterminated quoted string"
        case .invalidArrayIndex(let t): return "invalid array index \(t)"
        case .invalidMultipleRecursiveDescent: return "invalid multiple recursive descent"
        case .cannotParseNumber(let t): return "cannot parse number \(t)"
        case .notFound(let name): return "\(name) is not found"
        case .notArray(let t): return "\(t) is not array or slice"
        case .notArrayCannotFilter(let t): return "\(t) is not array or slice and cannot be filtered"
        case .indexOutOfBounds(let index, let length): return "array index out of bounds: index \(index), length \(length)"
        case .startGreaterThanEnd(let a, let b): return "starting index \(a) is greater than ending index \(b)"
        case .stepMustBePositive: return "step must be > 0"
        case .notInRange: return "not in range, nothing to end"
        case .unrecognizedIdentifier(let n): return "unrecognized identifier \(n)"
        case .compareOneElement: return "can only compare one element at a time"
        case .incompatibleTypes: return "incompatible types for comparison"
        case .invalidComparisonType: return "invalid type for comparison"
        }
    }
}
