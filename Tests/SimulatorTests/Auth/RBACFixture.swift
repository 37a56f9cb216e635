import KubeAPI
import YAML
@testable import Simulator

/// Roles and bindings for the RBAC tests, applied to a cluster with kind's bootstrap policy.
enum RBACFixture {
    static let yaml = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: dev}
    ---
    apiVersion: v1
    kind: Namespace
    metadata: {name: juegos}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: lector-pods, namespace: default}
    rules:
    - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
    - {apiGroups: [""], resources: [pods/log], verbs: [get]}
    - {apiGroups: [""], resources: [configmaps], resourceNames: [app-config], verbs: [get]}
    - {apiGroups: [apps], resources: ["*/scale"], verbs: [patch]}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: lectores, namespace: default}
    subjects: [{kind: User, name: ana, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: Role, name: lector-pods, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: huerfano, namespace: default}
    subjects: [{kind: User, name: eva, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: Role, name: no-existe, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: todo, namespace: juegos}
    rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: max-todo, namespace: juegos}
    subjects: [{kind: User, name: max, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: Role, name: todo, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: lector-nodos}
    rules: [{apiGroups: [""], resources: [nodes], verbs: [get, list]}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: operaciones-nodos}
    subjects: [{kind: Group, name: operaciones, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: ClusterRole, name: lector-nodos, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: robot-view, namespace: dev}
    subjects: [{kind: ServiceAccount, name: robot}]
    roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: cuentas-edit, namespace: juegos}
    subjects: [{kind: Group, name: "system:serviceaccounts:juegos", apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: metricas}
    rules: [{nonResourceURLs: [/metrics, "/logs/*"], verbs: [get]}]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: mon-metricas}
    subjects: [{kind: User, name: mon, apiGroup: rbac.authorization.k8s.io}]
    roleRef: {kind: ClusterRole, name: metricas, apiGroup: rbac.authorization.k8s.io}
    """

    static func cluster() throws -> Cluster {
        var cluster = Cluster(seed: 7, workers: 1)
        for result in try KubeDecoder().decodeAll(Array(yaml.utf8), file: "rbac.yaml") {
            _ = try cluster.api.apply(try result.get())
        }
        cluster.advance()
        return cluster
    }
}
