/// Everything the command line says to a person, in one place.
enum Messages {
    /// After `taller k get -w`.
    static let watchNote = "  (taller: -w ha seguido los cambios moviendo el reloj virtual segundo a segundo hasta 30 s sin novedades; en un clúster real seguiría esperando hasta que pulses Ctrl+C)\n"

    static let welcome = """
    ¡Hola! Te damos la bienvenida a Taller K8s.

    Un curso de Kubernetes en la terminal: lees una lección breve, escribes YAML de verdad
    y un clúster simulado te dice al instante qué está bien y qué no, señalando tu línea.
    Sin Docker, sin nube y sin red: todo ocurre aquí, en tu máquina.

    Lo que ya puedes hacer:

    """

    static let comingSoon = """

    No estás en la carpeta del curso (la que tiene INDICE.md). Entra en ella, o indícala
    con --raiz CARPETA o la variable TALLER_RAIZ, y escribe `taller`: verás tu progreso y
    el siguiente paso. Mientras tanto, prueba `taller k apply -f web.yaml` y
    `taller k get pods` en el clúster simulado.

    """

    static let helpHeader = "uso: taller ORDEN [OPCIONES] [ARCHIVO]\n\nÓrdenes:\n"
    static let helpFooter = "\nARCHIVO puede ser «-» para leer de la entrada estándar.\nMás detalles de una orden: taller ayuda ORDEN (por ejemplo: taller ayuda yaml json).\n"

    static func unknownCommand(_ name: String) -> String {
        "error: no conozco la orden «\(name)». Escribe `taller ayuda` para ver las órdenes.\n"
    }
    static func usageError(_ problem: String, usage: String) -> String {
        "error: \(problem)\nuso: \(usage)\nMás detalles: taller ayuda\n"
    }
    static func missingSubcommand(_ group: String, choices: [String]) -> String {
        "falta la orden después de «\(group)»; puede ser: \(choices.joined(separator: ", "))"
    }
    static func unknownOption(_ word: String) -> String { "no conozco la opción «\(word)»" }
    static func missingValue(_ name: String, _ valueName: String) -> String { "falta el valor de \(name) (\(valueName))" }
    static func invalidValue(_ value: String, for name: String, allowed: [String]) -> String {
        "«\(value)» no es un valor válido para \(name); puede ser: \(allowed.joined(separator: ", "))"
    }
    static func missingArgument(_ name: String) -> String { "falta el argumento \(name)" }
    static func extraArgument(_ word: String) -> String { "sobra el argumento «\(word)»" }
    static func invalidNumber(_ word: String, for name: String) -> String { "\(name) espera un número entero positivo, no «\(word)»" }

    static func fileNotFound(_ path: String) -> String {
        "error: no encuentro el archivo «\(path)». Comprueba el nombre y la carpeta en la que estás (`pwd`, `ls`).\n"
    }
    static func unreadable(_ path: String, reason: String) -> String { "error: no puedo leer «\(path)»: \(reason).\n" }
    static let permissionDenied = "no tienes permiso para leerlo"
    static let isDirectory = "es una carpeta, no un archivo"

    // `taller yaml …`
    static let eventsSummary = "muestra los eventos del analizador YAML, como en la yaml-test-suite"
    static let jsonSummary = "muestra cada documento como una línea de JSON, como lo vería kubectl"
    static let measureSummary = "mide la velocidad del analizador (para desarrolladores)"
    static let fileHelp = "el archivo YAML que leer; «-» para la entrada estándar"
    static let schemaHelp = "cómo interpretar los valores sin comillas (por omisión: kubernetes)"
    static let coresHelp = "1 para medir un solo núcleo; todos (por omisión) reparte los documentos de un flujo grande entre los núcleos"
    static let timesHelp = "cuántas veces analizar el archivo (por omisión: 5)"
    static func measured(bytes: Int, times: Int, seconds: Double, nodes: Int) -> String {
        let mb = Double(bytes * times) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        return "\(format(mb)) MB en \(format(seconds)) s: \(format(rate)) MB/s; \(nodes) nodos por pasada\n"
    }
    static func format(_ x: Double) -> String {
        let scaled = (x * 100).rounded() / 100
        return String(scaled)
    }
}
