import Testing
import YAML
@testable import Grader

/// Each named check type: passing and failing, with its message and `archivo:línea`.
struct NamedCheckTests {
    @Test func sinCaida() throws {
        let check = "  - {id: sc, tipo: sinCaida, objeto: deployment/web, minimo: 3}\n"
        let strategy = "  strategy:\n    rollingUpdate: {maxUnavailable: 2, maxSurge: 0}\n"
        // The update is applied by a step: outside the folder, so "*.yaml" does not apply it first.
        var g = Fixture()
        g.steps = "pasos:\n  - aplicar: ../v2/web.yaml\n  - avanzar: 2m\n"
        g.write("v2/web.yaml", deployment(replicas: 3, image: "nginx:1.28", strategy: strategy))
        let report = try g.grade(check, files: ["web.yaml": deployment(replicas: 3, strategy: strategy)])
        let r = try #require(report.result("sc"))
        #expect(r.message == "durante los pasos, deployment/web llegó a tener 1 Pod listo (a los 0s de empezar); se esperaban siempre al menos 3.")
        #expect(r.place == "web.yaml:8") // spec.strategy.rollingUpdate.maxUnavailable
        #expect(r.command == "taller k rollout status deployment/web")
        let safe = "  strategy:\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n"
        var h = Fixture()
        h.steps = "pasos:\n  - aplicar: ../v2/web.yaml\n  - avanzar: 2m\n"
        h.write("v2/web.yaml", deployment(replicas: 3, image: "nginx:1.28", strategy: safe))
        #expect(try h.grade(check, files: ["web.yaml": deployment(replicas: 3, strategy: safe)]).result("sc")?.passed == true)
        // Without steps there is nothing to sample.
        let none = try Fixture().grade(check, files: ["web.yaml": deployment(replicas: 3)])
        #expect(none.result("sc")?.message == "el ejercicio no tiene pasos durante los que medir: añade «pasos» (revisar-curso lo avisa).")
    }

    static let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: frontend\n  ports:\n    - port: 80\n"

    @Test func endpointsListos() throws {
        let report = try Fixture().grade("""
          - {id: ep, tipo: endpointsListos, objeto: service/web, minimo: 2}
          - {id: ep1, tipo: endpointsListos, objeto: service/web}

        """, files: ["svc.yaml": NamedCheckTests.service, "web.yaml": deployment()])
        #expect(report.result("ep")?.message == "service/web tiene 0 endpoints listos; se esperaba al menos 2.")
        #expect(report.result("ep")?.place == "svc.yaml:7")
        #expect(report.result("ep")?.command == "taller k get endpoints web")
        let fixed = NamedCheckTests.service.replacingOccurrences(of: "frontend", with: "web")
        let ok = try Fixture().grade("  - {id: ep, tipo: endpointsListos, objeto: service/web, igual: 2}\n", files: ["svc.yaml": fixed, "web.yaml": deployment()])
        #expect(ok.result("ep")?.passed == true)
    }

    @Test func sondas() throws {
        let missing = try Fixture().grade("  - {id: s, tipo: sondas, objeto: deployment/web}\n", files: ["web.yaml": deployment()])
        #expect(missing.result("s")?.message == "el contenedor «web» de deployment/web no tiene readinessProbe.")
        #expect(missing.result("s")?.place == "web.yaml:16")
        let probe = "          readinessProbe: {httpGet: {path: /, port: 8080}}\n          livenessProbe: {tcpSocket: {port: http}}\n"
        let wrong = try Fixture().grade("  - {id: s, tipo: sondas, objeto: deployment/web}\n", files: ["web.yaml": deployment(extra: probe)])
        #expect(wrong.result("s")?.message == "la readinessProbe del contenedor «web» mira el puerto 8080, pero la imagen nginx:1.27 sirve en el 80.")
        #expect(wrong.result("s")?.place == "web.yaml:18")
        let named = try Fixture().grade("  - {id: s, tipo: sondas, objeto: deployment/web, sondas: [liveness]}\n", files: ["web.yaml": deployment(extra: probe)])
        #expect(named.result("s")?.message == "la livenessProbe del contenedor «web» usa el puerto con nombre «http», que el contenedor no declara en ports.")
        #expect(named.result("s")?.place == "web.yaml:19")
        let good = "          ports: [{name: http, containerPort: 80}]\n          readinessProbe: {httpGet: {path: /, port: 80}}\n          livenessProbe: {tcpSocket: {port: http}}\n"
        #expect(try Fixture().grade("  - {id: s, tipo: sondas, objeto: deployment/web}\n", files: ["web.yaml": deployment(extra: good)]).result("s")?.passed == true)
    }

