import Courseware
import KubeAPI
import Simulator
import YAML

/// A container of a pod template, and where it lives in its object.
struct ContainerRef {
    var name: String
    /// `spec.template.spec.containers[0]`.
    var path: String
    var value: Value
}

extension GradingRun {
    /// The objects a named check looks at: its target, or else the learner's objects that
    /// have a pod template (and, with `configMaps`, their ConfigMaps).
    func scope(_ check: Check, configMaps: Bool = false) throws(ContentProblem) -> Result<[StoredObject], Outcome> {
        if let target = try target(of: check) {
            let found = objects(target)
            if case .object(let key, let reference) = target, found.isEmpty { return .failure(missing(key, reference: reference)) }
            if case .query(_, _, _, let text) = target, found.isEmpty { return .failure(.fail(GraderMessages.noObjects(text), at: nil)) }
            return .success(found)
        }
        return .success(learnerObjects.filter { GradingRun.podSpecPath($0) != nil || (configMaps && $0.key.resource == "configmaps") })
    }

    static func podSpecPath(_ object: StoredObject) -> String? {
        switch object.key.resource {
        case "pods": return "spec"
        case "cronjobs.batch": return "spec.jobTemplate.spec.template.spec"
        case "deployments.apps", "statefulsets.apps", "daemonsets.apps", "replicasets.apps", "jobs.batch": return "spec.template.spec"
        default: return nil
        }
    }

    static func containers(_ object: StoredObject) -> [ContainerRef] {
        guard let base = podSpecPath(object) else { return [] }
        var spec: Value? = object.value
        for key in base.split(separator: ".") { spec = spec?[String(key)] }
        return (spec?["containers"]?.sequence ?? []).enumerated().map { i, c in
            ContainerRef(name: c["name"]?.string ?? "", path: "\(base).containers[\(i)]", value: c)
        }
    }

    static func label(_ object: StoredObject) -> String { object.kind.lowercased() + "/" + object.name }

    // MARK: sinCaida, endpointsListos, replicasEntre

    func noDowntime(_ check: Check) throws(ContentProblem) -> Outcome {
        guard let target = try target(of: check) else { return .pass }
        let minimum = Int(check.condition.minimum?.int ?? 1)
        guard let stepsStart else { return .fail(GraderMessages.noSteps, at: check.object.map { $0.mark }) }
        guard let sample = samples[check.id], sample.fewest < minimum else { return .pass }
        let at = HumanDuration.string(milliseconds: sample.at.milliseconds - stepsStart.milliseconds)
        let mark: Mark? = objects(target).first.flatMap { locate($0, "spec.strategy.rollingUpdate.maxUnavailable") }
        var service = false
        if case .object(let key, _) = target { service = key.resource == "services" }
        return .fail(GraderMessages.downtime(target.text, service: service, minimum: minimum, seen: sample.fewest, at: at), at: mark)
    }

    func readyEndpoints(_ check: Check) throws(ContentProblem) -> Outcome {
        guard let target = try target(of: check) else { return .pass }
        let count = GradingRun.readyCount(target, store: cluster.api.store)
        let condition = check.condition.isEmpty ? Condition([.minimum(1)]) : check.condition
        let found = ValuePath.Result(matches: [.init(path: "", value: .int(Int64(count)))], missing: [])
        guard let failure = ConditionEvaluator.evaluate(condition, on: found, multiple: false) else { return .pass }
        let object = objects(target).first
        let mark = object.flatMap { locate($0, $0.key.resource == "services" ? "spec.selector" : "spec.template.metadata.labels") }
        return .fail(GraderMessages.readyEndpoints(target.text, count: count, expected: failure.expected), at: mark)
    }

    func replicasBetween(_ check: Check) throws(ContentProblem) -> Outcome {
        guard let target = try target(of: check) else { return .pass }
        let objects = self.objects(target)
        if case .object(let key, let reference) = target, objects.isEmpty { return missing(key, reference: reference) }
        for object in objects {
            let status = object.value["status"]
            let count: Int64?
            if object.key.resource.hasPrefix("horizontalpodautoscalers") {
                count = status?["currentReplicas"]?.int ?? 0
            } else if object.value["spec"]?["replicas"] != nil || status?["replicas"] != nil {
                count = status?["replicas"]?.int ?? 0
            } else {
                count = nil
            }
            guard let count else { return .fail(GraderMessages.noReplicaCount(GradingRun.label(object)), at: locate(object, "")) }
            let found = ValuePath.Result(matches: [.init(path: "status.replicas", value: .int(count))], missing: [])
            if ConditionEvaluator.evaluate(check.condition, on: found, multiple: false) != nil {
                return .fail(GraderMessages.replicas(target.text, count: Int(count), minimum: GraderMessages.show(check.condition.minimum ?? 0),
                                                     maximum: GraderMessages.show(check.condition.maximum ?? 0)),
                             at: locate(object, "spec.replicas"))
            }
        }
        return .pass
    }

    // MARK: contenedores

