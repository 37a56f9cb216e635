import Simulator

/// The Spanish texts of `taller cluster pedir`: the way a request took, the answer, and the
/// tally of many.
enum RequestMessages {
    static func badURL(_ url: String) -> String {
        "«\(url)» no es una URL que pueda pedir: escribe, por ejemplo, http://172.18.0.3:30080/ o http://app.example.com/ruta"
    }

    static func badTimes(_ word: String) -> String {
        "«\(word)» no vale para --veces: escribe un número entre 1 y \(ClusterRequestCommand.maxRequests)"
    }

    static func noPod(_ name: String, namespace: String) -> String {
        "Error from server (NotFound): pods \"\(name)\" not found\n  No hay ningún pod «\(name)» en el namespace «\(namespace)»: compruébalo con «taller k get pods -n \(namespace)».\n"
    }

    static func podNotRunning(_ name: String) -> String {
        "El pod «\(name)» no está en marcha (Running, con IP): no puede hacer peticiones. Míralo con «taller k get pod \(name)».\n"
    }

    static func origin(_ origin: TrafficOrigin) -> String {
        switch origin {
        case .outside: return "tu máquina (fuera del clúster)"
        case .pod(let key): return "el pod \(key.namespace)/\(key.name)"
        }
    }

    /// `tu máquina → 172.18.0.3:30080 → NodePort del Service default/web → pod web-… (10.244.1.2:80)`.
    static func route(_ r: TrafficResult, origin: TrafficOrigin) -> String {
        var steps = [origin == .outside ? "tu máquina" : "pod \(self.origin(origin).dropFirst("el pod ".count))"]
        if let ip = r.ip, r.request.host == ip { steps.append("\(ip):\(r.request.port)") }
        for hop in r.hops {
            switch hop {
            case .dns(let name, let address): steps.append("DNS: «\(r.request.host)» es \(name) (\(address))")
            case .hostsFile(let name): steps.append("«\(name)» apunta a 127.0.0.1, el Ingress de kind (como una línea de /etc/hosts)")
            case .service(let ns, let name, let via):
                switch via {
                case "NodePort": steps.append("NodePort del Service \(ns)/\(name)")
                case "LoadBalancer": steps.append("IP externa del Service \(ns)/\(name)")
                case "Ingress": steps.append("endpoints del Service \(ns)/\(name)")
                default: steps.append("Service \(ns)/\(name) (ClusterIP)")
                }
            case .ingress(let ns, let name, let rule):
                steps.append("Ingress \(ns)/\(name) (\(rule.isEmpty ? "defaultBackend" : "ruta \(rule)"))")
            case .defaultBackend: steps.append("backend por omisión de ingress-nginx")
            case .pod(_, let name, let ip, let port): steps.append("pod \(name) (\(ip):\(port))")
            }
        }
        return "Camino: " + steps.joined(separator: " → ") + "\n"
    }

    static func single(_ r: TrafficResult, origin: TrafficOrigin) -> String {
        var text = route(r, origin: origin)
        if r.request.https && r.failure == nil && r.pod != nil || r.request.https && r.status != 0 {
            text += r.certificate.map { "Certificado: el del Secret \($0) (kubernetes.io/tls).\n" }
                ?? "Certificado: el certificado falso de ingress-nginx («Kubernetes Ingress Controller Fake Certificate»): ningún spec.tls nombra este host con un Secret kubernetes.io/tls que exista. Un navegador o curl sin -k lo rechazarían.\n"
        }
        guard let failure = r.failure else {
            text += "HTTP/1.1 \(r.status) \(HTTPText.reason(r.status))\n"
            if let location = r.location { text += "Location: \(location)\n" }
            return text + r.body + (r.body.isEmpty || r.body.hasSuffix("\n") ? "" : "\n")
        }
        return text + explain(failure, r) + "\n"
    }

