/// `Value` → compact one-line JSON, byte for byte as Go's `json.Marshal` writes it
/// (encoding/json/encode.go):
///
/// - `sortKeys: true` sorts object keys by their UTF-8 bytes, as json.Marshal does for the
///   `map[string]interface{}` sigs.k8s.io/yaml builds (yaml.go `yamlToJSONTarget`). This is
///   what kubectl sends and what `taller yaml json` prints. `sortKeys: false` keeps written
///   order (handy for reading a file's structure).
/// - Strings: `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other control bytes as `\u00XX`, and HTML
///   escaping of `<` `>` `&` as `\u003c` `\u003e` `\u0026`, plus U+2028/U+2029
///   (encode.go `appendString` with escapeHTML, the json.Marshal default).
/// - Numbers: ints in decimal; floats as `GoFloat.json` (`1`, `0.5`, `1e+21`, `1e-7`).
///   NaN and ±Inf, which json.Marshal refuses, are written as `null` here; the kubernetes
///   schema never produces them (it rejects them when loading).
/// - Non-string keys (core schema) are written as the JSON text of the key, quoted.
public enum JSONWriter {
    public static func string(_ value: Value, sortKeys: Bool = true) -> String {
        var out: [UInt8] = []
        write(value, sortKeys: sortKeys, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func bytes(_ value: Value, sortKeys: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        write(value, sortKeys: sortKeys, to: &out)
        return out
    }

    public static func write(_ value: Value, sortKeys: Bool, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .float(let d):
            out.append(contentsOf: (d.isFinite ? GoFloat.json(d) : "null").utf8)
        case .string(let s): writeString(s, to: &out)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, sortKeys: sortKeys, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let pairs):
            var entries = pairs.map { (key: keyString($0.key), value: $0.value) }
            if sortKeys {
                entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            out.append(UInt8(ascii: "{"))
            for (i, entry) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, sortKeys: sortKeys, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The string a key becomes in a JSON object. Scalars become their JSON text; a
    /// collection key (core schema only: json.Marshal itself refuses them, and sigs.k8s.io/yaml
    /// rejects them with "unsupported map key") becomes its JSON-like text in which keys nested
    /// inside it are written raw, not re-quoted. Quoting each level again would double the
    /// backslashes per level: 30 nested `? :` keys (a 200-byte file) would need gigabytes.
    static func keyString(_ key: Value) -> String {
        switch key {
        case .string(let s): return s
        case .sequence, .mapping:
            var out: [UInt8] = []
            writeKey(key, to: &out)
            return String(decoding: out, as: UTF8.self)
        default: return string(key, sortKeys: true)
        }
    }

    /// `write` for the inside of a collection key: linear in the size of the key.
    private static func writeKey(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeKey(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let pairs):
            var entries = pairs.map { pair -> (key: [UInt8], value: Value) in
                var k: [UInt8] = []
                writeKey(pair.key, to: &k)
                return (k, pair.value)
            }
            entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
            out.append(UInt8(ascii: "{"))
            for (i, entry) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: entry.key)
                out.append(UInt8(ascii: ":"))
                writeKey(entry.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(value, sortKeys: true, to: &out)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = Array(s.utf8)[...]
        while let b = utf8.first {
            utf8 = utf8.dropFirst()
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\")); out.append(b)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
            case 0xE2 where utf8.count >= 2 && utf8[utf8.startIndex] == 0x80
                && (utf8[utf8.startIndex + 1] == 0xA8 || utf8[utf8.startIndex + 1] == 0xA9):
                // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
                out.append(contentsOf: (utf8[utf8.startIndex + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                utf8 = utf8.dropFirst(2)
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
