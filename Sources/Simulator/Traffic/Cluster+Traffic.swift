import KubeAPI
import YAML

extension Cluster {
    /// Where the cluster counts the requests it has carried (seed of the next choice).
    static let trafficCounterKey = "traffic/requests"

    /// The image catalog of the cluster's kubelets (with an instructor's images).
    var imageCatalog: ImageCatalog { controllers.lazy.compactMap { $0 as? Kubelet }.first?.catalog ?? .standard }

    /// Sends one HTTP request through the cluster (TrafficEngine) and counts it, so that the
    /// next one draws the next choice: the same commands give the same answers.
    public mutating func send(_ request: TrafficRequest, from origin: TrafficOrigin) -> TrafficResult {
        let n = Int(api.store.memory[Cluster.trafficCounterKey]?.int ?? 0)
        var engine = TrafficEngine(state: ClusterState(store: api.store), catalog: imageCatalog, now: now, sequence: n)
        let result = engine.send(request, from: origin)
        api.store.memory[Cluster.trafficCounterKey] = .int(Int64(n + 1))
        return result
    }
}
