import YAML

/// The simulated etcd: every object as a `Value` tree under its `ObjectKey`, with the
/// indexes controllers and `kubectl get -l` need so that no lookup scans the whole store
/// (it must hold 150,000 pods):
///
/// - by resource and namespace (the names in each), for `list`;
/// - by label (`resource`, `namespace`, key, value → names), for equality and `in` selectors;
/// - by owner uid (→ keys of dependents), for garbage collection and controllers;
/// - by uid.
///
/// The store is a value type; the API server and the simulation loop are its only writers.
/// Each write gets the next `resourceVersion` and is appended to `journal`, which the
/// simulation loop drains to wake controllers (the informers' watch events).
/// `checkInvariants()` verifies every index against the objects; tests call it after writes.
public struct Store: Sendable {
    public private(set) var objects: [ObjectKey: StoredObject] = [:]
    private var names: [Scope: Set<Name>] = [:]
    private var labelIndex: [Posting: Set<Name>] = [:]
    private var ownerIndex: [String: Set<ObjectKey>] = [:]
    private var uidIndex: [HashedString: ObjectKey] = [:]
    /// The scheduler's cache of nodes and pod requests (Scheduling/SchedulerCache.swift).
    public private(set) var scheduling = SchedulerCache()
    /// Services' selectors and load-generator pods (Store+Traffic.swift).
    private(set) var traffic = TrafficIndex()
    /// The last resourceVersion handed out (etcd's revision).
    public internal(set) var revision: UInt64 = 0
    /// Writes not yet seen by controllers, oldest first.
    var journal: [StoreChange] = []
    /// What controllers keep in memory between syncs and is not an API object (the HPA
    /// controller's recent recommendations and scale events, horizontal.go
    /// `recommendations`, `scaleUpEvents`). Saved with the cluster; changing it wakes nobody.
    public internal(set) var memory: [String: Value] = [:]
    /// Event objects of a loaded cluster not decoded yet (`Cluster(decoding:deferringEvents:)`).
    /// Every write decodes them first, and so do running controllers and saving; reading
    /// events meanwhile is a programming error, caught by the assertions below in debug builds.
    var deferred: DeferredObjects?

    struct Scope: Hashable, Sendable {
        var resource: String
        var namespace: String
    }

    /// A name in `names` (its hash kept: see `HashedString`).
    typealias Name = HashedString

    struct Posting: Hashable, Sendable {
        var scope: Scope
        var key: String
        var value: String
    }

    public init() {}

    public var count: Int {
        assert(deferred == nil, "events still deferred")
        return objects.count
    }

    /// Decodes the deferred events into the store (their writes are not journal entries:
    /// they were there all along). A section that does not decode — only a file built by
    /// hand gets past the checksum so — leaves the cluster without those events.
    public mutating func materializeDeferred() {
        guard let pending = deferred else { return }
        deferred = nil
        let start = journal.count
        for o in (try? pending.decode()) ?? [] { put(o) }
        journal.removeSubrange(start...)
    }

    /// Room for `n` objects (a cluster being loaded knows how many it will hold).
    mutating func reserveCapacity(_ n: Int) {
        objects.reserveCapacity(n)
        uidIndex.reserveCapacity(n)
    }

    public subscript(key: ObjectKey) -> StoredObject? {
        assert(deferred == nil || key.resource != ObjectKey.events, "events still deferred")
        return objects[key]
    }

    public func object(uid: String) -> StoredObject? {
        let key = HashedString(uid)
        assert(deferred == nil || uidIndex[key] != nil, "events still deferred")
        return uidIndex[key].flatMap { objects[$0] }
    }

    /// The next resourceVersion, as the string the apiserver writes.
    mutating func nextResourceVersion() -> String {
        revision += 1
        return String(revision)
    }

    // MARK: Writes

    /// Stores `object` (creating or replacing), updating every index and the journal.
    /// `statusOnly`: the write replaced nothing but `status` (a status-subresource write),
    /// which the journal entry tells watchers.
    mutating func put(_ object: StoredObject, statusOnly: Bool = false) {
        if deferred != nil { materializeDeferred() }
        let old = objects.updateValue(object, forKey: object.key)
        if let old {
            // A replacement with the same uid, labels and owners leaves every index as it was.
            if old.uid != object.uid || old.labels != object.labels || old.ownerUIDs != object.ownerUIDs {
                unindex(old)
                index(object)
            }
        } else {
            index(object)
        }
        // Neither cache looks at Events: a compact one is not rebuilt for them.
        if object.key.resource != ObjectKey.events {
            scheduling.update(object.key, old: old?.value, new: object.value)
            if !statusOnly { traffic.update(object.key, old: old?.value, new: object.value) }
        }
        journal.append(StoreChange(key: object.key, old: old, new: object, statusOnly: statusOnly && old != nil))
    }

