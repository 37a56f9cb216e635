import Courseware

/// What the course commands say, in Spanish, in one place.
enum CourseTexts {
    static let contentBroken = "error: el contenido del curso tiene errores (es cosa de quien lo escribió): revísalo con taller revisar-curso.\n\n"
    static let readHint = "Lee una lección con: taller leer NÚMERO (por ejemplo: taller leer 1)\n"
    static let startHint = "Empieza uno con: taller empezar NÚMERO (por ejemplo: taller empezar 1)\n"
    static let whichExercise = "¿qué ejercicio? Escribe su número o su nombre (taller ejercicios los lista), o empieza uno con taller empezar"

    static func statement(_ e: Exercise, context: CourseContext, copied: [String]) -> String {
        let level = CourseIndex.levels[e.level] ?? ""
        var text = "# \(e.title)\n\n*Ejercicio \(e.id) · nivel \(e.level) (\(level)) · lección \(e.lesson)*\n\n\(e.statement)"
        var out = context.markdown.render(text)
        text = ""
        let work = context.shown(context.course.workFolder(e))
        out += "\n"
        if copied.isEmpty {
            out += "Tus archivos están en \(context.paint(work + "/", "1")).\n"
        } else {
            out += "He copiado a \(context.paint(work + "/", "1")): \(copied.joined(separator: ", ")).\n"
        }
        out += "Edítalos con tu editor y comprueba con \(context.paint("taller verificar \(e.id)", "1")),\n"
        out += "o deja corriendo \(context.paint("taller vigilar", "1")), que corrige cada vez que guardas.\n"
        if !e.hints.isEmpty { out += "¿Atascado? taller pista \(e.id) (hay \(e.hints.count)).\n" }
        return out
    }

    static func noHints(_ e: Exercise) -> String { "El ejercicio \(e.id) no tiene pistas. Relee el enunciado: taller empezar \(e.id)\n" }

    static func hint(_ e: Exercise, number: Int, context: CourseContext) -> String {
        var out = context.paint("Pista \(number) de \(e.hints.count)", "1;33") + " (\(e.id))\n\n"
        out += context.markdown.render(e.hints[number - 1])
        out += number < e.hints.count ? "\nSi no basta: taller pista \(e.id)\n"
                                      : "\nNo hay más pistas. Si quieres ver la solución: taller solucion \(e.id) --confirmar\n"
        return out
    }

    static func solutionLocked(_ e: Exercise) -> String {
        "Todavía no has aprobado \(e.id). Verla ahora te quita el gusto de resolverlo; prueba antes una pista (taller pista \(e.id)).\nSi aun así quieres verla: taller solucion \(e.id) --confirmar\n"
    }

    static func reset(_ e: Exercise, work: String, backup: String, saved: [String], copied: [String]) -> String {
        var out = ""
        if !saved.isEmpty { out += "He guardado tus archivos (\(saved.joined(separator: ", "))) en \(backup)/.\n" }
        out += "\(work)/ vuelve a tener los archivos iniciales (\(copied.joined(separator: ", "))).\n"
        return out
    }

    static func nextStep(_ e: Exercise, context: CourseContext) -> String {
        let started = FileSystem.isDirectory(context.course.workFolder(e))
        let lesson = "taller leer \(e.lesson)"
        let action = started ? "taller verificar \(e.id)" : "taller empezar \(e.id)"
        return "Siguiente: \(context.paint(action, "1"))  (\(e.title); la lección: \(lesson))\n"
    }

    static func passedNext(_ e: Exercise, context: CourseContext) -> String {
        guard let progress = try? context.loadProgress() else { return "" }
        if let next = context.nextExercise(progress) { return "\n" + nextStep(next, context: context) }
        return "\n¡Has aprobado todos los ejercicios del curso!\n"
    }

    static func welcome(_ context: CourseContext, progress: Progress) -> String {
        var out = context.paint("¡Hola! Te damos la bienvenida a Taller K8s.", "1") + "\n\n"
        out += "Un curso de Kubernetes en la terminal: lees una lección breve, escribes YAML de verdad\n"
        out += "y un clúster simulado te dice al instante qué está bien y qué no, señalando tu línea.\n\n"
        out += "Tu progreso: " + context.bar(progress) + "\n\n"
        if let next = context.nextExercise(progress) {
            out += nextStep(next, context: context)
        } else if !context.course.exercises.isEmpty {
            out += "¡Has aprobado todos los ejercicios! Repasa cualquier lección con taller lecciones.\n"
        }
        out += "\nMás órdenes: taller lecciones, taller ejercicios, taller vigilar, taller ayuda.\n"
        return out
    }

    static func indexStale(_ path: String) -> String {
        "error: \(path) no está al día con las lecciones y los ejercicios: genéralo con taller indice.\n"
    }
    static func indexCurrent(_ path: String) -> String { "\(path) está al día.\n" }
    static func indexWritten(_ path: String, lessons: Int, exercises: Int) -> String {
        "He escrito \(path): \(lessons) lecciones y \(exercises) ejercicios.\n"
    }
}
