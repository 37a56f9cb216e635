import Testing
@testable import YAML

/// The reader's word-at-a-time check against a plain byte-by-byte reference.
@Suite struct ReaderTests {
    /// YAML 1.2 printable set, for ASCII: tab, LF, CR and 0x20–0x7E.
    static func plainASCII(_ b: UInt8) -> Bool {
        b == 0x09 || b == 0x0A || b == 0x0D || (0x20...0x7E).contains(b)
    }

    @Test func wordMaskFlagsExactlyTheBytesThatAreNotPlainASCII() {
        var rng = SystemRandomNumberGenerator()
        var words: [UInt64] = (0..<20_000).map { _ in rng.next() }
        // Every byte value in every position of an otherwise plain word, and words of
        // newlines and tabs (the common case the mask must let through).
        for value in 0...255 {
            for position in 0..<8 {
                var w: UInt64 = 0x6161_6161_6161_6161
                w &= ~(UInt64(0xFF) << (position * 8))
                w |= UInt64(value) << (position * 8)
                words.append(w)
            }
        }
        words += [0x0A0A_0A0A_0A0A_0A0A, 0x2009_0D0A_2020_3A61, 0]
        for w in words {
            var expected: UInt64 = 0
            for k in 0..<8 where !Self.plainASCII(UInt8(truncatingIfNeeded: w >> (k * 8))) {
                expected |= 0x80 << (k * 8)
            }
            #expect(SourceBuffer.notPlainASCII(w) == expected, "palabra \(String(w, radix: 16))")
        }
    }

    @Test func firstInvalidByteIsReportedWhereverItFalls() throws {
        let line = Array("key: value\n\tx: \"y\"\r\nz: ñ — 😀\n".utf8)
        for bad: UInt8 in [0x00, 0x07, 0x1B, 0x7F, 0x80, 0xC0, 0xFF] {
            for position in 0..<line.count where line[position] < 0x80 {
                var bytes = line
                bytes[position] = bad
                do {
                    _ = try SourceBuffer(bytes: bytes, file: "r.yaml", limits: .standard)
                    Issue.record("byte \(bad) en \(position) aceptado")
                } catch {
                    #expect(error.kind == .invalidUTF8)
                    #expect(error.mark.offset == position, "byte \(bad) en \(position)")
                }
            }
        }
        _ = try SourceBuffer(bytes: line, file: "r.yaml", limits: .standard)
    }
}
