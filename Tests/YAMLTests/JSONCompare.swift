import Foundation
@testable import YAML

/// Helpers to compare our values with JSON texts parsed by Foundation.
enum JSONCompare {
    /// Splits concatenated JSON texts (`in.json` may hold one per document).
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var texts: [[UInt8]] = []
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            var depth = 0
            var inString = false
            repeat {
                let b = bytes[i]
                if inString {
                    if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                } else if depth == 0, isSpace(b) {
                    break
                }
                i += 1
            } while i < bytes.count && (depth > 0 || inString || !(bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "\"")))
            texts.append(Array(bytes[start..<min(i, bytes.count)]))
        }
        return texts
    }

    static func parse(_ text: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
    }

    /// Structural, numeric comparison of our value with a Foundation JSON object.
    static func equal(_ value: Value, _ any: Any) -> Bool {
        switch value {
        case .null:
            return any is NSNull
        case .bool(let b):
            guard let n = any as? NSNumber, isBoolean(n) else { return false }
            return n.boolValue == b
        case .int, .float:
            guard let n = any as? NSNumber, !isBoolean(n), let d = value.double else { return false }
            return n.doubleValue == d || (d.isNaN && n.doubleValue.isNaN)
        case .string(let s):
            return (any as? String) == s
        case .sequence(let items):
            guard let array = any as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { equal($0, $1) }
        case .mapping(let pairs):
            guard let object = any as? [String: Any], object.count == pairs.count else { return false }
            return pairs.allSatisfy { pair in
                object[JSONWriter.keyString(pair.key)].map { equal(pair.value, $0) } ?? false
            }
        }
    }

    static func isBoolean(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c" || type(of: n) == type(of: NSNumber(value: true))
            && String(cString: NSNumber(value: true).objCType) == String(cString: n.objCType)
    }
}
