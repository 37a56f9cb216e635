/// Events expire: the apiserver stores every Event with an etcd lease of `--event-ttl`
/// (cmd/kube-apiserver/app/options/options.go: `EventTTL: 1 * time.Hour`;
/// pkg/registry/core/event/storage/storage.go `TTLFunc`), attached again at every write, so an
/// Event disappears an hour after it was last written, without going through the API's
/// deletion (etcd drops the key; watchers see it go). `kubectl get events` thus shows the
/// last hour, and `describe` of an object left alone for longer shows `Events: <none>`.
///
/// Writes come in order of time, so the leases form a queue: each write appends one; an entry
/// whose event was written again since (another resourceVersion) or is gone is skipped.
/// etcd's lease manager may stretch a lease by up to a minute when it reuses one; here every
/// lease is exactly one hour.
struct EventLeases: Sendable, Equatable {
    struct Lease: Sendable, Equatable {
        var written: VirtualTime
        var key: ObjectKey
        var resourceVersion: String
    }

    static let ttl: Int64 = 3_600_000

    private(set) var leases: [Lease] = []

    init(_ leases: [Lease] = []) {
        self.leases = leases
    }

    mutating func write(_ key: ObjectKey, resourceVersion: String, at time: VirtualTime) {
        leases.append(Lease(written: time, key: key, resourceVersion: resourceVersion))
    }

    /// When the oldest lease runs out.
    var nextExpiry: VirtualTime? {
        leases.first.map { VirtualTime(milliseconds: $0.written.milliseconds + Self.ttl) }
    }

    /// Removes from `store` the events whose lease has run out by `now`; returns how many.
    mutating func expire(in store: inout Store, now: VirtualTime) -> Int {
        var gone = 0, removed = 0
        while gone < leases.count, leases[gone].written.milliseconds + Self.ttl <= now.milliseconds {
            let lease = leases[gone]
            if let event = store[lease.key], event.resourceVersion == lease.resourceVersion {
                store.remove(lease.key)
                removed += 1
            }
            gone += 1
        }
        leases.removeFirst(gone)
        return removed
    }
}
