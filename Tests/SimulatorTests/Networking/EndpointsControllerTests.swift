import KubeAPI
import Testing
import YAML
@testable import Simulator

let endpointsResource = Kinds.resolve("endpoints")!
let endpointSlicesResource = Kinds.resource(apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice")!

func namedPortDeployment(replicas: Int = 2) -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: default}
    spec:
      replicas: \(replicas)
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: nginx:1.25
            ports: [{name: http, containerPort: 80}]
    """
}

func slices(_ c: Cluster, service: String) -> [Value] {
    c.api.list(endpointSlicesResource, namespace: "default")
        .filter { $0.labels["kubernetes.io/service-name"] == service }.map(\.value)
}

/// pkg/controller/endpoint and pkg/controller/endpointslice with the real scheduler and kubelet.
@Suite struct EndpointsControllerTests {
    @Test func deploymentBehindServiceBecomesReady() throws {
        var c = Cluster(workers: 2)
        _ = try c.api.create(decoded(namedPortDeployment()))
        _ = try c.api.create(decoded(serviceYAML("web", targetPort: "http")))
        c.advance()
        // Scheduled and given IPs, not ready yet: notReadyAddresses, slice conditions false.
        var ep = try c.api.get(endpointsResource, namespace: "default", name: "web").value
        let subsets = ep["subsets"]?.sequence ?? []
        #expect(subsets.count == 1)
        #expect(subsets.first?["addresses"] == nil)
        #expect(subsets.first?["notReadyAddresses"]?.sequence?.count == 2)
        #expect(subsets.first?["ports"] == [["port": 80, "protocol": "TCP"]])
        #expect(c.readyEndpoints(service: "web", namespace: "default").isEmpty)
        var slice = try #require(slices(c, service: "web").first)
        #expect(slice["endpoints"]?.sequence?.allSatisfy { $0["conditions"]?["ready"]?.bool == false } == true)

        c.advance(by: .seconds(10))
        ep = try c.api.get(endpointsResource, namespace: "default", name: "web").value
        let addresses = ep["subsets"]?[0]?["addresses"]?.sequence ?? []
        #expect(addresses.count == 2)
        #expect(ep["subsets"]?[0]?["notReadyAddresses"] == nil)
        let pods = c.api.list(Kinds.resolve("pods")!, namespace: "default")
        let first = try #require(addresses.first)
        let pod = try #require(pods.first { $0.name == first["targetRef"]?["name"]?.string })
        #expect(first["ip"]?.string == pod.value["status"]?["podIP"]?.string)
        #expect(first["nodeName"]?.string == pod.value["spec"]?["nodeName"]?.string)
        #expect(first["targetRef"] == ["kind": "Pod", "name": .string(pod.name), "namespace": "default", "uid": .string(pod.uid)])
        let ready = c.readyEndpoints(service: "web", namespace: "default")
        #expect(ready.count == 2 && ready.allSatisfy { $0.port == 80 })
        #expect(Set(ready.map(\.pod)) == Set(pods.map(\.name)))

        let all = slices(c, service: "web")
        #expect(all.count == 1)
        slice = all[0]
        #expect(slice["addressType"]?.string == "IPv4")
        #expect(slice["metadata"]?["name"]?.string?.hasPrefix("web-") == true)
        #expect(slice["metadata"]?["name"]?.string?.count == 9)
        #expect(slice["metadata"]?["labels"]?["endpointslice.kubernetes.io/managed-by"]?.string == "endpointslice-controller.k8s.io")
        #expect(slice["metadata"]?["ownerReferences"]?[0]?["kind"]?.string == "Service")
        #expect(slice["ports"] == [["name": "", "port": 80, "protocol": "TCP"]])
        for e in slice["endpoints"]?.sequence ?? [] {
            #expect(e["conditions"] == ["ready": true, "serving": true, "terminating": false])
            #expect(e["nodeName"]?.string?.isEmpty == false)
            #expect(e["targetRef"]?["kind"]?.string == "Pod")
        }

        // Scaled down: the gone pod leaves both.
        var d = try c.api.get(Kinds.resolve("deployments")!, namespace: "default", name: "web").value
        d.edit("spec") { $0.set("replicas", 1) }
        _ = try c.api.update(ObjectKey(resource: "deployments.apps", namespace: "default", name: "web"), d)
        c.advance(by: .seconds(60))
        #expect(c.readyEndpoints(service: "web", namespace: "default").count == 1)
        #expect(slices(c, service: "web").first?["endpoints"]?.sequence?.count == 1)
    }

    @Test func selectorMatchingNothingHasEmptySubsetsAndPlaceholderSlice() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("nothing", selector: "{app: nada}")))
        c.advance(by: .seconds(5))
        let ep = try c.api.get(endpointsResource, namespace: "default", name: "nothing").value
        #expect(ep["subsets"] == nil)
        #expect(ep["metadata"]?["labels"] == nil)
        let all = slices(c, service: "nothing")
        #expect(all.count == 1)
        #expect(all.first?["endpoints"]?.isNull == true && all.first?["ports"]?.isNull == true)
        #expect(c.readyEndpoints(service: "nothing", namespace: "default").isEmpty)
    }

    /// reconciler.go finalize: the placeholder slice of a Service created before its pods is
    /// reused, so the slice keeps its name.
    @Test func placeholderSliceIsReusedWhenPodsAppear() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("web", targetPort: "http")))
        c.advance()
        let name = try #require(slices(c, service: "web").first?["metadata"]?["name"]?.string)
        _ = try c.api.create(decoded(namedPortDeployment(replicas: 1)))
        c.advance(by: .seconds(10))
        let all = slices(c, service: "web")
        #expect(all.count == 1)
        #expect(all.first?["metadata"]?["name"]?.string == name)
        #expect(all.first?["endpoints"]?.sequence?.count == 1)
    }

    /// A pod being deleted leaves the Endpoints at once; its slice endpoint stays, with
    /// `ready: false, serving: true, terminating: true`, until the pod is gone.
    @Test func terminatingPodLeavesEndpointsAndIsMarkedInSlice() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(podYAML(name: "solo")))
        _ = try c.api.create(decoded(serviceYAML("web")))
        c.advance(by: .seconds(10))
        #expect(c.readyEndpoints(service: "web", namespace: "default").map(\.pod) == ["solo"])
        _ = try c.api.delete(Kinds.resolve("pods")!, namespace: "default", name: "solo")
        c.advance()
        #expect(c.readyEndpoints(service: "web", namespace: "default").isEmpty)
        let ep = try c.api.get(endpointsResource, namespace: "default", name: "web").value
        #expect(ep["subsets"] == nil)
        let endpoint = slices(c, service: "web").first?["endpoints"]?[0]
        #expect(endpoint?["conditions"] == ["ready": false, "serving": true, "terminating": true])
        c.advance(by: .seconds(60))
        #expect(slices(c, service: "web").first?["endpoints"]?.isNull == true)
    }

    @Test func namedTargetPortMissingInPodSkipsThePort() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(namedPortDeployment(replicas: 1)))
        _ = try c.api.create(decoded(serviceYAML("web", targetPort: "metrics")))
        c.advance(by: .seconds(10))
        let ep = try c.api.get(endpointsResource, namespace: "default", name: "web").value
        #expect(ep["subsets"] == nil)
        #expect(c.readyEndpoints(service: "web", namespace: "default").isEmpty)
    }

    @Test func publishNotReadyAddressesListsPodsAsReady() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(namedPortDeployment(replicas: 1)))
        _ = try c.api.create(decoded(serviceYAML("web", targetPort: "http", extra: "  publishNotReadyAddresses: true")))
        c.advance()
        let ep = try c.api.get(endpointsResource, namespace: "default", name: "web").value
        #expect(ep["subsets"]?[0]?["addresses"]?.sequence?.count == 1)
        #expect(slices(c, service: "web").first?["endpoints"]?[0]?["conditions"]?["ready"]?.bool == true)
    }

    @Test func deletedServiceLosesItsEndpoints() throws {
        var c = Cluster(workers: 1)
        _ = try c.api.create(decoded(serviceYAML("web")))
        c.advance()
        #expect((try? c.api.get(endpointsResource, namespace: "default", name: "web")) != nil)
        _ = try c.api.delete(servicesResource, namespace: "default", name: "web")
        c.advance(by: .seconds(1))
        #expect((try? c.api.get(endpointsResource, namespace: "default", name: "web")) == nil)
        #expect(slices(c, service: "web").isEmpty)
    }
}
