/// An HTTP request as a client tool (busybox `wget`, `curl`, `taller cluster pedir`) sends it.
public struct TrafficRequest: Sendable, Equatable {
    public var https: Bool
    public var host: String
    public var port: Int
    /// Path and query, starting with `/`.
    public var path: String
    /// The `Host` header when it is not `host` (`curl -H 'Host: …'`, `pedir --host`).
    public var hostHeader: String?

    public init(https: Bool = false, host: String, port: Int? = nil, path: String = "/", hostHeader: String? = nil) {
        self.https = https
        self.host = host
        self.port = port ?? (https ? 443 : 80)
        self.path = path
        self.hostHeader = hostHeader
    }

    /// `http://web.prod:8080/salud?x=1`, `web`, `10.96.0.5:80/`: no scheme means http (as
    /// busybox wget and curl read it). nil for another scheme or a bad port.
    public static func parse(_ url: String) -> TrafficRequest? {
        var rest = Substring(url)
        var https = false
        if let range = rest.firstRange(of: "://") {
            let scheme = rest[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            https = scheme == "https"
            rest = rest[range.upperBound...]
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if !path.hasPrefix("/") { path = "/" + path }
        var hostPort = authority
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
        var host = String(hostPort)
        var port: Int?
        if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            let digits = hostPort[hostPort.index(after: colon)...]
            guard let n = Int(digits), (1...65535).contains(n) else { return nil }
            port = n
        }
        guard !host.isEmpty else { return nil }
        return TrafficRequest(https: https, host: host, port: port, path: path)
    }

    /// The host a server sees (`Host` header without the port).
    public var serverHost: String { hostHeader ?? host }

    public var url: String {
        let defaultPort = https ? 443 : 80
        return "\(https ? "https" : "http")://\(host)\(port == defaultPort ? "" : ":\(port)")\(path)"
    }
}

/// Where a request starts: inside a pod, or on the learner's machine (the kind host,
/// 172.18.0.1 on kind's Docker network).
public enum TrafficOrigin: Sendable, Equatable {
    case pod(ObjectKey)
    case outside
}

/// One step of a request's way, for the trace `taller cluster pedir` prints.
public enum TrafficHop: Sendable, Equatable {
    /// A name resolved (the name it was found under, the address chosen).
    case dns(name: String, address: String)
    /// The learner's machine sends a host name to the Ingress controller (as `/etc/hosts`
    /// pointing it at 127.0.0.1 would).
    case hostsFile(name: String)
    case service(namespace: String, name: String, via: String)
    case ingress(namespace: String, name: String, rule: String)
    case defaultBackend
    case pod(namespace: String, name: String, ip: String, port: Int)
}

/// What came back.
public struct TrafficResult: Sendable, Equatable {
    public enum Failure: Sendable, Equatable {
        /// The name resolved to nothing (`wget: bad address`, `curl: (6)`).
        case badAddress
        /// The DNS queries were dropped (egress policy): the resolver timed out.
        case dnsTimeout
        /// RST or ICMP port unreachable: nobody listens, or a Service without endpoints.
        case refused
        /// Dropped: a NetworkPolicy, `externalTrafficPolicy: Local` on a node without pods,
        /// an address nobody routes.
        case timedOut
        /// ICMP host unreachable: a pod address that no pod has.
        case unreachable
        /// The connection opened and closed without an HTTP answer (not an HTTP port).
        case emptyReply
        /// TLS straight to a pod: the simulated images serve plain HTTP only.
        case tlsToPod
    }

    public var request: TrafficRequest
    /// The address the client connected to (nil when the name did not resolve).
    public var ip: String?
    public var failure: Failure?
    public var status: Int = 0
    public var body: String = ""
    public var location: String?
    /// The pod whose container answered.
    public var pod: ObjectKey?
    public var hops: [TrafficHop] = []
    /// HTTPS through the Ingress controller: the certificate shown (`namespace/secret`), or nil
    /// for the controller's fake one.
    public var certificate: String?
    /// The policy verdict that dropped the connection.
    public var blockedBy: NetworkPolicyEvaluator.Verdict?

    public init(request: TrafficRequest) {
        self.request = request
    }

    public var succeeded: Bool { failure == nil }
}
