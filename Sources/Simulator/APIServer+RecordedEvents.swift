import KubeAPI
import YAML

// The event recorder's writes, without the request pipeline's passes that can do nothing to an
// Event the recorder built itself. Each step left out is shown to be a no-op for such an Event;
// each step kept runs as in `createObject`/`updateObject`, in the same order, so the store, the
// generator, the resourceVersions and every error come out the same.
extension APIServer {
    /// `createObject(event, resource: events, source: nil)` for a recorder-built Event
    /// (`metadata` holds exactly `name` and `namespace`; no `generateName`), stored compact
    /// (`make` builds it once the uid and resourceVersion are known):
    ///
    /// - `Defaults.apply` has no case for Event: both calls return the value unchanged;
    /// - Event is namespaced: the namespace is kept, and admitted as `createObject` does;
    /// - no `generateName`, so no name is generated (the generator is not touched);
    /// - `Strategy.prepareForCreate`: "events" tracks no generation and has no status
    ///   subresource, so nothing is set;
    /// - `managedFields` is never set by the recorder, so there is nothing to remove.
    ///
    /// Validation, `AlreadyExists`, the uid, `creationTimestamp` (the clock's instant, which
    /// `make` writes) and the resourceVersion are as in `createObject`.
    mutating func createRecordedEvent(name: String, namespace: String, resource: APIResource,
                                      _ make: (_ uid: String, _ resourceVersion: String) -> CompactEvent) throws(APIError) -> StoredObject {
        // Admission and validation read only the metadata's name and namespace.
        try admitNamespace(namespace, resource: resource, named: name)
        let errors = Validation.event(name: name, namespace: namespace)
        if !errors.isEmpty { throw .invalid(kind: resource.kind, name: name, errors: errors, source: nil) }
        let key = ObjectKey(resource, namespace: namespace, name: name)
        if store[key] != nil { throw .alreadyExists(resource: resource.groupResource, name: key.name) }
        let uid = NameGenerator.uuid(using: &random)
        let resourceVersion = store.nextResourceVersion()
        let stored = StoredObject(key: key, event: make(uid, resourceVersion), source: nil)
        store.put(stored)
        return stored
    }

    /// `updateObject(existing.key, proposed) != nil` for the recorder's update of an Event it
    /// recorded before, `proposed` being the stored Event with `count`, `lastTimestamp` and
    /// `message` replaced. For an Event not being deleted, the pipeline reduces to this:
    ///
    /// - `Defaults.apply` does nothing to an Event;
    /// - the metadata fields `updateObject` resets (name, namespace, uid, timestamps) are
    ///   copied from the stored object, which `proposed` already holds;
    /// - `Strategy.prepareForUpdate` does nothing to "events" (no status subresource, no
    ///   generation);
    /// - `validateUpdate`: name and namespace are unchanged, Event validation reads only the
    ///   metadata — the stored one, valid when it was written — and Event has no immutable
    ///   fields: no errors;
    /// - identical values are not written; otherwise the next resourceVersion.
    ///
    /// A compact Event (the recorder's own shape) is updated as fields; one a learner changed
    /// (labels, finalizers…) as a tree, and one being deleted takes the full path.
    mutating func updateRecordedEvent(_ existing: StoredObject, count: Int64, lastTimestamp: String, message: String) -> Bool {
        if let event = existing.event {
            // `count` grows: never identical to the stored Event.
            let again = event.observedAgain(count: count, lastTimestamp: lastTimestamp, message: message,
                                            resourceVersion: store.nextResourceVersion())
            store.put(StoredObject(key: existing.key, event: again, source: existing.source))
            return true
        }
        var proposed = existing.value
        proposed.set("count", .int(count))
        proposed.set("lastTimestamp", .string(lastTimestamp))
        proposed.set("message", .string(message))
        if existing.isBeingDeleted { return (try? updateObject(existing.key, proposed)) != nil }
        if proposed == existing.value { return true }
        var new = proposed
        let resourceVersion = store.nextResourceVersion()
        new.editMetadata { $0.set("resourceVersion", .string(resourceVersion)) }
        store.put(StoredObject(key: existing.key, value: new, source: existing.source))
        return true
    }
}

/// The last instant formatted for Event timestamps, and its text: events come in bursts at one
/// instant (five per pod at start-up), each formatting the same date again.
struct TimestampCache: Sendable {
    private var milliseconds: Int64 = .min
    private var text = ""

    mutating func rfc3339(_ time: VirtualTime) -> String {
        if time.milliseconds != milliseconds {
            milliseconds = time.milliseconds
            text = time.rfc3339
        }
        return text
    }
}