    static func explain(_ failure: TrafficResult.Failure, _ r: TrafficResult) -> String {
        let reachedPod = r.hops.contains { if case .pod = $0 { return true } else { return false } }
        switch failure {
        case .badAddress:
            return "Sin respuesta: «\(r.request.host)» no se resuelve (curl: (6) Could not resolve host: \(r.request.host)). Ni con los dominios de búsqueda del pod lo encuentra el DNS del clúster: revisa el nombre del Service y su namespace."
        case .dnsTimeout:
            return "Sin respuesta: la consulta DNS no llega a kube-dns. " + blocked(r) + " Una política de salida (Egress) tiene que permitir UDP 53 hacia los pods k8s-app=kube-dns de kube-system."
        case .refused:
            return reachedPod ? "Sin respuesta: conexión rechazada (Connection refused): en ese puerto del pod no escucha nadie. Comprueba el targetPort del Service y el puerto en el que escucha la imagen."
                : "Sin respuesta: conexión rechazada (Connection refused): el Service no tiene ningún pod listo, y kube-proxy rechaza la conexión. Mira «taller k get endpoints»."
        case .timedOut:
            if r.blockedBy != nil { return "Sin respuesta: tiempo agotado. " + blocked(r) + " Un paquete descartado no recibe respuesta: el cliente espera hasta rendirse." }
            return "Sin respuesta: tiempo agotado: nadie responde en esa dirección (desde fuera solo llegan las IP de los nodos con un NodePort, las IP externas de LoadBalancer y el Ingress en localhost; con externalTrafficPolicy: Local, solo los nodos que tienen pods del Service)."
        case .unreachable:
            return "Sin respuesta: no hay ruta (No route to host): ningún pod tiene la IP \(r.ip ?? "")."
        case .emptyReply:
            return "Sin respuesta HTTP: el puerto acepta la conexión y la cierra; lo que escucha ahí no habla HTTP (curl: (52) Empty reply from server)."
        case .tlsToPod:
            return "Sin respuesta: los contenedores simulados sirven HTTP sin TLS; pide http:// o entra por el Ingress (que termina el TLS)."
        }
    }

    static func blocked(_ r: TrafficResult) -> String {
        guard let verdict = r.blockedBy else { return "" }
        let side = verdict.blockedBy == .egress ? "la salida (Egress) del origen" : "la entrada (Ingress) del destino"
        return "Una NetworkPolicy lo descarta en \(side): lo aíslan \(verdict.policies.joined(separator: ", ")) y ninguna de sus reglas lo permite."
    }

    /// The tally of `--veces N`.
    static func tally(_ results: [TrafficResult], origin: TrafficOrigin, labels: [ObjectKey: [String: String]]) -> String {
        let total = results.count
        var text = "\(total) peticiones a \(results[0].request.url) desde \(self.origin(origin)):\n\n"
        var answers: [String: Int] = [:]
        for r in results {
            let key = r.failure.map { "sin respuesta: \(short($0))" } ?? "\(r.status) \(HTTPText.reason(r.status))"
            answers[key, default: 0] += 1
        }
        var w = TabWriter.table()
        w.write("RESPUESTA\tVECES\n")
        for (k, v) in answers.sorted(by: { $0.key < $1.key }) { w.write("\(k)\t\(v)\n") }
        text += w.finish()
        var byPod: [ObjectKey: Int] = [:]
        for r in results { if let p = r.pod { byPod[p, default: 0] += 1 } }
        guard !byPod.isEmpty else { return text }
        func version(_ key: ObjectKey) -> String {
            let l = labels[key] ?? [:]
            return l["version"] ?? l["app.kubernetes.io/version"] ?? l["pod-template-hash"] ?? "-"
        }
        var p = TabWriter.table()
        p.write("POD\tVERSIÓN\tVECES\n")
        for (key, n) in byPod.sorted(by: { $0.key < $1.key }) { p.write("\(key.name)\t\(version(key))\t\(n)\n") }
        text += "\n" + p.finish()
        var byVersion: [String: Int] = [:]
        for (key, n) in byPod { byVersion[version(key), default: 0] += n }
        let parts = byVersion.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) (\(($0.value * 100 + total / 2) / total) %)" }
        return text + "\nPor versión: " + parts.joined(separator: " · ") + "\n"
    }

    static func short(_ failure: TrafficResult.Failure) -> String {
        switch failure {
        case .badAddress: "nombre sin resolver"
        case .dnsTimeout: "DNS sin respuesta"
        case .refused: "conexión rechazada"
        case .timedOut: "tiempo agotado"
        case .unreachable: "sin ruta"
        case .emptyReply: "respuesta vacía"
        case .tlsToPod: "TLS a un pod"
        }
    }
}
