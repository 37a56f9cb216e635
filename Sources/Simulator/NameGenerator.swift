import YAML

/// Names, hashes and uids in exactly upstream's shapes, drawn from the cluster's seeded
/// generator.
public enum NameGenerator {
    /// k8s.io/apimachinery/pkg/util/rand/rand.go: "We omit vowels from the set of available
    /// characters to reduce the chances of 'bad words' being formed."
    static let alphanums: [UInt8] = Array("bcdfghjklmnpqrstvwxz2456789".utf8)
    // rand.go: alphanumsIdxBits = 5, alphanumsIdxMask = 1<<5 - 1, maxAlphanumsPerInt = 63 / 5.
    static let idxBits: Int64 = 5
    static let idxMask: Int64 = 1 << 5 - 1
    static let maxAlphanumsPerInt = 63 / 5

    /// `rand.String(n)` (k8s.io/apimachinery/pkg/util/rand/rand.go): five bits at a time from
    /// one `Int63`, skipping indices past the alphabet, a new `Int63` every 12 characters.
    public static func randomString(_ n: Int, using random: inout SeededRandom) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        var bits = random.int63()
        var remaining = maxAlphanumsPerInt
        while bytes.count < n {
            if remaining == 0 {
                bits = random.int63()
                remaining = maxAlphanumsPerInt
            }
            let index = Int(bits & idxMask)
            if index < alphanums.count { bytes.append(alphanums[index]) }
            bits >>= idxBits
            remaining -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // k8s.io/apiserver/pkg/storage/names/generate.go: maxNameLength = 63, randomLength = 5,
    // MaxGeneratedNameLength = maxNameLength - randomLength.
    static let maxNameLength = 63
    static let randomLength = 5
    static let maxGeneratedNameLength = maxNameLength - randomLength

    /// `SimpleNameGenerator.GenerateName`: the base cut to 58 bytes, then 5 random characters
    /// (`web-7d4b9c8f5-` → `web-7d4b9c8f5-x2q8k`).
    public static func generateName(base: String, using random: inout SeededRandom) -> String {
        var prefix = base
        if prefix.utf8.count > maxGeneratedNameLength {
            prefix = String(decoding: Array(prefix.utf8.prefix(maxGeneratedNameLength)), as: UTF8.self)
        }
        return prefix + randomString(randomLength, using: &random)
    }

    /// `rand.SafeEncodeString`: each rune replaced by `alphanums[rune % 27]`, so the result
    /// has no vowels (and no bad words). Go sizes the output by bytes and indexes it by rune;
    /// the inputs upstream passes (decimal digits) are ASCII, where the two agree.
    public static func safeEncode(_ s: String) -> String {
        String(decoding: s.unicodeScalars.map { alphanums[Int($0.value) % alphanums.count] }, as: UTF8.self)
    }

    /// FNV-1a, 32 bits (Go's hash/fnv `New32a`).
    public static func fnv32a<S: Sequence>(_ bytes: S, seed: UInt32 = 2_166_136_261) -> UInt32 where S.Element == UInt8 {
        var h = seed
        for b in bytes {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        return h
    }

    /// `controller.ComputeHash` (pkg/controller/controller_utils.go): FNV-32a of the pod
    /// template, then the little-endian collision count when there is one, printed in decimal
    /// and passed through `SafeEncodeString` — the `pod-template-hash` label.
    ///
    /// Deviation: upstream feeds the hasher `hashutil.DeepHashObject`, which prints the Go
    /// struct with spew's `%#v`-like config (type names, pointer-following, sorted map keys).
    /// We hash the template's JSON with sorted keys instead: deterministic and sensitive to
    /// the same changes, but the values differ from a real cluster's for the same template.
    public static func podTemplateHash(_ template: Value, collisionCount: Int32? = nil) -> String {
        var h = fnv32a(JSONWriter.bytes(template, sortKeys: true))
        if let collisionCount {
            let c = UInt32(bitPattern: collisionCount)
            // binary.LittleEndian.PutUint32 into an 8-byte slice: four bytes, then four zeros.
            let bytes: [UInt8] = [UInt8(c & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c >> 16 & 0xFF), UInt8(c >> 24), 0, 0, 0, 0]
            h = fnv32a(bytes, seed: h)
        }
        return safeEncode(String(h))
    }

    /// An RFC 4122 version 4 uid from 128 random bits (what `uuid.NewUUID()` gives the
    /// apiserver in k8s.io/apimachinery/pkg/util/uuid): `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
    public static func uuid(using random: inout SeededRandom) -> String {
        // The 16 bytes, most significant first, as two words; then the version and variant
        // bits; then 32 hex digits with dashes after bytes 4, 6, 8 and 10, written in place.
        var hi = random.next(), lo = random.next()
        hi = hi & ~(0xF0 << 8) | (0x40 << 8)          // byte 6: version 4
        lo = lo & ~(0xC0 << 56) | (0x80 << 56)        // byte 8: variant 10xx
        return String(unsafeUninitializedCapacity: 36) { out in
            var i = 0
            for k in 0..<16 {
                if k == 4 || k == 6 || k == 8 || k == 10 { out[i] = 0x2D; i += 1 }
                let word = k < 8 ? hi : lo
                let byte = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (k % 8)))
                out[i] = hexDigit(byte >> 4)
                out[i + 1] = hexDigit(byte & 0x0F)
                i += 2
            }
            return i
        }
    }

    /// An Event's name, `<object>.<nanoseconds in lowercase hex, no leading zeros>`
    /// (record/events.go `makeEvent`: `fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())`), written
    /// in one pass.
    static func eventName(_ object: String, nanoseconds: UInt64) -> String {
        var object = object
        let digits = max(1, (64 - nanoseconds.leadingZeroBitCount + 3) / 4)
        return object.withUTF8 { name in
            String(unsafeUninitializedCapacity: name.count + 1 + digits) { out in
                if let base = name.baseAddress, name.count > 0 { out.baseAddress!.initialize(from: base, count: name.count) }
                out[name.count] = 0x2E
                for d in 0..<digits {
                    out[name.count + 1 + d] = hexDigit(UInt8(truncatingIfNeeded: nanoseconds >> UInt64(4 * (digits - 1 - d))) & 0xF)
                }
                return name.count + 1 + digits
            }
        }
    }

    /// The lowercase hex digit of `n` (0–15), as a UTF-8 byte.
    @inline(__always)
    static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }
}
