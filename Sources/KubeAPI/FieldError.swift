/// One field-level validation error, as Go's `field.Error`
/// (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go): a type, the field
/// path (`spec.template.spec.containers[0].name`), the offending value as Go would print it, and
/// an English detail exactly as upstream writes it. `description` is Go's `Error()`.
///
/// Tests assert on `type`, `field` and `detail`; the Spanish explanation for learners comes from
/// `ValidationMessages`.
public struct FieldError: Sendable, Hashable, CustomStringConvertible {
    public enum ErrorType: String, Sendable, Hashable, CaseIterable {
        case notFound = "FieldValueNotFound"
        case required = "FieldValueRequired"
        case duplicate = "FieldValueDuplicate"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case `internal` = "InternalError"

        /// Go's `ErrorType.String()`.
        public var text: String {
            switch self {
            case .notFound: "Not found"
            case .required: "Required value"
            case .duplicate: "Duplicate value"
            case .invalid: "Invalid value"
            case .notSupported: "Unsupported value"
            case .forbidden: "Forbidden"
            case .tooLong: "Too long"
            case .tooMany: "Too many"
            case .internal: "Internal error"
            }
        }
    }

    public var type: ErrorType
    public var field: String
    public var badValue: GoValue
    public var detail: String

    public init(type: ErrorType, field: String, badValue: GoValue = .omitted, detail: String = "") {
        self.type = type
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// Go's `ErrorBody()`: the type, the value for the types that show one, the detail.
    public var body: String {
        var s = type.text
        switch type {
        case .required, .forbidden, .tooLong, .internal: break
        default:
            if badValue != .omitted { s += ": " + badValue.rendered }
        }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    /// Go's `Error()`: `field: body`.
    public var description: String { field + ": " + body }
}

// MARK: - Constructors named as Go's

extension FieldError {
    static func required(_ path: FieldPath, _ detail: String = "") -> FieldError {
        FieldError(type: .required, field: path.rendered, detail: detail)
    }
    static func invalid(_ path: FieldPath, _ value: GoValue, _ detail: String) -> FieldError {
        FieldError(type: .invalid, field: path.rendered, badValue: value, detail: detail)
    }
    static func duplicate(_ path: FieldPath, _ value: GoValue) -> FieldError {
        FieldError(type: .duplicate, field: path.rendered, badValue: value)
    }
    static func forbidden(_ path: FieldPath, _ detail: String) -> FieldError {
        FieldError(type: .forbidden, field: path.rendered, detail: detail)
    }
    /// `field.NotSupported`: the detail lists the supported values, each Go-quoted.
    static func notSupported(_ path: FieldPath, _ value: GoValue, _ supported: [String]) -> FieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoValue.quote).joined(separator: ", ")
        return FieldError(type: .notSupported, field: path.rendered, badValue: value, detail: detail)
    }
    static func tooLong(_ path: FieldPath, maxBytes: Int) -> FieldError {
        FieldError(type: .tooLong, field: path.rendered, detail: "must have at most \(maxBytes) bytes")
    }
    static func tooMany(_ path: FieldPath, actual: Int, max: Int) -> FieldError {
        FieldError(type: .tooMany, field: path.rendered, badValue: .int(Int64(actual)), detail: "must have at most \(max) items")
    }
}

/// A field path as Go's `field.Path` prints it: `spec.containers[0].name`, keys as
/// `data[tls.crt]`, and the empty root path as `[]` (what `field.NewPath("")` prints).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step below the root. Validation builds a path for every field it visits and prints
    /// one only for an error, so a path is its root and a chain of steps, rendered when asked
    /// (a root alone allocates nothing).
    private enum Step: Sendable {
        case child(String)
        case index(Int)
        case key(String)
    }

    private final class Node: Sendable {
        let parent: Node?
        let step: Step
        init(_ parent: Node?, _ step: Step) {
            self.parent = parent
            self.step = step
        }
    }

    private let root: String
    private let last: Node?

    public init(_ root: String) {
        self.root = root.isEmpty ? "[]" : root
        last = nil
    }

    private init(root: String, last: Node) {
        self.root = root
        self.last = last
    }

    public var rendered: String {
        var steps: [Step] = []
        var n = last
        while let current = n {
            steps.append(current.step)
            n = current.parent
        }
        var out = root
        for step in steps.reversed() {
            switch step {
            case .child(let s): out += "." + s
            case .index(let i): out += "[\(i)]"
            case .key(let k): out += "[\(k)]"
            }
        }
        return out
    }

    public func child(_ name: String) -> FieldPath {
        FieldPath(root: root, last: Node(last, .child(name)))
    }
    public func child(_ first: String, _ rest: String...) -> FieldPath {
        rest.reduce(child(first)) { $0.child($1) }
    }
    public func index(_ i: Int) -> FieldPath {
        FieldPath(root: root, last: Node(last, .index(i)))
    }
    public func key(_ k: String) -> FieldPath {
        FieldPath(root: root, last: Node(last, .key(k)))
    }

    public static func == (a: FieldPath, b: FieldPath) -> Bool { (a.last === b.last && a.root == b.root) || a.rendered == b.rendered }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered) }
    public var description: String { rendered }
}
