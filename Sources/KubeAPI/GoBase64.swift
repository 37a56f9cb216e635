/// Go's `base64.StdEncoding.DecodeString` (encoding/base64/base64.go, decodeQuantum), kept
/// exact in where it reports a `CorruptInputError`: `\r` and `\n` are skipped, padding is
/// required, and the failing byte offset is the one Go prints in
/// `illegal base64 data at input byte N`.
enum GoBase64 {
    enum Outcome { case success([UInt8]), failure(Int)
        var bytes: [UInt8]? { if case .success(let b) = self { return b }; return nil }
    }

    /// `base64.StdEncoding.EncodeToString`: standard alphabet, `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// nil when `text` decodes; else the byte offset in Go's `illegal base64 data at input byte N`.
    static func corruptOffset(_ text: String) -> Int? {
        if case .failure(let offset) = decode(text) { return offset }
        return nil
    }

    static func decode(_ text: String) -> Outcome {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        var si = 0
        while true {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var trailing: Int? = nil
            while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return .failure(si - j)
                }
                let c = src[si]
                si += 1
                if let v = sextet(c) {
                    dbuf[j] = v
                    j += 1
                    continue
                }
                if c == 10 || c == 13 { continue }
                if c != 61 { return .failure(si - 1) }
                // Padding.
                if j < 2 { return .failure(si - 1) }
                if j == 2 {
                    while si < src.count && (src[si] == 10 || src[si] == 13) { si += 1 }
                    if si == src.count { return .failure(src.count) }
                    if src[si] != 61 { return .failure(si - 1) }
                    si += 1
                }
                while si < src.count && (src[si] == 10 || src[si] == 13) { si += 1 }
                if si < src.count { trailing = si }
                dlen = j
                break
            }
            let val = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(val >> 16 & 0xFF), UInt8(val >> 8 & 0xFF), UInt8(val & 0xFF)]
            out += bytes.prefix(dlen - 1)
            if let t = trailing { return .failure(t) }
            if dlen < 4 { return .success(out) }
        }
    }

    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case 65...90: return c - 65
        case 97...122: return c - 71
        case 48...57: return c + 4
        case 43: return 62
        case 47: return 63
        default: return nil
        }
    }
}
