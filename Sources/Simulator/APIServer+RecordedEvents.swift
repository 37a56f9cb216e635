import KubeAPI
import YAML

// The event recorder's writes, without the request pipeline's passes that can do nothing to an
// Event the recorder built itself. Each step left out is shown to be a no-op for such an Event;
// each step kept runs as in `createObject`/`updateObject`, in the same order, so the store, the
// generator, the resourceVersions and every error come out the same.
extension APIServer {
    /// `createObject(event, resource: events, source: nil)` for a recorder-built Event
    /// (`metadata` holds exactly `name` and `namespace`; no `generateName`):
    ///
    /// - `Defaults.apply` has no case for Event: both calls return the value unchanged;
    /// - Event is namespaced: the namespace is kept, and admitted as `createObject` does;
    /// - no `generateName`, so no name is generated (the generator is not touched);
    /// - `Strategy.prepareForCreate`: "events" tracks no generation and has no status
    ///   subresource, so nothing is set;
    /// - `managedFields` is never set by the recorder, so there is nothing to remove.
    ///
    /// Validation, `AlreadyExists`, the uid, `creationTimestamp` (`timestamp` is
    /// `clock.now.rfc3339`, computed once by the caller) and the resourceVersion are as in
    /// `createObject`.
    mutating func createRecordedEvent(_ event: Value, resource: APIResource, timestamp: String) throws(APIError) -> StoredObject {
        var o = event
        let namespace = o.objectNamespace
        try admitNamespace(namespace, resource: resource, object: o)
        let errors = Validation.event(o)
        if !errors.isEmpty { throw .invalid(kind: resource.kind, name: o.objectName, errors: errors, source: nil) }
        let key = ObjectKey(resource, namespace: namespace, name: o.objectName)
        if store[key] != nil { throw .alreadyExists(resource: resource.groupResource, name: key.name) }
        let uid = NameGenerator.uuid(using: &random)
        let resourceVersion = store.nextResourceVersion()
        o.editMetadata { meta in
            // Room for the three fields at once: an Event's metadata is stored as built here,
            // and appending one by one would leave it with twice the room it needs.
            if case .mapping(var pairs) = meta {
                meta = .null
                pairs.reserveCapacity(pairs.count + 3)
                meta = .mapping(pairs)
            }
            meta.set("uid", .string(uid))
            meta.set("creationTimestamp", .string(timestamp))
            meta.set("resourceVersion", .string(resourceVersion))
        }
        let stored = StoredObject(key: key, value: o, source: nil)
        store.put(stored)
        return stored
    }

    /// `updateObject(existing.key, proposed) != nil` for the recorder's update of an Event it
    /// recorded before (`proposed` is the stored value with `count`, `lastTimestamp` and
    /// `message` replaced). For an Event not being deleted, the pipeline reduces to this:
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
    /// An Event being deleted (finalizers, `shouldRemove`) takes the full path.
    mutating func updateRecordedEvent(_ existing: StoredObject, _ proposed: Value) -> Bool {
        if existing.isBeingDeleted { return (try? updateObject(existing.key, proposed)) != nil }
        if proposed == existing.value { return true }
        var new = proposed
        let resourceVersion = store.nextResourceVersion()
        new.editMetadata { $0.set("resourceVersion", .string(resourceVersion)) }
        store.put(StoredObject(key: existing.key, value: new, source: existing.source))
        return true
    }
}