    static func env(_ body: String) -> String { "          env:\n" + body }

    @Test func secretoEnEnv() throws {
        let check = "  - {id: s, tipo: secretoEnEnv, objeto: deployment/web, variable: DB_PASSWORD, secreto: db}\n"
        let literal = try Fixture().grade(check, files: ["web.yaml": deployment(extra: NamedCheckTests.env("            - {name: DB_PASSWORD, value: hunter2}\n"))])
        #expect(literal.result("s")?.message == "la variable DB_PASSWORD del contenedor «web» lleva su valor escrito en claro (value:); debe venir de un Secret (valueFrom.secretKeyRef).")
        #expect(literal.result("s")?.place == "web.yaml:19")
        let configMap = try Fixture().grade(check, files: ["web.yaml": deployment(extra: NamedCheckTests.env("            - name: DB_PASSWORD\n              valueFrom: {configMapKeyRef: {name: db, key: pw}}\n"))])
        #expect(configMap.result("s")?.message == "la variable DB_PASSWORD del contenedor «web» viene de un ConfigMap; una credencial debe venir de un Secret (valueFrom.secretKeyRef).")
        #expect(configMap.result("s")?.place == "web.yaml:20")
        let other = try Fixture().grade(check, files: ["web.yaml": deployment(extra: NamedCheckTests.env("            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: otro, key: pw}\n"))])
        #expect(other.result("s")?.message == "la variable DB_PASSWORD del contenedor «web» viene del Secret «otro»; se esperaba el Secret «db».")
        let none = try Fixture().grade(check, files: ["web.yaml": deployment()])
        #expect(none.result("s")?.message == "ningún contenedor de deployment/web define la variable DB_PASSWORD.")
        #expect(none.result("s")?.place == "web.yaml:16")
        let ok = try Fixture().grade(check, files: ["web.yaml": deployment(extra: NamedCheckTests.env("            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: pw}\n"))])
        #expect(ok.result("s")?.passed == true)
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {DB_PASSWORD: x}\n"
        let envFrom = try Fixture().grade(check, files: ["s.yaml": secret, "web.yaml": deployment(extra: "          envFrom: [{secretRef: {name: db}}]\n")])
        #expect(envFrom.result("s")?.passed == true)
    }

