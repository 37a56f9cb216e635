import KubeAPI
import YAML

/// The two ends that answer: a pod's containers, as the image catalog says they serve, and the
/// Ingress controller in front of them.
extension TrafficEngine {
    /// What a container answers on a port.
    enum Answer: Equatable {
        case http(status: Int, body: String)
        /// It listens, but does not speak HTTP (redis, postgres…): the connection closes.
        case empty
    }

    /// A pod's answer to a request on `port`: refused when no running container listens there.
    func serve(_ pod: StoredObject, port: Int, _ request: TrafficRequest, _ result: inout TrafficResult) {
        guard let answer = answer(pod, port: port, path: request.path) else {
            result.failure = .refused
            return
        }
        result.pod = pod.key
        switch answer {
        case .empty: result.failure = .emptyReply
        case .http(let status, let body):
            result.status = status
            result.body = body
        }
    }

    /// What the pod's containers answer on `port` now; nil when none listens (not started,
    /// still starting, exited, or an image that never opens that port).
    func answer(_ pod: StoredObject, port: Int, path: String) -> Answer? {
        let statuses = pod.value["status"]?["containerStatuses"]?.sequence ?? []
        for c in pod.value["spec"]?["containers"]?.sequence ?? [] {
            let name = c["name"]?.string ?? ""
            guard let status = statuses.first(where: { $0["name"]?.string == name }),
                  let started = status["state"]?["running"]?["startedAt"]?.string.flatMap(VirtualTime.init(rfc3339:)),
                  case .found(let image) = catalog.resolve(c["image"]?.string ?? "") else { continue }
            let elapsed = now.since(started).wholeMilliseconds
            let env = (try? PodSync.environment(c, pod: pod.value, state: state)) ?? [:]
            let program = ContainerProgram(container: c, image: image, env: env, podIP: pod.value["status"]?["podIP"]?.string ?? "",
                                           startedAt: started, horizon: elapsed + 1)
            guard let serves = program.servesAfter, elapsed >= serves else { continue }
            let args = TrafficEngine.words(c)
            for catalogPort in image.ports where TrafficEngine.listening(catalogPort, image: image, args: args) == port {
                let lines = image.http.filter { $0.port == catalogPort }
                if lines.isEmpty { return .empty }
                let clean = String(path.prefix { $0 != "?" })
                if let line = lines.first(where: { $0.path == clean }) ?? lines.first(where: { $0.path == "*" }) {
                    return .http(status: line.status, body: TrafficEngine.expand(line.body, container: c, image: image))
                }
                return .http(status: 404, body: TrafficEngine.expand(image.notFound ?? "", container: c, image: image))
            }
        }
        return nil
    }

    /// `command` + `args` of a container.
    static func words(_ c: Value) -> [String] {
        ((c["command"]?.sequence ?? []) + (c["args"]?.sequence ?? [])).compactMap(\.string)
    }

    /// The port a catalog port is really opened on: the image's first port moves with its
    /// listen flag (`-listen=:8080` or `-listen :8080`).
    static func listening(_ catalogPort: Int, image: ImageCatalog.Image, args: [String]) -> Int {
        guard let flag = image.listenArg, catalogPort == image.ports.first else { return catalogPort }
        guard let value = argument(flag, in: args) else { return catalogPort }
        return Int(value.split(separator: ":").last ?? "") ?? catalogPort
    }

    /// `-flag=value` or `-flag value` (also with `--`).
    static func argument(_ flag: String, in args: [String]) -> String? {
        let names = [flag, "-" + flag]
        for (i, a) in args.enumerated() {
            for n in names {
                if a.hasPrefix(n + "=") { return String(a.dropFirst(n.count + 1)) }
                if a == n, i + 1 < args.count { return args[i + 1] }
            }
        }
        return nil
    }

    /// A catalog body with `{version}` and `{arg:-flag|default}` filled in.
    static func expand(_ body: String, container: Value, image: ImageCatalog.Image) -> String {
        var out = body
        if out.contains("{version}") {
            out = out.replacingAll("{version}", with: version(container["image"]?.string ?? "", image: image))
        }
        while let open = Substring(out).firstRange(of: "{arg:"), let close = out[open.upperBound...].firstIndex(of: "}") {
            let spec = out[open.upperBound..<close].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let value = argument(String(spec[0]), in: words(container)) ?? (spec.count > 1 ? String(spec[1]) : "")
            out.replaceSubrange(open.lowerBound...close, with: value)
        }
        return out
    }

    /// The full version of an image tag: `1.27.4` as is; `1.27` the newest `1.27.x` the
    /// catalog knows; `latest`, `alpine`… the newest of all.
    static func version(_ reference: String, image: ImageCatalog.Image) -> String {
        let tag = ImageCatalog.reference(reference).tag
        func parts(_ t: String) -> [Int]? {
            let p = t.split(separator: ".").map { Int($0) }
            return p.count == 3 && !p.contains(nil) ? p.map { $0! } : nil
        }
        if parts(tag) != nil { return tag }
        let full = image.tags.compactMap { t in parts(t).map { (t, $0) } }
        let matching = full.filter { $0.0.hasPrefix(tag + ".") }
        let pool = matching.isEmpty ? full : matching
        return pool.max { $0.1.lexicographicallyPrecedes($1.1) }?.0 ?? tag
    }

    // MARK: ingress-nginx

    /// A request that reached the Ingress controller (kind: the control-plane node's ports
    /// 80 and 443).
    mutating func ingress(_ request: TrafficRequest, _ result: inout TrafficResult) {
        let router = IngressRouter(state: state)
        let host = String(request.serverHost.prefix { $0 != ":" }).lowercased()
        if request.https, case .secret(let ns, let name) = router.certificate(host: host) { result.certificate = "\(ns)/\(name)" }
        func page(_ status: Int) {
            result.status = status
            result.body = HTTPText.page(status)
        }
        switch router.route(host: host, path: request.path, https: request.https) {
        case .redirect(let location):
            page(308)
            result.location = location
        case .notFound:
            result.hops.append(.defaultBackend)
            page(404)
        case .service(let ing, let name, let port, let rule):
            result.hops.append(.ingress(namespace: ing.namespace, name: ing.name, rule: rule))
            let svcKey = ObjectKey(resource: ServiceEndpoints.services, namespace: ing.namespace, name: name)
            guard let svc = state[svcKey], let servicePort = (svc.value["spec"]?["ports"]?.sequence ?? []).first(where: {
                port.int != nil ? $0["port"] == port : $0["name"] == port
            }) else { return page(503) }
            result.hops.append(.service(namespace: svc.namespace, name: svc.name, via: "Ingress"))
            // ingress-nginx sends to the endpoints itself (no kube-proxy), round robin.
            let backends = proxy.backends(svc, port: servicePort)
            guard !backends.isEmpty, let pod = state[backends[sequence % backends.count].pod] else { return page(503) }
            let backend = backends[sequence % backends.count]
            let verdict = policies.verdict(from: TrafficPeers.ingressController(state: state), to: TrafficPeers.pod(pod, state: state), port: backend.port)
            result.hops.append(.pod(namespace: pod.namespace, name: pod.name, ip: backend.ip, port: backend.port))
            guard verdict.allowed else {
                // proxy_connect_timeout (5 s) on every try of proxy_next_upstream.
                result.blockedBy = verdict
                return page(504)
            }
            switch answer(pod, port: backend.port, path: request.path) {
            case .http(let status, let body)?:
                result.pod = pod.key
                result.status = status
                result.body = body
            case .empty?, nil:
                page(502)
            }
        }
    }
}
