import Testing
import YAML
@testable import Grader

/// Every operator of a field check: passing, and failing with its message and the line of
/// the learner's file where the field is (or where it belongs).
struct OperatorTests {
    let f = Fixture()

    @Test func igual() throws {
        let report = try f.grade("  - {id: r, objeto: deployment/web, campo: spec.replicas, igual: 3, puntos: 2, pista: Mira spec.replicas.}\n",
                                 files: ["web.yaml": deployment(replicas: 1)])
        let r = try #require(report.result("r"))
        #expect(!r.passed && r.points == 0 && r.maxPoints == 2)
        #expect(r.message == "deployment/web: se esperaba spec.replicas igual a 3, pero es 1.")
        #expect(r.place == "web.yaml:6")
        #expect(r.hint == "Mira spec.replicas.")
        #expect(r.command == "taller k get deployment web -o jsonpath='{.spec.replicas}'")
        let ok = try f.grade("  - {id: r, objeto: deployment/web, campo: spec.replicas, igual: 1}\n", files: [:])
        #expect(ok.result("r")?.passed == true && ok.passed && ok.points == 1)
    }

    @Test func distintoYCoincide() throws {
        let report = try f.grade("""
          - {id: d, objeto: deployment/web, campo: "spec.template.spec.containers[0].image", distinto: "nginx:1.27"}
          - {id: c, objeto: deployment/web, campo: "spec.template.spec.containers[name=web].image", coincide: ":1\\\\.28$"}
          - {id: c2, objeto: deployment/web, campo: spec.replicas, coincide: "^2$"}

        """, files: ["web.yaml": deployment()])
        #expect(report.result("d")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].image distinto de «nginx:1.27», pero es «nginx:1.27».")
        #expect(report.result("d")?.place == "web.yaml:17")
        #expect(report.result("c")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].image que coincida con /:1\\.28$/, pero es «nginx:1.27».")
        #expect(report.result("c")?.place == "web.yaml:17")
        #expect(report.result("c2")?.passed == true)
        #expect(report.result("c")?.command == "taller k get deployment web -o jsonpath='{.spec.template.spec.containers[?(@.name==\"web\")].image}'")
    }

    @Test func minimoYMaximoConCantidades() throws {
        let extra = "          resources:\n            limits: {memory: 32Mi, cpu: 500m}\n"
        let report = try f.grade("""
          - {id: min, objeto: deployment/web, campo: "spec.template.spec.containers[0].resources.limits.memory", minimo: 64Mi}
          - {id: max, objeto: deployment/web, campo: "spec.template.spec.containers[0].resources.limits.cpu", maximo: "0.25"}
          - {id: n, objeto: deployment/web, campo: spec.replicas, minimo: 2, maximo: 2}

        """, files: ["web.yaml": deployment(extra: extra)])
        #expect(report.result("min")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].resources.limits.memory al menos «64Mi», pero es «32Mi».")
        #expect(report.result("min")?.place == "web.yaml:19")
        #expect(report.result("max")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].resources.limits.cpu como mucho «0.25», pero es «500m».")
        #expect(report.result("n")?.passed == true)
    }

    @Test func existe() throws {
        let report = try f.grade("""
          - {id: falta, objeto: deployment/web, campo: "spec.template.spec.containers[0].readinessProbe", existe: true}
          - {id: sobra, objeto: deployment/web, campo: spec.replicas, existe: false}
          - {id: objeto, objeto: deployment/otro, existe: false}
          - {id: hay, objeto: deployment/web}

        """, files: ["web.yaml": deployment()])
        let falta = try #require(report.result("falta"))
        #expect(falta.message == "deployment/web: se esperaba spec.template.spec.containers[0].readinessProbe que exista, pero el campo no está.")
        #expect(falta.place == "web.yaml:16") // where it belongs: the container
        #expect(report.result("sobra")?.message == "deployment/web: se esperaba spec.replicas que no exista, pero es 2.")
        #expect(report.result("objeto")?.passed == true)
        #expect(report.result("hay")?.passed == true)
    }

