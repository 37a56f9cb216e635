import KubeAPI
import YAML

/// The simulated kube-apiserver: the store plus the request pipeline a real one runs, in
/// upstream's order (k8s.io/apiserver/pkg/endpoints/handlers/create.go and update.go,
/// k8s.io/apiserver/pkg/registry/generic/registry/store.go):
///
/// 1. defaulting (`Defaults.apply`, done when the body is decoded);
/// 2. mutating admission: NamespaceLifecycle (the namespace must exist and not be
///    terminating; `NotFound`/`Forbidden`), then ServiceAccount for pods (its `default`, the
///    projected token volume, or `Forbidden` when the ServiceAccount does not exist);
/// 3. `BeforeCreate`/`BeforeUpdate`: `generateName`, the strategy's `PrepareFor…`
///    (`Strategy.swift`), validation (`Validation.validate`/`validateUpdate`: `Invalid`);
/// 4. storage: `AlreadyExists`/`NotFound`, uid, `creationTimestamp`, `resourceVersion`.
///
/// Reads decode again with defaults, as the apiserver does when it reads from etcd, so a
/// stored object shows every default (`status.phase: Pending` of a new claim, …).
///
/// `metadata.managedFields` is omitted: the simulator implements client-side apply only,
/// and kubectl hides managedFields from `-o yaml` by default anyway.
///
/// Learner requests (`create`, `apply`, `replace`, `delete`, `get`, `list`) are in
/// `APIServer+Requests.swift` and `APIServer+Apply.swift`; controllers write through the
/// internal `createObject`/`updateObject`/`deleteObject` below.
public struct APIServer: Sendable {
    public internal(set) var store: Store
    public internal(set) var clock: VirtualClock
    var random: SeededRandom
    var recorder: EventRecorder
    /// The recorder's last timestamp text (a cache: never saved).
    var stampCache = TimestampCache()
    /// The last object defaulted on arrival by `createObject`, and the result (a cache: never saved).
    var defaultsMemo = DefaultsMemo()
    /// Who the current learner request is made as: set by `kubectl --as` for one command and
    /// checked by `authorize` (Auth/Cluster+RBAC.swift); nil is the cluster admin, unchecked.
    /// Never saved with the cluster.
    public var requester: UserInfo?

