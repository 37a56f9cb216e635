/// quantity.go `ParseQuantity`, `parseQuantityString`, suffix.go `interpret`, and the
/// canonical form (`CanonicalizeBytes`, amount.go `AsCanonicalBytes`,
/// `AsCanonicalBase1024Bytes`), over exact decimals.
enum QuantityParser {
    static let decimalSuffixes: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9,
                                                 "T": 12, "P": 15, "E": 18]
    static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    /// Beyond this exponent we refuse instead of building enormous numbers (upstream would
    /// compute them with math/big; no course value comes near).
    static let maxExponent = 1000

    static func parse(_ str: String) throws(QuantityError) -> Quantity {
        if str.isEmpty { throw .formatWrong }
        if str == "0" { return Quantity(amount: BigDecimal(0), format: .decimalSI, written: str) }
        let parts = try split(Array(str.utf8))
        guard let (base, exponent, parsedFormat) = interpret(parts.suffix) else { throw .suffix }
        guard abs(exponent) <= maxExponent else { throw .numeric }

        // The int64 fast path.
        var precision = 0, scale = 0
        var mantissa: Int64 = 1
        switch parsedFormat {
        case .decimalExponent, .decimalSI:
            scale = exponent
            precision = 18 - (parts.num.count + parts.denom.count)
        case .binarySI:
            if exponent >= 0 && parts.denom.isEmpty {
                mantissa = Int64(1) << Int64(exponent)
                precision = 15 - parts.num.count - Int(Float(exponent) * 3 / 10) - 1
            } else {
                precision = -1
            }
        }
        if precision >= 0 {
            scale -= parts.denom.count
            if scale >= -9 {
                let shifted = parts.num + parts.denom
                guard let value = Int64(shifted) else { throw .numeric }
                let (product, overflow) = value.multipliedReportingOverflow(by: mantissa)
                if !overflow {
                    let result = parts.positive ? product : -product
                    let keep: Bool
                    switch parsedFormat {
                    case .binarySI: keep = exponent % 10 == 0 && value & 0x07 != 0
                    default: keep = scale % 3 == 0 && !shifted.hasSuffix("000") && !shifted.hasPrefix("0")
                    }
                    return Quantity(amount: BigDecimal(result, scale: -scale), format: parsedFormat, written: keep ? str : nil)
                }
            }
        }

        // The inf.Dec slow path.
        guard var amount = BigDecimal(parsing: Substring(parts.value)) else { throw .numeric }
        if base == 10 { amount.scale -= exponent } else { amount.magnitude.shiftLeft(exponent) }
        var format = parsedFormat
        if !amount.isZero { amount.roundAwayFromZero(toScale: 9) }
        let maxAllowed = BigDecimal(Int64.max)
        if format == .binarySI {
            if BigDecimal.compare(amount, maxAllowed) > 0 { amount = maxAllowed }
            if BigDecimal.compare(amount, BigDecimal(1)) < 0 && amount.sign > 0 { format = .decimalSI }
        }
        return Quantity(amount: amount, format: format)
    }

    struct Parts {
        var positive = true
        var value = "", num = "", denom = "", suffix = ""
    }

    /// `parseQuantityString`, byte for byte.
    static func split(_ s: [UInt8]) throws(QuantityError) -> Parts {
        var p = Parts()
        var pos = 0
        let end = s.count
        func text(_ a: Int, _ b: Int) -> String { String(decoding: s[a..<b], as: UTF8.self) }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if pos < end {
            if s[0] == UInt8(ascii: "-") { p.positive = false; pos += 1 } else if s[0] == UInt8(ascii: "+") { pos += 1 }
        }
        // Leading zeros.
        var i = pos
        while true {
            if i >= end { p.num = "0"; p.value = p.num; return p }
            if s[i] == UInt8(ascii: "0") { pos += 1; i += 1 } else { break }
        }
        // Numerator.
        i = pos
        while true {
            if i >= end { p.num = text(pos, end); p.value = text(0, end); return p }
            if isDigit(s[i]) { i += 1 } else { p.num = text(pos, i); pos = i; break }
        }
        if p.num.isEmpty { p.num = "0" }
        // Denominator.
        if pos < end && s[pos] == UInt8(ascii: ".") {
            pos += 1
            i = pos
            while true {
                if i >= end { p.denom = text(pos, end); p.value = text(0, end); return p }
                if isDigit(s[i]) { i += 1 } else { p.denom = text(pos, i); pos = i; break }
            }
        }
        p.value = text(0, pos)
        // Suffix: letters, then an optional sign and digits.
        let suffixStart = pos
        let letters = Set("eEinumkKMGTP".utf8)
        i = pos
        while true {
            if i >= end { p.suffix = text(suffixStart, end); return p }
            if !letters.contains(s[i]) { pos = i; break }
            i += 1
        }
        if pos < end && (s[pos] == UInt8(ascii: "-") || s[pos] == UInt8(ascii: "+")) { pos += 1 }
        i = pos
        while true {
            if i >= end { p.suffix = text(suffixStart, end); return p }
            if !isDigit(s[i]) { break }
            i += 1
        }
        throw .formatWrong
    }

    /// suffix.go `interpret`.
    static func interpret(_ suffix: String) -> (base: Int, exponent: Int, format: Quantity.Format)? {
        if let e = decimalSuffixes[suffix] { return (10, e, .decimalSI) }
        if let e = binarySuffixes[suffix] { return (2, e, .binarySI) }
        if suffix.count > 1, let first = suffix.first, first == "e" || first == "E" {
            guard let e = Int64(suffix.dropFirst()) else { return nil }
            return (10, Int(Int32(truncatingIfNeeded: e)), .decimalExponent)
        }
        return nil
    }

    /// Moves every factor of ten of `magnitude` into the exponent.
    static func removeTens(_ magnitude: BigUInt, exponent: Int) -> (BigUInt, Int) {
        var m = magnitude, e = exponent
        while !m.isZero {
            let (q, r) = m.divided(by: 10)
            if r != 0 { break }
            m = q
            e += 1
        }
        return (m, e)
    }
}

