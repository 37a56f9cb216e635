import KubeAPI
import YAML

/// The embedded cluster: the API server (store, virtual clock, seeded generator, event
/// recorder), the controllers and their work queue.
///
/// ## The simulation loop
///
/// Learner requests go straight to `api` (`cluster.api.apply(…)`). Every write lands in the
/// store's journal; `advance(by:)` turns journal entries into work-queue keys (each
/// controller's `keys(for:)`), then repeatedly takes the earliest due key, calls the
/// controller's pure `reconcile` and applies the returned actions through the API server —
/// whose writes wake more keys — until nothing is due before the target time; then the
/// clock jumps to the next due time (a requeue-after, a back-off) and goes on, and finally
/// rests at the target. Time moves only here, in steps; at each instant the loop runs to
/// quiescence. Same inputs, same order, same output.
///
/// ## Controllers
///
/// `standardControllers` lists them: the ReplicaSet controller, the garbage collector and
/// the namespace controller. Pods stay `Pending`: there is no scheduler or kubelet yet. They
/// plug in as more controllers (a scheduler reconciling unbound pods, a kubelet reconciling
/// bound ones and calling `APIServer.finishPodDeletion` when a pod stops).
public struct Cluster: Sendable {
    public var api: APIServer
    var queue: WorkQueue
    public let controllers: [any Controller]
    let routes: ControllerRoutes
    /// Reconciles run per controller (same order as `controllers`), for benchmarks.
    public private(set) var reconcileCounts: [Int] = []
    /// The Events' etcd leases (EventLeases.swift).
    var eventLeases = EventLeases()

    /// A guard against a controller that never converges: at most this many reconciles per
    /// `advance` call.
    public static let maxReconcilesPerAdvance = 5_000_000

    public static var standardControllers: [any Controller] {
        [
            ReplicaSetController(),
            GarbageCollector(),
            NamespaceController(),
            DeploymentController(),
            StatefulSetController(),
            DaemonSetController(),
            JobController(),
            CronJobController(),
            PersistentVolumeController(),
            LocalPathProvisioner(),
            PVCProtectionController(),
            PVProtectionController(),
            Scheduler(),
            Kubelet(),
            NodeLifecycleController(),
            PodGCController(),
            EndpointsController(),
            EndpointSliceController(),
            LoadBalancerController(),
            HPAController(),
            HistoryController(),
            IngressController(),
            ClusterRoleAggregationController(),
            DisruptionController(),
            ServiceAccountsController(),
            RootCACertPublisher(),
        ]
    }

    public init(seed: UInt64 = 1, start: VirtualTime = .courseEpoch, controllers: [any Controller] = Cluster.standardControllers) {
        api = APIServer(seed: seed, start: start)
        queue = WorkQueue()
        self.controllers = controllers
        routes = ControllerRoutes(controllers)
        reconcileCounts = Array(repeating: 0, count: controllers.count)
    }

    init(api: APIServer, queue: WorkQueue, controllers: [any Controller]) {
        self.api = api
        self.queue = queue
        self.controllers = controllers
        routes = ControllerRoutes(controllers)
        reconcileCounts = Array(repeating: 0, count: controllers.count)
    }

    public var now: VirtualTime { api.now }

    /// Keys waiting in the work queue.
    public var pendingWork: Int { queue.count }

    /// Runs the controllers for `duration` of virtual time (zero: settle at the current
    /// instant). Returns how many reconciles ran, plus the events that expired.
    @discardableResult
    public mutating func advance(by duration: Duration = .zero) -> Int {
        advance(by: duration, observe: { _ in })
    }

    /// As `advance(by:)`, calling `observe` at every instant the loop settles (all work due
    /// then is done), before the clock moves on: what a watcher polling the API would see
    /// between changes (the grader's `sinCaida` samples ready endpoints here).
    @discardableResult
    public mutating func advance(by duration: Duration, observe: (Cluster) -> Void) -> Int {
        let target = api.now + duration
        var reconciles = 0, expired = 0
        // Controllers write events: a cluster loaded without them gets them back first,
        // unless there is nothing to run.
        if api.store.deferred != nil && (!api.store.journal.isEmpty || queue.nextDue().map({ $0 <= target }) ?? false
                                          || eventLeases.nextExpiry.map({ $0 <= target }) ?? false
                                          || api.nextSeriesTick.map({ $0 <= target }) ?? false) {
            api.store.materializeDeferred()
        }
        pump()
        while reconciles < Cluster.maxReconcilesPerAdvance {
            if let item = queue.pop(dueBy: api.now) {
                run(item)
                reconciles += 1
                pump()
                continue
            }
            if let expiry = eventLeases.nextExpiry, expiry <= api.now {
                expired += eventLeases.expire(in: &api.store, now: api.now)
                pump()
                continue
            }
            // The events.k8s.io broadcaster's periodic work (EventSeries.swift): its writes and
            // what it forgets change the cluster (counted as work, so it is saved).
            if let tick = api.nextSeriesTick, tick <= api.now {
                expired += 1 + api.runSeriesTick()
                pump()
                continue
            }
            observe(self)
            let next = [queue.nextDue(), eventLeases.nextExpiry, api.nextSeriesTick].compactMap { $0 }.min()
            guard let next, next <= target else { break }
            api.clock.advance(to: next)
        }
        api.clock.advance(to: target)
        // Expired events count as work done: the cluster changed and is worth saving.
        return reconciles + expired
    }

