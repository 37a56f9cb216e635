import Testing
import YAML
@testable import Courseware

/// ejercicio.yaml: what loads, and every authoring mistake with its Spanish message at
/// `archivo:línea:columna`.
struct ExerciseLoaderTests {
    @Test func loadsAWholeExercise() throws {
        let e = try loadExercise(minimalHeader + """
        nivel: 2
        cluster:
          nodos: [{nombre: n1, cpu: "2", memoria: 4Gi, etiquetas: {disco: ssd}, taints: ["dedicado=si:NoSchedule"]}]
          preparar: [base.yaml]
        archivos: [web.yaml]
        pasos:
          - avanzar: 1h30m
          - comando: "taller k scale deployment/web --replicas=5"
          - aplicar: v2.yaml
          - carga: {servicio: web, rps: 300, durante: 5m}
          - nodoCae: n1
          - nodoVuelve: n1
        comprobaciones:
          - id: disponibles
            objeto: prod/deployment/web
            campo: status.availableReplicas
            igual: 3
            minimo: 1
            puntos: 2
            pista: Mira las réplicas.
            oculta: true
          - id: pods
            objetos: pods -l app=web -n prod
            todos:
              campo: spec.containers[*].image
              coincide: ":1\\\\.27$"
          - id: secreto
            tipo: secretoEnEnv
            objeto: deployment/web
            variable: DB_PASSWORD
            secreto: db
        pistas: [uno, dos]
        """, files: ["base.yaml": "a: 1\n"])
        #expect(e.level == 2)
        #expect(e.files == ["web.yaml"])
        #expect(e.cluster.prepare == ["base.yaml"])
        #expect(e.cluster.nodes == .list([.init(name: "n1", cpu: "2", memory: "4Gi", labels: ["disco": "ssd"], taints: ["dedicado=si:NoSchedule"], controlPlane: false)]))
        #expect(e.steps.map(\.action) == [.advance(milliseconds: 5_400_000), .command(["k", "scale", "deployment/web", "--replicas=5"]), .apply("v2.yaml"),
                                          .load(service: "web", namespace: "default", rps: 300, milliseconds: 300_000), .nodeDown("n1"), .nodeUp("n1")])
        #expect(e.checks.map(\.id) == ["disponibles", "pods", "secreto"])
        let first = e.checks[0]
        #expect(first.object == ObjectReference(namespace: "prod", type: "deployment", name: "web", mark: first.object!.mark))
        #expect(first.points == 2 && first.hidden && first.hint == "Mira las réplicas.")
        #expect(first.condition.clauses.map(\.key) == ["igual", "minimo"])
        #expect(e.checks[1].objects?.selector == "app=web" && e.checks[1].objects?.namespace == "prod")
        #expect(e.checks[2].kind == .secretInEnv && e.checks[2].parameters["variable"] == "DB_PASSWORD")
        #expect(e.hints == ["uno", "dos"])
        #expect(e.maxPoints == 2)
    }

    @Test func unknownKeySuggestsTheRightOne() throws {
        let error = try #require(loadError(minimalHeader + "comprobaciones:\n  - id: a\n    objeto: deployment/web\n    campo: spec.replicas\n    igul: 3\n"))
        #expect(error.problem == .unknownKey("igul", in: "una comprobación", suggestion: "igual"))
        #expect(error.mark?.line == 9 && error.mark?.column == 5)
        #expect(error.rendered.contains("ejercicio.yaml:9:5: error: «igul» no es una clave de una comprobación\n    9 |     igul: 3\n      |     ^\n  pista: ¿querías decir «igual»?\n"))
    }

    @Test func missingKeysAndWrongTypes() throws {
        let noTitle = try #require(loadError("id: 01-prueba\nleccion: x\nenunciado: y\ncomprobaciones: []\n"))
        #expect(noTitle.problem == .missingKey("titulo", in: "el ejercicio"))
        #expect(noTitle.message == "falta la clave «titulo» en el ejercicio")
        let noChecks = try #require(loadError(minimalHeader + "comprobaciones: []\n"))
        #expect(noChecks.problem == .wrongType(key: "comprobaciones", expected: "una lista con al menos una comprobación"))
        #expect(noChecks.mark?.line == 5)
        let points = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web, puntos: muchos}\n"))
        #expect(points.problem == .wrongType(key: "puntos", expected: "un número entero"))
        let level = try #require(loadError(minimalHeader + "nivel: 7\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(level.message.contains("el nivel es 1 (guiado), 2 (práctica) o 3 (reto)"))
    }

    @Test func idMustMatchTheFolder() throws {
        let error = try #require(loadError("id: 02-otro\ntitulo: t\nleccion: l\nenunciado: e\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(error.problem == .idMismatch(id: "02-otro", folder: "01-prueba"))
        #expect(error.location.hasSuffix("01-prueba/ejercicio.yaml:1:5"))
    }

    @Test func unknownTypeListsTheTypes() throws {
        let error = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, tipo: sinCaída, objeto: deployment/web, minimo: 2}\n"))
        #expect(error.message.hasPrefix("«sinCaída» no vale para «tipo»: ¿querías decir «sinCaida»? los tipos son: campo, sinCaida,"))
    }

    @Test func badPathPointsAtTheColumn() throws {
        let error = try #require(loadError(minimalHeader + "comprobaciones:\n  - id: a\n    objeto: deployment/web\n    campo: spec..replicas\n    igual: 1\n"))
        #expect(error.problem == .badPath("spec..replicas", reason: PathMessages.emptyName))
        #expect(error.mark?.line == 8 && error.mark?.column == 17)
    }

    @Test func badRegexAndMissingOperator() throws {
        let regex = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web, campo: spec.x, coincide: \"([\"}\n"))
        #expect(regex.problem == .badRegex("(["))
        let none = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web, campo: spec.x}\n"))
        #expect(none.problem == .noOperator(check: "a"))
        let nested = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web, campo: spec.x, todos: {campo: y}}\n"))
        #expect(nested.problem == .noOperator(check: "todos"))
    }

    @Test func targetsAndNamedRequirements() throws {
        let both = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web, objetos: pods}\n"))
        #expect(both.problem == .conflictingTarget(check: "a"))
        let none = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, campo: spec.x, igual: 1}\n"))
        #expect(none.problem == .missingTarget(check: "a", type: "campo"))
        let downtime = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, tipo: sinCaida, objeto: deployment/web}\n"))
        #expect(downtime.problem == .missingKey("minimo", in: "una comprobación de tipo sinCaida"))
        let secret = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, tipo: secretoEnEnv, objeto: deployment/web}\n"))
        #expect(secret.problem == .missingKey("variable", in: "una comprobación de tipo secretoEnEnv"))
        let probes = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, tipo: sondas, objeto: deployment/web, sondas: [lectura]}\n"))
        #expect(probes.message.contains("las sondas son readiness, liveness y startup"))
        let reference = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: web}\n"))
        #expect(reference.message.contains("escribe tipo/nombre"))
        let dup = try #require(loadError(minimalHeader + "comprobaciones:\n  - {id: a, objeto: deployment/web}\n  - {id: a, objeto: deployment/api}\n"))
        #expect(dup.problem == .duplicateID("a"))
        #expect(dup.mark?.line == 7)
    }

    @Test func stepsAreChecked() throws {
        let duration = try #require(loadError(minimalHeader + "pasos:\n  - avanzar: pronto\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(duration.problem == .invalidValue(key: "avanzar", value: "pronto", reason: "una duración como 30s, 5m o 1h30m"))
        #expect(duration.mark?.line == 6 && duration.mark?.column == 14)
        let command = try #require(loadError(minimalHeader + "pasos:\n  - comando: \"cluster reiniciar\"\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(command.message.contains("un paso «comando» es una orden de taller k"))
        let two = try #require(loadError(minimalHeader + "pasos:\n  - {avanzar: 1m, nodoCae: n1}\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(two.message.contains("cada paso es una sola acción"))
        let prepare = try #require(loadError(minimalHeader + "cluster: {preparar: [falta.yaml]}\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n"))
        #expect(prepare.problem == .invalidValue(key: "preparar", value: "falta.yaml", reason: "no existe en la carpeta del ejercicio"))
    }

    @Test func yamlErrorsUseTheYAMLRenderer() throws {
        let error = try #require(loadError("id: 01-prueba\ntitulo: a: b\n"))
        #expect(error.mark?.line == 2)
        #expect(error.message == "aquí no puede haber un «:» de clave y valor")
        #expect(error.rendered.hasPrefix(error.location + ": error: aquí no puede haber"))
    }

    @Test func missingFile() {
        do {
            _ = try ExerciseLoader.load(folder: TempFolder().path + "/01-nada")
            Issue.record("no error")
        } catch {
            #expect(error.problem == .missingFile)
            #expect(error.rendered.hasSuffix("01-nada/ejercicio.yaml: error: no existe este archivo\n"))
        }
    }
}
