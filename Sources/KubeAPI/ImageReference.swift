/// The tag of a container image reference, as `parsers.ParseImageName`
/// (pkg/util/parsers/parsers.go) returns it for `SetDefaults_Container`: `"latest"` when the
/// reference names neither a tag nor a digest, `""` when it names only a digest or does not
/// parse (e.g. upper-case repository names), else the tag.
enum ImageReference {
    static func tag(of image: String) -> String {
        guard !image.isEmpty, !image.contains(where: { $0 == " " || $0 == "\t" }) else { return "" }
        var reference = Substring(image)
        var hasDigest = false
        if let at = reference.firstIndex(of: "@") {
            hasDigest = true
            reference = reference[..<at]
        }
        let nameStart = reference.lastIndex(of: "/").map { reference.index(after: $0) } ?? reference.startIndex
        let lastComponent = reference[nameStart...]
        var repository = reference
        var tag = ""
        if let colon = lastComponent.lastIndex(of: ":") {
            tag = String(lastComponent[lastComponent.index(after: colon)...])
            repository = reference[..<colon]
            guard isValidTag(tag) else { return "" }
        }
        // The path part must be lower case (the registry host may not be, but a host has a
        // dot or a port and is rarely written upper case by learners).
        let path = repository.split(separator: "/").dropFirst(repository.split(separator: "/").count > 1 && looksLikeHost(repository.split(separator: "/")[0]) ? 1 : 0)
        guard path.allSatisfy({ $0.allSatisfy { !$0.isUppercase } }) else { return "" }
        if tag.isEmpty { return hasDigest ? "" : "latest" }
        return tag
    }

    private static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.unicodeScalars.first, tag.unicodeScalars.count <= 128 else { return false }
        func word(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_") }
        return word(first) && tag.unicodeScalars.allSatisfy { word($0) || $0 == "." || $0 == "-" }
    }

    private static func looksLikeHost(_ component: Substring) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
    }
}