    @Test func contiene() throws {
        let report = try f.grade("""
          - {id: texto, objeto: deployment/web, campo: "spec.template.spec.containers[0].image", contiene: alpine}
          - {id: lista, objeto: deployment/web, campo: spec.template.spec.containers, contiene: {name: web, image: "nginx:1.27"}}
          - {id: mapa, objeto: deployment/web, campo: spec.template.metadata.labels, contiene: app}
          - {id: mapa2, objeto: deployment/web, campo: spec.selector.matchLabels, contiene: {tier: front}}

        """, files: ["web.yaml": deployment()])
        #expect(report.result("texto")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].image que contenga «alpine», pero es «nginx:1.27».")
        #expect(report.result("lista")?.passed == true)
        #expect(report.result("mapa")?.passed == true)
        #expect(report.result("mapa2")?.message == "deployment/web: se esperaba spec.selector.matchLabels que contenga {\"tier\":\"front\"}, pero es {\"app\":\"web\"}.")
        #expect(report.result("mapa2")?.place == "web.yaml:9")
    }

    @Test func todosYNinguno() throws {
        let extra = "        - name: sidecar\n          image: busybox:latest\n          resources: {limits: {memory: 16Mi}}\n"
        let report = try f.grade("""
          - id: todos
            objeto: deployment/web
            campo: spec.template.spec.containers
            todos: {campo: resources.limits.memory, existe: true}
          - id: ninguno
            objeto: deployment/web
            campo: "spec.template.spec.containers[*].image"
            ninguno: {coincide: ":latest$"}
          - id: todos-ok
            objeto: deployment/web
            campo: "spec.template.spec.containers[*].name"
            todos: {coincide: "^[a-z]+$"}

        """, files: ["web.yaml": deployment(extra: extra)])
        #expect(report.result("todos")?.message == "deployment/web: se esperaba spec.template.spec.containers[0].resources.limits.memory que exista, pero el campo no está.")
        #expect(report.result("todos")?.place == "web.yaml:16")
        #expect(report.result("ninguno")?.message == "deployment/web: se esperaba spec.template.spec.containers[1].image que ninguno cumpla: que coincida con /:latest$/, pero es «busybox:latest».")
        #expect(report.result("ninguno")?.place == "web.yaml:19")
        #expect(report.result("todos-ok")?.passed == true)
    }

    @Test func objetosCountAndEach() throws {
        let report = try f.grade("""
          - {id: cuenta, objetos: pods -l app=web, igual: 3}
          - {id: fase, objetos: pods -l app=web, campo: status.phase, igual: Running}
          - {id: imagen, objetos: pods -l app=web, campo: "spec.containers[0].image", igual: "nginx:1.28"}
          - {id: nada, objetos: pods -l app=otro, campo: status.phase, igual: Running}

        """, files: ["web.yaml": deployment()])
        #expect(report.result("cuenta")?.message == "pods -l app=web: se esperaba un número de objetos igual a 3, pero hay 2.")
        #expect(report.result("fase")?.passed == true)
        let imagen = try #require(report.result("imagen"))
        #expect(imagen.message.hasPrefix("pod/web-"))
        #expect(imagen.message.hasSuffix(": se esperaba spec.containers[0].image igual a «nginx:1.28», pero es «nginx:1.27»."))
        #expect(imagen.place == "web.yaml:17") // the pod's field, in its Deployment's template
        #expect(report.result("nada")?.message == "no hay ningún objeto que cumpla «pods -l app=otro».")
        #expect(report.result("cuenta")?.command == "taller k get pods -l app=web")
    }

    @Test func aMisspelledNamePointsAtIt() throws {
        let report = try f.grade("  - {id: r, objeto: deployment/web, campo: spec.replicas, igual: 2}\n", files: ["web.yaml": deployment(name: "wev")])
        #expect(report.result("r")?.message == "no existe deployment/web en el namespace «default»; tus archivos crean «wev»: ¿es el nombre que pide el enunciado?")
        #expect(report.result("r")?.place == "web.yaml:4")
    }
}
