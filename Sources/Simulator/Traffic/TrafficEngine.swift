import KubeAPI
import YAML

/// One request's way through the simulated cluster: name resolution (ClusterDNS), kube-proxy
/// (ServiceProxy), the Ingress controller (IngressRouter), NetworkPolicy
/// (NetworkPolicyEvaluator) and, at the end, the container that serves it
/// (TrafficEngine+Serve.swift).
///
/// Example: from pod `cliente` (default), `wget -qO- http://web`. The DNS query goes to
/// CoreDNS (UDP 53; an egress policy must allow it, else the lookup times out), `web`
/// becomes `web.default.svc.cluster.local` = 10.96.45.12; kube-proxy picks one of the two
/// ready endpoints, 10.244.2.3:80; `cliente`'s egress and that pod's ingress policies are
/// checked (dropped → timeout); the pod's nginx listens on 80 and answers `/` with its welcome
/// page. From outside, `http://172.18.0.3:30080/` arrives at node `taller-worker` (SNAT to the
/// node's address unless `externalTrafficPolicy: Local`), and `http://app.example.com/`
/// (or `localhost` with a `Host` header) reaches ingress-nginx on the control-plane node.
///
/// Choices are deterministic: `sequence` (the cluster's count of requests so far) seeds the
/// generator that plays kube-proxy's random choice and CoreDNS's shuffling, and is the
/// round-robin counter of ingress-nginx (`load-balance: round_robin`, its default).
struct TrafficEngine {
    let state: ClusterState
    let catalog: ImageCatalog
    let now: VirtualTime
    let sequence: Int
    var random: SeededRandom

    init(state: ClusterState, catalog: ImageCatalog, now: VirtualTime, sequence: Int) {
        self.state = state
        self.catalog = catalog
        self.now = now
        self.sequence = sequence
        random = SeededRandom(seed: 0x7472_6166_6963_0000 ^ UInt64(sequence))
    }

    var dns: ClusterDNS { ClusterDNS(state: state) }
    var proxy: ServiceProxy { ServiceProxy(state: state) }
    var policies: NetworkPolicyEvaluator { NetworkPolicyEvaluator(state: state) }

    mutating func send(_ request: TrafficRequest, from origin: TrafficOrigin) -> TrafficResult {
        var result = TrafficResult(request: request)
        let host = request.host.lowercased()
        switch origin {
        case .pod(let key):
            guard let client = state[key] else { result.failure = .timedOut; return result }
            let peer = TrafficPeers.pod(client, state: state)
            let ip: String
            if IPv4(host) != nil {
                ip = host
            } else if host == "localhost" {
                ip = "127.0.0.1"
            } else if host == PodFiles.hostname(client.value).lowercased() {
                ip = peer.ip
            } else {
                switch lookup(host, from: client) {
                case .failure(let failure, let verdict):
                    result.failure = failure
                    result.blockedBy = verdict
                    return result
                case .success(let name, let addresses):
                    ip = addresses.count == 1 ? addresses[0] : addresses[Int(random.below(UInt64(addresses.count)))]
                    result.hops.append(.dns(name: name, address: ip))
                }
            }
            result.ip = ip
            if ip == "127.0.0.1" || ip == peer.ip {
                serve(client, port: request.port, request, &result)
            } else {
                connect(ip: ip, request, source: peer, outside: false, &result)
            }
        case .outside:
            if IPv4(host) != nil {
                result.ip = host
                connect(ip: host, request, source: TrafficPeers.address(TrafficPeers.outsideIP), outside: true, &result)
            } else {
                // kind maps the control-plane node's ports 80 and 443 to the host's: a name the
                // learner points at 127.0.0.1 reaches the Ingress controller.
                result.ip = "127.0.0.1"
                if host != "localhost" { result.hops.append(.hostsFile(name: host)) }
                if request.port == 80 || request.port == 443 { ingress(request, &result) } else { result.failure = .refused }
            }
        }
        return result
    }

    enum Lookup {
        case success(name: String, addresses: [String])
        case failure(TrafficResult.Failure, NetworkPolicyEvaluator.Verdict?)
    }

