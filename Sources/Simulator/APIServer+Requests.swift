import KubeAPI
import YAML

// What `kubectl create`, `replace`, `delete`, `get` and status writers ask of the apiserver,
// for objects decoded from the learner's YAML. `apply` is in APIServer+Apply.swift.
extension APIServer {
    /// `kubectl create -f`: `deployment.apps/web created`, or `AlreadyExists`, `Invalid`,
    /// namespace `NotFound`/`Forbidden`. `namespace` is kubectl's (`-n`, else `default`),
    /// used when the object has none.
    public mutating func create(_ object: DecodedObject, namespace: String = "default", dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let value = APIServer.withNamespace(object.value, resource: object.resource, default: namespace)
        try authorize("create", object.resource, namespace: value.objectNamespace)
        if dryRun == .client { return outcome(object.resource, value, .created, dryRun) }
        let stored = try createObject(value, resource: object.resource, source: ObjectSource(object), dryRun: dryRun == .server)
        return outcome(object.resource, stored.value, .created, dryRun)
    }

    /// `kubectl replace -f` (PUT): the object must exist; `deployment.apps/web replaced`.
    public mutating func replace(_ object: DecodedObject, namespace: String = "default", dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let value = APIServer.withNamespace(object.value, resource: object.resource, default: namespace)
        let key = ObjectKey(object.resource, namespace: value.objectNamespace, name: value.objectName)
        try authorize("update", object.resource, namespace: key.namespace, name: key.name)
        guard store[key] != nil else { throw .notFound(resource: key.resource, name: key.name) }
        if dryRun == .client { return outcome(object.resource, value, .replaced, dryRun) }
        let stored = try updateObject(key, value, source: .some(ObjectSource(object)), dryRun: dryRun == .server)
        return outcome(object.resource, stored?.value ?? value, .replaced, dryRun)
    }

    /// `kubectl delete`: `deployment.apps "web" deleted`. kubectl's default propagation is
    /// Background (`--cascade=background`).
    public mutating func delete(_ resource: APIResource, namespace: String, name: String,
                                propagation: PropagationPolicy = .background, dryRun: DryRun = .none) throws(APIError) -> APIOutcome {
        let key = ObjectKey(resource, namespace: namespace, name: name)
        try authorize("delete", resource, namespace: namespace, name: name)
        if dryRun == .client {
            let existing = try get(key)
            return APIOutcome(resource: resource, namespace: key.namespace, name: name, operation: .deleted, dryRun: dryRun, object: existing.value)
        }
        let left = try deleteObject(key, propagation: propagation, dryRun: dryRun == .server)
        return APIOutcome(resource: resource, namespace: key.namespace, name: name, operation: .deleted, dryRun: dryRun, object: left?.value)
    }

    /// `kubectl get TYPE NAME`: the object, or `Error from server (NotFound): …`.
    public func get(_ resource: APIResource, namespace: String, name: String) throws(APIError) -> StoredObject {
        try authorize("get", resource, namespace: namespace, name: name)
        return try get(ObjectKey(resource, namespace: namespace, name: name))
    }

    /// `kubectl get TYPE [-n NS | -A] [-l SELECTOR]`, in key order (namespace, then name).
    public func list(_ resource: APIResource, namespace: String?, selector: LabelSelector = .everything) -> [StoredObject] {
        store.list(resource.groupResource, namespace: resource.namespaced ? namespace : nil, selector: selector)
    }

    /// A status subresource write (`PUT …/status`): only `status` changes.
    @discardableResult
    public mutating func updateStatus(_ key: ObjectKey, status: Value) throws(APIError) -> StoredObject {
        if let stored = try updateObject(key, ["status": status], statusOnly: true) { return stored }
        return try get(key)
    }

    /// kubectl sets the request namespace on namespaced objects that have none
    /// (cli-runtime's builder `DefaultNamespace`).
    static func withNamespace(_ value: Value, resource: APIResource, default namespace: String) -> Value {
        guard resource.namespaced, value.objectNamespace.isEmpty else { return value }
        var v = value
        v.editMetadata { $0.set("namespace", .string(namespace)) }
        return v
    }

    func outcome(_ resource: APIResource, _ value: Value, _ operation: APIOutcome.Operation, _ dryRun: DryRun) -> APIOutcome {
        APIOutcome(resource: resource, namespace: value.objectNamespace, name: value.objectName,
                   operation: operation, dryRun: dryRun, object: value)
    }

    /// Creates an object from a value (no source file): for benchmarks and tools.
    public mutating func benchCreate(_ value: Value, resource: APIResource) throws(APIError) -> StoredObject {
        try createObject(value, resource: resource, source: nil)
    }
}