    func probes(_ check: Check) throws(ContentProblem) -> Outcome {
        let wanted = check.parameters["sondas"].map { $0.sequence?.compactMap(\.string) ?? [$0.string ?? ""] } ?? ["readiness", "liveness"]
        switch try scope(check) {
        case .failure(let outcome): return outcome
        case .success(let objects):
            for object in objects {
                for c in GradingRun.containers(object) {
                    for probe in wanted {
                        guard let spec = c.value["\(probe)Probe"] else {
                            return .fail(GraderMessages.missingProbe(probe, container: c.name, target: GradingRun.label(object)),
                                         at: locate(object, "\(c.path).\(probe)Probe"))
                        }
                        if let failure = probePort(spec, probe: probe, container: c) {
                            return .fail(failure.0, at: locate(object, "\(c.path).\(probe)Probe.\(failure.1)"))
                        }
                    }
                }
            }
            return .pass
        }
    }

    /// A probe's port that the image does not serve: the message and the field.
    func probePort(_ probe: Value, probe kind: String, container c: ContainerRef) -> (String, String)? {
        for handler in ["httpGet", "tcpSocket", "grpc"] {
            guard let port = probe[handler]?["port"] else { continue }
            var number = port.int
            if number == nil, let name = port.string {
                number = (c.value["ports"]?.sequence ?? []).first { $0["name"]?.string == name }?["containerPort"]?.int
                if number == nil { return (GraderMessages.probeUnknownPort(kind, container: c.name, port: name), "\(handler).port") }
            }
            guard let image = c.value["image"]?.string, case .found(let info) = ImageCatalog.standard.resolve(image),
                  !info.ports.isEmpty, let number, !info.ports.contains(Int(number)) else { return nil }
            return (GraderMessages.probeWrongPort(kind, container: c.name, port: port.string ?? String(number), image: image, served: info.ports), "\(handler).port")
        }
        return nil
    }

    func secretInEnv(_ check: Check) throws(ContentProblem) -> Outcome {
        let variable = check.parameters["variable"]?.string ?? ""
        let secret = check.parameters["secreto"]?.string
        switch try scope(check) {
        case .failure(let outcome): return outcome
        case .success(let objects):
            var found = false
            for object in objects {
                for c in GradingRun.containers(object) {
                    for (i, env) in ((c.value["env"]?.sequence ?? []) as [Value]).enumerated() where env["name"]?.string == variable {
                        found = true
                        let path = "\(c.path).env[\(i)]"
                        if let ref = env["valueFrom"]?["secretKeyRef"] {
                            if let secret, let name = ref["name"]?.string, name != secret {
                                return .fail(GraderMessages.secretWrongName(variable, container: c.name, found: name, expected: secret), at: locate(object, path + ".valueFrom.secretKeyRef.name"))
                            }
                            continue
                        }
                        if env["valueFrom"]?["configMapKeyRef"] != nil {
                            return .fail(GraderMessages.secretFromConfigMap(variable, container: c.name), at: locate(object, path + ".valueFrom"))
                        }
                        return .fail(GraderMessages.secretLiteral(variable, container: c.name), at: locate(object, path + ".value"))
                    }
                    if !found, envFromSecretHas(c, variable, secret: secret, namespace: object.namespace) { found = true }
                }
            }
            if !found {
                let first = objects.first
                return .fail(GraderMessages.secretMissing(variable, target: check.object?.description ?? "tus objetos"),
                             at: first.flatMap { o in GradingRun.containers(o).first.flatMap { locate(o, $0.path + ".env") } })
            }
            return .pass
        }
    }

    /// `envFrom: [{secretRef: {name}}]` whose Secret has the key.
    func envFromSecretHas(_ c: ContainerRef, _ variable: String, secret: String?, namespace: String) -> Bool {
        for source in c.value["envFrom"]?.sequence ?? [] {
            guard let name = source["secretRef"]?["name"]?.string, secret == nil || secret == name else { continue }
            let prefix = source["prefix"]?.string ?? ""
            let stored = cluster.api.store[ObjectKey(resource: "secrets", namespace: namespace, name: name)]
            for pair in (stored?.value["data"]?.mapping ?? []) + (stored?.value["stringData"]?.mapping ?? []) where prefix + (pair.key.string ?? "") == variable {
                return true
            }
        }
        return false
    }

    /// Words that name a credential in a variable or key name, in any case (`DB_PASSWORD`,
    /// `contraseña`, `apiKey`, `TOKEN`...).
    static let credentialWords = ["pass", "contraseña", "contrasena", "clave", "secret", "token",
                                  "api_key", "api-key", "apikey", "credential"]

    static func looksLikeCredential(_ name: String) -> Bool {
        let lower = name.lowercased()
        return credentialWords.contains { lower.contains($0) }
    }

