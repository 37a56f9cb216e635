#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the Simulator module says to a learner, in Spanish, in one place.
/// Tests assert on the typed errors, not on these texts.
public enum Messages {
    /// The way out of a damaged state folder.
    public static let resetHint = "Para empezar con un clúster nuevo: taller cluster reiniciar"

    static func stateError(_ error: StateError) -> String {
        switch error {
        case .damaged(let file, let detail):
            let why: String
            switch detail {
            case .notAStateFile: why = "no es un archivo de estado de taller"
            case .version(let v): why = "lo escribió otra versión de taller (formato \(v))"
            case .truncated: why = "está incompleto (quizá una orden se interrumpió al guardarlo)"
            case .checksum: why = "su contenido no coincide con su suma de comprobación"
            case .undecodable(let offset, let what): why = "no se puede leer (\(what) en el byte \(offset))"
            }
            return "El estado del clúster en \(file) está dañado: \(why).\n\(resetHint)"
        case .io(let file, let operation, let code):
            let text = String(cString: strerror(code))
            return "No se pudo acceder al estado del clúster (\(operation) \(file): \(text))."
        }
    }

    /// A Spanish explanation for an API error, to print after kubectl's own text.
    public static func explanation(_ error: APIError) -> String {
        switch error {
        case .notFound(let resource, let name):
            return resource == "namespaces"
                ? "El namespace \(name) no existe. Créalo antes (kubectl create namespace \(name)) o corrige metadata.namespace."
                : "No existe ningún objeto \(resource) llamado \(name) en ese namespace."
        case .alreadyExists(let resource, let name):
            return "Ya existe un objeto \(resource) llamado \(name). Usa apply para actualizarlo, o cambia el nombre."
        case .invalid:
            return "El servidor rechazó el objeto: revisa los campos señalados."
        case .forbidden:
            if error.isNamespaceTerminating { return "Ese namespace se está borrando: no admite objetos nuevos hasta que desaparezca." }
            if let sa = error.missingServiceAccount {
                return "El pod pide la ServiceAccount «\(sa.name)», que no existe en el namespace \(sa.namespace): créala "
                    + "(taller k create serviceaccount \(sa.name) -n \(sa.namespace)) o corrige spec.serviceAccountName."
            }
            return "El servidor no permite esta operación."
        case .nameRequired:
            return "El objeto no tiene metadata.name: apply necesita un nombre para saber qué objeto actualizar."
        case .unauthorized(let a, let reason):
            return forbidden(a, reason: reason)
        case .tooManyRequests:
            return "El desalojo dejaría a la aplicación por debajo de lo que exige su PodDisruptionBudget: "
                + "hay que esperar a que otro pod esté listo (mira ALLOWED DISRUPTIONS en taller k get pdb)."
        case .failure:
            return "El servidor no pudo completar la petición."
        }
    }

    /// Why RBAC refused a request, and how to check it.
    static func forbidden(_ a: AuthorizationAttributes, reason: String) -> String {
        let groups = a.user.groups.isEmpty ? "" : " (grupos: \(a.user.groups.joined(separator: ", ")))"
        let scope = a.namespace.isEmpty ? "en todo el clúster" : "en el namespace \(a.namespace)"
        let what = a.isResourceRequest ? "«\(a.verb)» sobre \(a.combinedResource)\(a.name.isEmpty ? "" : " «\(a.name)»") \(scope)"
                                       : "«\(a.verb)» en la ruta \(a.path)"
        var text = "El usuario «\(a.user.name)»\(groups) no tiene permiso para \(what): "
            + "ninguna Role ni ClusterRole enlazada a él o a sus grupos lo permite."
        if reason.contains("not found") {
            text += " Además, un enlace (RoleBinding o ClusterRoleBinding) apunta a un rol que no existe: créalo o corrige su roleRef."
        }
        guard a.isResourceRequest else { return text }
        let resource = a.apiGroup.isEmpty ? a.resource : "\(a.resource).\(a.apiGroup)"
        let target = a.name.isEmpty ? resource : "\(resource)/\(a.name)"
        let sub = a.subresource.isEmpty ? "" : " --subresource=\(a.subresource)"
        let ns = a.namespace.isEmpty ? " -A" : " -n \(a.namespace)"
        return text + " Compruébalo con: taller k auth can-i \(a.verb) \(target)\(sub) --as \(a.user.name)\(ns)"
    }
}
