/// String equality for mapping keys (`metadata`, `containers`, `creationTimestamp`…), the
/// comparison every `Value` lookup makes a handful of times per step of a path. `==` on two
/// different strings calls into the standard library's general comparison, which handles
/// Unicode canonical equivalence; for two ASCII strings it is plain byte equality, and two
/// ASCII strings of different lengths are never equal. A probe decides that from the strings'
/// two words, without a call, for the key it looks for against each key it meets; everything
/// else goes to `==`.
///
/// The layout read is the 64-bit `_StringObject` of the standard library
/// (stdlib/public/core/StringObject.swift): the discriminator is the top nibble of the second
/// word — `0xE` for an immortal small ASCII string, whose length is the next nibble and whose
/// unused bytes are zero — and, when its low three bits are clear (a native, immortal or shared
/// large string with contiguous UTF-8), the first word holds `isASCII` in bit 63 and the
/// length in bits 0–47. Not ASCII (the Kelvin sign equals `K`), or any other form: `==`.
/// `FastStringEqualityTests` checks this against `==` on the toolchain in use.
@usableFromInline
struct KeyProbe {
    @usableFromInline let key: String
    #if _pointerBitWidth(_64)
    @usableFromInline let words: (UInt64, UInt64)
    /// The key's length when it is ASCII in a form read here; nil sends every comparison to `==`.
    @usableFromInline let asciiCount: UInt64?
    @usableFromInline let small: Bool
    #endif

    @inlinable @inline(__always)
    init(_ key: String) {
        self.key = key
        #if _pointerBitWidth(_64)
        words = unsafeBitCast(key, to: (UInt64, UInt64).self)
        (asciiCount, small) = KeyProbe.asciiCount(words)
        #endif
    }

    #if _pointerBitWidth(_64)
    @inlinable @inline(__always)
    static func asciiCount(_ w: (UInt64, UInt64)) -> (UInt64?, Bool) {
        let d = w.1 >> 60
        if d == 0xE { return ((w.1 >> 56) & 0xF, true) }
        if d & 0x7 == 0 && w.0 >> 63 == 1 { return (w.0 & 0xFFFF_FFFF_FFFF, false) }
        return (nil, false)
    }
    #endif

    @inlinable @inline(__always)
    func matches(_ other: String) -> Bool {
        #if _pointerBitWidth(_64)
        let w = unsafeBitCast(other, to: (UInt64, UInt64).self)
        if w.0 == words.0 && w.1 == words.1 { return true }
        guard let count = asciiCount else { return key == other }
        let (otherCount, otherSmall) = KeyProbe.asciiCount(w)
        guard let otherCount else { return key == other }
        if otherCount != count { return false }
        // Two small ASCII strings of the same length are equal only with the same words.
        if small && otherSmall { return false }
        #endif
        return key == other
    }
}

/// For tests: the probe's comparison, from outside the module.
public func _sameKeyForTesting(_ a: String, _ b: String) -> Bool { KeyProbe(b).matches(a) }
