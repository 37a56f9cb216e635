/// Everything Courseware says to an author or a learner, in Spanish, in one place.
enum CourseMessages {
    static func message(_ problem: CourseError.Problem) -> String {
        switch problem {
        case .noCourseRoot(let start):
            return "no encuentro el curso: ni --raiz, ni TALLER_RAIZ, ni un INDICE.md en «\(start)» o en las carpetas de encima"
        case .missingFile: return "no existe este archivo"
        case .unreadable(let reason): return "no puedo leer este archivo: \(reason)"
        case .yaml(let rendered):
            // The YAML renderer's block already starts with the position; keep its message.
            let first = rendered.split(separator: "\n").first.map(String.init) ?? rendered
            if let range = first.firstRange(of: ": error: ") { return String(first[range.upperBound...]) }
            return first
        case .notAMapping(let what): return "\(what) debe ser un mapa de claves y valores"
        case .unknownKey(let key, let place, _): return "«\(key)» no es una clave de \(place)"
        case .missingKey(let key, let place): return "falta la clave «\(key)» en \(place)"
        case .wrongType(let key, let expected): return "«\(key)» debe ser \(expected)"
        case .invalidValue(let key, let value, let reason): return "«\(value)» no vale para «\(key)»: \(reason)"
        case .idMismatch(let id, let folder): return "el id «\(id)» no coincide con el nombre de la carpeta «\(folder)»"
        case .duplicateID(let id): return "ya hay otra comprobación con el id «\(id)»"
        case .unknownLesson(let lesson): return "la lección «\(lesson)» no existe en lessons/"
        case .badPath(let path, let reason): return "la ruta «\(path)» no es válida: \(reason)"
        case .badRegex(let pattern): return "«\(pattern)» no es una expresión regular válida"
        case .noOperator(let check): return "«\(check)» no dice qué esperar del campo: añade igual, distinto, minimo, maximo, existe, contiene, coincide, todos o ninguno"
        case .conflictingTarget(let check): return "la comprobación «\(check)» tiene «objeto» y «objetos»: usa solo uno"
        case .missingTarget(let check, let type): return "la comprobación «\(check)» (\(type)) necesita «objeto» u «objetos»"
        case .frontMatter(let reason): return "la cabecera de la lección no es válida: \(reason)"
        case .duplicateNumber(let number): return "hay dos elementos con el número \(number)"
        case .badName(let name): return "«\(name)» no es un nombre válido: NN-nombre, con dos cifras y minúsculas sin tildes (01-pods)"
        case .unknownExercise(let name, _): return "no hay ningún ejercicio «\(name)»"
        case .unknownLessonName(let name, _): return "no hay ninguna lección «\(name)»"
        }
    }

    static func hint(_ problem: CourseError.Problem) -> String? {
        switch problem {
        case .noCourseRoot: return "entra en la carpeta del curso (la que tiene INDICE.md) o indícala con --raiz CARPETA"
        case .unknownKey(_, _, let suggestion?): return "¿querías decir «\(suggestion)»?"
        case .yaml(let rendered):
            let lines = rendered.split(separator: "\n")
            return lines.first { $0.hasPrefix("  pista: ") }.map { String($0.dropFirst("  pista: ".count)) }
        case .unknownExercise(_, let known) where !known.isEmpty: return "los ejercicios son: " + known.joined(separator: ", ") + " (taller ejercicios)"
        case .unknownLessonName(_, let known) where !known.isEmpty: return "las lecciones son: " + known.joined(separator: ", ") + " (taller lecciones)"
        default: return nil
        }
    }
}