    /// `getaddrinfo` in `client`: its query to CoreDNS (UDP 53) must pass its egress policies.
    func lookup(_ host: String, from client: StoredObject) -> Lookup {
        let verdict = policies.verdict(from: TrafficPeers.pod(client, state: state), to: TrafficPeers.coreDNS(state: state), port: 53, proto: "UDP")
        guard verdict.allowed else { return .failure(.dnsTimeout, verdict) }
        guard let found = dns.resolve(host, from: client.namespace) else { return .failure(.badAddress, nil) }
        return .success(name: found.name, addresses: found.addresses)
    }

    /// A TCP connection to `ip`: a Service (kube-proxy), a pod, a node, or nothing.
    mutating func connect(ip: String, _ request: TrafficRequest, source: TrafficPeer, outside: Bool, _ result: inout TrafficResult) {
        let target = proxy.target(ip: ip, port: request.port)
        // The host has no route to ClusterIPs nor to pod addresses (kind's Docker network).
        switch target {
        case .service(_, _, .clusterIP), .pod: if outside { result.failure = .timedOut; return }
        default: break
        }
        switch target {
        case .service(let svc, let port, let via):
            let local = svc.value["spec"]?["externalTrafficPolicy"]?.string == "Local"
            var onNode: String?
            var from = source
            switch via {
            case .clusterIP:
                result.hops.append(.service(namespace: svc.namespace, name: svc.name, via: "ClusterIP"))
            case .nodePort(let node):
                result.hops.append(.service(namespace: svc.namespace, name: svc.name, via: "NodePort"))
                if isDown(node) { result.failure = .timedOut; return }
                if outside && local { onNode = node } else if outside { from = TrafficPeers.address(ip) }
            case .loadBalancer:
                result.hops.append(.service(namespace: svc.namespace, name: svc.name, via: "LoadBalancer"))
                if outside && !local, let node = proxy.backends(svc, port: port).first?.node,
                   let address = nodeAddress(node) { from = TrafficPeers.address(address) }
            }
            let backends = proxy.backends(svc, port: port, onNode: onNode)
            guard !backends.isEmpty else {
                // No endpoints: REJECT (refused); Local with none on this node: DROP.
                result.failure = onNode == nil ? .refused : .timedOut
                return
            }
            let chosen = ServiceProxy.choose(backends, service: svc, clientIP: from.ip, random: &random)
            guard let pod = state[chosen.pod] else { result.failure = .refused; return }
            reach(pod, port: chosen.port, request, from: from, &result)
        case .pod(let pod):
            reach(pod, port: request.port, request, from: source, &result)
        case .node(let node):
            let controlPlane = node.labels["node-role.kubernetes.io/control-plane"] != nil
            if controlPlane && (request.port == 80 || request.port == 443) { ingress(request, &result) } else { result.failure = .refused }
        case .nowhere:
            let podNetwork = IPv4Range(cidr: "10.244.0.0/16")!
            result.failure = IPv4(ip).map { podNetwork.contains($0) } == true && !outside ? .unreachable : .timedOut
        }
    }

    /// After DNAT: the policies between `from` and the pod, then the pod itself.
    mutating func reach(_ pod: StoredObject, port: Int, _ request: TrafficRequest, from: TrafficPeer, _ result: inout TrafficResult) {
        let verdict = policies.verdict(from: from, to: TrafficPeers.pod(pod, state: state), port: port)
        result.hops.append(.pod(namespace: pod.namespace, name: pod.name, ip: pod.value["status"]?["podIP"]?.string ?? "", port: port))
        // A stopped node (`docker stop` of a kind node) answers nothing until its pods leave the endpoints.
        if isDown(pod.value["spec"]?["nodeName"]?.string ?? "") { result.failure = .timedOut; return }
        guard verdict.allowed else {
            result.failure = .timedOut
            result.blockedBy = verdict
            return
        }
        if request.https { result.failure = .tlsToPod; return }
        serve(pod, port: port, request, &result)
    }

    /// The node's kubelet (and with it, in kind, the whole node) is stopped.
    func isDown(_ node: String) -> Bool {
        state[ObjectKey(resource: "nodes", namespace: "", name: node)]?.value.annotation(SchedulerCache.kubeletStoppedAnnotation) != nil
    }

    func nodeAddress(_ name: String) -> String? {
        (state[ObjectKey(resource: "nodes", namespace: "", name: name)]?.value["status"]?["addresses"]?.sequence ?? [])
            .first { $0["type"]?.string == "InternalIP" }?["address"]?.string
    }
}
