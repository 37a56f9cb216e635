/// How plain scalars become typed values, and which keys and values are allowed.
///
/// - `core`: the YAML 1.2 core schema (spec 1.2.2, §10.3), which the yaml-test-suite's
///   `in.json` files follow. Keys stay `Value`s.
/// - `kubernetes`: exactly what kubectl does with a manifest: sigs.k8s.io/yaml `Unmarshal`
///   (yaml.go `yamlToJSONTarget`) over its go-yaml v2 fork (goyaml.v2/resolve.go,
///   decode.go), then Go's json.Marshal. YAML 1.1 booleans (`yes`, `on`, `y`…), `<<` merge
///   keys, keys turned into JSON strings, no `.inf`/`.nan` (JSON cannot hold them).
///   See `Schema+Kubernetes.swift` for every rule with its upstream path.
public enum Schema: Sendable, Hashable {
    case core
    case kubernetes
}

/// The long forms of the tags the resolvers know (`!!str` is `tag:yaml.org,2002:str`).
enum Tag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = "tag:yaml.org,2002:str"
    static let int = "tag:yaml.org,2002:int"
    static let float = "tag:yaml.org,2002:float"
    static let bool = "tag:yaml.org,2002:bool"
    static let null = "tag:yaml.org,2002:null"
    static let timestamp = "tag:yaml.org,2002:timestamp"
    static let binary = "tag:yaml.org,2002:binary"
    static let merge = "tag:yaml.org,2002:merge"
    static let seq = "tag:yaml.org,2002:seq"
    static let map = "tag:yaml.org,2002:map"
    /// The non-specific tag of quoted scalars and `! x`.
    static let nonSpecific = "!"
}
