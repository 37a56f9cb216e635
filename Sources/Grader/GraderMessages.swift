import Courseware
import Simulator
import YAML

/// Everything the grader says, in Spanish, in one place.
enum GraderMessages {
    static let absent = "el campo no está"

    static func expected(_ clause: Condition.Clause) -> String {
        switch clause {
        case .equal(let v): return "igual a \(show(v))"
        case .notEqual(let v): return "distinto de \(show(v))"
        case .minimum(let v): return "al menos \(show(v))"
        case .maximum(let v): return "como mucho \(show(v))"
        case .exists(let wanted): return wanted ? "que exista" : "que no exista"
        case .contains(let v): return "que contenga \(show(v))"
        case .matches(let re): return "que coincida con /\(re)/"
        case .all(let field, let inner): return "que todos cumplan: " + nested(field, inner)
        case .none(let field, let inner): return "que ninguno cumpla: " + nested(field, inner)
        }
    }

    static func nested(_ field: FieldPath?, _ condition: Condition) -> String {
        (field.map { "\($0.text) " } ?? "") + condition.clauses.map(expected).joined(separator: " y ")
    }

    /// A value as the learner wrote it: texts in «», numbers and booleans bare, the rest as JSON.
    static func show(_ value: Value) -> String {
        switch value {
        case .string(let s): return "«\(s)»"
        case .null: return "null"
        default: return JSONWriter.string(value, sortKeys: false)
        }
    }

    static func describe(_ value: Value) -> String {
        let text = show(value)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }

    // MARK: field checks

    static func fieldFailure(_ target: String, _ failure: ConditionEvaluator.Failure) -> String {
        let found = failure.missing ? "pero \(absent)" : "pero es \(failure.found)"
        return "\(target): se esperaba \(failure.path) \(failure.expected), \(found)."
    }

    static func countFailure(_ query: String, count: Int, expected: String) -> String {
        "\(query): se esperaba un número de objetos \(expected), pero hay \(count)."
    }

    static func objectMissing(_ reference: String, namespace: String) -> String {
        "no existe \(reference) en el namespace «\(namespace)»."
    }

    static func objectMissingNamed(_ reference: String, namespace: String, yours: String) -> String {
        "no existe \(reference) en el namespace «\(namespace)»; tus archivos crean «\(yours)»: ¿es el nombre que pide el enunciado?"
    }

    static func objectPresent(_ reference: String) -> String { "\(reference) existe, y no debería." }
    static func noObjects(_ query: String) -> String { "no hay ningún objeto que cumpla «\(query)»." }

    // MARK: named checks

    static func downtime(_ target: String, service: Bool, minimum: Int, seen: Int, at: String) -> String {
        let what = service ? "\(seen) \(endpoints(seen)) \(seen == 1 ? "listo" : "listos")" : "\(seen) \(seen == 1 ? "Pod listo" : "Pods listos")"
        return "durante los pasos, \(target) llegó a tener \(what) (a los \(at) de empezar); se esperaban siempre al menos \(minimum)."
    }
    static func endpoints(_ n: Int) -> String { n == 1 ? "endpoint" : "endpoints" }
    static let noSteps = "el ejercicio no tiene pasos durante los que medir: añade «pasos» (revisar-curso lo avisa)."

    static func readyEndpoints(_ target: String, count: Int, expected: String) -> String {
        "\(target) tiene \(count) \(endpoints(count)) \(count == 1 ? "listo" : "listos"); se esperaba \(expected)."
    }

    static func missingProbe(_ probe: String, container: String, target: String) -> String {
        "el contenedor «\(container)» de \(target) no tiene \(probe)Probe."
    }
    static func probeWrongPort(_ probe: String, container: String, port: String, image: String, served: [Int]) -> String {
        let list = served.map(String.init).joined(separator: ", ")
        return "la \(probe)Probe del contenedor «\(container)» mira el puerto \(port), pero la imagen \(image) sirve en \(served.count == 1 ? "el" : "los") \(list)."
    }
    static func probeUnknownPort(_ probe: String, container: String, port: String) -> String {
        "la \(probe)Probe del contenedor «\(container)» usa el puerto con nombre «\(port)», que el contenedor no declara en ports."
    }

    static func secretLiteral(_ variable: String, container: String) -> String {
        "la variable \(variable) del contenedor «\(container)» lleva su valor escrito en claro (value:); debe venir de un Secret (valueFrom.secretKeyRef)."
    }
    static func secretFromConfigMap(_ variable: String, container: String) -> String {
        "la variable \(variable) del contenedor «\(container)» viene de un ConfigMap; una credencial debe venir de un Secret (valueFrom.secretKeyRef)."
    }
    static func secretWrongName(_ variable: String, container: String, found: String, expected: String) -> String {
        "la variable \(variable) del contenedor «\(container)» viene del Secret «\(found)»; se esperaba el Secret «\(expected)»."
    }
    static func secretMissing(_ variable: String, target: String) -> String {
        "ningún contenedor de \(target) define la variable \(variable)."
    }

    static func plainEnv(_ name: String, container: String, target: String) -> String {
        "la variable \(name) del contenedor «\(container)» de \(target) parece una credencial y lleva su valor en claro: guárdala en un Secret."
    }
    static func plainConfigMap(_ key: String, target: String) -> String {
        "la clave \(key) de \(target) parece una credencial en texto plano: un ConfigMap no es para secretos; usa un Secret."
    }
    static func plainValue(_ where_: String) -> String {
        "\(where_) contiene en claro un valor que debe ser secreto: guárdalo en un Secret."
    }

