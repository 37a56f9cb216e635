import KubeAPI
import YAML

/// One object in the store: its value tree as the apiserver would return it, where the
/// learner wrote it (for feedback pointing at `archivo.yaml:línea`), and the metadata the
/// store indexes, extracted once on write.
public struct StoredObject: Sendable {
    public let key: ObjectKey
    public let value: Value
    /// The file and marks of the YAML the object was last created, applied or replaced
    /// from; nil for objects controllers made.
    public let source: ObjectSource?
    public let uid: String
    public let labels: [String: String]
    /// uids in `metadata.ownerReferences`, in order.
    public let ownerUIDs: [String]

    public init(key: ObjectKey, value: Value, source: ObjectSource?) {
        self.key = key
        self.value = value
        self.source = source
        uid = value.uid
        labels = value.labelMap
        ownerUIDs = value.ownerReferences.compactMap { $0["uid"]?.string }
    }

    public var name: String { key.name }
    public var namespace: String { key.namespace }
    public var kind: String { value["kind"]?.string ?? "" }
    public var apiVersion: String { value["apiVersion"]?.string ?? "" }
    public var resourceVersion: String { value["metadata"]?["resourceVersion"]?.string ?? "" }
    public var isBeingDeleted: Bool { value.isBeingDeleted }
    public var finalizers: [String] { value.finalizers }
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