    @Test func sinTextoPlano() throws {
        let env = try Fixture().grade("  - {id: p, tipo: sinTextoPlano}\n",
                                      files: ["web.yaml": deployment(extra: NamedCheckTests.env("            - {name: MODO, value: prod}\n            - {name: API_TOKEN, value: abc}\n"))])
        #expect(env.result("p")?.message == "la variable API_TOKEN del contenedor «web» de deployment/web parece una credencial y lleva su valor en claro: guárdala en un Secret.")
        #expect(env.result("p")?.place == "web.yaml:20")
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf}\ndata:\n  modo: prod\n  db-password: s3cr3t\n"
        let map = try Fixture().grade("  - {id: p, tipo: sinTextoPlano}\n", files: ["cm.yaml": cm])
        #expect(map.result("p")?.message == "la clave db-password de configmap/conf parece una credencial en texto plano: un ConfigMap no es para secretos; usa un Secret.")
        #expect(map.result("p")?.place == "cm.yaml:6")
        let cm2 = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf}\ndata:\n  url: postgres://app:s3cr3t@db\n"
        let value = try Fixture().grade("  - {id: p, tipo: sinTextoPlano, valores: [s3cr3t]}\n", files: ["cm.yaml": cm2])
        #expect(value.result("p")?.message == "la clave url de configmap/conf contiene en claro un valor que debe ser secreto: guárdalo en un Secret.")
        #expect(try Fixture().grade("  - {id: p, tipo: sinTextoPlano}\n", files: ["web.yaml": deployment()]).result("p")?.passed == true)
    }

    @Test func recursos() throws {
        let partial = "          resources:\n            requests: {cpu: 100m, memory: 64Mi}\n            limits: {cpu: 200m}\n"
        let report = try Fixture().grade("  - {id: r, tipo: recursos, objeto: deployment/web}\n", files: ["web.yaml": deployment(extra: partial)])
        #expect(report.result("r")?.message == "el contenedor «web» de deployment/web no tiene resources.limits.memory.")
        #expect(report.result("r")?.place == "web.yaml:20")
        let full = "          resources:\n            requests: {cpu: 100m, memory: 64Mi}\n            limits: {cpu: 200m, memory: 128Mi}\n"
        #expect(try Fixture().grade("  - {id: r, tipo: recursos}\n", files: ["web.yaml": deployment(extra: full)]).result("r")?.passed == true)
    }

    @Test func imagenFijada() throws {
        let latest = try Fixture().grade("  - {id: i, tipo: imagenFijada}\n", files: ["web.yaml": deployment(image: "nginx:latest")])
        #expect(latest.result("i")?.message == "el contenedor «web» de deployment/web usa la imagen nginx:latest con la etiqueta :latest, que cambia con el tiempo: fija una versión (nginx:1.27).")
        #expect(latest.result("i")?.place == "web.yaml:17")
        let bare = try Fixture().grade("  - {id: i, tipo: imagenFijada, objeto: deployment/web}\n", files: ["web.yaml": deployment(image: "registry.local:5000/equipo/web")])
        #expect(bare.result("i")?.message == "el contenedor «web» de deployment/web usa la imagen registry.local:5000/equipo/web sin etiqueta, que es :latest: fija una versión (nginx:1.27).")
        #expect(try Fixture().grade("  - {id: i, tipo: imagenFijada}\n", files: ["web.yaml": deployment(image: "nginx@sha256:abc")]).result("i")?.passed == true)
    }

    @Test func podsSanos() throws {
        let pull = try Fixture().grade("  - {id: p, tipo: podsSanos, objeto: deployment/web}\n", files: ["web.yaml": deployment(image: "nginx:9.99")])
        let r = try #require(pull.result("p"))
        #expect(r.message.hasPrefix("el pod web-"))
        #expect(r.message.contains("no está sano: su contenedor «web» está en ImagePullBackOff"))
        #expect(r.place == "web.yaml:17")
        let big = "          resources: {requests: {cpu: \"64\"}}\n"
        let pending = try Fixture().grade("  - {id: p, tipo: podsSanos}\n", files: ["web.yaml": deployment(replicas: 1, extra: big)])
        #expect(pending.result("p")?.message.contains("no está sano: sigue Pending (0/2 nodes are available: 1 Insufficient cpu") == true)
        #expect(try Fixture().grade("  - {id: p, tipo: podsSanos, objetos: pods -l app=web}\n", files: ["web.yaml": deployment()]).result("p")?.passed == true)
        #expect(try Fixture().grade("  - {id: p, tipo: podsSanos}\n", files: ["cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"]).result("p")?.message
            == "no hay ningún pod de namespace default.")
    }

    @Test func replicasEntre() throws {
        let report = try Fixture().grade("  - {id: r, tipo: replicasEntre, objeto: deployment/web, minimo: 3, maximo: 10}\n", files: ["web.yaml": deployment(replicas: 2)])
        #expect(report.result("r")?.message == "deployment/web tiene 2 réplicas; se esperaban entre 3 y 10.")
        #expect(report.result("r")?.place == "web.yaml:6")
        #expect(try Fixture().grade("  - {id: r, tipo: replicasEntre, objeto: deployment/web, minimo: 1, maximo: 2}\n", files: ["web.yaml": deployment(replicas: 2)]).result("r")?.passed == true)
    }

    static let denyWeb = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: solo-frontend
    spec:
      podSelector:
        matchLabels: {app: web}
      policyTypes: [Ingress]
      ingress:
        - from:
            - podSelector:
                matchLabels: {app: frontend}

    """

    @Test func alcanzableYBloqueado() throws {
        let svc = NamedCheckTests.service.replacingOccurrences(of: "frontend", with: "web")
        let checks = """
          - {id: a, tipo: alcanzable, desde: deployment/cliente, servicio: web}
          - {id: b, tipo: bloqueado, desde: deployment/cliente, servicio: web, puerto: 80}
          - {id: f, tipo: alcanzable, desde: deployment/frontend, servicio: web}

        """
        let open = try Fixture().grade(checks, files: ["svc.yaml": svc, "web.yaml": deployment(), "cliente.yaml": deployment(name: "cliente", replicas: 1),
                                                       "frontend.yaml": deployment(name: "frontend", replicas: 1)])
        #expect(open.result("a")?.passed == true)
        let notBlocked = try #require(open.result("b"))
        #expect(notBlocked.message.hasPrefix("la petición de deployment/cliente a http://web/ llega (HTTP 200 de web-"))
        #expect(notBlocked.message.hasSuffix("); debería bloquearla una NetworkPolicy."))
        #expect(notBlocked.command == "taller cluster pedir http://web:80/ --desde POD   (POD: un pod de deployment/cliente, taller k get pods)")
        let closed = try Fixture().grade(checks, files: ["svc.yaml": svc, "web.yaml": deployment(), "cliente.yaml": deployment(name: "cliente", replicas: 1),
                                                         "frontend.yaml": deployment(name: "frontend", replicas: 1), "np.yaml": NamedCheckTests.denyWeb])
        #expect(closed.result("b")?.passed == true)
        #expect(closed.result("f")?.passed == true)
        let blocked = try #require(closed.result("a"))
        #expect(blocked.message == "la petición de deployment/cliente a http://web/ no llega: tiempo agotado: algo descarta los paquetes (la bloquea la NetworkPolicy default/solo-frontend).")
        #expect(blocked.place == "np.yaml:7")
        let noEndpoints = try Fixture().grade(checks, files: ["svc.yaml": NamedCheckTests.service.replacingOccurrences(of: "frontend", with: "nadie"), "web.yaml": deployment(),
                                                              "cliente.yaml": deployment(name: "cliente", replicas: 1), "frontend.yaml": deployment(name: "frontend", replicas: 1)])
        #expect(noEndpoints.result("a")?.message == "la petición de deployment/cliente a http://web/ no llega: conexión rechazada: el Service no tiene endpoints listos, o en ese puerto no escucha nadie.")
        #expect(noEndpoints.result("a")?.place == "svc.yaml:7")
        #expect(noEndpoints.result("b")?.message.hasSuffix("no llega, pero no porque la bloquee una NetworkPolicy: conexión rechazada: el Service no tiene endpoints listos, o en ese puerto no escucha nadie.") == true)
    }

    static let lector = """
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: app}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: lector}
    rules:
    - apiGroups: [""]
      resources: [pods, pods/log]
      verbs: [get, list, watch]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: app-lee}
    subjects:
    - kind: ServiceAccount
      name: app
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: lector}

    """

    /// `permitido` asks the RBAC authorizer what `auth can-i … --as` would answer.
    @Test func permitido() throws {
        let checks = """
          - {id: lee, tipo: permitido, verbo: list, recurso: pods, como: "system:serviceaccount:default:app"}
          - {id: logs, tipo: permitido, verbo: get, recurso: pods/log, como: "system:serviceaccount:default:app"}
          - {id: borra, tipo: permitido, verbo: delete, recurso: pods, como: "system:serviceaccount:default:app"}
          - {id: no-borra, tipo: permitido, verbo: delete, recurso: pods, como: "system:serviceaccount:default:app", igual: false}
          - {id: otro-ns, tipo: permitido, verbo: list, recurso: dev/pods, como: "system:serviceaccount:default:app"}
          - {id: ana, tipo: permitido, verbo: get, recurso: deployments.apps, como: ana}

        """
        let report = try Fixture().grade(checks, files: ["rbac.yaml": Self.lector])
        #expect(report.result("lee")?.passed == true)
        #expect(report.result("logs")?.passed == true)
        #expect(report.result("no-borra")?.passed == true)
        #expect(report.result("borra")?.passed == false)
        #expect(report.result("borra")?.message == "«system:serviceaccount:default:app» no puede hacer delete sobre pods en el namespace «default»: falta una regla en su Role o el RoleBinding que se lo da. Compruébalo con «taller k auth can-i delete pods --as system:serviceaccount:default:app -n default».")
        #expect(report.result("otro-ns")?.passed == false)
        #expect(report.result("ana")?.passed == false)
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        components(a).joined(separator: b)
    }
    func components(_ separator: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
