/// An IPv4 address as a 32-bit number, for the Service allocators
/// (pkg/registry/core/service/ipallocator works on `big.Int` offsets from the range base).
struct IPv4: Sendable, Hashable, Comparable, CustomStringConvertible {
    var value: UInt32

    init(_ value: UInt32) { self.value = value }

    /// Dotted decimal, four parts 0–255, no leading zeros (`netip.ParseAddr`).
    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt32(p), n <= 255,
                  !(p.count > 1 && p.first == "0") else { return nil }
            v = v << 8 | n
        }
        value = v
    }

    var description: String {
        "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }

    static func < (a: IPv4, b: IPv4) -> Bool { a.value < b.value }
}

/// A CIDR block (`10.96.0.0/12`).
struct IPv4Range: Sendable, Hashable, CustomStringConvertible {
    var base: IPv4
    var prefix: Int

    var size: UInt32 { prefix == 0 ? UInt32.max : UInt32(1) << UInt32(32 - prefix) }
    func contains(_ ip: IPv4) -> Bool { ip.value >= base.value && ip.value - base.value < size }
    var description: String { "\(base)/\(prefix)" }
}

extension IPv4Range {
    /// `10.0.0.0/16`; a bare address is a /32.
    init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, let ip = IPv4(String(first)) else { return nil }
        let prefix = parts.count == 2 ? Int(parts[1]) : 32
        guard parts.count <= 2, let prefix, (0...32).contains(prefix) else { return nil }
        let mask: UInt32 = prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix)
        self.init(base: IPv4(ip.value & mask), prefix: prefix)
    }
}
