import KubeAPI
import YAML

// The whole cluster as bytes and back: clock, generator, resourceVersion counter, event
// recorder memory, every object with its source marks, and the work queue. Everything is
// written in a fixed order (objects by key, maps by key), so equal clusters encode to equal
// bytes — the determinism tests compare these bytes.
extension Cluster {
    /// Format version; a file with another version is refused as damaged.
    static let encodingVersion: UInt64 = 1

    /// The cluster's state. Journal entries not yet seen by controllers are turned into
    /// queue entries first, so nothing is lost.
    public func encodedState() -> [UInt8] {
        var c = self
        c.pump()
        var e = BinaryEncoder()
        e.u64(Cluster.encodingVersion)
        e.i64(c.api.clock.now.milliseconds)
        for word in c.api.random.state { e.u64(word) }
        e.u64(c.api.store.revision)
        let recorder = c.api.recorder
        e.i64(recorder.lastNanoseconds)
        e.length(recorder.observations.count)
        for (key, o) in recorder.observations.sorted(by: { $0.key < $1.key }) {
            e.string(key); e.string(o.name); e.string(o.namespace); e.i64(o.count)
        }
        e.length(recorder.aggregates.count)
        for (key, a) in recorder.aggregates.sorted(by: { $0.key < $1.key }) {
            e.string(key); e.i64(a.last.milliseconds); e.length(a.localKeys.count)
            for k in a.localKeys.sorted() { e.string(k) }
        }
        let objects = c.api.store.objects.values.sorted { $0.key < $1.key }
        e.length(objects.count)
        for o in objects {
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
        return e.bytes
    }

    private func encodeKey(_ key: ObjectKey, _ e: inout BinaryEncoder) {
        e.string(key.resource); e.string(key.namespace); e.string(key.name)
    }

    /// Rebuilds a cluster from `encodedState()` bytes, with `controllers`.
    init(decoding bytes: [UInt8], controllers: [any Controller] = Cluster.standardControllers) throws(BinaryDecodingError) {
        var d = BinaryDecoder(bytes)
        guard try d.u64() == Cluster.encodingVersion else { throw d.fail("versión de formato desconocida") }
        let clock = VirtualClock(start: VirtualTime(milliseconds: try d.i64()))
        guard let random = SeededRandom(state: [try d.u64(), try d.u64(), try d.u64(), try d.u64()]) else {
            throw d.fail("estado del generador no válido")
        }
        var store = Store()
        store.revision = try d.u64()
        var recorder = EventRecorder()
        recorder.lastNanoseconds = try d.i64()
        for _ in 0..<(try d.length()) {
            let key = try d.string()
            recorder.observations[key] = .init(name: try d.string(), namespace: try d.string(), count: try d.i64())
        }
        for _ in 0..<(try d.length()) {
            let key = try d.string()
            let last = VirtualTime(milliseconds: try d.i64())
            var keys: Set<String> = []
            for _ in 0..<(try d.length()) { keys.insert(try d.string()) }
            recorder.aggregates[key] = .init(localKeys: keys, last: last)
        }
        for _ in 0..<(try d.length()) {
            let key = ObjectKey(resource: try d.string(), namespace: try d.string(), name: try d.string())
            let value = try d.value()
            var source: ObjectSource?
            if try d.u8() == 1 {
                let file = try d.string()
                var marks: [String: FieldMarks] = [:]
                for _ in 0..<(try d.length()) {
                    let path = try d.string()
                    let keyMark: Mark? = try d.u8() == 1 ? try d.mark(file: file) : nil
                    marks[path] = FieldMarks(key: keyMark, value: try d.mark(file: file))
                }
                source = ObjectSource(file: file, marks: marks)
            }
            store.put(StoredObject(key: key, value: value, source: source))
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
        guard d.atEnd else { throw d.fail("datos de más al final") }
        self.init(api: APIServer(store: store, clock: clock, random: random, recorder: recorder),
                  queue: WorkQueue(entries: entries, failures: failures, sequence: sequence, buckets: buckets), controllers: controllers)
    }
}
