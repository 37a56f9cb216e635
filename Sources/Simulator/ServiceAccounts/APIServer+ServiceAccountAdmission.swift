import KubeAPI
import YAML

/// The ServiceAccount admission plugin on pod creation
/// (plugin/pkg/admission/serviceaccount/admission.go `Admit`, `Validate`,
/// `mountServiceAccountToken`, `TokenVolumeSource`). It runs with the mutating admission, before
/// the pod gets its generated name, so its name draws from the seeded generator first.
///
/// 1. A pod without `serviceAccountName` gets `default` (`Defaults.pod` has already done that,
///    and the v1 conversion's mirror into the deprecated `serviceAccount`).
/// 2. The ServiceAccount must exist, or the pod is refused: `pods "x" is forbidden: error
///    looking up service account NS/NAME: serviceaccount "NAME" not found` (a controller's pod
///    is named by its `generateName`, `web-7d4b9c8f5-`, as `admission.NewForbidden` does).
///    Upstream looks `default` up ten times, a tenth of a second apart, because the
///    ServiceAccounts controller creates it moments after the namespace; here controllers run
///    between requests, so an active namespace's missing `default` is the one that controller is
///    about to create (`{metadata: {name: default}}`) and the pod is admitted as with it.
/// 3. Unless `automountServiceAccountToken` is false (the pod's, else the ServiceAccount's), every
///    init container and container without a mount at `/var/run/secrets/kubernetes.io/serviceaccount`
///    gets one, read-only, of the projected volume `kube-api-access-<5 random characters>`
///    (token for 3607 s, `ca.crt` from `kube-root-ca.crt`, the namespace from the downward
///    API), appended to `spec.volumes`; a volume already named `kube-api-access-…` is reused.
///    Ephemeral containers are added later through a subresource the plugin ignores.
/// 4. A pod without `imagePullSecrets` gets the ServiceAccount's.
///
/// Not modelled: mirror pods, and the `kubernetes.io/enforce-mountable-secrets` annotation.
extension APIServer {
    // admission.go: ServiceAccountVolumeName, DefaultAPITokenMountPath.
    public static let tokenVolumePrefix = "kube-api-access-"
    public static let tokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
    /// pkg/serviceaccount/claims.go `WarnOnlyBoundTokenExpirationSeconds` (one hour and seven
    /// seconds: tokens the kubelet refreshes, only warned about when used after an hour).
    public static let tokenExpirationSeconds: Int64 = 3607

    /// The plugin's `Admit` for a pod being created in an existing, active namespace.
    mutating func admitServiceAccount(_ pod: inout Value) throws(APIError) {
        let namespace = pod.objectNamespace
        let name = pod["spec"]?["serviceAccountName"]?.string ?? ""
        let saName = name.isEmpty ? ServiceAccountsController.defaultName : name
        let key = ObjectKey(resource: ServiceAccountsController.serviceAccounts, namespace: namespace, name: saName)
        let serviceAccount: Value
        if let stored = store[key] {
            serviceAccount = stored.value
        } else if saName == ServiceAccountsController.defaultName {
            serviceAccount = ["metadata": ["name": .string(saName), "namespace": .string(namespace)]]
        } else {
            let generateName = pod["metadata"]?["generateName"]?.string ?? ""
            let podName = !pod.objectName.isEmpty ? pod.objectName : !generateName.isEmpty ? generateName : "Unknown"
            throw .forbidden(resource: ObjectKey.pods, name: podName,
                             reason: APIServer.serviceAccountLookupFailure(namespace: namespace, name: saName))
        }
        pod.edit("spec") { spec in
            spec.set("serviceAccountName", .string(saName))
            spec.set("serviceAccount", .string(saName))
            if APIServer.shouldAutomount(serviceAccount: serviceAccount, podSpec: spec) { mountServiceAccountToken(&spec) }
            let pullSecrets = spec["imagePullSecrets"]?.sequence ?? []
            let saPullSecrets = serviceAccount["imagePullSecrets"]?.sequence ?? []
            if pullSecrets.isEmpty && !saPullSecrets.isEmpty {
                spec.set("imagePullSecrets", .sequence(saPullSecrets.map { ["name": $0["name"] ?? ""] }))
            }
        }
    }

    /// The reason of the Forbidden error: `error looking up service account NS/NAME: <NotFound>`,
    /// the NotFound being `errors.NewNotFound(api.Resource("serviceaccount"), name)`.
    static func serviceAccountLookupFailure(namespace: String, name: String) -> String {
        "\(serviceAccountLookupPrefix)\(namespace)/\(name): " + APIError.notFound(resource: "serviceaccount", name: name).statusMessage
    }

    static let serviceAccountLookupPrefix = "error looking up service account "

    /// admission.go `shouldAutomount`: the pod's preference wins, then the ServiceAccount's;
    /// true by default.
    static func shouldAutomount(serviceAccount: Value, podSpec: Value) -> Bool {
        if let pod = podSpec["automountServiceAccountToken"]?.bool { return pod }
        if let sa = serviceAccount["automountServiceAccountToken"]?.bool { return sa }
        return true
    }

    /// admission.go `mountServiceAccountToken`.
    mutating func mountServiceAccountToken(_ spec: inout Value) {
        let volumes = spec["volumes"]?.sequence ?? []
        let existing = volumes.first { ($0["name"]?.string ?? "").hasPrefix(APIServer.tokenVolumePrefix) }?["name"]?.string
        let volumeName = existing ?? NameGenerator.generateName(base: APIServer.tokenVolumePrefix, using: &random)
        let mount: Value = ["mountPath": .string(APIServer.tokenMountPath), "name": .string(volumeName), "readOnly": true]
        var needsVolume = false
        for field in ["initContainers", "containers"] {
            guard var containers = spec[field]?.sequence else { continue }
            for i in containers.indices {
                let mounts = containers[i]["volumeMounts"]?.sequence ?? []
                // Existing mounts at the default mount path prevent mounting of the API token.
                if mounts.contains(where: { $0["mountPath"]?.string == APIServer.tokenMountPath }) { continue }
                containers[i].set("volumeMounts", .sequence(mounts + [mount]))
                needsVolume = true
            }
            spec.set(field, .sequence(containers))
        }
        if existing == nil && needsVolume {
            spec.set("volumes", .sequence(volumes + [["name": .string(volumeName), "projected": APIServer.tokenVolumeSource]]))
        }
    }

    /// admission.go `TokenVolumeSource`, with the defaults the apiserver adds (`defaultMode`
    /// set explicitly upstream, #104464; the fieldRef's `apiVersion`).
    static let tokenVolumeSource: Value = [
        "defaultMode": 420,
        "sources": [
            ["serviceAccountToken": ["expirationSeconds": .int(tokenExpirationSeconds), "path": "token"]],
            ["configMap": ["items": [["key": .string(RootCACertPublisher.dataKey), "path": .string(RootCACertPublisher.dataKey)]],
                           "name": .string(RootCACertPublisher.configMapName)]],
            ["downwardAPI": ["items": [["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"], "path": "namespace"]]]],
        ],
    ]
}

extension APIError {
    /// The ServiceAccount the admission could not find, when this is that refusal.
    var missingServiceAccount: (namespace: String, name: String)? {
        guard case .forbidden(let resource, _, let reason) = self, resource == ObjectKey.pods,
              reason.hasPrefix(APIServer.serviceAccountLookupPrefix) else { return nil }
        let rest = reason.dropFirst(APIServer.serviceAccountLookupPrefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let parts = rest[..<colon].split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }
}
