import Testing
import YAML
@testable import KubeAPI

/// Rules found wrong by applying the website corpus (Tests/SimulatorTests/Corpus).
@Suite struct CorpusFindingsTests {
    @Test func rbacNamesArePathSegments() throws {
        let role = try #require(YAML.load("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:kube-scheduler\n").first)
        #expect(Validation.validate(role, kind: "ClusterRole", apiVersion: "rbac.authorization.k8s.io/v1").isEmpty)
        let bad = try #require(YAML.load("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: a/b\n  namespace: default\n").first)
        #expect(Validation.validate(bad, kind: "Role", apiVersion: "rbac.authorization.k8s.io/v1").map(\.description)
                == [#"metadata.name: Invalid value: "a/b": may not contain '/'"#])
    }

    @Test func secretStringDataIsMergedIntoData() throws {
        let secret = try #require(YAML.load("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            type: kubernetes.io/basic-auth
            data: {username: b2xk}
            stringData: {username: admin, password: "t0p-Secret"}
            """).first)
        let stored = Defaults.apply(to: secret, kind: "Secret", apiVersion: "v1")
        #expect(stored["stringData"] == nil)
        #expect(stored["data"]?["username"]?.string == "YWRtaW4=")
        #expect(stored["data"]?["password"]?.string == "dDBwLVNlY3JldA==")
        #expect(Validation.validate(stored, kind: "Secret", apiVersion: "v1").isEmpty)
    }
}
