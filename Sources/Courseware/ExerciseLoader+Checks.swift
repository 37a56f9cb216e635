import YAML

extension ExerciseLoader {
    /// One of `comprobaciones:`.
    static func check(_ node: Node, reader: SpecReader) throws(CourseError) -> Check {
        let e = try reader.mapping(node, what: "una comprobación", allowed: checkKeys)
        let id = try e.requiredString("id")
        guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw reader.error(.invalidValue(key: "id", value: id, reason: "minúsculas sin tildes, números y guiones (disponibles, sin-caida)"), at: e.node("id")?.mark)
        }
        var kind = Check.Kind.field
        if let text = try e.string("tipo") {
            guard let k = Check.Kind(rawValue: text) else {
                let names = Check.Kind.allCases.map(\.rawValue)
                let suggestion = EditDistance.suggestion(text, among: names).map { "¿querías decir «\($0)»? " } ?? ""
                throw reader.error(.invalidValue(key: "tipo", value: text, reason: suggestion + "los tipos son: " + names.joined(separator: ", ")), at: e.node("tipo")?.mark)
            }
            kind = k
        }
        if e.has("objeto") && e.has("objetos") { throw reader.error(.conflictingTarget(check: id), at: e.keyMark("objetos")) }
        var object: ObjectReference?
        if let text = try e.string("objeto") { object = try reference(text, mark: e.node("objeto")!.mark, reader: reader) }
        var objects: ObjectQuery?
        if let text = try e.string("objetos") { objects = try query(text, mark: e.node("objetos")!.mark, reader: reader) }
        var field: FieldPath?
        if let node = e.node("campo") { field = try path(node, reader: reader) }
        let condition = try self.condition(e, reader: reader)
        let points = try e.int("puntos") ?? 1
        if points < 0 { throw reader.error(.invalidValue(key: "puntos", value: String(points), reason: "los puntos no pueden ser negativos"), at: e.node("puntos")?.mark) }
        var parameters: [String: Value] = [:]
        for key in parameterKeys where e.has(key) { parameters[key] = try e.value(key) }
        let check = Check(id: id, description: try e.string("descripcion"), kind: kind, object: object, objects: objects, field: field,
                          condition: condition, points: points, hint: try e.string("pista"), hidden: try e.bool("oculta") ?? false,
                          see: try e.string("ver"), parameters: parameters, mark: node.mark)
        try requirements(check, entries: e, reader: reader)
        return check
    }

    /// What each type needs, checked when the exercise loads rather than when it is graded.
    static func requirements(_ check: Check, entries e: SpecReader.Entries, reader: SpecReader) throws(CourseError) {
        let target = check.object != nil || check.objects != nil
        func need(_ key: String) throws(CourseError) {
            if !e.has(key) { throw reader.error(.missingKey(key, in: "una comprobación de tipo \(check.kind.rawValue)"), at: check.mark) }
        }
        func needTarget() throws(CourseError) {
            if !target { throw reader.error(.missingTarget(check: check.id, type: check.kind.rawValue), at: check.mark) }
        }
        switch check.kind {
        case .field:
            try needTarget()
            if check.field != nil && check.condition.isEmpty { throw reader.error(.noOperator(check: check.id), at: check.mark) }
        case .noDowntime, .replicasBetween:
            try needTarget()
            try need("minimo")
            if check.kind == .replicasBetween { try need("maximo") }
        case .readyEndpoints:
            try needTarget()
        case .secretInEnv:
            try needTarget()
            try need("variable")
        case .probes:
            try needTarget()
            for probe in check.parameters["sondas"]?.sequence ?? [] where !["readiness", "liveness", "startup"].contains(probe.string ?? "") {
                throw reader.error(.invalidValue(key: "sondas", value: probe.string ?? "\(probe)", reason: "las sondas son readiness, liveness y startup"), at: e.node("sondas")?.mark)
            }
        case .reachable, .blocked:
            try need("desde")
            try need("servicio")
        case .allowed:
            try need("verbo")
            try need("recurso")
            try need("como")
        case .noPlainText, .resources, .pinnedImage, .healthyPods:
            break
        }
    }

    /// `[namespace/]kind/name`.
    static func reference(_ text: String, mark: Mark, reader: SpecReader) throws(CourseError) -> ObjectReference {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw reader.error(.invalidValue(key: "objeto", value: text, reason: "escribe tipo/nombre o namespace/tipo/nombre, por ejemplo deployment/web"), at: mark)
        }
        return parts.count == 3
            ? ObjectReference(namespace: parts[0], type: parts[1], name: parts[2], mark: mark)
            : ObjectReference(namespace: nil, type: parts[0], name: parts[1], mark: mark)
    }

    /// `pods -l app=web [-n ns]`.
    static func query(_ text: String, mark: Mark, reader: SpecReader) throws(CourseError) -> ObjectQuery {
        let bad = reader.error(.invalidValue(key: "objetos", value: text, reason: "escribe un tipo y, si hace falta, -l SELECTOR y -n NAMESPACE: pods -l app=web"), at: mark)
        guard let words = CommandWords.split(text), let type = words.first, !type.hasPrefix("-") else { throw bad }
        var query = ObjectQuery(type: type, selector: nil, namespace: nil, mark: mark)
        var i = 1
        while i < words.count {
            let word = words[i]
            if (word == "-l" || word == "-n"), i + 1 < words.count {
                if word == "-l" { query.selector = words[i + 1] } else { query.namespace = words[i + 1] }
                i += 2
            } else if word.hasPrefix("-l=") || word.hasPrefix("--selector=") {
                query.selector = String(word[word.index(after: word.firstIndex(of: "=")!)...]); i += 1
            } else {
                throw bad
            }
        }
        return query
    }

    static func path(_ node: Node, reader: SpecReader) throws(CourseError) -> FieldPath {
        guard let text = node.scalar else { throw reader.error(.wrongType(key: "campo", expected: "una ruta como spec.replicas"), at: node.mark) }
        do {
            return try FieldPath(text)
        } catch {
            var mark = node.mark
            if case .scalar(_, .plain) = node.content { mark.column += error.offset; mark.offset += error.offset }
            throw reader.error(.badPath(text, reason: error.reason), at: mark)
        }
    }

    /// The operator keys of a mapping, in the documented order.
    static func condition(_ e: SpecReader.Entries, reader: SpecReader) throws(CourseError) -> Condition {
        var clauses: [Condition.Clause] = []
        for key in Condition.operatorKeys where e.has(key) {
            let node = e.node(key)!
            switch key {
            case "igual": clauses.append(.equal(try e.value(key)!))
            case "distinto": clauses.append(.notEqual(try e.value(key)!))
            case "minimo", "maximo":
                let value = try e.value(key)!
                guard value.double != nil || value.string != nil else {
                    throw reader.error(.wrongType(key: key, expected: "un número o una cantidad (500m, 128Mi)"), at: node.mark)
                }
                clauses.append(key == "minimo" ? .minimum(value) : .maximum(value))
            case "existe": clauses.append(.exists(try e.bool(key)!))
            case "contiene": clauses.append(.contains(try e.value(key)!))
            case "coincide":
                let pattern = try e.string(key)!
                if TextPattern(pattern) == nil { throw reader.error(.badRegex(pattern), at: node.mark) }
                clauses.append(.matches(pattern))
            default: // todos, ninguno
                let nested = try reader.mapping(node, what: "«\(key)»", allowed: nestedKeys)
                let field = try nested.node("campo").map { (n) throws(CourseError) in try path(n, reader: reader) }
                let inner = try condition(nested, reader: reader)
                if inner.isEmpty { throw reader.error(.noOperator(check: key), at: node.mark) }
                clauses.append(key == "todos" ? .all(field: field, inner) : .none(field: field, inner))
            }
        }
        return Condition(clauses)
    }
}
