import KubeAPI
import YAML

extension APIServer {
    /// `kubectl.kubernetes.io/last-applied-configuration` (k8s.io/api/core/v1 `LastAppliedConfigAnnotation`).
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `kubectl apply -f` with client-side apply (k8s.io/kubectl/pkg/cmd/apply/apply.go,
    /// patcher.go):
    ///
    /// 1. the object gets the last-applied annotation: its own JSON, keys sorted, without the
    ///    annotation and with `metadata.annotations` present (`util.GetModifiedConfiguration`
    ///    sets an empty map, which is why real annotations read `"annotations":{}`), followed
    ///    by the newline Go's `json.Encoder` writes;
    /// 2. GET: missing → create → `created` (each request authorized for `--as`: `get`, then
    ///    `create` or `patch`);
    /// 3. otherwise the three-way merge of the last applied (original), the new (modified)
    ///    and the live object (`ThreeWayMerge`): nothing to change → `unchanged` (kubectl
    ///    sends no patch); else the merged object is written as an update → `configured`
    ///    (defaults, immutable fields and validation as for any update).
    public mutating func apply(_ object: DecodedObject, namespace: String = "default", dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let value = APIServer.withNamespace(object.value, resource: object.resource, default: namespace)
        let resource = object.resource
        guard !value.objectName.isEmpty else {
            throw .nameRequired(resource: resource, namespace: resource.namespaced ? value.objectNamespace : "")
        }
        let modified = APIServer.withLastApplied(value)
        let key = ObjectKey(resource, namespace: value.objectNamespace, name: value.objectName)
        let source = ObjectSource(object)
        try authorize("get", resource, namespace: key.namespace, name: key.name)
        guard let current = store[key] else {
            try authorize("create", resource, namespace: key.namespace)
            if dryRun == .client { return outcome(resource, modified, .created, dryRun) }
            let stored = try createObject(modified, resource: resource, source: source, dryRun: dryRun == .server)
            return outcome(resource, stored.value, .created, dryRun)
        }
        let original = current.value.annotation(APIServer.lastAppliedAnnotation).flatMap { text in
            (try? YAML.load(text, file: "", schema: .kubernetes))?.first
        }
        let merged = ThreeWayMerge.merge(original: original, modified: modified, current: current.value)
        if merged == current.value {
            if dryRun == .none { store.setSource(source, for: key) }
            return outcome(resource, current.value, .unchanged, dryRun)
        }
        try authorize("patch", resource, namespace: key.namespace, name: key.name)
        if dryRun == .client { return outcome(resource, merged, .configured, dryRun) }
        let stored = try updateObject(key, merged, source: .some(source), dryRun: dryRun == .server)
        return outcome(resource, stored?.value ?? merged, .configured, dryRun)
    }

    /// `value` with the last-applied annotation kubectl writes.
    static func withLastApplied(_ value: Value) -> Value {
        var bare = value
        bare.editMetadata { meta in
            var annotations = meta["annotations"] ?? .mapping([])
            if annotations.isNull { annotations = .mapping([]) }
            annotations.remove(lastAppliedAnnotation)
            meta.set("annotations", annotations)
        }
        let json = JSONWriter.string(bare, sortKeys: true) + "\n"
        var annotated = bare
        annotated.editMetadata { meta in meta.edit("annotations") { $0.set(lastAppliedAnnotation, .string(json)) } }
        return annotated
    }
}
