import Testing
import KubeAPI
import YAML
@testable import CLI

@Suite struct KubectlFieldSelectorTests {
    static let pods: [Value] = [
        ["metadata": ["name": "b", "namespace": "default"], "status": ["phase": "Running", "podIP": "10.244.2.7"]],
        ["metadata": ["name": "a", "namespace": "default"], "status": ["phase": "Pending"]],
        ["metadata": ["name": "c", "namespace": "default"], "status": ["phase": "Running", "podIP": "10.244.1.3"]],
    ]

    @Test func filtersOnSupportedLabels() throws {
        let pods = try #require(Kinds.resolve("pods"))
        let running = try FieldSelector.parse("status.phase=Running").filter(Self.pods, resource: pods, labelSelector: "")
        #expect(running.map { $0["metadata"]?["name"]?.string } == ["b", "c"])
        let notB = try FieldSelector.parse("status.phase==Running,metadata.name!=b").filter(Self.pods, resource: pods, labelSelector: "")
        #expect(notB.map { $0["metadata"]?["name"]?.string } == ["c"])
    }

    /// An Event's `source` is `source.component`, else `reportingComponent` (the events.k8s.io
    /// shape leaves `source` empty); `involvedObject.fieldPath` names the container.
    @Test func eventsSelectBySourceAndContainer() throws {
        let events = try #require(Kinds.resolve("events"))
        let list: [Value] = [
            ["metadata": ["name": "web.1"], "source": ["component": "kubelet", "host": "taller-worker"], "reportingComponent": "kubelet",
             "involvedObject": ["kind": "Pod", "name": "web", "fieldPath": "spec.containers{web}"]],
            ["metadata": ["name": "web.2"], "source": [:], "reportingComponent": "default-scheduler",
             "involvedObject": ["kind": "Pod", "name": "web"]],
            ["metadata": ["name": "web.3"], "source": ["component": "replicaset-controller"], "reportingComponent": "",
             "involvedObject": ["kind": "ReplicaSet", "name": "web-5c9"]],
        ]
        func names(_ selector: String) throws -> [String?] {
            try FieldSelector.parse(selector).filter(list, resource: events, labelSelector: "").map { $0["metadata"]?["name"]?.string }
        }
        #expect(try names("source=kubelet") == ["web.1"])
        #expect(try names("source=default-scheduler") == ["web.2"])
        #expect(try names("source!=kubelet") == ["web.2", "web.3"])
        #expect(try names("involvedObject.fieldPath=spec.containers{web}") == ["web.1"])
    }

    @Test func unsupportedLabelGetsTheServersError() throws {
        let pods = try #require(Kinds.resolve("pods"))
        #expect(throws: KubectlError.self) {
            try FieldSelector.parse("spec.foo=x").filter(Self.pods, resource: pods, labelSelector: "app=web")
        }
        do {
            _ = try FieldSelector.parse("spec.foo=x").filter(Self.pods, resource: pods, labelSelector: "app=web")
        } catch {
            guard case .message(let text) = error else { Issue.record("otro error"); return }
            #expect(text == #"Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=web", field selector "spec.foo=x": field label not supported: spec.foo"#)
        }
    }

    @Test func sortByPutsMissingValuesFirstThenOrders() throws {
        let sorted = try SortBy.sort(Self.pods, by: ".status.podIP")
        #expect(sorted.map { $0["metadata"]?["name"]?.string } == ["a", "c", "b"])
        let byName = try SortBy.sort(Self.pods, by: "{.metadata.name}")
        #expect(byName.map { $0["metadata"]?["name"]?.string } == ["a", "b", "c"])
    }
}
