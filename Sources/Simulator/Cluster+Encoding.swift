import KubeAPI
import YAML

// The whole cluster as bytes and back: clock, generator, resourceVersion counter, event
// recorder memory, every object with its source marks, and the work queue. Everything is
// written in a fixed order (objects by key, maps by key), so equal clusters encode to equal
// bytes — the determinism tests compare these bytes.
extension Cluster {
    /// Format version; a file with another version is refused as damaged. Version 2 adds the
    /// string table (`BinaryEncoder(interning:)`) and keeps Event objects in a section of
    /// their own; version 1 files are still read.
    static let encodingVersion: UInt64 = 2

    /// The cluster's state. Journal entries not yet seen by controllers are turned into
    /// queue entries first, so nothing is lost.
    public func encodedState() -> [UInt8] {
        encodedState(format: Cluster.encodingVersion)
    }

    /// `format` 1 is kept for the tests that check old files still load.
    func encodedState(format: UInt64) -> [UInt8] {
        var c = self
        c.pump()
        var e = BinaryEncoder(interning: format >= 2)
        e.i64(c.api.clock.now.milliseconds)
        for word in c.api.random.state { e.u64(word) }
        e.u64(c.api.store.revision)
        let recorder = c.api.recorder
        e.i64(recorder.lastNanoseconds)
        let observations = recorder.allObservations, aggregates = recorder.allAggregates
        e.length(observations.count)
        for (key, entry) in observations {
            let o = entry.value
            e.string(key); e.string(o.name); e.string(o.namespace); e.i64(o.count)
        }
        e.length(aggregates.count)
        for (key, entry) in aggregates {
            let a = entry.value
            e.string(key); e.i64(a.last.milliseconds); e.length(a.localKeys.count)
            for k in a.localKeys.sorted() { e.string(k) }
        }
        // Events go last, in a section of their own whose length is written before it, so a
        // command that reads no events can leave them encoded (`deferringEvents`).
        c.api.store.materializeDeferred()
        let objects = c.api.store.objects.values.sorted { $0.key < $1.key }
        let events = format >= 2 ? objects.filter { $0.key.resource == ObjectKey.events } : []
        e.length(objects.count - events.count)
        for o in objects where format < 2 || o.key.resource != ObjectKey.events { Cluster.encodeObject(o, &e) }
        if format >= 2 {
            let sectionStart = e.bytes.count
            e.length(events.count)
            for o in events { Cluster.encodeObject(o, &e) }
            var prefix = BinaryEncoder()
            prefix.length(e.bytes.count - sectionStart)
            e.bytes.insert(contentsOf: prefix.bytes, at: sectionStart)
        }
        let names = c.controllers.map(\.name)
        e.length(c.queue.entries.count)
        for entry in c.queue.entries {
            e.string(names[entry.item.controller]); encodeKey(entry.item.key, &e)
            e.i64(entry.due.milliseconds); e.u64(entry.sequence)
        }
        let failures = c.queue.failures.sorted { ($0.key.controller, $0.key.key) < ($1.key.controller, $1.key.key) }
        e.length(failures.count)
        for (item, n) in failures { e.string(names[item.controller]); encodeKey(item.key, &e); e.length(n) }
        e.u64(c.queue.sequence)
        // Added after version 1 was first saved: older files end here.
        let memory = c.api.store.memory.sorted { $0.key < $1.key }
        e.length(memory.count)
        for (key, value) in memory { e.string(key); e.value(value) }
        let buckets = c.queue.buckets.sorted { $0.key < $1.key }
        e.length(buckets.count)
        for (controller, tat) in buckets { e.string(names[controller]); e.i64(tat) }
        if format >= 2 {
            e.length(c.eventLeases.leases.count)
            for lease in c.eventLeases.leases {
                e.i64(lease.written.milliseconds); encodeKey(lease.key, &e); e.string(lease.resourceVersion)
            }
            // Added later in version 2 (older files end here): the recorder caches' recency,
            // in the order their entries were written above.
            e.u64(recorder.tick)
            for (_, entry) in observations { e.u64(entry.tick) }
            for (_, entry) in aggregates { e.u64(entry.tick) }
            // Added later still (older files end here): each logger entry's first timestamp,
            // in the same order, then the spam filter's buckets with their recency.
            for (_, entry) in observations { e.string(entry.value.firstTimestamp) }
            let spam = recorder.allSpamRecords
            e.length(spam.count)
            for (key, entry) in spam {
                e.string(key); e.u64(entry.value.tokens.bitPattern); e.i64(entry.value.last.milliseconds); e.u64(entry.tick)
            }
            // Later again: the events.k8s.io broadcaster's cache (EventSeries.swift).
            e.i64(recorder.lastSeriesTick)
            e.length(recorder.series.count)
            for (key, s) in recorder.series.sorted(by: { $0.key < $1.key }) {
                for text in [key, s.name, s.namespace, s.involvedKind, s.involvedName, s.involvedAPIVersion, s.involvedNamespace,
                             s.involvedUID, s.involvedResourceVersion, s.reason, s.note, s.type, s.action, s.controller, s.instance] {
                    e.string(text)
                }
                e.i64(s.eventTime); e.i64(s.count); e.i64(s.lastObserved)
            }
        }
        var out = BinaryEncoder()
        out.u64(format)
        if format >= 2 { out.bytes += e.tableBytes() }
        out.bytes += e.bytes
        return out.bytes
    }

