/// The controllers' work queue (k8s.io/client-go/util/workqueue), made deterministic:
/// items are (controller, key), deduplicated while waiting; each has a due time; items come
/// out by due time, then in the order they were added (FIFO). `AddAfter` keeps the earlier
/// of two due times. `addRateLimited` waits as `DefaultTypedControllerRateLimiter`'s
/// per-item exponential back-off does: 5 ms doubling up to 1000 s, reset by `forget`, and
/// no faster than its overall bucket of 10 per second with a burst of 100
/// (default_rate_limiters.go `DefaultTypedControllerRateLimiter`).
struct WorkQueue: Sendable {
    struct Item: Hashable, Sendable {
        var controller: Int
        var key: ObjectKey

        func hash(into hasher: inout Hasher) {
            hasher.combine(controller)
            key.hash(into: &hasher)
        }

        func _rawHashValue(seed: Int) -> Int { mixHash(key.hashBits &+ controller &* 0x9e37_79b9, seed: seed) }
    }

    struct Entry: Sendable {
        var due: VirtualTime
        var sequence: UInt64
        var item: Item
    }

    /// Each waiting item's entry; `items` maps an entry's sequence back to its item, and the
    /// heap holds only (due, sequence) pairs — plain integers, so sifting moves no strings.
    /// A heap pair whose sequence `items` no longer knows is stale (the item was taken or
    /// re-added earlier) and is skipped lazily.
    private(set) var pending: [Item: Entry] = [:]
    private var items: [UInt64: Item] = [:]
    private var heap: [Slot] = []
    private(set) var failures: [Item: Int] = [:]
    private(set) var sequence: UInt64 = 0

    struct Slot {
        var due: Int64
        var sequence: UInt64
    }

    var isEmpty: Bool { pending.isEmpty }
    var count: Int { pending.count }

    mutating func add(_ item: Item, at due: VirtualTime) {
        if let existing = pending[item] {
            if existing.due <= due { return }
            items[existing.sequence] = nil
        }
        sequence += 1
        pending[item] = Entry(due: due, sequence: sequence, item: item)
        items[sequence] = item
        push(Slot(due: due.milliseconds, sequence: sequence))
    }

    mutating func addRateLimited(_ item: Item, now: VirtualTime) {
        let n = failures[item, default: 0]
        failures[item] = n + 1
        let delay = min(Int64(5) << Int64(min(n, 40)), 1_000_000)
        add(item, at: VirtualTime(milliseconds: now.milliseconds + max(delay, bucketDelay(item.controller, now: now))))
    }

    /// Each controller's overall bucket (`BucketRateLimiter`: 10 per second, burst 100), as a
    /// generic cell-rate algorithm in whole milliseconds: the theoretical arrival time moves
    /// 100 ms per request; a request waits until it is within the burst of it. A full bucket
    /// (no recent requests) lets 100 through at once, as `rate.NewLimiter(10, 100)` does.
    private(set) var buckets: [Int: Int64] = [:]
    static let bucketInterval: Int64 = 100
    static let bucketBurst: Int64 = 100

    mutating func bucketDelay(_ controller: Int, now: VirtualTime) -> Int64 {
        let tat = max(buckets[controller] ?? 0, now.milliseconds)
        let conform = tat - (Self.bucketBurst - 1) * Self.bucketInterval
        buckets[controller] = tat + Self.bucketInterval
        return max(0, conform - now.milliseconds)
    }


    mutating func forget(_ item: Item) { failures[item] = nil }

    /// The earliest due time waiting.
    mutating func nextDue() -> VirtualTime? {
        dropStale()
        return heap.first.map { VirtualTime(milliseconds: $0.due) }
    }

    /// The next item due at or before `now`.
    mutating func pop(dueBy now: VirtualTime) -> Item? {
        dropStale()
        guard let top = heap.first, top.due <= now.milliseconds, let item = items.removeValue(forKey: top.sequence) else { return nil }
        removeTop()
        pending[item] = nil
        return item
    }

    /// Every waiting entry, in the order they would come out (for saving).
    var entries: [Entry] { pending.values.sorted(by: WorkQueue.before) }

    /// Restores saved entries and failure counts.
    init(entries: [Entry] = [], failures: [Item: Int] = [:], sequence: UInt64 = 0, buckets: [Int: Int64] = [:]) {
        self.buckets = buckets
        for e in entries {
            pending[e.item] = e
            items[e.sequence] = e.item
            push(Slot(due: e.due.milliseconds, sequence: e.sequence))
        }
        self.failures = failures
        self.sequence = sequence
    }

    // MARK: Binary heap ordered by (due, sequence); stale entries are skipped lazily.

    static func before(_ a: Entry, _ b: Entry) -> Bool {
        before(Slot(due: a.due.milliseconds, sequence: a.sequence), Slot(due: b.due.milliseconds, sequence: b.sequence))
    }

    static func before(_ a: Slot, _ b: Slot) -> Bool {
        (a.due, a.sequence) < (b.due, b.sequence)
    }

    private mutating func dropStale() {
        while let top = heap.first, items[top.sequence] == nil { removeTop() }
    }

    private mutating func push(_ e: Slot) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard WorkQueue.before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func removeTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < heap.count, WorkQueue.before(heap[l], heap[smallest]) { smallest = l }
            if r < heap.count, WorkQueue.before(heap[r], heap[smallest]) { smallest = r }
            if smallest == i { return }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }
}
