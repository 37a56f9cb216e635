import YAML

/// k8s.io/apimachinery/pkg/util/intstr `IntOrString`: `targetPort: 8080` or `"http"`,
/// `maxSurge: 1` or `"25%"`.
public enum IntOrString: Sendable, Hashable, CustomStringConvertible {
    case int(Int32)
    case string(String)

    /// From a decoded value (nil for anything but an int32 or a string).
    public init?(_ value: Value) {
        switch value {
        case .int(let n):
            guard let small = Int32(exactly: n) else { return nil }
            self = .int(small)
        case .string(let text): self = .string(text)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let n): String(n)
        case .string(let text): text
        }
    }

    /// intstr.go `GetScaledValueFromIntOrPercent`: an int as is, or a percentage of `total`,
    /// rounded up (`math.Ceil`) or down (`math.Floor`).
    ///
    /// Example (rolling.go): 10 replicas, `maxSurge: 25%` rounds up to 3 extra pods,
    /// `maxUnavailable: 25%` rounds down to 2.
    public func scaledValue(total: Int, roundUp: Bool) throws(IntOrStringError) -> Int {
        switch self {
        case .int(let n):
            return Int(n)
        case .string(let text):
            guard text.hasSuffix("%") else { throw .invalidValue(text) }
            let digits = String(text.dropLast())
            guard let percent = GoStrconv.atoi(digits) else { throw .notANumber(text, digits) }
            let exact = Double(percent) * Double(total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        }
    }
}

/// intstr.go's errors, with Go's text.
public enum IntOrStringError: Error, Sendable, Hashable {
    /// A string without `%`.
    case invalidValue(String)
    /// A percentage whose number does not parse (`abc%`).
    case notANumber(String, String)

    public var message: String {
        switch self {
        case .invalidValue:
            "invalid value for IntOrString: invalid type: string is not a percentage"
        case .notANumber(let text, let digits):
            "invalid value for IntOrString: invalid value \(goQuote(text)): strconv.Atoi: parsing \(goQuote(digits)): invalid syntax"
        }
    }
}

/// Go's `strconv.Atoi` for base-10 text with an optional sign.
enum GoStrconv {
    static func atoi(_ text: String) -> Int? {
        var body = Substring(text)
        if body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.first != "+" else { return nil }
        return Int(body)
    }
}
