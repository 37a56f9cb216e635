import YAML

/// What a check expects of the values it finds: every clause must hold. Operands are YAML
/// values under kubectl's schema (`3` is a number, `"3"` text), compared as JSON.
///
/// | clave | se cumple cuando |
/// |---|---|
/// | `igual: V` | el valor es V |
/// | `distinto: V` | existe y no es V |
/// | `minimo: N` / `maximo: N` | es un número (o una cantidad, `500m`, `128Mi`) ≥ N / ≤ N |
/// | `existe: true|false` | el campo está (o no) |
/// | `contiene: V` | texto que contiene V; lista con un elemento V (o un mapa que incluye V); mapa con la clave V |
/// | `coincide: RE` | su texto coincide con la expresión regular RE (la sintaxis habitual de PCRE: clases, grupos, alternativas, anclas) |
/// | `todos: {…}` / `ninguno: {…}` | cada elemento (de la lista, o de las coincidencias de `[*]`) cumple / ninguno cumple la condición anidada, que puede llevar su propio `campo` relativo |
public struct Condition: Sendable {
    public var clauses: [Clause]

    public init(_ clauses: [Clause] = []) { self.clauses = clauses }

    public var isEmpty: Bool { clauses.isEmpty }

    public indirect enum Clause: Sendable {
        case equal(Value)
        case notEqual(Value)
        case minimum(Value)
        case maximum(Value)
        case exists(Bool)
        case contains(Value)
        case matches(String)
        /// `todos`: a nested condition on each element, read at `field` relative to it.
        case all(field: FieldPath?, Condition)
        /// `ninguno`.
        case none(field: FieldPath?, Condition)
    }

    /// The operator keys, in the order they are evaluated and documented.
    public static let operatorKeys = ["igual", "distinto", "minimo", "maximo", "existe", "contiene", "coincide", "todos", "ninguno"]

    /// The clause's value for `minimo`/`maximo` checks with named types.
    public var minimum: Value? {
        for case .minimum(let v) in clauses { return v }
        return nil
    }
    public var maximum: Value? {
        for case .maximum(let v) in clauses { return v }
        return nil
    }
}

extension Condition.Clause {
    /// The key that wrote it.
    public var key: String {
        switch self {
        case .equal: "igual"
        case .notEqual: "distinto"
        case .minimum: "minimo"
        case .maximum: "maximo"
        case .exists: "existe"
        case .contains: "contiene"
        case .matches: "coincide"
        case .all: "todos"
        case .none: "ninguno"
        }
    }
}