    func noPlainText(_ check: Check) throws(ContentProblem) -> Outcome {
        let values = check.parameters["valores"].map { $0.sequence?.compactMap { ValuePath.text($0) } ?? [ValuePath.text($0) ?? ""] } ?? []
        func secretValue(_ text: String) -> Bool { values.contains { !$0.isEmpty && text.contains($0) } }
        switch try scope(check, configMaps: true) {
        case .failure(let outcome): return outcome
        case .success(let objects):
            for object in objects {
                if object.key.resource == "configmaps" {
                    for pair in object.value["data"]?.mapping ?? [] {
                        let key = pair.key.string ?? ""
                        let text = pair.value.string ?? ""
                        if (GradingRun.looksLikeCredential(key) && !text.isEmpty) || secretValue(text) {
                            let message = secretValue(text) ? GraderMessages.plainValue("la clave \(key) de \(GradingRun.label(object))")
                                                            : GraderMessages.plainConfigMap(key, target: GradingRun.label(object))
                            return .fail(message, at: locate(object, "data.\(key)"))
                        }
                    }
                    continue
                }
                for c in GradingRun.containers(object) {
                    for (i, env) in ((c.value["env"]?.sequence ?? []) as [Value]).enumerated() {
                        guard let text = env["value"]?.string, !text.isEmpty else { continue }
                        let name = env["name"]?.string ?? ""
                        if GradingRun.looksLikeCredential(name) || secretValue(text) {
                            let message = secretValue(text) ? GraderMessages.plainValue("la variable \(name) del contenedor «\(c.name)» de \(GradingRun.label(object))")
                                                            : GraderMessages.plainEnv(name, container: c.name, target: GradingRun.label(object))
                            return .fail(message, at: locate(object, "\(c.path).env[\(i)].value"))
                        }
                    }
                }
            }
            return .pass
        }
    }

    func resources(_ check: Check) throws(ContentProblem) -> Outcome {
        switch try scope(check) {
        case .failure(let outcome): return outcome
        case .success(let objects):
            for object in objects {
                for c in GradingRun.containers(object) {
                    for section in ["requests", "limits"] {
                        for resource in ["cpu", "memory"] where c.value["resources"]?[section]?[resource] == nil {
                            return .fail(GraderMessages.missingResource("\(section).\(resource)", container: c.name, target: GradingRun.label(object)),
                                         at: locate(object, "\(c.path).resources.\(section).\(resource)"))
                        }
                    }
                }
            }
            return .pass
        }
    }

    func pinnedImage(_ check: Check) throws(ContentProblem) -> Outcome {
        switch try scope(check) {
        case .failure(let outcome): return outcome
        case .success(let objects):
            for object in objects {
                for c in GradingRun.containers(object) {
                    let image = c.value["image"]?.string ?? ""
                    if image.contains("@") { continue }
                    let lastPart = image.split(separator: "/").last.map(String.init) ?? image
                    let hasTag = lastPart.contains(":")
                    if !hasTag || lastPart.hasSuffix(":latest") {
                        return .fail(GraderMessages.unpinned(image, container: c.name, target: GradingRun.label(object), latest: hasTag),
                                     at: locate(object, "\(c.path).image"))
                    }
                }
            }
            return .pass
        }
    }

    // MARK: pods

    static let badWaiting: Set<String> = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
                                          "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]

    func healthyPods(_ check: Check) throws(ContentProblem) -> Outcome {
        var pods: [StoredObject] = []
        var what = check.object?.description ?? check.objects?.description ?? "default"
        if let target = try target(of: check) {
            let objects = self.objects(target)
            if case .object(let key, let reference) = target, objects.isEmpty { return missing(key, reference: reference) }
            for object in objects { pods += GradingRun.pods(of: object, store: cluster.api.store) }
        } else {
            pods = cluster.api.store.list("pods", namespace: "default")
            what = "namespace default"
        }
        pods = pods.filter { !$0.isBeingDeleted }
        guard !pods.isEmpty else { return .fail(GraderMessages.noPods(what), at: nil) }
        for pod in pods {
            let status = pod.value["status"]
            for (i, c) in (status?["containerStatuses"]?.sequence ?? []).enumerated() {
                if let waiting = c["state"]?["waiting"], let reason = waiting["reason"]?.string, GradingRun.badWaiting.contains(reason) {
                    let name = c["name"]?.string ?? ""
                    let index = (pod.value["spec"]?["containers"]?.sequence ?? []).firstIndex { $0["name"]?.string == name } ?? i
                    let field = reason.contains("Image") || reason.contains("Pull") ? "image" : "name"
                    return .fail(GraderMessages.unhealthy(pod.name, reason: GraderMessages.waiting(name, reason, waiting["message"]?.string)),
                                 at: locate(pod, "spec.containers[\(index)].\(field)"))
                }
            }
            switch status?["phase"]?.string {
            case "Pending":
                let message = (status?["conditions"]?.sequence ?? []).first { $0["type"]?.string == "PodScheduled" && $0["status"]?.string == "False" }?["message"]?.string
                if message != nil || (status?["containerStatuses"]?.sequence ?? []).isEmpty {
                    return .fail(GraderMessages.unhealthy(pod.name, reason: GraderMessages.pending(message)), at: locate(pod, "spec"))
                }
            case "Failed":
                return .fail(GraderMessages.unhealthy(pod.name, reason: GraderMessages.failed), at: locate(pod, "spec"))
            default:
                break
            }
        }
        return .pass
    }
}
