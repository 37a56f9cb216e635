/// Strict standard base64 (RFC 4648 §4, padding required), as Go's
/// `base64.StdEncoding.DecodeString` that go-yaml uses for `!!binary` (goyaml.v2/decode.go).
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var i = 0
        while i < bytes.count {
            var quad: [UInt8] = []
            var padding = 0
            for j in 0..<4 {
                let c = bytes[i + j]
                if c == UInt8(ascii: "=") {
                    // Padding only at the end, and at most two.
                    guard i + 4 == bytes.count, j >= 2 else { return nil }
                    padding += 1
                    quad.append(0)
                } else {
                    guard padding == 0, let v = sextet(c) else { return nil }
                    quad.append(v)
                }
            }
            let n = UInt32(quad[0]) << 18 | UInt32(quad[1]) << 12 | UInt32(quad[2]) << 6 | UInt32(quad[3])
            out.append(UInt8(n >> 16 & 0xFF))
            if padding < 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if padding < 1 { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return out
    }

    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - 65
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - 71
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c + 4
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
