import KubeAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an object lives in the store: its resource (`deployments.apps`, `pods`), its
/// namespace (`""` for cluster-scoped kinds) and its name — the etcd key
/// `/registry/<resource>/<namespace>/<name>` without the prefix. Keys order as etcd
/// keys do (resource, then namespace, then name, bytewise), which is the order lists
/// come back in.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `plural.group`, or just `plural` for the core group (`APIResource.groupResource`).
    public let resource: String
    public let namespace: String
    public let name: String
    /// `textHash(name)`, worked out once: keys are hashed all the time (every store lookup,
    /// every queue item), and the tables that hold 900,000 of them rehash every key as
    /// they grow.
    private let nameHash: Int

    public init(resource: String, namespace: String, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
        nameHash = textHash(name)
    }

    /// A key whose name comes from an index that kept its hash (`Store`'s name and label
    /// indexes): no hashing.
    init(resource: String, namespace: String, name: HashedString) {
        self.resource = resource
        self.namespace = namespace
        self.name = name.text
        nameHash = name.hash
    }

    /// The name with its cached hash, for those indexes.
    var hashedName: HashedString { HashedString(name, hash: nameHash) }

    /// The key of `name` in `namespace` for `resource`; the namespace is dropped for
    /// cluster-scoped kinds.
    public init(_ resource: APIResource, namespace: String, name: String) {
        self.init(resource: resource.groupResource, namespace: resource.namespaced ? namespace : "", name: name)
    }

    /// Hashes the name alone (its cached hash): it nearly always tells keys apart by itself (pods, events and
    /// ReplicaSets have generated names), and every store index, queue and cache hashes keys
    /// all the time. Equality still compares all three fields, so two keys that share a name
    /// (`default` in several namespaces) only share a bucket.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(nameHash)
    }

    /// What tables hash (instead of running SipHash again over the cached hash).
    public func _rawHashValue(seed: Int) -> Int { mixHash(nameHash, seed: seed) }

    /// The cached hash, for keys made of an `ObjectKey` and more (`WorkQueue.Item`).
    var hashBits: Int { nameHash }

    /// The cached hashes first: two keys of different names nearly always differ there.
    public static func == (a: ObjectKey, b: ObjectKey) -> Bool {
        a.nameHash == b.nameHash && a.name == b.name && a.namespace == b.namespace && a.resource == b.resource
    }

    /// Keys being sorted nearly always share resource and namespace (the pods of one owner):
    /// those fields are told equal by their bits (the same small string, or the same storage)
    /// before any byte is compared, and each field is compared once, three-way.
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        let r = bytesOrder(a.resource, b.resource)
        if r != 0 { return r < 0 }
        let n = bytesOrder(a.namespace, b.namespace)
        if n != 0 { return n < 0 }
        return bytesOrder(a.name, b.name) < 0
    }

    /// The bytewise order of `a` and `b`: negative, zero or positive, as `memcmp`.
    static func bytesOrder(_ a: String, _ b: String) -> Int {
        #if _pointerBitWidth(_64)
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return 0 }
        #endif
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Int in
                let n = Swift.min(x.count, y.count)
                let order = n == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, n))
                return order != 0 ? order : x.count - y.count
            }
        }
        if let result = fast ?? nil { return result }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// `a.utf8.lexicographicallyPrecedes(b.utf8)`, over the contiguous UTF-8 storage when
    /// both strings have it (native strings always do).
    static func bytesPrecede(_ a: String, _ b: String) -> Bool { bytesOrder(a, b) < 0 }

    /// The preferred API resource for this key's resource.
    public var apiResource: APIResource? { ObjectKey.resources[resource] }

    static let resources: [String: APIResource] = {
        var index: [String: APIResource] = [:]
        for r in Kinds.all where index[r.groupResource] == nil { index[r.groupResource] = r }
        return index
    }()

    /// `deployments.apps/default/web`.
    public var description: String {
        namespace.isEmpty ? "\(resource)/\(name)" : "\(resource)/\(namespace)/\(name)"
    }

    static let pods = "pods"
    static let namespaces = "namespaces"
    static let events = "events"
    static let replicaSets = "replicasets.apps"
}
