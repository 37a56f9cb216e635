/// Everything the YAML module says to a learner, in Spanish, in one place. Logic decides
/// *which* text applies (`YAMLError+Render.swift`, `YAMLError+Hints.swift`); only this file
/// decides the words. Tests assert on error kinds, and only check a few phrases here.
enum Messages {
    // MARK: What went wrong (one line, after "error: ")

    static func message(_ kind: YAMLError.Kind) -> String {
        switch kind {
        case .invalidUTF8: return "el archivo no es texto UTF-8 válido"
        case .inputTooLarge(let limit): return "el archivo es demasiado grande: el máximo es \(bytes(limit))"
        case .tabIndentation: return "hay un tabulador en la sangría; YAML solo admite espacios para sangrar"
        case .mappingValuesNotAllowed: return "aquí no puede haber un «:» de clave y valor"
        case .blockSequenceEntriesNotAllowed: return "aquí no puede empezar un elemento de lista («-»)"
        case .unclosedQuote(let q): return "la comilla \(quoted(q)) se abre pero nunca se cierra"
        case .invalidEscape(let e): return "secuencia de escape desconocida «\\\(e)» dentro de comillas dobles"
        case .invalidBlockScalarHeader: return "cabecera no válida después de «|» o «>»"
        case .invalidIndentation: return "la sangría de esta línea no encaja con la de sus hermanas"
        case .invalidAnchor: return "falta un nombre válido después de «&» o «*»"
        case .invalidTag: return "etiqueta («!…») mal escrita"
        case .undefinedTagHandle(let h): return "el prefijo de etiqueta «\(h)» no está declarado con %TAG"
        case .invalidDirective: return "directiva («%…») mal escrita"
        case .reservedIndicator(let c): return "\(quoted(c)) está reservado en YAML y no puede empezar un valor sin comillas"
        case .commentWithoutSpace: return "un comentario («#») tiene que ir separado del texto anterior por un espacio"
        case .multilineImplicitKey: return "una clave no puede ocupar varias líneas"
        case .implicitKeyTooLong: return "la clave es demasiado larga: más de 1024 caracteres"
        case .unexpectedCharacter(let c): return "no se esperaba el carácter \(quoted(c)) aquí"
        case .invalidDocumentMarker: return "marca de documento («---» o «...») mal escrita"
        case .expectedKey: return "se esperaba una clave a esta altura"
        case .expectedSequenceEntry: return "se esperaba un elemento de lista («- ») a esta altura"
        case .expectedNodeContent: return "falta un valor aquí"
        case .expectedColon: return "falta «:» después de la clave"
        case .expectedFlowSequenceEnd: return "se esperaba «,» o «]» en esta lista entre corchetes"
        case .expectedFlowMappingEnd: return "se esperaba «,» o «}» en este mapa entre llaves"
        case .unexpectedFlowEnd(let c): return "sobra \(quoted(c)): no cierra nada que esté abierto"
        case .expectedDocumentStart: return "se esperaba el comienzo de un documento («---»)"
        case .duplicateDirective: return "directiva repetida en el mismo documento"
        case .unexpectedEndOfStream: return "el archivo termina antes de tiempo: algo quedó abierto"
        case .trailingContent: return "sobra contenido después del valor"
        case .depthExceeded(let limit): return "demasiados niveles de anidación (el máximo es \(limit))"
        case .tooManyDocuments(let limit): return "demasiados documentos en un mismo archivo (el máximo es \(limit))"
        case .undefinedAlias(let name): return "el alias «*\(name)» no tiene un ancla «&\(name)» definida antes"
        case .duplicateKey(let key, _): return "la clave «\(key)» está repetida"
        case .aliasExpansionExceeded(let limit): return "los alias se expanden a demasiados nodos (el máximo es \(limit))"
        case .unsupportedKey(let key): return "la clave «\(clipped(key))» no puede convertirse en JSON: las claves deben ser textos (kubectl no sabría qué hacer con ella)"
        case .unsupportedValue(let value): return "«\(value)» no cabe en JSON (kubectl diría: json: unsupported value: \(value.hasPrefix("-") ? "-Inf" : value.lowercased().contains("nan") ? "NaN" : "+Inf"))"
        case .invalidValue(let tag, let value): return "«\(value)» no es un valor válido para la etiqueta \(YAMLError.shortTag(tag))"
        }
    }

    static func controlCharacter(_ c: Character) -> String {
        "hay un carácter de control (\(quoted(c))) que YAML no admite"
    }

    // MARK: Hints (one or two sentences, after "pista: ")