extension Quantity {
    /// `CanonicalizeBytes`.
    func canonicalized() -> String {
        if amount.isZero { return "0" }
        var format = self.format
        if format == .binarySI {
            let small = BigDecimal.compare(amount, BigDecimal(-1024)) > 0 && BigDecimal.compare(amount, BigDecimal(1024)) < 0
            if small || !amount.isInteger { format = .decimalSI }
        }
        let sign = amount.negative ? "-" : ""
        switch format {
        case .decimalExponent, .decimalSI:
            var (mantissa, exponent) = QuantityParser.removeTens(amount.magnitude, exponent: -amount.scale)
            while exponent % 3 != 0 {
                mantissa.multiply(by: 10)
                exponent -= 1
            }
            let suffix: String
            if format == .decimalSI {
                // Beyond `E` DecimalSI falls back to exponent notation (quantity_test.go
                // `TestQuantityString`: 10^21 → `1e21`, not `1`).
                suffix = QuantityParser.decimalSuffixes.first(where: { $0.value == exponent })?.key ?? "e\(exponent)"
            } else {
                suffix = exponent == 0 ? "" : "e\(exponent)"
            }
            return sign + mantissa.description + suffix
        case .binarySI:
            var whole = amount.magnitude
            if amount.scale < 0 { whole.multiplyByPowerOf10(-amount.scale) }
            if amount.scale > 0 { for _ in 0..<amount.scale { whole = whole.divided(by: 10).quotient } }
            var times = 0
            while !whole.isZero {
                let (q, r) = whole.divided(by: 1024)
                if r != 0 || BigUInt(1024) > whole { break }
                whole = q
                times += 1
            }
            let suffix = QuantityParser.binarySuffixes.first(where: { $0.value == times * 10 })?.key ?? ""
            return sign + whole.description + suffix
        }
    }
}