    /// Journal → work queue: the informers' event handlers.
    mutating func pump() {
        let changes = api.store.drainJournal()
        guard !changes.isEmpty else { return }
        let state = ClusterState(store: api.store)
        var wake: [WorkQueue.Item] = []
        let now = api.now
        for change in changes {
            for index in routes.controllers(for: change.key.resource) {
                for key in controllers[index].keys(for: change, state: state) { wake.append(.init(controller: index, key: key)) }
            }
            // Every write of an Event attaches a new lease.
            if change.key.resource == ObjectKey.events, !change.isRemoval {
                eventLeases.write(change.key, resourceVersion: change.newResourceVersion, at: now)
            }
        }
        for item in wake { queue.add(item, at: now) }
    }

    mutating func run(_ item: WorkQueue.Item) {
        let controller = controllers[item.controller]
        reconcileCounts[item.controller] += 1
        let actions = controller.reconcile(key: item.key, state: ClusterState(store: api.store), now: api.now)
        var failedBatch: Int?
        var failed = false
        for action in actions {
            switch action {
            case .create(let value):
                guard let resource = Kinds.resource(apiVersion: value["apiVersion"]?.string ?? "", kind: value["kind"]?.string ?? "") else { continue }
                if (try? api.createObject(value, resource: resource, source: nil)) == nil { failed = true }
            case .createPod(let pod, let owner, let batch):
                if let failedBatch, batch > failedBatch { continue }
                do {
                    let created = try api.createObject(pod, resource: Cluster.podResource, source: nil)
                    api.record(EventSpec(involved: owner, type: .normal, reason: "SuccessfulCreate",
                                         message: "Created pod: \(created.name)", component: controller.name))
                } catch {
                    // A terminating namespace refuses every create; upstream treats it as success
                    // (replica_set.go: `apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause)`).
                    if error.isNamespaceTerminating { continue }
                    api.record(EventSpec(involved: owner, type: .warning, reason: "FailedCreate",
                                         message: "Error creating: \(error.statusMessage)", component: controller.name))
                    failedBatch = failedBatch ?? batch
                    failed = true
                }
            case .update(let key, let value):
                do { _ = try api.updateObject(key, value) } catch { if case .notFound = error {} else { failed = true } }
            case .updateStatus(let key, let status):
                _ = try? api.updateStatus(key, status: status)
            case .updateStatusObject(let key, let value):
                _ = try? api.updateObject(key, value, statusOnly: true)
            case .delete(let key, let policy):
                _ = try? api.deleteObject(key, propagation: policy)
            case .deletePod(let key, let owner):
                do {
                    try api.deleteObject(key)
                    api.record(EventSpec(involved: owner, type: .normal, reason: "SuccessfulDelete",
                                         message: "Deleted pod: \(key.name)", component: controller.name))
                } catch {
                    if case .notFound = error { continue }
                    api.record(EventSpec(involved: owner, type: .warning, reason: "FailedDelete",
                                         message: "Error deleting: \(error.statusMessage)", component: controller.name))
                    failed = true
                }
            case .bindPod(let key, let node):
                api.bindPod(key, node: node)
            case .finishPodDeletion(let key):
                api.finishPodDeletion(key)
            case .event(let spec):
                api.record(spec)
            case .requeueAfter(let delay):
                queue.add(item, at: api.now + delay)
            case .requeueRateLimited:
                queue.addRateLimited(item, now: api.now)
            case .remember(let key, let value):
                api.store.memory[key] = value
            }
        }
        if failed { queue.addRateLimited(item, now: api.now) } else { queue.forget(item) }
    }

    static let podResource = Kinds.resource(apiVersion: "v1", kind: "Pod")!
}
