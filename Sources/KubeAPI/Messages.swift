import YAML

/// Everything in this module a learner reads, in Spanish, in one place. Logic and tests
/// work with the typed cases; only this file holds the wording.
enum Messages {
    static func explanation(_ error: DecodeError) -> String {
        switch error {
        case .yaml(let error):
            return error.message
        case .invalidTypeInfo(let problems, _):
            if problems.contains(.notAnObject) {
                return "El documento no es un objeto de Kubernetes: debe ser un mapa con «apiVersion», «kind» y «metadata»."
            }
            return problems.map(problem).joined(separator: " ")
        case .kindMissing:
            return "«kind» está vacío: kubectl no sabe qué tipo de objeto crear."
        case .noKindMatch(let info):
            return "El clúster no conoce ningún tipo «\(info.kind)» en la versión «\(info.apiVersion)»."
        case .strictDecoding(let resource, let fields):
            let list = fields.map { "«\($0.path)»" }.joined(separator: ", ")
            return fields.count == 1
                ? "El campo \(list) no existe en un \(resource.kind): el servidor rechaza el objeto entero."
                : "Estos campos no existen en un \(resource.kind): \(list). El servidor rechaza el objeto entero."
        case .typeMismatch(_, let info):
            return "«\(info.path)» espera \(typeName(info.expected)), pero el YAML le da \(jsonName(info.jsonValue))."
        case .invalidValue(_, let info):
            switch info.reason {
            case .quantity:
                return "«\(info.path)» es una cantidad de recursos y «\(info.text)» no lo es."
            case .base64(let offset):
                return "«\(info.path)» debe ir en base64 y «\(info.text)» no es base64 válido (byte \(offset))."
            case .time:
                return "«\(info.path)» es una fecha RFC 3339 (como 2024-05-01T10:00:00Z) y «\(info.text)» no lo es."
            }
        }
    }

    static func hint(_ error: DecodeError) -> String? {
        switch error {
        case .yaml:
            return nil  // the YAML renderer gives its own hint with the source
        case .invalidTypeInfo(let problems, _):
            if problems.contains(.apiVersionNotSet) || problems.contains(.kindNotSet) {
                return "Empieza cada documento con «apiVersion:» y «kind:», por ejemplo «apiVersion: apps/v1» y «kind: Deployment»."
            }
            return "«apiVersion» y «kind» son textos: «apiVersion: v1», «kind: Pod»."
        case .kindMissing:
            return "Escribe el tipo, por ejemplo «kind: Pod»."
        case .noKindMatch(let info):
            return info.suggestion.map(suggestion)
        case .strictDecoding(_, let fields):
            let names = fields.map { $0.path.split(separator: ".").last.map(String.init) ?? $0.path }
            return "¿Está bien escrito \(names.count == 1 ? "el nombre" : "cada nombre")? ¿Está a la sangría correcta? "
                + "Los nombres distinguen mayúsculas y minúsculas. Consulta los campos con «kubectl explain»."
        case .typeMismatch(_, let info):
            switch (info.expected, info.jsonValue) {
            case (.string, "bool"):
                return "En YAML, yes, no, true, false, on y off sin comillas son booleanos: escribe el valor entre comillas (\"yes\")."
            case (.string, "number"), (.map(.string), "number"):
                return "Un número sin comillas no es un texto: escribe el valor entre comillas (\"1\")."
            case (.int32, "string"), (.int64, "string"):
                return "Quita las comillas: este campo es un número."
            case (.list, _):
                return "Este campo es una lista: cada elemento empieza con «- » en su propia línea."
            case (.object, "array"):
                return "Este campo es un objeto, no una lista: quita el «- » delante de sus campos."
            case (.object, _), (.map, _):
                return "Este campo es un objeto: sus campos van debajo, con más sangría."
            default:
                return info.jsonValue.hasPrefix("number ") ? "Este campo solo admite números enteros." : nil
            }
        case .invalidValue(_, let info):
            switch info.reason {
            case .quantity:
                return "Ejemplos válidos: 500m, 0.5, 2, 128Mi, 1Gi, 10G. Ojo: «Mb» o «MB» no son sufijos de Kubernetes (usa Mi o M)."
            case .base64:
                return "En «data» los valores van en base64 (echo -n 'valor' | base64); para texto plano usa «stringData»."
            case .time:
                return nil
            }
        }
    }

    static func suggestion(_ suggestion: KindSuggestion) -> String {
        switch suggestion {
        case .removedVersion(let removedIn, let use):
            return "Esa versión de la API se eliminó en Kubernetes \(removedIn): usa «apiVersion: \(use)»."
        case .wrongVersion(let use):
            return "Ese tipo existe en «apiVersion: \(use.joined(separator: "» o «"))»."
        case .wrongCase(let kind, let apiVersion):
            return "«kind» distingue mayúsculas y minúsculas: ¿quisiste decir «kind: \(kind)» (apiVersion: \(apiVersion))?"
        case .resourceName(let kind, let apiVersion):
            return "Eso es un nombre de recurso para la línea de órdenes; en el YAML va el tipo: «kind: \(kind)» (apiVersion: \(apiVersion))."
        case .typo(let kind, let apiVersion):
            return "¿Quisiste decir «kind: \(kind)» (apiVersion: \(apiVersion))?"
        }
    }

    private static func problem(_ problem: TypeInfoProblem) -> String {
        switch problem {
        case .notAnObject: "El documento no es un objeto."
        case .apiVersionNotSet: "Falta «apiVersion»."
        case .apiVersionNotString: "«apiVersion» no es un texto."
        case .invalidGroupVersion(let text): "«\(text)» no es una apiVersion válida: tiene más de una «/»."
        case .kindNotSet: "Falta «kind»."
        case .kindNotString: "«kind» no es un texto."
        }
    }

    static func typeName(_ type: FieldType) -> String {
        switch type {
        case .string: "un texto"
        case .int32, .int64: "un número entero"
        case .bool: "un booleano (true o false)"
        case .float64: "un número"
        case .quantity: "una cantidad (como 500m o 1Gi)"
        case .intOrString: "un número entero o un texto"
        case .time, .microTime: "una fecha"
        case .bytes: "un texto en base64"
        case .any: "cualquier valor"
        case .list: "una lista"
        case .map: "un mapa de claves y valores"
        case .object: "un objeto con campos"
        }
    }

    static func jsonName(_ jsonValue: String) -> String {
        switch jsonValue {
        case "string": "un texto"
        case "bool": "un booleano"
        case "array": "una lista"
        case "object": "un objeto"
        case "null": "null"
        default: jsonValue.hasPrefix("number ") ? "el número \(jsonValue.dropFirst(7))" : "un número"
        }
    }
}

extension DecodeError {
    /// What went wrong, in Spanish.
    public var explanation: String { Messages.explanation(self) }
    /// What to try, in Spanish, when there is something useful to say.
    public var hint: String? { Messages.hint(self) }
}
