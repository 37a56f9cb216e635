/// Who makes a request: a user name and its groups (k8s.io/apiserver/pkg/authentication/user
/// `DefaultInfo`).
///
/// `taller k` talks to the cluster as kind's kubeconfig does: the client certificate of
/// kubeadm's `admin.conf`, `CN=kubernetes-admin`, `O=kubeadm:cluster-admins` (kubeadm ≥ 1.29
/// binds that group to `cluster-admin` through the ClusterRoleBinding
/// `kubeadm:cluster-admins`; `system:masters` is left to `super-admin.conf`). Every
/// authenticated user also belongs to `system:authenticated`.
///
/// `kubectl --as NAME [--as-group G]…` impersonates someone else
/// (`UserInfo.impersonating`).
public struct UserInfo: Sendable, Hashable {
    public var name: String
    public var groups: [String]

    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    /// k8s.io/apiserver/pkg/authentication/user: `AllAuthenticated`, `AllUnauthenticated`, `Anonymous`.
    public static let allAuthenticated = "system:authenticated"
    public static let allUnauthenticated = "system:unauthenticated"
    public static let anonymous = "system:anonymous"

    /// kubeadm's admin group (cmd/kubeadm/app/constants `ClusterAdminsGroupAndClusterRoleBinding`).
    public static let clusterAdminsGroup = "kubeadm:cluster-admins"

    /// The user kubectl is in kind's kubeconfig.
    public static let kubernetesAdmin = UserInfo(name: "kubernetes-admin", groups: [clusterAdminsGroup, allAuthenticated])

    /// The user the apiserver's impersonation filter builds for `Impersonate-User: user` and
    /// `Impersonate-Group: groups…` (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go):
    /// a service account user name (`system:serviceaccount:NS:NAME`) without explicit groups
    /// gets `system:serviceaccounts` and `system:serviceaccounts:NS`; a non-anonymous user gets
    /// `system:authenticated` unless the groups already hold it or `system:unauthenticated`;
    /// `system:anonymous` gets `system:unauthenticated`.
    public static func impersonating(_ user: String, groups requested: [String]) -> UserInfo {
        var groups = requested
        if let sa = ServiceAccountUser(username: user), requested.isEmpty {
            groups = ServiceAccountUser.groupNames(namespace: sa.namespace)
        }
        if user != anonymous {
            if !groups.contains(where: { $0 == allAuthenticated || $0 == allUnauthenticated }) { groups.append(allAuthenticated) }
        } else if !groups.contains(allUnauthenticated) {
            groups.append(allUnauthenticated)
        }
        return UserInfo(name: user, groups: groups)
    }
}

/// A service account as a user (k8s.io/apiserver/pkg/authentication/serviceaccount/util.go):
/// `system:serviceaccount:<namespace>:<name>`.
public struct ServiceAccountUser: Sendable, Hashable {
    public static let prefix = "system:serviceaccount:"
    public static let allGroup = "system:serviceaccounts"

    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `SplitUsername`: nil unless the name has the prefix and exactly a non-empty namespace
    /// and name after it.
    public init?(username: String) {
        guard username.hasPrefix(ServiceAccountUser.prefix) else { return nil }
        let parts = username.dropFirst(ServiceAccountUser.prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(namespace: String(parts[0]), name: String(parts[1]))
    }

    /// `MakeUsername`.
    public var username: String { ServiceAccountUser.prefix + namespace + ":" + name }

    /// `MakeGroupNames`: every service account is in these two groups.
    public static func groupNames(namespace: String) -> [String] { [allGroup, allGroup + ":" + namespace] }
}
