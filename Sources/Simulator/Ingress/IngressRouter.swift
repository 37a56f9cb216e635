import KubeAPI
import YAML

/// Where ingress-nginx sends a request that reaches the controller (kubernetes/ingress-nginx
/// internal/ingress/controller/controller.go `createServers`, `createUpstreams`; the nginx
/// template's `server_name` and `location` blocks), with networking/v1's matching rules.
///
/// Ingresses of class `nginx` (an IngressClass whose controller is `k8s.io/ingress-nginx`, or
/// the old `kubernetes.io/ingress.class: nginx` annotation) are merged into one server per
/// host, the oldest Ingress winning a conflict. A request goes to the server of its exact
/// `Host`; else to a wildcard server (`*.example.com` matches one label, `app.example.com`
/// but not `example.com` nor `a.b.example.com`: ingress-nginx's `buildServerName` regex);
/// else to the default server `_`, which holds the rules without `host`. Within a server an
/// `Exact` path equal to the request's wins; then the longest matching path: `Prefix` matches
/// by path elements (`/foo` takes `/foo`, `/foo/` and `/foo/bar`, not `/foobar`), and
/// `ImplementationSpecific` is nginx's plain `location /foo` prefix (it does take `/foobar`).
/// No match: the server's fallback, the `defaultBackend` of the Ingress that declared it (of
/// the oldest one that has one, for `_`), else the controller's default backend: a 404.
/// Plain HTTP to a host with TLS and its certificate goes to HTTPS first (308, `ssl-redirect`).
/// HTTPS presents the `kubernetes.io/tls` Secret of the `tls` entry that names the host;
/// without one, or when the Secret is missing, the controller's own self-signed
/// "Kubernetes Ingress Controller Fake Certificate".
struct IngressRouter {
    static let controller = "k8s.io/ingress-nginx"
    static let className = "nginx"
    static let classAnnotation = "kubernetes.io/ingress.class"
    static let resource = "ingresses.networking.k8s.io"
    static let classResource = "ingressclasses.networking.k8s.io"

    let state: ClusterState

    enum Decision: Equatable {
        /// A Service backend: its name and port (`number` or `name`) in the Ingress's namespace.
        case service(ingress: ObjectKey, name: String, port: Value, rule: String)
        /// The controller's default backend.
        case notFound
        /// `308 Permanent Redirect` to this location.
        case redirect(String)
    }

    /// The certificate an HTTPS client is shown: a Secret, or the controller's fake one.
    enum Certificate: Equatable {
        case secret(namespace: String, name: String)
        case fake
    }

    /// The Ingresses ingress-nginx handles, oldest first.
    func handled() -> [StoredObject] {
        let classes = Set(state.list(IngressRouter.classResource, namespace: nil)
            .filter { $0.value["spec"]?["controller"]?.string == IngressRouter.controller }.map(\.name))
        return state.list(IngressRouter.resource, namespace: nil).filter { ing in
            if let name = ing.value["spec"]?["ingressClassName"]?.string { return classes.contains(name) }
            return ing.value.annotation(IngressRouter.classAnnotation) == IngressRouter.className
        }.sorted {
            let a = $0.value["metadata"]?["creationTimestamp"]?.string ?? "", b = $1.value["metadata"]?["creationTimestamp"]?.string ?? ""
            return a == b ? $0.key < $1.key : a < b
        }
    }