    private func encodeKey(_ key: ObjectKey, _ e: inout BinaryEncoder) {
        e.string(key.resource); e.string(key.namespace); e.string(key.name)
    }

    static func encodeObject(_ o: StoredObject, _ e: inout BinaryEncoder) {
        e.string(o.key.resource); e.string(o.key.namespace); e.string(o.key.name)
        e.value(o.value)
        if let source = o.source {
            e.u8(1); e.string(source.file); e.length(source.marks.count)
            for (path, marks) in source.marks.sorted(by: { $0.key < $1.key }) {
                e.string(path)
                if let key = marks.key { e.u8(1); e.mark(key) } else { e.u8(0) }
                e.mark(marks.value)
            }
        } else {
            e.u8(0)
        }
    }

    static func decodeObject(_ d: inout BinaryDecoder) throws(BinaryDecodingError) -> StoredObject {
        let key = ObjectKey(resource: try d.string(), namespace: try d.string(), name: try d.string())
        let value = try d.value()
        var source: ObjectSource?
        if try d.u8() == 1 {
            let file = try d.string()
            let inFile = Mark(file: file)
            let count = try d.length()
            var marks: [String: FieldMarks] = Dictionary(minimumCapacity: min(count, 4096))
            for _ in 0..<count {
                let path = try d.string()
                let keyMark: Mark? = try d.u8() == 1 ? try d.mark(file: inFile) : nil
                marks[path] = FieldMarks(key: keyMark, value: try d.mark(file: inFile))
            }
            source = ObjectSource(file: file, marks: marks)
        }
        return StoredObject(key: key, value: value, source: source)
    }

