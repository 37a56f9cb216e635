/// Learner-facing Spanish texts of the workload controllers and their rollout helpers.
/// Upstream's own messages (events, conditions, kubectl lines) stay in English, exactly as
/// a real cluster prints them; these are the explanations `taller` adds.
public enum ControllerMessages {
    public static func explain(_ error: RolloutError) -> String {
        switch error {
        case .notFound(let resource, let name):
            "No existe \(resource) \"\(name)\" en este namespace."
        case .paused:
            "El Deployment está en pausa: reanúdalo con `taller k rollout resume` antes de deshacer o reiniciar."
        case .alreadyPaused:
            "El Deployment ya estaba en pausa; no hay nada que hacer."
        case .notPaused:
            "El Deployment no estaba en pausa; no hay nada que reanudar."
        case .revisionNotFound(let revision):
            "No hay ninguna revisión \(revision) en el historial: mira las que hay con `taller k rollout history`."
        case .noHistory:
            "Este Deployment aún no tiene historial de revisiones al que volver."
        case .historyRevisionNotFound(let revision):
            "La revisión \(revision) no está en el historial de este Deployment."
        }
    }

    /// A one-line Spanish summary of `rollout status`.
    public static func rolloutSummary(_ status: RolloutStatus) -> String {
        switch status.state {
        case .complete: "El despliegue ha terminado: todas las réplicas están actualizadas y disponibles."
        case .waiting: "El despliegue sigue en curso: espera a que las réplicas nuevas estén listas."
        case .failed: "El despliegue se ha atascado (superó su plazo de progreso o no admite esta orden). Revisa los eventos y los pods."
        }
    }
}