    /// Namespaces every cluster starts with; the first three can never be deleted
    /// (NamespaceLifecycle's immortal namespaces).
    public static let initialNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]
    static let immortalNamespaces: Set<String> = ["default", "kube-public", "kube-system"]

    public init(seed: UInt64, start: VirtualTime = .courseEpoch) {
        store = Store()
        clock = VirtualClock(start: start)
        random = SeededRandom(seed: seed)
        recorder = EventRecorder()
        let namespaces = Kinds.resolve("namespaces")!
        for name in APIServer.initialNamespaces {
            let value: Value = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            _ = try? createObject(value, resource: namespaces, source: nil)
        }
    }

    init(store: Store, clock: VirtualClock, random: SeededRandom, recorder: EventRecorder) {
        self.store = store
        self.clock = clock
        self.random = random
        self.recorder = recorder
    }

    public var now: VirtualTime { clock.now }

    // MARK: Create

    /// Creates `value` as `resource`; the namespace must already be set for namespaced kinds.
    /// With `dryRun`, runs everything and stores nothing (the generator is left as it was,
    /// so a dry run never changes later names).
    mutating func createObject(_ value: Value, resource: APIResource, source: ObjectSource?, dryRun: Bool = false) throws(APIError) -> StoredObject {
        var o = defaultsMemo.apply(to: value, kind: resource.kind, apiVersion: resource.apiVersion)
        if !resource.namespaced { o.editMetadata { $0.remove("namespace") } }
        let namespace = o.objectNamespace
        let savedRandom = random
        defer { if dryRun { random = savedRandom } }
        if resource.namespaced { try admitNamespace(namespace, resource: resource, object: o) }
        if resource.groupResource == ObjectKey.pods { try admitServiceAccount(&o) } // ServiceAccounts/APIServer+ServiceAccountAdmission.swift
        admitStorage(&o, resource: resource) // Storage/APIServer+StorageAdmission.swift
        admitIngress(&o, resource: resource) // Ingress/Cluster+Ingress.swift
        // BeforeCreate: generateName, then PrepareForCreate, then validation.
        let generateName = o["metadata"]?["generateName"]?.string ?? ""
        if o.objectName.isEmpty && !generateName.isEmpty {
            var name = NameGenerator.generateName(base: generateName, using: &random)
            // The apiserver retries a generated name that already exists (RetryGenerateName, GA in 1.32).
            for _ in 0..<7 where store[ObjectKey(resource, namespace: namespace, name: name)] != nil {
                name = NameGenerator.generateName(base: generateName, using: &random)
            }
            o.editMetadata { $0.set("name", .string(name)) }
        }
        Strategy.prepareForCreate(&o, resource: resource)
        if resource.groupResource == VolumeUtil.volumes { APIServer.stampPhaseTransition(&o, old: nil, now: clock.now) }
        o = Defaults.apply(to: o, kind: resource.kind, apiVersion: resource.apiVersion)
        if resource.groupResource == "services" { try allocateService(&o, old: nil, source: source) } // Networking/ServiceAllocator.swift
        let errors = Validation.validate(o, kind: resource.kind, apiVersion: resource.apiVersion)
        if !errors.isEmpty { throw .invalid(kind: resource.kind, name: o.objectName, errors: errors, source: source) }
        let key = ObjectKey(resource, namespace: namespace, name: o.objectName)
        if store[key] != nil { throw .alreadyExists(resource: resource.groupResource, name: key.name) }
        // FillObjectMetaSystemFields, then the storage's resourceVersion.
        let uid = NameGenerator.uuid(using: &random)
        let now = clock.now.rfc3339
        o.editMetadata { meta in
            meta.set("uid", .string(uid))
            meta.set("creationTimestamp", .string(now))
            meta.remove("managedFields")
        }
        if resource.groupResource == "jobs.batch" { o = Defaults.jobSelector(o, uid: uid) } // job strategy generateSelector
        if dryRun {
            o.editMetadata { $0.set("resourceVersion", .string(String(store.revision + 1))) }
            return StoredObject(key: key, value: o, source: source)
        }
        let resourceVersion = store.nextResourceVersion()
        o.editMetadata { $0.set("resourceVersion", .string(resourceVersion)) }
        let stored = StoredObject(key: key, value: o, source: source)
        store.put(stored)
        return stored
    }

    /// NamespaceLifecycle admission (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle).
    func admitNamespace(_ namespace: String, resource: APIResource, object: Value) throws(APIError) {
        // admission.NewForbidden names the object by name, else generateName, else "Unknown".
        try admitNamespace(namespace, resource: resource, named: {
            let generateName = object["metadata"]?["generateName"]?.string ?? ""
            return !object.objectName.isEmpty ? object.objectName : !generateName.isEmpty ? generateName : "Unknown"
        }())
    }

    /// `admitNamespace` for an object named `name` (worked out only for the refusal).
    func admitNamespace(_ namespace: String, resource: APIResource, named name: @autoclosure () -> String) throws(APIError) {
        guard let ns = store[ObjectKey(resource: ObjectKey.namespaces, namespace: "", name: namespace)] else {
            throw .notFound(resource: "namespaces", name: namespace)
        }
        if ns.value["status"]?["phase"]?.string == "Terminating" {
            throw .forbidden(resource: resource.groupResource, name: name(), reason: APIError.namespaceTerminating(namespace))
        }
    }

    // MARK: Update

    /// Replaces the object at `key` with `proposed` (a main-resource update: status is
    /// kept from the stored object). Identical results are not written (no new
    /// resourceVersion), as etcd's GuaranteedUpdate skips no-op writes. An object being
    /// deleted whose last finalizer goes away is removed.
    mutating func updateObject(_ key: ObjectKey, _ proposed: Value, source: ObjectSource?? = nil, dryRun: Bool = false,
                               statusOnly: Bool = false) throws(APIError) -> StoredObject? {
        guard let old = store[key], let resource = key.apiResource else {
            throw .notFound(resource: key.resource, name: key.name)
        }
        var new: Value
        if statusOnly {
            // Status strategies keep everything but the status from the stored object.
            new = old.value
            new.set("status", proposed["status"] ?? .mapping([]))
            if key.resource == VolumeUtil.volumes { APIServer.stampPhaseTransition(&new, old: old.value, now: clock.now) }
            // deploymentStatusStrategy.PrepareForUpdate keeps spec and labels only (pkg/registry/apps/deployment/strategy.go).
            if key.resource == "deployments.apps", let a = proposed["metadata"]?["annotations"] { new.editMetadata { $0.set("annotations", a) } }
        } else {
            new = Defaults.apply(to: proposed, kind: resource.kind, apiVersion: resource.apiVersion)
            new.editMetadata { meta in
                meta.set("name", .string(key.name))
                if resource.namespaced { meta.set("namespace", .string(key.namespace)) } else { meta.remove("namespace") }
                // BeforeUpdate keeps the system fields of the stored object.
                for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"] {
                    if let v = old.value["metadata"]?[field] { meta.set(field, v) } else { meta.remove(field) }
                }
                meta.remove("managedFields")
            }
            Strategy.prepareForUpdate(&new, old: old.value, resource: resource)
            new = Defaults.apply(to: new, kind: resource.kind, apiVersion: resource.apiVersion)
            if key.resource == "services" { try allocateService(&new, old: old.value, source: source.flatMap { $0 } ?? old.source) }
            let errors = Validation.validateUpdate(old: old.value, new: new, kind: resource.kind, apiVersion: resource.apiVersion)
            if !errors.isEmpty {
                throw .invalid(kind: resource.kind, name: key.name, errors: errors, source: source.flatMap { $0 } ?? old.source)
            }
        }
        new.editMetadata { $0.set("resourceVersion", old.value["metadata"]?["resourceVersion"] ?? .null) }
        if statusOnly {
            // `new` is the stored object with only `status` (and a Deployment's annotations)
            // replaced, so comparing those subtrees answers `new == old.value` without walking
            // metadata and spec.
            let same = new["status"] == old.value["status"]
                && (key.resource != "deployments.apps" || new["metadata"]?["annotations"] == old.value["metadata"]?["annotations"])
            if same && !shouldRemove(new) { return old }
        } else if new == old.value && !shouldRemove(new) { return old }
        let newSource = source ?? old.source
        if dryRun { return StoredObject(key: key, value: new, source: newSource) }
        if shouldRemove(new) {
            store.remove(key)
            return nil
        }
        let resourceVersion = store.nextResourceVersion()
        new.editMetadata { $0.set("resourceVersion", .string(resourceVersion)) }
        let stored = StoredObject(key: key, value: new, source: newSource, replacing: old)
        store.put(stored, statusOnly: statusOnly)
        return stored
    }

    /// Being deleted with no finalizers left (and, for namespaces, no `spec.finalizers`;
    /// pkg/registry/core/namespace/storage `ShouldDeleteDuringUpdate`). Pods being deleted
    /// gracefully wait for the kubelet's final delete instead.
    func shouldRemove(_ o: Value) -> Bool {
        guard o.isBeingDeleted, o.finalizers.isEmpty else { return false }
        if o["kind"]?.string == "Namespace" { return o["spec"]?["finalizers"]?.sequence?.isEmpty ?? true }
        if o["kind"]?.string == "Pod" { return (o["metadata"]?["deletionGracePeriodSeconds"]?.int ?? 0) == 0 }
        return true
    }

    // MARK: Read

    /// The object, or `NotFound`.
    public func get(_ key: ObjectKey) throws(APIError) -> StoredObject {
        guard let o = store[key] else { throw .notFound(resource: key.resource, name: key.name) }
        return o
    }
}

/// `Defaults.apply` of the object `createObject` received last, kept with its result: a
/// ReplicaSet creates its pods in batches of one value (`ReplicaSetController.podFromTemplate`,
/// up to 500 creates), and defaulting is a pure function of the value, so the same value
/// (the same storage, `Value.isIdentical`) gets the same result without walking it again.
/// The input is retained, so its storage cannot be reused by another value meanwhile.
struct DefaultsMemo: Sendable {
    private var input: Value = .null
    private var kind = ""
    private var apiVersion = ""
    private var output: Value = .null

    mutating func apply(to value: Value, kind: String, apiVersion: String) -> Value {
        if case .mapping = value, value.isIdentical(to: input), kind == self.kind, apiVersion == self.apiVersion { return output }
        let result = Defaults.apply(to: value, kind: kind, apiVersion: apiVersion)
        (input, self.kind, self.apiVersion, output) = (value, kind, apiVersion, result)
        return result
    }
}
