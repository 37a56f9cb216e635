import Testing
import YAML
@testable import Simulator

/// `kubectl patch` semantics: strategic merge (lists with a merge key merge by it), JSON merge
/// patch (RFC 7386: lists replaced, null deletes) and JSON patch (RFC 6902).
@Suite struct PatchTests {
    let deployment: Value = [
        "spec": ["replicas": 1, "template": ["spec": ["containers": [
            ["name": "web", "image": "nginx:1.27"], ["name": "sidecar", "image": "busybox"],
        ]]]],
        "metadata": ["labels": ["app": "web", "tier": "front"]],
    ]

    @Test func strategicMergesContainersByName() {
        let patch: Value = ["spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:1.28"]]]]]]
        let out = Patch.strategic(deployment, patch)
        let containers = out["spec"]?["template"]?["spec"]?["containers"]?.sequence ?? []
        #expect(containers.count == 2)
        #expect(containers.first { $0["name"] == "web" }?["image"] == "nginx:1.28")
        #expect(containers.first { $0["name"] == "sidecar" }?["image"] == "busybox")
        #expect(out["spec"]?["replicas"] == 1)
    }

    @Test func mergePatchReplacesListsAndDeletesWithNull() {
        let patch: Value = ["spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:1.28"]]]]],
                            "metadata": ["labels": ["tier": nil]]]
        let out = Patch.merge(deployment, patch)
        #expect(out["spec"]?["template"]?["spec"]?["containers"]?.sequence?.count == 1)
        #expect(out["metadata"]?["labels"] == ["app": "web"])
    }

    @Test func jsonPatchOperations() throws {
        let ops: Value = [
            ["op": "replace", "path": "/spec/replicas", "value": 3],
            ["op": "add", "path": "/spec/template/spec/containers/-", "value": ["name": "log", "image": "alpine"]],
            ["op": "remove", "path": "/metadata/labels/tier"],
            ["op": "test", "path": "/metadata/labels/app", "value": "web"],
        ]
        let out = try Patch.json(deployment, ops)
        #expect(out["spec"]?["replicas"] == 3)
        #expect(out["spec"]?["template"]?["spec"]?["containers"]?.sequence?.last?["name"] == "log")
        #expect(out["metadata"]?["labels"] == ["app": "web"])
        #expect(throws: Patch.Failure.self) { try Patch.json(deployment, [["op": "replace", "path": "/spec/nada", "value": 1]]) }
        #expect(throws: Patch.Failure.self) { try Patch.json(deployment, [["op": "test", "path": "/spec/replicas", "value": 2]]) }
        #expect(try Patch.pointer("/a~1b/c~0d") == ["a/b", "c~d"])
    }
}
