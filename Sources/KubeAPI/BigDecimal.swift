/// Just enough arbitrary precision for quantities: what `gopkg.in/inf.v0`'s `Dec` and
/// `math/big` do for k8s.io/apimachinery/pkg/api/resource when a value leaves int64.
/// A magnitude with 32-bit limbs, least significant first; no leading zero limbs.
struct BigUInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt32]

    init(_ value: UInt64 = 0) {
        limbs = []
        var v = value
        while v > 0 { limbs.append(UInt32(truncatingIfNeeded: v)); v >>= 32 }
    }

    /// BigDecimal digits only.
    init?(digits: Substring) {
        guard !digits.isEmpty else { return nil }
        self.init()
        for c in digits.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            multiply(by: 10, adding: UInt32(c - 48))
        }
    }

    var isZero: Bool { limbs.isEmpty }

    mutating func multiply(by factor: UInt32, adding addend: UInt32 = 0) {
        var carry = UInt64(addend)
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    mutating func multiplyByPowerOf10(_ n: Int) {
        var left = n
        while left > 0 {
            let step = min(left, 9)
            var factor: UInt32 = 1
            for _ in 0..<step { factor *= 10 }
            multiply(by: factor)
            left -= step
        }
    }

    mutating func shiftLeft(_ bits: Int) {
        var left = bits
        while left > 0 {
            let step = min(left, 31)
            multiply(by: UInt32(1) << UInt32(step))
            left -= step
        }
    }

    /// Quotient and remainder by a small divisor.
    func divided(by divisor: UInt32) -> (quotient: BigUInt, remainder: UInt32) {
        var quotient = self
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[i])
            quotient.limbs[i] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        quotient.normalize()
        return (quotient, UInt32(remainder))
    }

    var uint64: UInt64? {
        guard limbs.count <= 2 else { return nil }
        var v: UInt64 = 0
        for limb in limbs.reversed() { v = v << 32 | UInt64(limb) }
        return v
    }

    /// The sum of two magnitudes.
    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var result = BigUInt()
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let sum = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            result.limbs.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.limbs.append(UInt32(carry)) }
        result.normalize()
        return result
    }

    /// The difference of two magnitudes, `a` not below `b`.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var result = a
        var borrow: Int64 = 0
        for i in result.limbs.indices {
            var d = Int64(result.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 1 << 32 }
            result.limbs[i] = UInt32(d)
        }
        result.normalize()
        return result
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in a.limbs.indices.reversed() where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }

    var description: String {
        if isZero { return "0" }
        var chunks: [UInt32] = []
        var n = self
        while !n.isZero {
            let (q, r) = n.divided(by: 1_000_000_000)
            chunks.append(r)
            n = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() { text += String(chunk).leftPadded(to: 9) }
        return text
    }
}

/// A signed decimal `magnitude × 10^-scale` (inf.Dec's unscaled value and scale).
struct BigDecimal: Sendable, Hashable, CustomStringConvertible {
    var negative: Bool
    var magnitude: BigUInt
    var scale: Int

    init(negative: Bool = false, magnitude: BigUInt, scale: Int = 0) {
        self.negative = negative && !magnitude.isZero
        self.magnitude = magnitude
        self.scale = scale
    }

    init(_ value: Int64, scale: Int = 0) {
        self.init(negative: value < 0, magnitude: BigUInt(value.magnitude), scale: scale)
    }

    /// inf.Dec `SetString`: an optional sign, digits, an optional `.` and digits.
    init?(parsing text: Substring) {
        var rest = text
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), let magnitude = BigUInt(digits: Substring(whole + fraction)) else {
            return nil
        }
        self.init(negative: negative, magnitude: magnitude, scale: fraction.count)
    }

    var isZero: Bool { magnitude.isZero }
    var sign: Int { isZero ? 0 : (negative ? -1 : 1) }

    /// inf.Dec `Round(x, s, RoundUp)` for `s` below the current scale: away from zero.
    mutating func roundAwayFromZero(toScale target: Int) {
        guard scale > target else { return }
        var q = magnitude
        var inexact = false
        for _ in 0..<(scale - target) {
            let (next, r) = q.divided(by: 10)
            if r != 0 { inexact = true }
            q = next
        }
        if inexact { q.multiply(by: 1, adding: 1) }
        magnitude = q
        scale = target
    }

    /// Whether the value is a whole number.
    var isInteger: Bool {
        if scale <= 0 { return true }
        var q = magnitude
        for _ in 0..<scale {
            let (next, r) = q.divided(by: 10)
            if r != 0 { return false }
            q = next
        }
        return true
    }

    /// The two magnitudes brought to a common scale.
    static func aligned(_ a: BigDecimal, _ b: BigDecimal) -> (BigUInt, BigUInt) {
        var x = a.magnitude, y = b.magnitude
        if a.scale < b.scale { x.multiplyByPowerOf10(b.scale - a.scale) }
        if b.scale < a.scale { y.multiplyByPowerOf10(a.scale - b.scale) }
        return (x, y)
    }

    /// inf.Dec `Add`: exact, at the larger of the two scales.
    static func + (a: BigDecimal, b: BigDecimal) -> BigDecimal {
        let (x, y) = aligned(a, b)
        let scale = max(a.scale, b.scale)
        if a.negative == b.negative { return BigDecimal(negative: a.negative, magnitude: x + y, scale: scale) }
        return y < x ? BigDecimal(negative: a.negative, magnitude: x - y, scale: scale)
                     : BigDecimal(negative: b.negative, magnitude: y - x, scale: scale)
    }

    static func compare(_ a: BigDecimal, _ b: BigDecimal) -> Int {
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        let (x, y) = aligned(a, b)
        if x == y { return 0 }
        return (x < y) != a.negative ? -1 : 1
    }

    var description: String {
        var digits = magnitude.description
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0 && !isZero {
            digits += String(repeating: "0", count: -scale)
        }
        return (negative ? "-" : "") + digits
    }
}
