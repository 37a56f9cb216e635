import KubeAPI
import YAML

/// A controller of the simulated control plane. Controllers are **pure**: `reconcile` reads
/// a snapshot and returns the writes it wants (`Action`s); only the simulation loop
/// (`Cluster`) applies them, through the API server, in order. Decisions are thus separate
/// from writes, as in upstream's controllers, and a controller's behaviour is a function of
/// (key, state, time) that tests can call directly.
///
/// `keys(for:state:)` plays the informers' event handlers: which keys a store change wakes.
/// The loop is level-based: a key is reconciled from the whole current state, however many
/// changes woke it.
///
/// Adding the scheduler, the kubelet, the Deployment controller… is adding a type that
/// conforms, and listing it in `Cluster.standardControllers`.
public protocol Controller: Sendable {
    /// The component name events carry (`replicaset-controller`).
    var name: String { get }
    /// The resources whose changes may wake this controller (its informers); nil: all of them.
    /// The loop asks `keys(for:)` only about changes to these, so `keys(for:)` must return
    /// nothing for any other resource.
    var watchedResources: Set<String>? { get }
    /// Whether Event changes may wake this controller. Events are half the writes of a busy
    /// cluster and almost nobody watches them: a controller that watches "all resources"
    /// (`watchedResources` nil) hears about Events only when this is true (the garbage
    /// collector and the namespace controller, which do look at every object).
    var watchesEvents: Bool { get }
    /// The keys to reconcile after `change`.
    func keys(for change: StoreChange, state: ClusterState) -> [ObjectKey]
    /// What to write so that the object at `key` converges.
    func reconcile(key: ObjectKey, state: ClusterState, now: VirtualTime) -> [Action]
    /// Keys to queue when a saved cluster is loaded: what the list a controller's informers
    /// make at start-up would find unconverged. Only what is missing is returned, so that
    /// loading a cluster saved by this same version queues nothing; a cluster saved by an
    /// older version, before this controller existed, gets what it lacks.
    func startupKeys(state: ClusterState) -> [ObjectKey]
}

extension Controller {
    public var watchedResources: Set<String>? { nil }
    public var watchesEvents: Bool { watchedResources?.contains(ObjectKey.events) ?? false }
    public func startupKeys(state: ClusterState) -> [ObjectKey] { [] }
}

/// Which controllers hear about a change to each resource, in the controllers' order (the
/// order in which they wake decides the queue's order, so it must not depend on this table).
struct ControllerRoutes: Sendable {
    private var byResource: [String: [Int]] = [:]
    /// Controllers that watch every resource (the garbage collector, the namespace controller).
    private var everywhere: [Int] = []

    init(_ controllers: [any Controller]) {
        var watched: [String: [Int]] = [:]
        for (index, controller) in controllers.enumerated() {
            if let resources = controller.watchedResources {
                for resource in resources { watched[resource, default: []].append(index) }
            } else {
                everywhere.append(index)
            }
        }
        for (resource, indexes) in watched { byResource[resource] = (indexes + everywhere).sorted() }
        byResource[ObjectKey.events] = controllers.indices.filter { controllers[$0].watchesEvents }
    }

    func controllers(for resource: String) -> [Int] { byResource[resource] ?? everywhere }
}

/// A write a controller asks for.
public enum Action: Sendable {
    /// Create an object (the API server defaults, validates and names it).
    case create(Value)
    /// `RealPodControl.CreatePods` (pkg/controller/controller_utils.go): create a pod for
    /// `controller`, recording `SuccessfulCreate` (`Created pod: <name>`) or `FailedCreate`
    /// (`Error creating: <error>`). Creates are grouped in slow-start batches (`batch`
    /// 0, 1, 2…): after a failure, later batches of the same reconcile are skipped.
    case createPod(Value, controller: ObjectKey, batch: Int)
    /// Replace the object at the key (metadata and spec; status is kept).
    case update(ObjectKey, Value)
    /// Replace the object's `status` with this value.
    case updateStatus(ObjectKey, Value)
    /// A status-subresource write of the whole object: the kind's status strategy keeps all but
    /// `status` (and, for Deployments, `metadata.annotations`, where the revision lives).
    case updateStatusObject(ObjectKey, Value)
    case delete(ObjectKey, PropagationPolicy)
    /// `RealPodControl.DeletePod`: delete a pod, recording `SuccessfulDelete`
    /// (`Deleted pod: <name>`) or `FailedDelete`.
    case deletePod(ObjectKey, controller: ObjectKey)
    case event(EventSpec)
    /// The scheduler's `pods/binding`: set the pod's `spec.nodeName` (Scheduling/APIServer+Binding.swift).
    case bindPod(ObjectKey, node: String)
    /// The kubelet's final delete of a pod it has stopped (`APIServer.finishPodDeletion`).
    case finishPodDeletion(ObjectKey)
    /// Reconcile this key again after the delay (`queue.AddAfter`).
    case requeueAfter(Duration)
    /// Reconcile this key again through the rate limiter (`queue.AddRateLimited`); a
    /// successful sync still forgets the failures afterwards, as upstream's handleErr does.
    case requeueRateLimited
    /// Keep `value` in the controller's memory under `key` (nil forgets it); see `Store.memory`.
    case remember(String, Value?)
}

/// The read-only view a controller reconciles from (its informers' caches).
public struct ClusterState: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public subscript(key: ObjectKey) -> StoredObject? { store[key] }

    public func object(uid: String) -> StoredObject? { store.object(uid: uid) }

    public func list(_ resource: String, namespace: String?, selector: LabelSelector = .everything) -> [StoredObject] {
        store.list(resource, namespace: namespace, selector: selector)
    }

    public func dependents(of uid: String) -> [StoredObject] { store.dependents(of: uid) }
    public func dependentKeys(of uid: String) -> Set<ObjectKey> { store.dependentKeys(of: uid) }

    /// How many objects of `resource` there are in `namespace` (every namespace when nil),
    /// from the name index: no object is read.
    public func count(_ resource: String, namespace: String?) -> Int { store.count(resource, namespace: namespace) }

    /// What a controller remembered under `key` (`Action.remember`).
    /// What the controllers remember under `key`. Most clusters remember nothing: then the
    /// key (built from a pod's namespace, name and uid) is not even built.
    public func memory(_ key: @autoclosure () -> String) -> Value? { store.memory.isEmpty ? nil : store.memory[key()] }
}
