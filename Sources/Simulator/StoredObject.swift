import KubeAPI
import YAML

/// One object in the store: its value tree as the apiserver would return it, where the
/// learner wrote it (for feedback pointing at `archivo.yaml:línea`), and the metadata the
/// store indexes, extracted once on write.
///
/// Immutable, and a class: the store's table, lists and watch events hold a reference each
/// (a copy is one retain, and the table's slots stay small at 900,000 objects) instead of
/// the whole record.
public final class StoredObject: Sendable {
    public let key: ObjectKey
    /// The tree; `.null` for a compact Event, whose tree `value` rebuilds on each read.
    private let tree: Value
    /// An Event as the recorder writes it, kept as fields (CompactEvent.swift).
    let event: CompactEvent?
    /// The file and marks of the YAML the object was last created, applied or replaced
    /// from; nil for objects controllers made.
    public let source: ObjectSource?
    public let uid: String
    public let labels: [String: String]
    /// uids in `metadata.ownerReferences`, in order.
    public let ownerUIDs: [String]
    /// The uid of the controller reference (`metav1.GetControllerOf`), "" when it has none;
    /// nil without a controller reference. Read for every candidate of every claim.
    public let controllerUID: String?

    /// An Event of the recorder's shape is kept compact, whoever writes it (the recorder, a
    /// loaded state file).
    public convenience init(key: ObjectKey, value: Value, source: ObjectSource?) {
        if key.resource == ObjectKey.events, let event = CompactEvent(value, key: key) {
            self.init(key: key, event: event, source: source)
        } else {
            let refs = value.ownerReferences
            self.init(key: key, tree: value, event: nil, source: source, uid: value.uid, labels: value.labelMap,
                      ownerUIDs: refs.compactMap { $0["uid"]?.string }, controllerUID: StoredObject.controllerUID(refs))
        }
    }

    /// The next version of `previous` (a status write, a binding, an update): the labels and
    /// owner uids are extracted again only when their subtrees changed. Most writes are
    /// status writes, and the copy of an unchanged subtree shares its storage with the old
    /// one (`Value.isIdentical`).
    public convenience init(key: ObjectKey, value: Value, source: ObjectSource?, replacing previous: StoredObject) {
        guard previous.event == nil, key.resource != ObjectKey.events else {
            self.init(key: key, value: value, source: source)
            return
        }
        let meta = value["metadata"], oldMeta = previous.tree["metadata"]
        func unchanged(_ field: String) -> Bool {
            guard let new = meta?[field] else { return oldMeta?[field] == nil }
            return new.isIdentical(to: oldMeta?[field])
        }
        let labels = unchanged("labels") ? previous.labels : value.labelMap
        let sameOwners = unchanged("ownerReferences")
        let refs = sameOwners ? [] : value.ownerReferences
        self.init(key: key, tree: value, event: nil, source: source, uid: value.uid, labels: labels,
                  ownerUIDs: sameOwners ? previous.ownerUIDs : refs.compactMap { $0["uid"]?.string },
                  controllerUID: sameOwners ? previous.controllerUID : StoredObject.controllerUID(refs))
    }

    /// A compact Event (`APIServer.record`): no tree is built.
    convenience init(key: ObjectKey, event: CompactEvent, source: ObjectSource?) {
        self.init(key: key, tree: .null, event: event, source: source, uid: event.uid, labels: [:], ownerUIDs: [], controllerUID: nil)
    }

    private init(key: ObjectKey, tree: Value, event: CompactEvent?, source: ObjectSource?, uid: String,
                 labels: [String: String], ownerUIDs: [String], controllerUID: String?) {
        self.key = key
        self.tree = tree
        self.event = event
        self.source = source
        self.uid = uid
        self.labels = labels
        self.ownerUIDs = ownerUIDs
        self.controllerUID = controllerUID
    }

    static func controllerUID(_ refs: [Value]) -> String? {
        refs.first { $0["controller"]?.bool == true }.map { $0["uid"]?.string ?? "" }
    }

    /// The same object pointing at another source (nothing extracted again, no tree rebuilt).
    func with(source: ObjectSource?) -> StoredObject {
        StoredObject(key: key, tree: tree, event: event, source: source, uid: uid, labels: labels, ownerUIDs: ownerUIDs,
                     controllerUID: controllerUID)
    }

    /// The object as the apiserver returns it. Read in place for a tree; rebuilt for a compact
    /// Event (reading a value is then an allocation: hot paths ask `event` first).
    public var value: Value {
        _read {
            if let event { yield event.value(key) } else { yield tree }
        }
    }

    public var name: String { key.name }
    public var namespace: String { key.namespace }
    public var kind: String { event != nil ? "Event" : value["kind"]?.string ?? "" }
    public var apiVersion: String { event != nil ? "v1" : value["apiVersion"]?.string ?? "" }
    public var resourceVersion: String { event?.resourceVersion ?? value["metadata"]?["resourceVersion"]?.string ?? "" }
    public var isBeingDeleted: Bool { event == nil && value.isBeingDeleted }
    public var finalizers: [String] { event != nil ? [] : value.finalizers }
}

/// Where an object's YAML was written: the file and the marks of each field, by path
/// (`spec.template.spec.containers[0].image`), as `DecodedObject` carries them.
public struct ObjectSource: Sendable, Hashable {
    public var file: String
    public var marks: [String: FieldMarks]

    public init(file: String, marks: [String: FieldMarks]) {
        self.file = file
        self.marks = marks
    }

    public init(_ decoded: DecodedObject) {
        self.init(file: decoded.file, marks: decoded.marks)
    }

    /// The mark of a field's value, falling back to the nearest enclosing field written
    /// (same rule as `DecodedObject.mark`).
    public func mark(_ path: String) -> Mark? {
        var p = Substring(path)
        while true {
            if let found = marks[String(p)] { return found.value }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return marks[""]?.value }
            p = p[..<cut]
        }
    }
}