    /// Rebuilds a cluster from `encodedState()` bytes, with `controllers`. `deferringEvents`:
    /// the Event objects stay encoded until something writes to the store, runs a controller
    /// or saves (`Store.materializeDeferred()`): for commands that read no events, such as
    /// `taller k get pods`, where decoding a busy cluster's events was a third of the work.
    init(decoding bytes: [UInt8], controllers: [any Controller] = Cluster.standardControllers,
         deferringEvents: Bool = false) throws(BinaryDecodingError) {
        var d = BinaryDecoder(bytes)
        let version = try d.u64()
        switch version {
        case 1: break
        case Cluster.encodingVersion: try d.readTable()
        default: throw d.fail("versión de formato desconocida")
        }
        let clock = VirtualClock(start: VirtualTime(milliseconds: try d.i64()))
        guard let random = SeededRandom(state: [try d.u64(), try d.u64(), try d.u64(), try d.u64()]) else {
            throw d.fail("estado del generador no válido")
        }
        var store = Store()
        store.revision = try d.u64()
        var recorder = EventRecorder()
        recorder.lastNanoseconds = try d.i64()
        // The recency of each entry comes at the end of the file; until then (and for files
        // saved before it was), the order of the keys.
        var observations: [(String, EventRecorder.Observation)] = []
        for _ in 0..<(try d.length()) {
            let key = try d.string()
            observations.append((key, .init(name: try d.string(), namespace: try d.string(), count: try d.i64())))
        }
        var aggregates: [(String, EventRecorder.AggregateRecord)] = []
        for _ in 0..<(try d.length()) {
            let key = try d.string()
            let last = VirtualTime(milliseconds: try d.i64())
            var keys: Set<String> = []
            for _ in 0..<(try d.length()) { keys.insert(try d.string()) }
            aggregates.append((key, .init(localKeys: keys, last: last)))
        }
        let objectCount = try d.length()
        store.reserveCapacity(min(objectCount, 1 << 20))
        for _ in 0..<objectCount { store.put(try Cluster.decodeObject(&d)) }
        if version >= 2 {
            let length = try d.length()
            guard length <= d.bytes.count - d.position else { throw d.fail("sección de eventos cortada") }
            let section = d.bytes[d.position..<d.position + length]
            d.position += length
            let deferred = DeferredObjects(bytes: Array(section), like: d)
            if deferringEvents {
                store.deferred = deferred
            } else {
                for o in try deferred.decode() { store.put(o) }
            }
        }
        _ = store.drainJournal()
        let index = Dictionary(controllers.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var entries: [WorkQueue.Entry] = []
        for _ in 0..<(try d.length()) {
            let name = try d.string()
            let key = ObjectKey(resource: try d.string(), namespace: try d.string(), name: try d.string())
            let due = VirtualTime(milliseconds: try d.i64())
            let sequence = try d.u64()
            if let c = index[name] { entries.append(.init(due: due, sequence: sequence, item: .init(controller: c, key: key))) }
        }
        var failures: [WorkQueue.Item: Int] = [:]
        for _ in 0..<(try d.length()) {
            let name = try d.string()
            let key = ObjectKey(resource: try d.string(), namespace: try d.string(), name: try d.string())
            let n = try d.length()
            if let c = index[name] { failures[.init(controller: c, key: key)] = n }
        }
        let sequence = try d.u64()
        if !d.atEnd {
            for _ in 0..<(try d.length()) {
                let key = try d.string()
                store.memory[key] = try d.value()
            }
        }
        var buckets: [Int: Int64] = [:]
        if !d.atEnd {
            for _ in 0..<(try d.length()) {
                let name = try d.string()
                let tat = try d.i64()
                if let c = index[name] { buckets[c] = tat }
            }
        }
        var leases: [EventLeases.Lease]?
        if !d.atEnd {
            let n = try d.length()
            guard n <= d.bytes.count - d.position else { throw d.fail("lista de concesiones cortada") }
            leases = []
            leases!.reserveCapacity(n)
            for _ in 0..<n {
                let written = VirtualTime(milliseconds: try d.i64())
                let key = ObjectKey(resource: try d.string(), namespace: try d.string(), name: try d.string())
                leases!.append(.init(written: written, key: key, resourceVersion: try d.string()))
            }
        }
        var observationTicks = (0..<observations.count).map { UInt64($0 + 1) }
        var aggregateTicks = (0..<aggregates.count).map { UInt64($0 + 1) }
        recorder.tick = UInt64(max(observations.count, aggregates.count))
        if !d.atEnd {
            recorder.tick = try d.u64()
            for i in observationTicks.indices { observationTicks[i] = try d.u64() }
            for i in aggregateTicks.indices { aggregateTicks[i] = try d.u64() }
        }
        if !d.atEnd {
            for i in observations.indices { observations[i].1.firstTimestamp = try d.string() }
            for _ in 0..<(try d.length()) {
                let key = try d.string()
                let record = EventRecorder.SpamRecord(tokens: Double(bitPattern: try d.u64()), last: VirtualTime(milliseconds: try d.i64()))
                recorder.restoreSpamRecord(key, record, tick: try d.u64())
            }
        }
        if !d.atEnd {
            recorder.lastSeriesTick = try d.i64()
            for _ in 0..<(try d.length()) {
                let t = try (0..<15).map { _ throws(BinaryDecodingError) in try d.string() }
                recorder.series[t[0]] = SeriesEntry(name: t[1], namespace: t[2], involvedKind: t[3], involvedName: t[4],
                                                    involvedAPIVersion: t[5], involvedNamespace: t[6], involvedUID: t[7],
                                                    involvedResourceVersion: t[8], reason: t[9], note: t[10], type: t[11],
                                                    action: t[12], controller: t[13], instance: t[14],
                                                    eventTime: try d.i64(), count: try d.i64(), lastObserved: try d.i64())
            }
        }
        for ((key, o), tick) in zip(observations, observationTicks) { recorder.restoreObservation(key, o, tick: tick) }
        for ((key, a), tick) in zip(aggregates, aggregateTicks) { recorder.restoreAggregate(key, a, tick: tick) }
        recorder.finishRestoring()
        guard d.atEnd else { throw d.fail("datos de más al final") }
        self.init(api: APIServer(store: store, clock: clock, random: random, recorder: recorder),
                  queue: WorkQueue(entries: entries, failures: failures, sequence: sequence, buckets: buckets), controllers: controllers)
        // Saved before events expired: their hour starts now.
        eventLeases = EventLeases(leases ?? (store.deferred != nil ? [] : store.list(ObjectKey.events).map {
            .init(written: clock.now, key: $0.key, resourceVersion: $0.resourceVersion)
        }))
        // The controllers' start-up lists: what a cluster saved by an older version lacks
        // (the `default` ServiceAccount, `kube-root-ca.crt`) is made at the next step.
        let state = ClusterState(store: api.store)
        for (index, controller) in controllers.enumerated() {
            for key in controller.startupKeys(state: state) { queue.add(.init(controller: index, key: key), at: clock.now) }
        }
    }
}
