import YAML

/// An object that passed kubectl's checks and the apiserver's strict decoding: its value
/// tree exactly as kubectl sends it, what it is, and where each field was written.
public struct DecodedObject: Sendable {
    /// The whole object (JSON-like, key order as written).
    public var value: Value
    public var kind: String
    public var apiVersion: String
    public var resource: APIResource
    /// Where each field was written, by path (`spec.template.spec.containers[0].image`,
    /// `metadata.labels.app`); the root object is at `""`.
    public var marks: [String: FieldMarks]
    public var file: String

    public init(value: Value, kind: String, apiVersion: String, resource: APIResource,
                marks: [String: FieldMarks], file: String) {
        self.value = value
        self.kind = kind
        self.apiVersion = apiVersion
        self.resource = resource
        self.marks = marks
        self.file = file
    }

    /// The mark of a field's value (falling back to the nearest enclosing field written).
    public func mark(_ path: String) -> Mark? {
        var p = Substring(path)
        while true {
            if let marks = marks[String(p)] { return marks.value }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return marks[""]?.value }
            p = p[..<cut]
        }
    }

    /// `metadata.name`, when set.
    public var name: String? { value["metadata"]?["name"]?.string }
    /// `metadata.namespace`, when set.
    public var namespace: String? { value["metadata"]?["namespace"]?.string }
}

/// Where a field was written: its key (nil for sequence items and the root) and its value.
public struct FieldMarks: Sendable, Hashable {
    public var key: Mark?
    public var value: Mark

    public init(key: Mark?, value: Mark) {
        self.key = key
        self.value = value
    }
}
