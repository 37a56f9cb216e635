/// k8s.io/utils/lru (groupcache's `lru.Cache` behind a mutex), as the event correlator uses it
/// (client-go/tools/record/events_cache.go, `maxLruCacheEntries = 4096`): at most `capacity`
/// entries; reading or writing an entry makes it the most recent, and a write past the
/// capacity drops the least recently used one.
///
/// Recency is a number (`tick`) the caller hands out and that is saved with each entry, so a
/// cluster saved and loaded again forgets the same entries as one that never stopped. The
/// order of use is a queue of `(tick, key)` pairs in which a pair goes stale when its key is
/// used again or dropped; stale pairs are skipped, and the queue is rebuilt from the entries
/// when it holds more than twice as many pairs as there are entries.
///
/// The keys are long (a source, an object, a reason and a message joined): each is hashed once
/// per call and keeps its hash (`Key`), so the table's resizes and the shifts that follow a
/// removal do not hash the text again.
struct RecencyCache<Value: Sendable & Hashable>: Sendable {
    struct Entry: Sendable, Hashable {
        var value: Value
        var tick: UInt64
    }

    private typealias Key = HashedString

    let capacity: Int
    private var table: [Key: Entry] = [:]
    private var order: [(tick: UInt64, key: Key)] = []
    private var head = 0

    /// Every entry by key (for the state file and tests).
    var entries: [String: Entry] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.text, $0.value) })
    }

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// `Get`: the value, now the most recent.
    mutating func get(_ text: String, tick: UInt64) -> Value? { get(Key(text), tick: tick) }

    /// `get` of a key already hashed (a caller that looks it up more than once).
    mutating func get(_ key: HashedString, tick: UInt64) -> Value? {
        guard let i = table.index(forKey: key) else { return nil }
        table.values[i].tick = tick
        used(key, tick)
        return table.values[i].value
    }

    /// `Add`: stores `value` as the most recent, dropping the least recent entry when the
    /// cache was full.
    mutating func add(_ text: String, _ value: Value, tick: UInt64) { add(Key(text), value, tick: tick) }

    mutating func add(_ key: HashedString, _ value: Value, tick: UInt64) {
        table[key] = Entry(value: value, tick: tick)
        used(key, tick)
        while table.count > capacity { dropOldest() }
    }

    /// `Get` then `Add` of the same key in one lookup: `body` changes the entry in place
    /// (`initial` when there is none), which becomes the most recent.
    mutating func update<R>(_ text: String, initial: Value, tick: UInt64, _ body: (inout Value) -> R) -> R {
        let key = Key(text)
        let result = withEntry(&table[key, default: Entry(value: initial, tick: tick)]) { entry in
            entry.tick = tick
            return body(&entry.value)
        }
        used(key, tick)
        while table.count > capacity { dropOldest() }
        return result
    }

    /// An entry as saved, with its recency (a cluster being loaded).
    mutating func restore(_ text: String, _ value: Value, tick: UInt64) {
        table[Key(text)] = Entry(value: value, tick: tick)
    }

    /// After `restore`: orders the entries by tick and drops the oldest beyond the capacity.
    mutating func finishRestoring() {
        rebuildOrder()
        while table.count > capacity { dropOldest() }
    }

    private mutating func used(_ key: Key, _ tick: UInt64) {
        order.append((tick, key))
        if order.count - head > 2 * table.count + 64 { rebuildOrder() }
    }

    private mutating func rebuildOrder() {
        order = table.map { ($0.value.tick, $0.key) }.sorted { $0.tick < $1.tick }
        head = 0
    }

    private mutating func dropOldest() {
        while head < order.count {
            let (tick, key) = order[head]
            head += 1
            if let i = table.index(forKey: key), table.values[i].tick == tick {
                table.remove(at: i)
                return
            }
        }
    }
}

extension RecencyCache: Hashable {
    /// Two caches are equal when they hold the same entries with the same recency (the
    /// queue's stale pairs are bookkeeping).
    static func == (a: RecencyCache, b: RecencyCache) -> Bool {
        a.capacity == b.capacity && a.table == b.table
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(capacity)
        hasher.combine(table)
    }
}

/// Runs `body` on `value` in place (a dictionary's `[key, default:]` slot is then looked up once).
@inline(__always)
private func withEntry<T, R>(_ value: inout T, _ body: (inout T) -> R) -> R { body(&value) }
