import Synchronization
/// A resource amount (`500m`, `1Gi`, `2e3`) with the exact parsing, rounding and canonical
/// form of k8s.io/apimachinery/pkg/api/resource/quantity.go.
///
/// Worked example — `ParseQuantity("0.5")`: sign +, numerator `0`, denominator `5`, no
/// suffix → DecimalSI, exponent 0. Precision 18 − 2 ≥ 0, so the int64 fast path applies:
/// scale 0 − len("5") = −1, value 5 × 10⁻¹. The text is not kept (scale −1 is not a
/// multiple of 3), so `String()` canonicalises: no factors of ten to remove, exponent −1
/// is raised to a multiple of three by multiplying: 500 × 10⁻³ → `500m`.
///
/// `1Gi` keeps its text (binary exponent 30 is a multiple of 10 and 1 is not a multiple of
/// 8); `1024Mi` does not, and canonicalises to `1Gi`; `1000Mi` stays `1000Mi` (1000 is not
/// a power-of-1024 multiple); `2e3` keeps its text (DecimalExponent); `0.1` → `100m`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// quantity.go `Format`: how the value prefers to be written.
    public enum Format: String, Sendable, Hashable {
        /// `e3`, `E6`: 10 to a power.
        case decimalExponent = "DecimalExponent"
        /// `Ki`, `Mi`, `Gi`...: 2 to a power of ten.
        case binarySI = "BinarySI"
        /// `m`, `k`, `M`, `G`...: 10 to a power of three.
        case decimalSI = "DecimalSI"
    }

    /// The exact amount.
    var amount: BigDecimal
    public let format: Format
    /// The text as written, when upstream keeps it because it already is canonical.
    private let written: String?

    init(amount: BigDecimal, format: Format, written: String? = nil) {
        self.amount = amount
        self.format = format
        self.written = written
    }

    /// Parses like `resource.ParseQuantity`.
    public init(parsing text: String) throws(QuantityError) {
        // A cluster writes few distinct quantities (`100m`, `128Mi`) and reads them on every
        // pod created, scheduled or scaled: each text is parsed once per process.
        if let known = Quantity.parsed.withLock({ $0[text] }) {
            self = try known.get()
            return
        }
        let result = Result { () throws(QuantityError) in try QuantityParser.parse(text) }
        Quantity.parsed.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[text] = result
        }
        self = try result.get()
    }

    private static let parsed = Mutex<[String: Result<Quantity, QuantityError>]>([:])

    /// The canonical text, as `Quantity.String()` prints it (and so `kubectl get -o yaml`).
    public var canonical: String { written ?? canonicalized() }

    public var description: String { canonical }

    public var isZero: Bool { amount.isZero }

    /// `MilliValue()`: the amount in thousandths, rounded away from zero.
    public var milliValue: Int64 { scaledValue(-3) }

    /// `Value()`: the amount in units, rounded away from zero.
    public var value: Int64 { scaledValue(0) }

    /// `ScaledValue(scale)`: the amount in units of 10^scale, rounded away from zero and
    /// clamped to int64.
    public func scaledValue(_ scale: Int) -> Int64 {
        var shifted = amount
        shifted.scale += scale
        shifted.roundAwayFromZero(toScale: 0)
        var magnitude = shifted.magnitude
        if shifted.scale < 0 { magnitude.multiplyByPowerOf10(-shifted.scale) }
        guard let m = magnitude.uint64, m <= UInt64(Int64.max) else { return amount.negative ? .min : .max }
        return amount.negative ? -Int64(m) : Int64(m)
    }

    /// The zero value (`resource.Quantity{}`), whose `String()` is `0`.
    public static let zero = Quantity(amount: BigDecimal(0), format: .decimalSI)

    /// `q.Add(y)` on a copy: the exact sum, written again from scratch; it keeps this
    /// quantity's format unless this one is zero, which takes `other`'s.
    public func adding(_ other: Quantity) -> Quantity {
        Quantity(amount: amount + other.amount, format: isZero ? other.format : format)
    }

    /// `Cmp`: −1, 0 or 1.
    public func compare(_ other: Quantity) -> Int { BigDecimal.compare(amount, other.amount) }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.compare(b) < 0 }

    /// Equal amounts are equal whatever their format or text (`Quantity.Equal`).
    public static func == (a: Quantity, b: Quantity) -> Bool { a.compare(b) == 0 }

    public func hash(into hasher: inout Hasher) {
        let (mantissa, exponent) = QuantityParser.removeTens(amount.magnitude, exponent: -amount.scale)
        hasher.combine(amount.negative)
        hasher.combine(mantissa)
        hasher.combine(mantissa.isZero ? 0 : exponent)
    }
}

/// quantity.go's three errors.
public enum QuantityError: Error, Sendable, Hashable {
    case formatWrong
    case numeric
    case suffix

    /// The upstream text (quantity.go `ErrFormatWrong`, `ErrNumeric`, `ErrSuffix`).
    public var message: String {
        switch self {
        case .formatWrong:
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .numeric: "unable to parse numeric part of quantity"
        case .suffix: "unable to parse quantity's suffix"
        }
    }
}
