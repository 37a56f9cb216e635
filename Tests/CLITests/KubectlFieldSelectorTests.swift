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

    /// sortorder.NaturalLess: digit runs by value, fewer leading zeros first, digits before
    /// other bytes, the rest bytewise.
    @Test func naturalOrderAsKubectl() {
        for (a, b, less) in [("web-2", "web-10", true), ("web-10", "web-2", false), ("a", "b", true), ("2", "02", true),
                             ("02", "2", false), ("abc", "abc1", true), ("1a", "a", true), ("a", "1a", false),
                             ("x", "x", false), ("pod-009", "pod-10", true), ("v1.9", "v1.10", true)] {
            #expect(SortBy.naturalLess(a, b) == less, "\(a) < \(b)")
        }
    }

    /// Nulls before values (the scheduler's Events have `lastTimestamp: null`), quantities as
    /// quantities, names in natural order.
    @Test func sortByComparesAsKubectlsSorter() throws {
        func objects(_ values: [Value]) -> [Value] { values.enumerated().map { ["metadata": ["name": .string("o\($0.offset)")], "v": $0.element] } }
        func names(_ sorted: [Value]) -> [String] { sorted.map { $0["metadata"]?["name"]?.string ?? "" } }
        #expect(names(try SortBy.sort(objects(["2026-01-01T00:00:05Z", .null, "2026-01-01T00:00:01Z"]), by: ".v")) == ["o1", "o2", "o0"])
        #expect(names(try SortBy.sort(objects(["1", "100m", "250m"]), by: ".v")) == ["o1", "o2", "o0"])
        #expect(names(try SortBy.sort(objects(["web-10", "web-9", "web-1"]), by: ".v")) == ["o2", "o1", "o0"])
    }
}