    static let hintInvalidUTF8 = "guarda el archivo de nuevo con la codificación UTF-8 (en casi todos los editores: «Guardar con codificación» → UTF-8)."
    static func hintInputTooLarge(_ limit: Int) -> String {
        "un manifiesto de Kubernetes ocupa unos pocos KB; revisa que sea el archivo correcto. El límite (\(bytes(limit))) protege al curso de entradas malintencionadas."
    }
    static func hintDepth(_ limit: Int) -> String {
        "ningún manifiesto real anida \(limit) niveles; busca corchetes o llaves que se abren y no se cierran."
    }
    static let hintTooManyDocuments = "separa el contenido en varios archivos; cada «---» empieza un documento nuevo."
    static let hintAliasExpansion = "los alias (*nombre) copian el nodo anclado; anidarlos multiplica el tamaño (el ataque «billion laughs»). Kubernetes no necesita alias: escribe los valores directamente."
    static let hintTab = "YAML no admite tabuladores para sangrar: cámbialos por espacios (dos por nivel es lo habitual) y configura tu editor para que inserte espacios al pulsar Tab."
    static func hintQuoteValue(key: String, value: String) -> String {
        "el valor «\(value)» contiene «: », y YAML lo lee como otra clave. Ponlo entre comillas: \(key): \"\(value)\""
    }
    static func hintMissingSpace(written: String, fixed: String) -> String {
        "falta un espacio después de «:» en «\(written)»; sin él, YAML lo lee como un solo texto y no como clave y valor. Escribe «\(fixed)»."
    }
    static func hintIndentOffByOne(column: Int, siblingLine: Int, siblingColumn: Int) -> String {
        "esta línea empieza en la columna \(column), pero la de la línea \(siblingLine) empieza en la \(siblingColumn): las claves de un mismo mapa deben empezar exactamente en la misma columna. Revisa los espacios."
    }
    static let hintDashSameLine = "una lista no puede empezar en la misma línea que su clave: pasa «- …» a la línea siguiente, sangrado bajo la clave, o escribe la lista entre corchetes: [a, b]."
    static func hintDashColumn(column: Int, firstLine: Int, firstColumn: Int) -> String {
        "este «-» está en la columna \(column), pero el elemento de la línea \(firstLine) está en la \(firstColumn): todos los elementos de una lista empiezan en la misma columna."
    }
    static let hintDashLevel = "un «-» empieza un elemento de lista: ponlo bajo su clave («ports:») y a la altura de los demás elementos, nunca entre dos claves del mismo mapa."
    static func hintUnclosedQuote(_ q: Character, line: Int, column: Int) -> String {
        "la comilla \(quoted(q)) de la línea \(line), columna \(column) no tiene pareja: ciérrala al final del valor. Si el texto lleva esa misma comilla dentro, usa la otra (' o \")."
    }
    static func hintUnclosedBracket(_ open: Character, close: Character, line: Int, column: Int) -> String {
        "el \(quoted(open)) de la línea \(line), columna \(column) no se cierra: separa los elementos con comas y termina con \(quoted(close))."
    }
    static func hintDuplicateKey(_ key: String, line: Int, column: Int) -> String {
        "«\(key)» ya aparece en la línea \(line), columna \(column) del mismo mapa. Una clave solo puede aparecer una vez: borra una de las dos o junta sus valores. Ojo: `kubectl apply -f` no avisa, se queda en silencio con el último valor y pierde el primero (un error clásico con dos bloques `env:`); `kubectl apply -k` sí lo rechaza: mapping key \"\(key)\" already defined at line \(line)."
    }
    static let hintEscape = "dentro de comillas dobles, «\\» empieza un escape (\\n, \\t, \\\", \\\\). Para una barra literal escribe «\\\\», o usa comillas simples, donde «\\» no es especial."
    static func hintUndefinedAlias(_ name: String) -> String {
        "escribe «&\(name)» delante del valor que quieres reutilizar, antes de usar «*\(name)»; o, si no querías un alias, pon el valor entre comillas."
    }
    static let hintQuoteSpecial = "si es parte de un texto, pon el valor entre comillas: \"…\"."
    static let hintCommentSpace = "deja un espacio antes de «#», o pon el valor entre comillas si el «#» es parte del texto."
    static let hintMissingValue = "después de «clave:» va un valor en la misma línea, o un bloque sangrado en las siguientes."
    static let hintMissingColon = "cada línea de un mapa es «clave: valor»; si esta línea es la continuación de un texto largo, ponlo entre comillas o usa «|»."
    static let hintDocumentMarker = "«---» va solo en su línea (o seguido de un comentario) para separar documentos."
    static let hintBlockScalar = "después de «|» o «>» solo pueden ir «-», «+», un dígito del 1 al 9 o un comentario; el texto empieza en la línea siguiente."

    // MARK: Helpers

    /// `«x»` for visible characters, `U+0009` and a name for invisible ones.
    /// A key or value quoted inside a one-line message: at most 60 characters.
    static func clipped(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    static func quoted(_ c: Character) -> String {
        let scalars = c.unicodeScalars
        if scalars.count == 1, let s = scalars.first, s.value < 0x20 || s.value == 0x7F || s.properties.isWhitespace {
            let hex = String(s.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            switch s {
            case "\t": return code + " (tabulador)"
            case " ": return "« » (espacio)"
            default: return code
            }
        }
        return "«\(c)»"
    }

    /// 67108864 → "64 MiB".
    static func bytes(_ n: Int) -> String {
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