    /// Removes the object at `key`, if any, and returns it.
    @discardableResult
    mutating func remove(_ key: ObjectKey) -> StoredObject? {
        if deferred != nil { materializeDeferred() }
        guard let old = objects.removeValue(forKey: key) else { return nil }
        unindex(old)
        if key.resource != ObjectKey.events {
            scheduling.update(key, old: old.value, new: nil)
            traffic.update(key, old: old.value, new: nil)
        }
        journal.append(StoreChange(key: key, old: old, new: nil))
        return old
    }

    /// Points an object at a new source without writing it (an `apply` that changed
    /// nothing still moves the marks to where the learner's file now has them).
    mutating func setSource(_ source: ObjectSource?, for key: ObjectKey) {
        if deferred != nil { materializeDeferred() }
        guard let o = objects[key] else { return }
        objects[key] = o.with(source: source)
    }

    mutating func drainJournal() -> [StoreChange] {
        defer { journal.removeAll(keepingCapacity: true) }
        return journal
    }

    private mutating func index(_ o: StoredObject) {
        let scope = Scope(resource: o.key.resource, namespace: o.key.namespace)
        let name = o.key.hashedName
        names[scope, default: []].insert(name)
        for (k, v) in o.labels { labelIndex[Posting(scope: scope, key: k, value: v), default: []].insert(name) }
        for owner in o.ownerUIDs { ownerIndex[owner, default: []].insert(o.key) }
        if !o.uid.isEmpty { uidIndex[HashedString(o.uid)] = o.key }
    }

    private mutating func unindex(_ o: StoredObject) {
        let scope = Scope(resource: o.key.resource, namespace: o.key.namespace)
        let name = o.key.hashedName
        Store.removeMember(name, at: scope, in: &names)
        for (k, v) in o.labels { Store.removeMember(name, at: Posting(scope: scope, key: k, value: v), in: &labelIndex) }
        for owner in o.ownerUIDs { Store.removeMember(o.key, at: owner, in: &ownerIndex) }
        let uid = HashedString(o.uid)
        if !o.uid.isEmpty, uidIndex[uid] == o.key { uidIndex[uid] = nil }
    }

    private static func removeMember<K: Hashable, M: Hashable>(_ member: M, at key: K, in index: inout [K: Set<M>]) {
        guard var set = index.removeValue(forKey: key) else { return }
        set.remove(member)
        if !set.isEmpty { index[key] = set }
    }

    // MARK: Reads

    /// Objects of `resource` in `namespace` (every namespace when nil) that `selector`
    /// selects, in key order. Equality and `in` requirements are answered from the label
    /// index (the smallest posting list drives); other selectors filter the namespace's names.
    public func list(_ resource: String, namespace: String? = nil, selector: LabelSelector = .everything) -> [StoredObject] {
        if selector.matchesNothing { return [] }
        var result: [StoredObject] = []
        // Key order without sorting the objects: scopes by namespace, then names in each
        // (all of one resource).
        for scope in scopes(resource, namespace).sorted(by: { ObjectKey.bytesPrecede($0.namespace, $1.namespace) }) {
            for name in candidates(scope, selector).sorted(by: { ObjectKey.bytesPrecede($0.text, $1.text) }) {
                guard let o = objects[ObjectKey(resource: scope.resource, namespace: scope.namespace, name: name)] else { continue }
                if selector.isEmpty || selector.matches(o.labels) { result.append(o) }
            }
        }
        return result
    }

    /// How many objects of `resource` there are in `namespace` (every namespace when nil).
    public func count(_ resource: String, namespace: String? = nil) -> Int {
        // Controllers ask this of every pod change ("any Jobs here?"): one lookup, no list.
        if let namespace { return names[Scope(resource: resource, namespace: namespace)]?.count ?? 0 }
        return scopes(resource, namespace).reduce(0) { $0 + (names[$1]?.count ?? 0) }
    }

    /// Namespaces holding at least one object of `resource`.
    func namespaces(holding resource: String) -> [String] {
        names.keys.filter { $0.resource == resource }.map(\.namespace).sorted()
    }

    /// Every namespaced object in `namespace`, of any resource, in key order.
    func contents(of namespace: String) -> [ObjectKey] {
        assert(deferred == nil, "events still deferred")
        var keys: [ObjectKey] = []
        for (scope, set) in names where scope.namespace == namespace {
            keys += set.map { ObjectKey(resource: scope.resource, namespace: namespace, name: $0.text) }
        }
        return keys.sorted()
    }

    /// Keys of the objects whose `ownerReferences` name `uid`, in no order.
    public func dependentKeys(of uid: String) -> Set<ObjectKey> { ownerIndex[uid] ?? [] }

    /// Objects whose `ownerReferences` name `uid`, in key order.
    public func dependents(of uid: String) -> [StoredObject] {
        (ownerIndex[uid] ?? []).sorted().compactMap { objects[$0] }
    }

