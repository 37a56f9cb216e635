import YAML

/// A minimal resource quantity for validation only: exact value, order, and the canonical
/// `Quantity.String()` used in messages (`must be less than or equal to cpu limit of 500m`).
///
/// TODO(merge): the full `Quantity` type lives in the decoder work (`Quantity*.swift`); once
/// merged, replace this with it. Semantics follow
/// staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go: decimal values are rounded up
/// to milli-units (SetDefaults_ResourceList), binary-SI values ≥ 1024 print with the largest
/// exact binary suffix, everything else with the largest exact decimal-SI suffix.
struct ValidationQuantity: Comparable, Sendable {
    /// value = mantissa × 10^exponent (binary suffixes are multiplied out).
    var mantissa: Int64
    var exponent: Int
    var format: Format

    enum Format: Sendable { case decimalSI, binarySI, decimalExponent }

    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    private static let decimalSuffixes: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    init?(_ value: Value) {
        switch value {
        case .int(let i): self.init(mantissa: i, exponent: 0, format: .decimalSI)
        case .float(let d):
            guard let q = ValidationQuantity(parsing: String(d)) else { return nil }
            self = q
        case .string(let s):
            guard let q = ValidationQuantity(parsing: s) else { return nil }
            self = q
        default: return nil
        }
    }

    init(mantissa: Int64, exponent: Int, format: Format) {
        self.mantissa = mantissa
        self.exponent = exponent
        self.format = format
    }

    init?(parsing text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "+" || s.first == "-" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = s.dropFirst(number.count)
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard !number.isEmpty, parts.count <= 2, parts.joined().allSatisfy(\.isNumber), !parts.joined().isEmpty,
              let digits = Int64(parts.joined()) else { return nil }
        var m = negative ? -digits : digits
        var e = -(parts.count == 2 ? parts[1].count : 0)
        var format = Format.decimalSI
        if let k = ValidationQuantity.binarySuffixes.firstIndex(of: String(suffix)), !suffix.isEmpty {
            format = .binarySI
            for _ in 0..<k {
                let (r, overflow) = m.multipliedReportingOverflow(by: 1024)
                if overflow { return nil }
                m = r
            }
            // Remove the decimal fraction now that the binary multiplier is applied.
            while e < 0 && m % 10 == 0 { m /= 10; e += 1 }
        } else if let d = ValidationQuantity.decimalSuffixes[String(suffix)] {
            e += d
        } else if let first = suffix.first, first == "e" || first == "E", let x = Int(suffix.dropFirst()) {
            format = .decimalExponent
            e += x
        } else {
            return nil
        }
        self.init(mantissa: m, exponent: e, format: format)
    }

    var isNegative: Bool { mantissa < 0 }

    /// `Quantity.String()` after rounding up to milli-units.
    var canonical: String {
        var m = mantissa
        var e = exponent
        if e < -3 {
            // Round up (away from zero for positives) to milli precision.
            var divisor: Int64 = 1
            for _ in 0..<(-3 - e) { divisor *= 10 }
            let q = m / divisor
            m = (m % divisor != 0 && m > 0) ? q + 1 : q
            e = -3
        }
        if m == 0 { return "0" }
        while m % 10 == 0 { m /= 10; e += 1 }
        if format == .binarySI, e >= 0, let whole = ValidationQuantity.scaled(m, e), abs(whole) >= 1024 {
            var k = 0
            var v = whole
            while k < 6 && v % 1024 == 0 { v /= 1024; k += 1 }
            return "\(v)\(ValidationQuantity.binarySuffixes[k])"
        }
        var target = e >= 0 ? (e / 3) * 3 : -3
        target = min(target, 18)
        guard let shown = ValidationQuantity.scaled(m, e - target) else { return "\(m)e\(e)" }
        if format == .decimalExponent { return target == 0 ? "\(shown)" : "\(shown)e\(target)" }
        let suffix = ValidationQuantity.decimalSuffixes.first { $0.value == target }?.key ?? ""
        return "\(shown)\(suffix)"
    }

    private static func scaled(_ m: Int64, _ by: Int) -> Int64? {
        var v = m
        for _ in 0..<max(0, by) {
            let (r, overflow) = v.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            v = r
        }
        return v
    }

    private var approximate: Double { Double(mantissa) * pow10(exponent) }

    private func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }

    static func == (a: ValidationQuantity, b: ValidationQuantity) -> Bool { compare(a, b) == 0 }
    static func < (a: ValidationQuantity, b: ValidationQuantity) -> Bool { compare(a, b) < 0 }

    private static func compare(_ a: ValidationQuantity, _ b: ValidationQuantity) -> Int {
        let e = min(a.exponent, b.exponent)
        if let x = scaled(a.mantissa, a.exponent - e), let y = scaled(b.mantissa, b.exponent - e) {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        let x = a.approximate, y = b.approximate
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}
