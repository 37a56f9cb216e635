/// The string-format checks of staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
/// (and `content.IsLabelKey`/`IsLabelValue`, `path.IsValidPathSegmentName`). Each returns the
/// upstream messages, empty when the value is valid. Plain byte scans replace Go's regexps.
enum Names {
    static let dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
    static let dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFmt = "(" + qualifiedNameFmt + ")?"
    static let envVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*"
    static let configMapKeyFmt = "[-._a-zA-Z0-9]+"

    // MARK: Message builders (RegexError, MaxLenError, EmptyError, InclusiveRangeError)

    static func regexError(_ msg: String, _ fmt: String, _ examples: String...) -> String {
        if examples.isEmpty { return msg + " (regex used for validation is '" + fmt + "')" }
        var out = msg + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { out += " or " }
            out += "'" + e + "', "
        }
        return out + "regex used for validation is '" + fmt + "')"
    }
    static func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }
    static let emptyError = "must be non-empty"
    static func inclusiveRangeError(_ lo: Int, _ hi: Int) -> String { "must be between \(lo) and \(hi), inclusive" }

    // MARK: Character classes

    private static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
    private static func isAlnum(_ c: UInt8) -> Bool { isLowerAlnum(c) || (c >= 65 && c <= 90) }
    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) }

    static func matchesDNS1123Label(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isDNS1123Label($0, 0, $0.count) }
    }
    static func matchesDNS1123Subdomain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isDNS1123Subdomain($0, 0, $0.count) }
    }
    static func matchesQualifiedNamePart(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isQualifiedNamePart($0, 0, $0.count) }
    }

    // Byte-level matchers over `b[lo..<hi]`, without copies or slices: names and keys are
    // checked on every write (an Event's name on every event), so each is one plain loop.
    private static func isDNS1123Label(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard hi > lo, isLowerAlnum(b[lo]), isLowerAlnum(b[hi - 1]) else { return false }
        var i = lo + 1
        while i < hi - 1 {
            let c = b[i]
            guard isLowerAlnum(c) || c == 45 else { return false }
            i += 1
        }
        return true
    }
    private static func isDNS1123Subdomain(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var start = lo, i = lo
        while i < hi {
            if b[i] == 46 {
                guard isDNS1123Label(b, start, i) else { return false }
                start = i + 1
            }
            i += 1
        }
        return isDNS1123Label(b, start, hi)
    }
    private static func isQualifiedNamePart(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard hi > lo, isAlnum(b[lo]), isAlnum(b[hi - 1]) else { return false }
        var i = lo + 1
        while i < hi - 1 {
            let c = b[i]
            guard isAlnum(c) || c == 45 || c == 95 || c == 46 else { return false }
            i += 1
        }
        return true
    }

    /// `qualifiedName(value).isEmpty`, decided without building any string.
    static func isValidQualifiedName(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { b in
            guard let slash = b.firstIndex(of: 47) else {
                return b.count <= 63 && isQualifiedNamePart(b, 0, b.count)
            }
            guard !b[(slash + 1)...].contains(47) else { return false }
            return slash > 0 && slash <= 253 && isDNS1123Subdomain(b, 0, slash)
                && b.count - slash - 1 <= 63 && isQualifiedNamePart(b, slash + 1, b.count)
        }
    }

    // MARK: Checks

    static func dns1123Label(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > 63 { errs.append(maxLenError(63)) }
        if !matchesDNS1123Label(s) {
            if matchesDNS1123Subdomain(s) {
                errs.append("must not contain dots")
            } else {
                errs.append(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", dns1123LabelFmt, "my-name", "123-abc"))
            }
        }
        return errs
    }

    static func dns1123Subdomain(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > 253 { errs.append(maxLenError(253)) }
        if !matchesDNS1123Subdomain(s) {
            errs.append(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", dns1123SubdomainFmt, "example.com"))
        }
        return errs
    }

    static func dns1035Label(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > 63 { errs.append(maxLenError(63)) }
        let b = Array(s.utf8)
        let ok = b.first.map { isAlpha($0) && $0 >= 97 } == true && matchesDNS1123Label(s)
        if !ok {
            errs.append(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", dns1035LabelFmt, "my-name", "abc-123"))
        }
        return errs
    }

    static let qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    /// `IsQualifiedName` (label and annotation keys).
    static func qualifiedName(_ value: String) -> [String] {
        isValidQualifiedName(value) ? [] : qualifiedNameErrors(value)
    }

    /// The messages of `IsQualifiedName`, worked out part by part (empty when valid).
    static func qualifiedNameErrors(_ value: String) -> [String] {
        var errs: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty {
                errs.append("prefix part " + emptyError)
            } else {
                errs += dns1123Subdomain(parts[0]).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name " + regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errs.append("name part " + emptyError)
        } else if name.utf8.count > 63 {
            errs.append("name part " + maxLenError(63))
        }
        if !matchesQualifiedNamePart(name) {
            errs.append("name part " + regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc"))
        }
        return errs
    }

    static func labelValue(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > 63 { errs.append(maxLenError(63)) }
        if !value.isEmpty && !matchesQualifiedNamePart(value) {
            errs.append(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", labelValueFmt, "MyValue", "my_value", "12345"))
        }
        return errs
    }

    /// `IsEnvVarName`, the strict check used before RelaxedEnvironmentVariableValidation.
    static func envVarName(_ value: String) -> [String] {
        var errs: [String] = []
        let b = Array(value.utf8)
        let ok = b.first.map { isAlpha($0) || $0 == 45 || $0 == 46 || $0 == 95 } == true
            && b.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 46 || $0 == 95 }
        if !ok {
            errs.append(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", envVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"))
        }
        return errs + chDirPrefix(value)
    }

    /// `IsRelaxedEnvVarName`: the check in force in v1.32 (RelaxedEnvironmentVariableValidation
    /// is beta and on by default).
    static func relaxedEnvVarName(_ value: String) -> [String] {
        var errs: [String] = []
        if value.isEmpty { errs.append("environment variable name " + emptyError) }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E || $0 == "=" }) {
            errs.append("a valid environment variable name must consist only of printable ASCII characters other than '='")
        }
        return errs
    }

    static func configMapKey(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > 253 { errs.append(maxLenError(253)) }
        let b = Array(value.utf8)
        if b.isEmpty || !b.allSatisfy({ isAlnum($0) || $0 == 45 || $0 == 46 || $0 == 95 }) {
            errs.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFmt, "key.name", "KEY_NAME", "key-name"))
        }
        return errs + chDirPrefix(value)
    }

    private static func chDirPrefix(_ value: String) -> [String] {
        if value == "." { return ["must not be '.'"] }
        if value == ".." { return ["must not be '..'"] }
        if value.hasPrefix("..") { return ["must not start with '..'"] }
        return []
    }

    static func portNum(_ port: Int64) -> [String] {
        (1...65535).contains(port) ? [] : [inclusiveRangeError(1, 65535)]
    }

    static func portName(_ port: String) -> [String] {
        var errs: [String] = []
        let b = Array(port.utf8)
        if b.count > 15 { errs.append(maxLenError(15)) }
        if b.isEmpty || !b.allSatisfy({ isLowerAlnum($0) || $0 == 45 }) {
            errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !b.contains(where: { $0 >= 97 && $0 <= 122 }) { errs.append("must contain at least one letter (a-z)") }
        if port.contains("--") { errs.append("must not contain consecutive hyphens") }
        if b.first == 45 || b.last == 45 { errs.append("must not begin or end with a hyphen") }
        return errs
    }

    /// `path.IsValidPathSegmentName` (HPA names, scaleTargetRef kind/name).
    static func pathSegmentName(_ name: String) -> [String] {
        if name == "." || name == ".." { return ["may not be '\(name)'"] }
        return ["/", "%"].filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }
}

/// How a kind's `metadata.name` (and `generateName`) is checked: the `nameFn` each kind passes
/// to `ValidateObjectMeta` upstream.
enum NameRule: Sendable {
    case dns1123Subdomain, dns1123Label, dns1035Label, pathSegment

    /// With `prefix` (a `generateName`), a trailing dash is allowed (`maskTrailingDash`).
    func messages(_ name: String, prefix: Bool = false) -> [String] {
        var n = name
        if prefix, n.utf8.count > 1, n.utf8.last == UInt8(ascii: "-") {
            // The same number of bytes, so length limits answer as for the prefix itself.
            var bytes = Array(n.utf8)
            bytes[bytes.count - 1] = UInt8(ascii: "a")
            n = String(decoding: bytes, as: UTF8.self)
        }
        switch self {
        case .dns1123Subdomain: return Names.dns1123Subdomain(n)
        case .dns1123Label: return Names.dns1123Label(n)
        case .dns1035Label: return Names.dns1035Label(n)
        case .pathSegment: return Names.pathSegmentName(n)
        }
    }
}
