/// A field of an object, as a check names it:
///
/// ```
/// path      = segment { "." name | "[" selector "]" }
/// segment   = name | "[" selector "]"
/// selector  = INT                    (an item of a list: [0])
///           | "*"                    (every item of a list, or every value of a map)
///           | key "=" value          (the items of a list whose key has that value: [name=web])
///           | '"' text '"'           (a map key with dots: labels["app.kubernetes.io/name"])
/// ```
///
/// `spec.template.spec.containers[name=web].image`, `status.conditions[type=Ready].status`,
/// `spec.template.spec.containers[*].resources.limits.memory`.
public struct FieldPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case key(String)
        case index(Int)
        case all
        case match(key: String, value: String)
    }

    public var components: [Component]
    public var text: String

    public var description: String { text }

    /// Whether the path can name several values.
    public var isMultiple: Bool { components.contains { if case .index = $0 { return false }; if case .key = $0 { return false }; return true } }

    public struct ParseError: Error, Sendable, Equatable {
        public var reason: String
        public var offset: Int
    }

    public init(_ text: String) throws(ParseError) {
        self.text = text
        var components: [Component] = []
        let chars = Array(text)
        var i = 0
        func fail(_ reason: String) -> ParseError { ParseError(reason: reason, offset: i) }
        if chars.isEmpty { throw fail(PathMessages.empty) }
        var expectName = true
        while i < chars.count {
            let start = i
            if chars[i] == "[" {
                i += 1
                guard let close = chars[i...].firstIndex(of: "]") else { throw fail(PathMessages.unclosedBracket) }
                let inside = String(chars[i..<close])
                i = close + 1
                if inside == "*" {
                    components.append(.all)
                } else if let n = Int(inside), n >= 0 {
                    components.append(.index(n))
                } else if inside.count >= 2, let q = inside.first, q == "\"" || q == "'", inside.last == q {
                    components.append(.key(String(inside.dropFirst().dropLast())))
                } else if let eq = inside.firstIndex(of: "=") {
                    let key = String(inside[..<eq]).trimmingSpaces, value = String(inside[inside.index(after: eq)...]).trimmingSpaces
                    if key.isEmpty { i = start; throw fail(PathMessages.emptyMatchKey) }
                    components.append(.match(key: key, value: value))
                } else {
                    i = start
                    throw fail(PathMessages.badSelector(inside))
                }
                expectName = false
                continue
            }
            if chars[i] == "." {
                if expectName { throw fail(PathMessages.emptyName) }
                i += 1
                expectName = true
                if i == chars.count { throw fail(PathMessages.emptyName) }
                continue
            }
            if !expectName { throw fail(PathMessages.missingDot) }
            var name = ""
            while i < chars.count, chars[i] != ".", chars[i] != "[" {
                if chars[i] == "]" || chars[i] == " " { throw fail(PathMessages.unexpected(chars[i])) }
                name.append(chars[i])
                i += 1
            }
            components.append(.key(name))
            expectName = false
        }
        self.components = components
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

enum PathMessages {
    static let empty = "la ruta está vacía"
    static let unclosedBracket = "falta el «]» que cierra el corchete"
    static let emptyMatchKey = "falta la clave antes de «=» (por ejemplo [name=web])"
    static let emptyName = "hay un nombre de campo vacío (dos puntos seguidos, o un punto al final)"
    static let missingDot = "falta un «.» entre un corchete y el nombre siguiente"
    static func badSelector(_ inside: String) -> String {
        "«[\(inside)]» no es un selector válido: usa un número ([0]), [*], clave=valor ([name=web]) o una clave entre comillas ([\"app.kubernetes.io/name\"])"
    }
    static func unexpected(_ c: Character) -> String { "«\(c)» no puede ir en el nombre de un campo" }
}
