/// Spanish explanations for validation errors, kept in one place so the wording can change
/// without touching logic. Tests assert on `FieldError` values; these texts are for learners.
public struct ValidationExplanation: Sendable, Hashable {
    /// What went wrong, in plain Spanish.
    public var explanation: String
    /// What to try next.
    public var hint: String
}

public enum ValidationMessages {
    /// The explanation for one error, chosen by its detail first and its type second.
    public static func explain(_ error: FieldError) -> ValidationExplanation {
        let d = error.detail
        let f = error.field
        func e(_ x: String, _ h: String) -> ValidationExplanation { ValidationExplanation(explanation: x, hint: h) }
        if d.contains("`selector` does not match template `labels`") {
            return e("El selector no coincide con las etiquetas de la plantilla: el controlador no reconocería como suyos los Pods que crea.",
                     "Copia las etiquetas de spec.selector.matchLabels en spec.template.metadata.labels (mismas claves y mismos valores).")
        }
        if d.hasPrefix("empty selector is invalid") {
            return e("Un selector vacío seleccionaría todos los Pods del namespace, y Kubernetes no lo permite aquí.",
                     "Añade al menos una etiqueta en spec.selector.matchLabels, por ejemplo app: web.")
        }
        if d == "name or generateName is required" {
            return e("El objeto no tiene nombre.", "Añade metadata.name, por ejemplo name: web.")
        }
        if d.contains("RFC 1123 subdomain") || d.contains("RFC 1123 label") || d.contains("DNS-1035 label") || d == "must not contain dots" {
            return e("El nombre \(error.badValue.rendered) no es válido: solo admite minúsculas, dígitos y guiones (y puntos en algunos tipos), y debe empezar y terminar por letra o dígito\(d.contains("DNS-1035") ? "; en los Service, además, debe empezar por letra" : "").",
                     "Usa algo como mi-app: sin mayúsculas, sin guiones bajos y sin espacios.")
        }
        if d.hasPrefix("must be no more than") {
            let limit = d.split(separator: " ").first { Int($0) != nil } ?? ""
            return e("El valor es demasiado largo: no puede superar los \(limit) caracteres.",
                     "Acorta el nombre o el valor.")
        }
        if d.contains("a valid label must be") || d.contains("name part") || d.contains("prefix part") || d.contains("a qualified name") {
            return e("Una clave o un valor de etiqueta no tiene el formato permitido (letras, dígitos, '-', '_' o '.', empezando y terminando por letra o dígito; máximo 63 caracteres).",
                     "Revisa \(f): quita espacios, barras de más y caracteres especiales.")
        }
        if d.contains("environment variable name") {
            return e("El nombre de la variable de entorno no es válido: solo se admiten caracteres ASCII imprimibles, sin '='.",
                     "Usa nombres como DB_HOST o LOG_LEVEL.")
        }
        if d.hasPrefix("must be between 1 and 65535") {
            return e("El puerto \(error.badValue.rendered) está fuera de rango: debe estar entre 1 y 65535.", "Usa el puerto real del contenedor, por ejemplo 80 u 8080.")
        }
        if d.hasPrefix("provided port is not in the valid range") {
            return e("Un nodePort debe estar entre 30000 y 32767.", "Elige un valor en ese rango o quita nodePort para que Kubernetes asigne uno.")
        }
        if d == "provided port is already allocated" {
            return e("El nodePort \(error.badValue.rendered) ya lo usa otro Service del clúster: cada nodePort abre ese puerto en todos los nodos, así que no puede repetirse.",
                     "Quita nodePort para que Kubernetes asigne uno libre, o elige otro entre 30000 y 32767.")
        }
        if d.hasSuffix("provided IP is already allocated") {
            return e("Esa IP de clúster ya la tiene otro Service (10.96.0.1 es la del Service «kubernetes» y 10.96.0.10 la de «kube-dns»).",
                     "Quita spec.clusterIP para que Kubernetes asigne una libre, o elige otra dentro de 10.96.0.0/12.")
        }
        if d.contains("is not in the valid range. The range of valid IPs is") {
            return e("La IP de clúster pedida está fuera del rango de Services del clúster (10.96.0.0/12).",
                     "Quita spec.clusterIP para que Kubernetes asigne una, o usa una entre 10.96.0.1 y 10.111.255.254.")
        }
        if d.hasPrefix("must be less than or equal to") || d.hasPrefix("must be equal to") {
            return e("La petición (requests) de un recurso supera su límite (limits): el contenedor pediría más de lo que se le permite usar.",
                     "Baja requests o sube limits para que requests ≤ limits.")
        }
        if d == "may not specify more than 1 handler type" {
            return e("Una sonda (probe) solo puede tener un mecanismo: exec, httpGet, tcpSocket o grpc.", "Deja uno solo de ellos en la sonda.")
        }
        if d == "must specify a handler type" {
            return e("La sonda no dice cómo comprobar el contenedor.", "Añade httpGet, tcpSocket, exec o grpc a la sonda.")
        }
        if d == "must specify a volume type" {
            return e("El PersistentVolume no dice dónde están los datos: le falta el origen del volumen.",
                     "Añade uno en spec, por ejemplo hostPath: {path: /datos} (en kind se crea dentro del nodo), nfs o csi.")
        }
        if d == "may not specify more than 1 volume type" {
            return e("Un PersistentVolume solo puede tener un origen de volumen (hostPath, nfs, csi…).", "Deja uno solo.")
        }
        if d == "pathType must be specified" {
            return e("En networking.k8s.io/v1 cada ruta de un Ingress necesita pathType.", "Añade pathType: Prefix (o Exact, o ImplementationSpecific).")
        }
        if d.contains("`minReplicas`") || f.hasSuffix("maxReplicas") {
            return e("maxReplicas no puede ser menor que minReplicas (ni menor que 1).", "Sube maxReplicas o baja minReplicas.")
        }
        if d == Validation.immutable || d.hasPrefix("may not change once set") || d.contains("are forbidden") || d.contains("is immutable") {
            return e("Este campo no se puede cambiar una vez creado el objeto.", "Borra el objeto y vuelve a crearlo (kubectl delete y después kubectl apply), o deja el campo como estaba.")
        }
        if f.hasSuffix("schedule") {
            return e("La programación (schedule) no es una expresión cron válida: \(d).", "Usa cinco campos: minuto hora día-del-mes mes día-de-la-semana, por ejemplo \"*/5 * * * *\".")
        }
        switch error.type {
        case .required:
            return e("Falta un campo obligatorio: \(f).", "Añádelo; consulta kubectl explain para ver su forma.")
        case .notSupported:
            return e("El valor \(error.badValue.rendered) no es uno de los admitidos en \(f) (valores admitidos: \(d.dropFirst("supported values: ".count))).",
                     "Cuidado con las mayúsculas: los valores se escriben exactamente así.")
        case .duplicate:
            return e("El valor \(error.badValue.rendered) está repetido en \(f) y debe ser único.", "Cambia uno de los dos.")
        case .notFound:
            return e("\(f) hace referencia a \(error.badValue.rendered), que no existe.", "Comprueba que el nombre coincide con uno de spec.volumes.")
        case .forbidden:
            return e("Ese campo no está permitido aquí: \(d).", "Quítalo o revisa el tipo de objeto.")
        case .tooLong, .tooMany:
            return e("Se supera el tamaño máximo permitido en \(f).", "Reduce el contenido; un ConfigMap o Secret admite como mucho 1 MiB.")
        case .invalid, .internal:
            return e("El valor de \(f) no es válido: \(d).", "Revisa ese campo en tu YAML.")
        }
    }

    /// The Spanish line for a Secret's base64 decode error.
    public static let secretBase64 = ValidationExplanation(
        explanation: "Los valores de data en un Secret deben ir en base64, y uno no lo está.",
        hint: "Codifícalo con echo -n 'valor' | base64, o usa stringData para escribir el texto tal cual.")
}