    static func missingResource(_ field: String, container: String, target: String) -> String {
        "el contenedor «\(container)» de \(target) no tiene resources.\(field)."
    }

    static func unpinned(_ image: String, container: String, target: String, latest: Bool) -> String {
        latest ? "el contenedor «\(container)» de \(target) usa la imagen \(image) con la etiqueta :latest, que cambia con el tiempo: fija una versión (nginx:1.27)."
               : "el contenedor «\(container)» de \(target) usa la imagen \(image) sin etiqueta, que es :latest: fija una versión (nginx:1.27)."
    }

    static func unhealthy(_ pod: String, reason: String) -> String { "el pod \(pod) no está sano: \(reason)." }
    static func pending(_ message: String?) -> String { "sigue Pending" + (message.map { " (\($0))" } ?? "") }
    static func waiting(_ container: String, _ reason: String, _ message: String?) -> String {
        "su contenedor «\(container)» está en \(reason)" + (message.map { ": \($0)" } ?? "")
    }
    static let failed = "ha terminado en Failed"
    static func noPods(_ target: String) -> String { "no hay ningún pod de \(target)." }

    static func replicas(_ target: String, count: Int, minimum: String, maximum: String) -> String {
        "\(target) tiene \(count) \(count == 1 ? "réplica" : "réplicas"); se esperaban entre \(minimum) y \(maximum)."
    }
    static func noReplicaCount(_ target: String) -> String { "\(target) no tiene réplicas que contar (¿es un Deployment, StatefulSet, ReplicaSet o HPA?)." }

    static func unavailable(_ type: String) -> String {
        switch type {
        case "permitido":
            return "la comprobación «permitido» necesita RBAC (Roles y «can-i») en el simulador, que todavía no está en esta versión: no se puede evaluar."
        default:
            return "la comprobación «\(type)» necesita el tráfico entre pods del simulador (issue 4), que todavía no está en esta versión: no se puede evaluar."
        }
    }

    // MARK: alcanzable, bloqueado

    static func trafficFailure(_ failure: TrafficResult.Failure) -> String {
        switch failure {
        case .badAddress: return "el nombre no se resuelve (¿existe el Service y está en ese namespace?)"
        case .dnsTimeout: return "la consulta DNS no llega a kube-dns (una política de salida debe permitir UDP 53)"
        case .refused: return "conexión rechazada: el Service no tiene endpoints listos, o en ese puerto no escucha nadie"
        case .timedOut: return "tiempo agotado: algo descarta los paquetes"
        case .unreachable: return "no hay ruta hasta esa dirección"
        case .emptyReply: return "el puerto acepta la conexión pero no responde HTTP"
        case .tlsToPod: return "los contenedores simulados no sirven TLS"
        }
    }
    static func notReached(from: String, url: String, reason: String, policies: [String]) -> String {
        let by = policies.isEmpty ? "" : " (la bloquea la NetworkPolicy \(policies.joined(separator: ", ")))"
        return "la petición de \(from) a \(url) no llega: \(reason)\(by)."
    }
    static func notBlocked(from: String, url: String, status: Int, pod: String?) -> String {
        "la petición de \(from) a \(url) llega (HTTP \(status)\(pod.map { " de \($0)" } ?? "")); debería bloquearla una NetworkPolicy."
    }
    static func failedNotBlocked(from: String, url: String, reason: String) -> String {
        "la petición de \(from) a \(url) no llega, pero no porque la bloquee una NetworkPolicy: \(reason)."
    }
    static func noReadyOrigin(_ target: String) -> String { "\(target) no tiene ningún pod listo desde el que hacer la petición." }

    // MARK: content problems (the author's)

    static func unknownType(_ type: String) -> String { "el tipo «\(type)» no lo conoce el clúster (taller k api-resources)" }
    static func badSelector(_ selector: String, _ reason: String) -> String { "el selector «\(selector)» no es válido: \(reason)" }
    static func prepareMissing(_ file: String) -> String { "no existe el archivo «\(file)» que el ejercicio prepara" }
    static func badTaint(_ taint: String) -> String { "el taint «\(taint)» no es válido: escribe clave=valor:Efecto o clave:Efecto" }

    // MARK: the learner's files and steps

    static func noSubmission(_ folder: String, exercise: String) -> String {
        "no existe la carpeta «\(folder)». Empieza el ejercicio con: taller empezar \(exercise)\n"
    }
    static func noFiles(_ folder: String, patterns: [String]) -> String {
        "no hay ningún archivo \(patterns.joined(separator: ", ")) en «\(folder)»: guarda ahí tus manifiestos.\n"
    }
    static func tooManyObjects(_ file: String, limit: Int) -> String {
        "«\(file)» pide demasiados objetos: con los anteriores y contando cada réplica como un Pod, pasa de \(limit). No se corrige más allá.\n"
    }
    static let timeUp = "la corrección superó su tiempo máximo y se detuvo: revisa si tus archivos piden muchísimos objetos o réplicas.\n"
    static func missingStepFile(_ file: String) -> String { "el paso «aplicar» necesita el archivo «\(file)», y no existe.\n" }
    static func notRun(_ errors: Int) -> String {
        "sin comprobar: antes hay que corregir \(errors == 1 ? "el error" : "los \(errors) errores") de tus archivos."
    }
    static func stepFailed(_ command: String, _ text: String) -> String { "paso «\(command)»: \(text)" }
    static func unknownNode(_ node: String) -> String { "no hay ningún nodo «\(node)»" }
    static func unknownService(_ service: String, _ namespace: String) -> String { "no hay ningún Service «\(service)» en «\(namespace)»" }
    static let noCommandRunner = "este corrector no puede ejecutar órdenes de taller k"
}
