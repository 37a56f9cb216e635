import KubeAPI
import YAML

/// ClusterIP and NodePort allocation for Services, as the apiserver's Service REST storage does
/// it before validation (pkg/registry/core/service/storage/alloc.go `allocateCreate`,
/// `allocateUpdate`, `initNodePorts`, `updateNodePorts`; storage.go `patchAllocatedValues`,
/// `normalizeClusterIPs`).
///
/// Example: `web` (type NodePort, port 80) is created with no clusterIP. The allocator picks a
/// free address of `--service-cluster-ip-range` 10.96.0.0/12 the way ipallocator's
/// `randomScanStrategyWithOffset` does (pkg/registry/core/service/ipallocator/bitmap.go): the
/// first 256 addresses (`calculateRangeOffset`: size/16, clamped to 16…256) are the static
/// band kept for requested IPs, so it starts at a random offset above the band and scans
/// forward for a free one (then, if the upper part is full, the band itself). `10.108.31.7`,
/// say. The port gets a NodePort the same way from 30000–32767, whose static band is the first
/// 86 ports (portallocator `calculateRangeOffset`: size/32, clamped to 16…128), so `30086` or
/// above. A second Service asking for `clusterIP: 10.96.0.1` fails with
/// `spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1:
/// provided IP is already allocated`; one asking for a NodePort in use with
/// `spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`.
///
/// Deviations: the allocators' bitmaps are not kept; what is allocated is read from the stored
/// Services (what upstream's repair loops reconcile the bitmaps to), so a delete releases at
/// once. The random offset comes from a generator seeded by the Service's namespace/name and
/// the cluster generator's current state, without drawing from it: same inputs, same
/// addresses, and creating a Service never changes later pod names.
enum ServiceAllocation {
    /// kube-apiserver's default `--service-cluster-ip-range` in kubeadm and kind.
    static let serviceCIDR = IPv4Range(base: IPv4("10.96.0.0")!, prefix: 12)
    /// `--service-node-port-range` default (pkg/kubeapiserver/options/options.go `DefaultServiceNodePortRange`).
    static let nodePortRange = 30000...32767
    /// The `kubernetes` Service's address: the first of the range (pkg/controlplane/services.go `ServiceIPRange`).
    static let kubernetesServiceIP = "10.96.0.1"
    /// kubeadm's DNS Service address: the tenth of the range (cmd/kubeadm/app/constants `GetDNSIP`).
    static let dnsServiceIP = "10.96.0.10"

    /// ipallocator.ErrAllocated / portallocator.ErrAllocated.
    static let ipAllocated = "provided IP is already allocated"
    static let portAllocated = "provided port is already allocated"

    static func needsClusterIP(_ svc: Value) -> Bool { svc["spec"]?["type"]?.string != "ExternalName" }

    static func needsNodePort(_ svc: Value) -> Bool {
        let type = svc["spec"]?["type"]?.string
        return type == "NodePort" || type == "LoadBalancer"
    }

    /// `shouldAllocateNodePorts`.
    static func shouldAllocateNodePorts(_ svc: Value) -> Bool {
        if svc["spec"]?["type"]?.string == "NodePort" { return true }
        return svc["spec"]?["allocateLoadBalancerNodePorts"]?.bool ?? true
    }

    /// `apiservice.NeedsHealthCheck`: LoadBalancer with `externalTrafficPolicy: Local`.
    static func needsHealthCheck(_ svc: Value) -> Bool {
        svc["spec"]?["type"]?.string == "LoadBalancer" && svc["spec"]?["externalTrafficPolicy"]?.string == "Local"
    }

    static func clusterIPs(_ svc: Value) -> [String] {
        let ips = (svc["spec"]?["clusterIPs"]?.sequence ?? []).compactMap(\.string)
        if !ips.isEmpty { return ips }
        if let ip = svc["spec"]?["clusterIP"]?.string, !ip.isEmpty { return [ip] }
        return []
    }

