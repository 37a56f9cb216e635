/// The two spellings of a field's position that the apiserver's messages use.
///
/// - `path` is the strict decoder's (sigs.k8s.io/json kubernetes_patch.go): every struct
///   field and map key joined by `.`, list indices as `[i]`:
///   `spec.template.spec.containers[0].imagen`. Marks use it too.
/// - `goFields` is encoding/json's `errorContext.FieldStack` (decode.go `object`): struct
///   field names only, no indices, no map keys: `spec.template.spec.containers.ports.containerPort`,
///   with `goStruct`, the Go name of the innermost struct a field was read from.
struct DecodePath: Sendable {
    var path: String = ""
    var goFields: [String] = []
    var goStruct: String = ""

    func field(_ name: String, of goStruct: String) -> DecodePath {
        var next = self
        next.path = path.isEmpty ? name : path + "." + name
        next.goFields.append(name)
        next.goStruct = goStruct
        return next
    }

    func key(_ key: String) -> DecodePath {
        var next = self
        next.path = path.isEmpty ? key : path + "." + key
        return next
    }

    func index(_ i: Int) -> DecodePath {
        var next = self
        next.path = path + "[\(i)]"
        return next
    }

    var goFieldPath: String { goFields.joined(separator: ".") }
}
