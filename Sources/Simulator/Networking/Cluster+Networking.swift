import KubeAPI
import YAML

// What a fresh cluster's control plane and kubeadm's addons create for networking, the
// simulated load balancer switch, and the query the course's checks and traffic read.
extension Cluster {
    /// The objects a kubeadm/kind cluster has from its first second: Service `kubernetes` in
    /// `default` (10.96.0.1, port 443 → 6443; pkg/controlplane/controller/kubernetesservice)
    /// with its Endpoints and EndpointSlice pointing at the control-plane node
    /// (pkg/controlplane/reconcilers/endpointsadapter.go), and CoreDNS's Service `kube-dns` in
    /// `kube-system` (10.96.0.10; cmd/kubeadm/app/phases/addons/dns/manifests.go) with the
    /// Endpoints and placeholder slice its controllers would write.
    ///
    /// Bootstrap objects draw their uids and names from a generator of their own, so adding
    /// them leaves every later generated name of the cluster as it was.
    mutating func bootstrapNetworking() {
        let saved = api.random
        api.random = SeededRandom(seed: (saved.state.first ?? 0) ^ 0x6e65_7477_6f72_6b73)
        defer { api.random = saved }
        let services = Kinds.resource(apiVersion: "v1", kind: "Service")!
        let kubernetes: Value = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["component": "apiserver", "provider": "kubernetes"]],
            "spec": ["clusterIP": .string(ServiceAllocation.kubernetesServiceIP), "type": "ClusterIP", "sessionAffinity": "None",
                     "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]]]
        let dns: Value = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kube-dns", "namespace": "kube-system",
                         "labels": ["k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"],
                         "annotations": ["prometheus.io/port": "9153", "prometheus.io/scrape": "true"]],
            "spec": ["clusterIP": .string(ServiceAllocation.dnsServiceIP), "selector": ["k8s-app": "kube-dns"],
                     "ports": [["name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53],
                               ["name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53],
                               ["name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153]]]]
        _ = try? api.createObject(kubernetes, resource: services, source: nil)
        _ = try? api.createObject(dns, resource: services, source: nil)
        let controlPlane = api.store.list("nodes", namespace: nil).first { $0.labels["node-role.kubernetes.io/control-plane"] != nil }
        if let ip = controlPlane.flatMap({ node in
            (node.value["status"]?["addresses"]?.sequence ?? []).first { $0["type"]?.string == "InternalIP" }?["address"]?.string
        }) {
            let port: Value = ["name": "https", "port": 6443, "protocol": "TCP"]
            let endpoints: Value = [
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
                "subsets": [["addresses": [["ip": .string(ip)]], "ports": [port]]]]
            let slice: Value = [
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
                "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["kubernetes.io/service-name": "kubernetes"]],
                "endpoints": [["addresses": [.string(ip)], "conditions": ["ready": true]]], "ports": [port]]
            for value in [endpoints, slice] { createAsController(value) }
        }
        let dnsKey = ObjectKey(resource: "services", namespace: "kube-system", name: "kube-dns")
        let state = ClusterState(store: api.store)
        for controller in [EndpointsController() as any Controller, EndpointSliceController()] {
            for case .create(let value) in controller.reconcile(key: dnsKey, state: state, now: api.now) { createAsController(value) }
        }
    }

    mutating func createAsController(_ value: Value) {
        guard let resource = Kinds.resource(apiVersion: value["apiVersion"]?.string ?? "", kind: value["kind"]?.string ?? "") else { return }
        _ = try? api.createObject(value, resource: resource, source: nil)
    }

    /// Whether the simulated load balancer (MetalLB's configuration) is on.
    public var loadBalancerEnabled: Bool { api.store[LoadBalancerController.configKey] != nil }

    /// Switches the simulated load balancer on (namespace `metallb-system` and its ConfigMap
    /// `config` with the address pool) or off (the ConfigMap deleted), then lets the controllers
    /// settle: LoadBalancer Services get or lose their ingress IP at once.
    public mutating func setLoadBalancer(enabled: Bool) {
        if enabled && !loadBalancerEnabled {
            let ns: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(LoadBalancerController.namespace)]]
            if api.store[ObjectKey(resource: "namespaces", namespace: "", name: LoadBalancerController.namespace)] == nil { createAsController(ns) }
            let pool = "\(LoadBalancerController.poolFirst)-\(LoadBalancerController.poolLast)"
            let config: Value = [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": .string(LoadBalancerController.configName), "namespace": .string(LoadBalancerController.namespace)],
                "data": ["config": .string("address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - \(pool)\n")]]
            createAsController(config)
        } else if !enabled && loadBalancerEnabled {
            _ = try? api.deleteObject(LoadBalancerController.configKey)
        }
        advance()
    }

    /// The addresses a Service sends traffic to: every ready address of its Endpoints with each
    /// port, in the Endpoints' order. Not-ready pods are not listed; a Service with no ready
    /// pods (or none selected) has none.
    public func readyEndpoints(service: String, namespace: String) -> [(ip: String, port: Int, pod: String)] {
        guard let ep = api.store[ObjectKey(resource: ServiceEndpoints.endpoints, namespace: namespace, name: service)] else { return [] }
        var out: [(ip: String, port: Int, pod: String)] = []
        for subset in ep.value["subsets"]?.sequence ?? [] {
            let ports = (subset["ports"]?.sequence ?? []).compactMap { $0["port"]?.int }
            for address in subset["addresses"]?.sequence ?? [] {
                let ip = address["ip"]?.string ?? ""
                let pod = address["targetRef"]?["name"]?.string ?? ""
                for port in ports { out.append((ip, Int(port), pod)) }
            }
        }
        return out
    }
}
