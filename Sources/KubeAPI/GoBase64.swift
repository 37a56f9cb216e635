/// Go's `base64.StdEncoding.Decode` error position (encoding/base64/base64.go
/// `decodeQuantum`): padding required, `\r` and `\n` skipped, `CorruptInputError` at the
/// offset Go reports. Used for `[]byte` fields (Secret `data`), which encoding/json decodes
/// with `base64.StdEncoding`.
enum GoBase64 {
    /// nil when `text` decodes; else the byte offset in Go's `illegal base64 data at input byte N`.
    static func corruptOffset(_ text: String) -> Int? {
        let src = Array(text.utf8)
        var si = 0
        while si < src.count {
            let (next, error) = quantum(src, si)
            if let error { return error }
            if next == si { break }
            si = next
        }
        return nil
    }

    private static func quantum(_ src: [UInt8], _ start: Int) -> (Int, Int?) {
        var si = start
        var j = 0
        while j < 4 {
            if si == src.count {
                if j == 0 { return (si, nil) }
                return (si, si - j)  // padding is required (StdEncoding)
            }
            let c = src[si]
            si += 1
            if sextet(c) { j += 1; continue }
            if c == 0x0A || c == 0x0D { continue }
            if c != UInt8(ascii: "=") { return (si, si - 1) }
            switch j {
            case 0, 1: return (si, si - 1)
            case 2:
                while si < src.count && (src[si] == 0x0A || src[si] == 0x0D) { si += 1 }
                if si == src.count { return (si, src.count) }
                if src[si] != UInt8(ascii: "=") { return (si, si - 1) }
                si += 1
            default: break
            }
            while si < src.count && (src[si] == 0x0A || src[si] == 0x0D) { si += 1 }
            if si < src.count { return (si, si) }  // trailing garbage
            return (si, nil)
        }
        return (si, nil)
    }

    private static func sextet(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"): true
        default: false
        }
    }
}
