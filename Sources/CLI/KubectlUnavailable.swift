/// kubectl verbs that cannot work against the simulated cluster, and what to do instead, in
/// Spanish. Each one ends `taller k VERBO` with exit code 1 instead of kubectl's
/// `unknown command`, which would suggest the verb does not exist at all.
///
/// The reasons are always one of three: the cluster lives inside `taller` (no network between
/// it and this machine, no containers with a filesystem), there is no interactive editor or
/// terminal to hand over, or the piece of kubectl (kubeconfig, plugins, kustomize) is outside
/// what the course simulates.
enum KubectlUnavailable {
    struct Explanation {
        /// Why it cannot work here.
        var why: String
        /// What to type instead in the course.
        var instead: String
    }

    static let verbs: [String: Explanation] = [
        "port-forward": Explanation(
            why: "reenvía un puerto de un pod a tu máquina, pero este clúster vive dentro de taller: no hay red entre él y tu máquina.",
            instead: "taller cluster pedir URL hace la petición a través del clúster (desde fuera, a un NodePort o un Ingress, o desde un pod con --desde POD)."),
        "proxy": Explanation(
            why: "abre un proxy local hacia el apiserver, pero el clúster simulado no escucha en ningún puerto de tu máquina.",
            instead: "taller k get … -o yaml para leer la API, y taller cluster pedir URL para hablar con los Services."),
        "attach": Explanation(
            why: "se conecta a la entrada y salida de un contenedor en marcha, y aquí los contenedores son simulados: no hay terminal que conectar.",
            instead: "taller k logs POD -f para ver su salida, o taller k exec POD -- COMANDO."),
        "cp": Explanation(
            why: "copia archivos entre tu máquina y un contenedor, y los contenedores simulados no tienen un sistema de archivos real.",
            instead: "pon el contenido en un ConfigMap o un Secret (taller k create configmap NOMBRE --from-file=ARCHIVO) y móntalo como volumen."),
        "edit": Explanation(
            why: "abre el objeto en un editor interactivo, y taller k no abre editores.",
            instead: "taller k get TIPO NOMBRE -o yaml > objeto.yaml, edita el archivo y taller k apply -f objeto.yaml (o taller k patch, set, scale, label)."),
        "debug": Explanation(
            why: "añade un contenedor efímero o copia el pod para depurarlo, y el clúster simulado no modela contenedores efímeros.",
            instead: "taller k describe pod POD, taller k logs POD --previous, taller k events --for pod/POD y taller k exec POD -- COMANDO."),
        "config": Explanation(
            why: "gestiona el kubeconfig (clústeres, usuarios, contextos), y aquí hay un solo clúster y no hay kubeconfig.",
            instead: "-n NAMESPACE para cambiar de namespace y --as USUARIO para actuar como otro usuario."),
        "kustomize": Explanation(
            why: "genera manifiestos con kustomize, que el clúster simulado no incluye.",
            instead: "escribe los manifiestos completos y aplícalos con taller k apply -f CARPETA."),
        "certificate": Explanation(
            why: "aprueba o rechaza CertificateSigningRequests, y el clúster simulado no firma certificados.",
            instead: "en el curso, los usuarios se simulan con --as USUARIO (y taller k auth can-i para comprobar sus permisos)."),
        "completion": Explanation(
            why: "genera el autocompletado de kubectl para tu shell, y taller k no es el binario kubectl.",
            instead: "taller ayuda k muestra los verbos que entiende taller k."),
        "plugin": Explanation(
            why: "busca plugins de kubectl en tu PATH, y taller k no ejecuta programas de tu máquina.",
            instead: "taller ayuda k muestra los verbos que entiende taller k."),
        "alpha": Explanation(
            why: "agrupa comandos experimentales de kubectl que el clúster simulado no implementa.",
            instead: "taller ayuda k muestra los verbos que entiende taller k."),
        "options": Explanation(
            why: "lista las opciones globales de kubectl, y taller k solo entiende algunas.",
            instead: "-n, -A, -o, -l, --as y --dry-run funcionan como en kubectl; taller ayuda k muestra el resto."),
        "cluster-info dump": Explanation(
            why: "vuelca todo el estado del clúster y los logs de cada pod a la vez, y taller k no lo implementa.",
            instead: "taller k get all -A, taller k describe …, taller k events -A y taller k logs POD."),
    ]

    /// The text for `verb` (nil: not one of them).
    static func message(_ verb: String) -> String? {
        guard let e = verbs[verb] else { return nil }
        return "taller k \(verb): no disponible en el clúster simulado.\n  kubectl \(verb) \(e.why)\n  En su lugar: \(e.instead)\n"
    }
}