    static func nodePorts(_ svc: Value) -> [Int] {
        var ports = (svc["spec"]?["ports"]?.sequence ?? []).compactMap { p -> Int? in
            guard let n = p["nodePort"]?.int, n != 0 else { return nil }
            return Int(n)
        }
        if let hc = svc["spec"]?["healthCheckNodePort"]?.int, hc != 0 { ports.append(Int(hc)) }
        return ports
    }

    /// `randomScanStrategyWithOffset.AllocateBit`: a random start above the static band, a
    /// forward scan with wrap-around inside the upper part, then the band.
    static func next(size: Int, offset: Int, rng: inout SeededRandom, isFree: (Int) -> Bool) -> Int? {
        let upper = size - offset
        if upper > 0 {
            let start = Int(rng.below(UInt64(upper)))
            for i in 0..<upper {
                let at = offset + (start + i) % upper
                if isFree(at) { return at }
            }
        }
        if offset > 0 {
            let start = Int(rng.below(UInt64(offset)))
            for i in 0..<offset {
                let at = (start + i) % offset
                if isFree(at) { return at }
            }
        }
        return nil
    }

    /// `calculateRangeOffset` of both allocators.
    static func rangeOffset(size: Int, min: Int, max: Int, step: Int) -> Int {
        Swift.min(Swift.max(size / step, min), max)
    }

