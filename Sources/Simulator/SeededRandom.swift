/// The cluster's only source of randomness: xoshiro256** (Blackman and Vigna, 2018) seeded
/// through splitmix64, as its authors recommend. The four words of state are saved with the
/// cluster, so a loaded cluster goes on generating the same names and uids it would have
/// generated without the save.
///
/// Library code never asks the system for randomness; everything random (generated name suffixes, uids)
/// draws from here.
public struct SeededRandom: Sendable, Hashable {
    public private(set) var state: [UInt64]

    public init(seed: UInt64) {
        var s = seed
        var words: [UInt64] = []
        for _ in 0..<4 { words.append(SeededRandom.splitmix64(&s)) }
        state = words
    }

    /// Restores a saved state (four words, not all zero).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
    }

    static func splitmix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = SeededRandom.rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = SeededRandom.rotl(state[3], 45)
        return result
    }

    /// A non-negative 63-bit integer, as Go's `rand.Int63()` (the top 63 bits).
    public mutating func int63() -> Int64 { Int64(bitPattern: next() >> 1) }

    /// A uniform integer in `0..<bound` (rejection sampling, no modulo bias).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return x % bound }
        }
    }
}