    /// The route of `host` (no port, any case) and `path` (query ignored).
    func route(host rawHost: String, path rawPath: String, https: Bool) -> Decision {
        let host = rawHost.lowercased()
        let path = String(rawPath.prefix { $0 != "?" && $0 != "#" }).nonEmpty ?? "/"
        let ingresses = handled()
        var rules = serverRules(ingresses, host: host)
        let isDefaultServer = rules.isEmpty
        if isDefaultServer { rules = ingresses.flatMap { ing in (ing.value["spec"]?["rules"]?.sequence ?? []).filter { ($0["host"]?.string ?? "").isEmpty }.map { (ing, $0) } } }
        if !https, !isDefaultServer, case .secret = certificate(host: host, ingresses: ingresses) {
            return .redirect("https://\(rawHost)\(path)")
        }
        var best: (ingress: StoredObject, entry: Value, length: Int, exact: Bool)?
        for (ing, rule) in rules {
            for entry in rule["http"]?["paths"]?.sequence ?? [] {
                let rulePath = entry["path"]?.string ?? ""
                let type = entry["pathType"]?.string ?? "ImplementationSpecific"
                guard IngressRouter.pathMatches(type: type, rulePath: rulePath, path: path) else { continue }
                let exact = type == "Exact"
                if let b = best, (b.exact && !exact) || (b.exact == exact && b.length >= rulePath.count) { continue }
                best = (ing, entry, rulePath.count, exact)
            }
        }
        if let best, let decision = IngressRouter.decision(best.ingress, backend: best.entry["backend"], rule: best.entry["path"]?.string ?? "/") {
            return decision
        }
        let owners = isDefaultServer ? ingresses : rules.map(\.0)
        if let fallback = owners.first(where: { !($0.value["spec"]?["defaultBackend"]?.isNull ?? true) }),
           let decision = IngressRouter.decision(fallback, backend: fallback.value["spec"]?["defaultBackend"], rule: "") {
            return decision
        }
        return .notFound
    }

    /// The rules of the server `host` selects: its exact rules, else a wildcard's.
    func serverRules(_ ingresses: [StoredObject], host: String) -> [(StoredObject, Value)] {
        let all = ingresses.flatMap { ing in (ing.value["spec"]?["rules"]?.sequence ?? []).map { (ing, $0) } }
        let exact = all.filter { ($0.1["host"]?.string ?? "").lowercased() == host }
        if !exact.isEmpty { return exact }
        guard let wildcard = all.first(where: { IngressRouter.hostMatches(pattern: $0.1["host"]?.string ?? "", host: host) && ($0.1["host"]?.string ?? "").hasPrefix("*.") }) else { return [] }
        let pattern = wildcard.1["host"]?.string ?? ""
        return all.filter { $0.1["host"]?.string == pattern }
    }

    static func decision(_ ing: StoredObject, backend: Value?, rule: String) -> Decision? {
        guard let service = backend?["service"], let name = service["name"]?.string else { return nil }
        let port: Value = service["port"]?["number"].flatMap { $0.isNull ? nil : $0 } ?? service["port"]?["name"] ?? .null
        return .service(ingress: ing.key, name: name, port: port, rule: rule)
    }

    /// networking/v1 host matching: exact, or `*.` plus exactly one more label.
    static func hostMatches(pattern: String, host: String) -> Bool {
        let p = pattern.lowercased(), h = host.lowercased()
        if p.isEmpty { return true }
        guard p.hasPrefix("*.") else { return p == h }
        let suffix = String(p.dropFirst(1))
        guard h.hasSuffix(suffix) else { return false }
        let label = h.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }

    /// `Exact`, `Prefix` (by elements, trailing slash ignored) or ingress-nginx's
    /// `ImplementationSpecific` (a plain string prefix).
    static func pathMatches(type: String, rulePath: String, path: String) -> Bool {
        switch type {
        case "Exact": return path == rulePath
        case "Prefix":
            var p = rulePath
            while p.count > 1, p.hasSuffix("/") { p.removeLast() }
            if p == "/" || p.isEmpty { return true }
            return path == p || path.hasPrefix(p + "/")
        default: return path.hasPrefix(rulePath.isEmpty ? "/" : rulePath)
        }
    }

    /// The certificate for `host` (`spec.tls` of the handled Ingresses, oldest first).
    func certificate(host: String, ingresses: [StoredObject]? = nil) -> Certificate {
        for ing in ingresses ?? handled() {
            for tls in ing.value["spec"]?["tls"]?.sequence ?? [] {
                let hosts = (tls["hosts"]?.sequence ?? []).compactMap(\.string)
                guard hosts.contains(where: { IngressRouter.hostMatches(pattern: $0, host: host) }), let secret = tls["secretName"]?.string else { continue }
                if let s = state[ObjectKey(resource: "secrets", namespace: ing.namespace, name: secret)], s.value["type"]?.string == "kubernetes.io/tls" {
                    return .secret(namespace: ing.namespace, name: secret)
                }
            }
        }
        return .fake
    }
}