    /// FNV-1a of the bytes, to seed a Service's own generator.
    static func fnv(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

extension APIServer {
    /// The allocation step of a Service create (`old == nil`) or update, run before validation.
    func allocateService(_ o: inout Value, old: Value?, source: ObjectSource?) throws(APIError) {
        let key = ObjectKey(resource: "services", namespace: o.objectNamespace, name: o.objectName)
        if let old {
            ServiceAllocation.dropTypeDependentFields(&o, old: old)
            ServiceAllocation.patchAllocatedValues(&o, old: old)
        }
        var rng = SeededRandom(seed: ServiceAllocation.fnv(key.description) ^ (random.state.first ?? 0))
        var errs: [FieldError] = []
        let others = store.list("services", namespace: nil).filter { $0.key != key }
        if ServiceAllocation.needsClusterIP(o), old.map({ !ServiceAllocation.needsClusterIP($0) || ServiceAllocation.clusterIPs($0).isEmpty }) ?? true {
            let used = Set(others.flatMap { ServiceAllocation.clusterIPs($0.value) })
            errs += allocateClusterIP(&o, used: used, rng: &rng)
        }
        if ServiceAllocation.needsNodePort(o) {
            let used = Set(others.flatMap { ServiceAllocation.nodePorts($0.value) })
            let previous = old.flatMap { ServiceAllocation.needsNodePort($0) ? Set(ServiceAllocation.nodePorts($0)) : nil } ?? []
            errs += allocateNodePorts(&o, used: used, previous: previous, rng: &rng, isUpdate: old != nil)
        }
        if !errs.isEmpty { throw .invalid(kind: "Service", name: key.name, errors: errs, source: source) }
    }

    func allocateClusterIP(_ o: inout Value, used: Set<String>, rng: inout SeededRandom) -> [FieldError] {
        var ips = ServiceAllocation.clusterIPs(o)
        if ips.first == "None" { return [] }
        let range = ServiceAllocation.serviceCIDR
        if let requested = ips.first, !requested.isEmpty {
            guard let ip = IPv4(requested) else {
                return [FieldError(type: .invalid, field: "spec.clusterIPs[0]", badValue: .string(requested),
                                   detail: "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
            }
            // ipallocator.NewInClusterIP: the network and broadcast addresses are not in the range.
            var problem: String?
            if !range.contains(ip) || ip.value == range.base.value || ip.value == range.base.value + range.size - 1 {
                problem = "the provided IP (\(ip)) is not in the valid range. The range of valid IPs is \(range)"
            } else if used.contains(ip.description) {
                problem = ServiceAllocation.ipAllocated
            }
            if let problem {
                return [FieldError(type: .invalid, field: "spec.clusterIPs", badValue: .stringSlice(ips),
                                   detail: "failed to allocate IP \(ip): \(problem)")]
            }
        } else {
            let size = Int(range.size) - 2
            let offset = ServiceAllocation.rangeOffset(size: Int(range.size), min: 16, max: 256, step: 16)
            guard let at = ServiceAllocation.next(size: size, offset: offset, rng: &rng, isFree: {
                !used.contains(IPv4(range.base.value + 1 + UInt32($0)).description)
            }) else {
                return [FieldError(type: .internal, field: "spec.clusterIPs", detail: "failed to allocate a serviceIP: range is full")]
            }
            ips = [IPv4(range.base.value + 1 + UInt32(at)).description]
        }
        let ip = ips[0]
        o.edit("spec") { spec in
            spec.set("clusterIP", .string(ip))
            spec.set("clusterIPs", .sequence(ips.map { .string($0) }))
        }
        return []
    }

    func allocateNodePorts(_ o: inout Value, used: Set<Int>, previous: Set<Int>, rng: inout SeededRandom, isUpdate: Bool) -> [FieldError] {
        var taken = used
        let range = ServiceAllocation.nodePortRange
        let size = range.count
        let offset = ServiceAllocation.rangeOffset(size: size, min: 16, max: 128, step: 32)
        var ports = o["spec"]?["ports"]?.sequence ?? []
        let shouldAllocate = ServiceAllocation.shouldAllocateNodePorts(o)
        var byPort: [Int64: Int64] = [:]
        var errs: [FieldError] = []
        func take(_ n: Int64, index: Int) -> Bool {
            // Out-of-range ports are left to validation, which reports them as the allocator would.
            guard range.contains(Int(n)) else { return true }
            if previous.contains(Int(n)) && isUpdate { return true }
            if !taken.insert(Int(n)).inserted {
                errs.append(FieldError(type: .invalid, field: "spec.ports[\(index)].nodePort", badValue: .int(n), detail: ServiceAllocation.portAllocated))
                return false
            }
            return true
        }
        func allocateNext() -> Int64? {
            guard let at = ServiceAllocation.next(size: size, offset: offset, rng: &rng, isFree: { !taken.contains(range.lowerBound + $0) }) else { return nil }
            taken.insert(range.lowerBound + at)
            return Int64(range.lowerBound + at)
        }
        for i in ports.indices {
            let requested = ports[i]["nodePort"]?.int ?? 0
            if requested == 0 && !shouldAllocate { continue }
            let number = ports[i]["port"]?.int ?? 0
            if isUpdate {
                // updateNodePorts
                if requested != 0 { _ = take(requested, index: i); continue }
            } else if let allocated = byPort[number] {
                // initNodePorts: ports with the same number share a NodePort.
                if requested == 0 { ports[i].set("nodePort", .int(allocated)) } else if requested != allocated { _ = take(requested, index: i) }
                continue
            } else if requested == 0, let np = ports[i...].first(where: { $0["port"]?.int == number && ($0["nodePort"]?.int ?? 0) != 0 })?["nodePort"]?.int {
                // findRequestedNodePort
                if take(np, index: i) { ports[i].set("nodePort", .int(np)); byPort[number] = np }
                continue
            } else if requested != 0 {
                if take(requested, index: i) { byPort[number] = requested }
                continue
            }
            guard let n = allocateNext() else {
                errs.append(FieldError(type: .internal, field: "spec.ports[\(i)].nodePort", detail: "failed to allocate a nodePort: range is full"))
                continue
            }
            ports[i].set("nodePort", .int(n))
            byPort[number] = n
        }
        o.edit("spec") { $0.set("ports", .sequence(ports)) }
        if ServiceAllocation.needsHealthCheck(o) {
            let hc = o["spec"]?["healthCheckNodePort"]?.int ?? 0
            if hc == 0, let n = allocateNext() { o.edit("spec") { $0.set("healthCheckNodePort", .int(n)) } }
        }
        return errs
    }
}