    private func scopes(_ resource: String, _ namespace: String?) -> [Scope] {
        assert(deferred == nil || resource != ObjectKey.events, "events still deferred")
        if let namespace { return [Scope(resource: resource, namespace: namespace)] }
        return names.keys.filter { $0.resource == resource }
    }

    private func candidates(_ scope: Scope, _ selector: LabelSelector) -> [Name] {
        // Size the postings first, then build only the smallest (no copies of big sets).
        var best: (size: Int, requirement: LabelSelector.Requirement)?
        for r in selector.requirements where r.op == .equals || r.op == .doubleEquals || r.op == .in {
            let size = r.values.reduce(0) { $0 + (labelIndex[Posting(scope: scope, key: r.key, value: $1)]?.count ?? 0) }
            if best == nil || size < best!.size { best = (size, r) }
        }
        guard let best else { return names[scope].map(Array.init) ?? [] }
        if best.requirement.values.count == 1 {
            return Array(labelIndex[Posting(scope: scope, key: best.requirement.key, value: best.requirement.values[0])] ?? [])
        }
        var union: Set<Name> = []
        for v in best.requirement.values { union.formUnion(labelIndex[Posting(scope: scope, key: best.requirement.key, value: v)] ?? []) }
        return Array(union)
    }

    /// Checks every index against the objects (swift-collections' `_checkInvariants` habit).
    public func checkInvariants() {
        assert(deferred == nil, "events still deferred")
        var expectedNames: [Scope: Set<Name>] = [:]
        var expectedLabels: [Posting: Set<Name>] = [:]
        var expectedOwners: [String: Set<ObjectKey>] = [:]
        for (key, o) in objects {
            precondition(o.key == key, "store: object filed under the wrong key")
            let scope = Scope(resource: key.resource, namespace: key.namespace)
            expectedNames[scope, default: []].insert(Name(key.name))
            for (k, v) in o.labels { expectedLabels[Posting(scope: scope, key: k, value: v), default: []].insert(Name(key.name)) }
            for owner in o.ownerUIDs { expectedOwners[owner, default: []].insert(key) }
            if o.event == nil {
                precondition(o.controllerUID == StoredObject.controllerUID(o.value.ownerReferences), "store: controller uid out of date")
            }
            if !o.uid.isEmpty { precondition(uidIndex[HashedString(o.uid)] == key, "store: uid index out of date") }
        }
        precondition(expectedNames == names, "store: name index out of date")
        precondition(expectedLabels == labelIndex, "store: label index out of date")
        precondition(expectedOwners == ownerIndex, "store: owner index out of date")
    }
}

/// One write, as a watch event: `old` nil for a creation, `new` nil for a removal.
public struct StoreChange: Sendable {
    public var key: ObjectKey
    private var oldTree: Value?
    private var newTree: Value?
    /// A compact Event's side (`StoredObject.event`): its tree is only built when `old` or
    /// `new` is read, which controllers that do not watch events never do.
    private var oldEvent: CompactEvent?
    private var newEvent: CompactEvent?
    /// Only `status` changed (a status-subresource write; a Deployment's annotations may
    /// have changed too): metadata and spec of `old` and `new` are the same.
    public var statusOnly = false

    public init(key: ObjectKey, old: Value?, new: Value?, statusOnly: Bool = false) {
        self.key = key
        oldTree = old
        newTree = new
        self.statusOnly = statusOnly
    }

    init(key: ObjectKey, old: StoredObject?, new: StoredObject?, statusOnly: Bool = false) {
        self.key = key
        if let old { if let e = old.event { oldEvent = e } else { oldTree = old.value } }
        if let new { if let e = new.event { newEvent = e } else { newTree = new.value } }
        self.statusOnly = statusOnly
    }

    public var old: Value? { oldEvent.map { $0.value(key) } ?? oldTree }
    public var new: Value? { newEvent.map { $0.value(key) } ?? newTree }
    /// The object was created (no `old`), without reading it.
    public var isCreation: Bool { oldEvent == nil && oldTree == nil }
    /// The object was removed (no `new`), without reading it.
    public var isRemoval: Bool { newEvent == nil && newTree == nil }
    /// Both sides, where present, are compact Events: no owner references, finalizers,
    /// labels or deletion timestamp on either (see `CompactEvent`).
    var isCompactEvent: Bool { oldTree == nil && newTree == nil && (oldEvent != nil || newEvent != nil) }
    /// `metadata.uid` of the old side (of the new one on a creation).
    var uid: String { oldEvent?.uid ?? newEvent?.uid ?? (oldTree ?? newTree)?.uid ?? "" }
    /// `metadata.resourceVersion` of `new`.
    var newResourceVersion: String { newEvent?.resourceVersion ?? newTree?["metadata"]?["resourceVersion"]?.string ?? "" }
}
