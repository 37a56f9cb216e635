import Testing
import YAML
@testable import Simulator

/// Which controllers hear about a change (Controller.swift `ControllerRoutes`).
@Suite struct ControllerRoutesTests {
    struct Everything: Controller {
        let name = "todo"
        func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] { [] }
        func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] { [] }
    }

    struct Pods: Controller {
        let name = "pods"
        var watchedResources: Set<String>? { [ObjectKey.pods] }
        func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] { [] }
        func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] { [] }
    }

    struct EventsToo: Controller {
        let name = "eventos"
        var watchedResources: Set<String>? { [ObjectKey.pods, ObjectKey.events] }
        func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey] { [] }
        func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action] { [] }
    }

    @Test func eventsReachOnlyThoseWhoWatchThem() {
        let routes = ControllerRoutes([Everything(), Pods(), GarbageCollector(), EventsToo(), NamespaceController()])
        #expect(routes.controllers(for: ObjectKey.pods) == [0, 1, 2, 3, 4])
        #expect(routes.controllers(for: "configmaps") == [0, 2, 4], "a resource nobody names: the ones that watch all")
        #expect(routes.controllers(for: ObjectKey.events) == [2, 3, 4], "not the first: it watches all but Events")
    }

    /// Of the standard controllers, the garbage collector and the namespace controller hear
    /// about Events; every other one returns no keys for an Event change anyway.
    @Test func standardControllersAndEvents() throws {
        let controllers = Cluster.standardControllers
        let routes = ControllerRoutes(controllers)
        #expect(routes.controllers(for: ObjectKey.events).map { controllers[$0].name }.sorted() == ["garbage-collector-controller", "namespace-controller"])
        var cluster = Cluster(seed: 2, workers: 1)
        _ = try cluster.api.apply(decoded(deploymentYAML(replicas: 2, image: "nginx:1.27")))
        cluster.advance(by: .seconds(20))
        let state = ClusterState(store: cluster.api.store)
        for event in cluster.api.store.list(ObjectKey.events) {
            for change in [StoreChange(key: event.key, old: nil, new: event.value), StoreChange(key: event.key, old: event.value, new: event.value)] {
                for c in controllers where !c.watchesEvents {
                    #expect(c.keys(for: change, state: state).isEmpty, "\(c.name)")
                }
            }
        }
    }
}
