// How validation errors reach the learner. Sources: staging/src/k8s.io/apimachinery/pkg/api/
// errors/errors.go (NewInvalid: the Status message and its causes),
// staging/src/k8s.io/apimachinery/pkg/util/errors/errors.go (aggregate: `[a, b]`, duplicates
// dropped), staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (checkErr for IsInvalid,
// statusCausesToAggrError, MultilineError).
extension Validation {
    /// What `kubectl apply`/`create` prints (to stderr, without `error: `), newline-terminated:
    /// one error inline after `The Deployment "web" is invalid: `, several as `* ` lines
    /// after that prefix (note the space before the line break, from Go's `Fprintln`).
    public static func kubectlMessage(kind: String, name: String, errors: [FieldError]) -> String {
        let prefix = "The \(kind) \(GoValue.quote(name)) is invalid"
        var seen: Set<String> = []
        let lines = errors.map(\.description).filter { seen.insert($0).inserted }
        switch lines.count {
        case 0: return prefix + "\n"
        case 1: return prefix + ": " + lines[0] + "\n"
        default: return prefix + ": \n" + lines.map { "* " + $0 + "\n" }.joined()
        }
    }

    /// The apiserver's `Status.message` (what `-v=6` logs and clients other than kubectl show):
    /// `Deployment.apps "web" is invalid: [a, b]` (`kind.group`, or just the kind for core).
    public static func statusMessage(kind: String, apiVersion: String, name: String, errors: [FieldError]) -> String {
        let group = Defaults.group(of: apiVersion)
        let qualified = group.isEmpty ? kind : kind + "." + group
        var seen: Set<String> = []
        let items = errors.map(\.description).filter { seen.insert($0).inserted }
        let head = "\(qualified) \(GoValue.quote(name)) is invalid"
        switch items.count {
        case 0: return head
        case 1: return head + ": " + items[0]
        default: return head + ": [" + items.joined(separator: ", ") + "]"
        }
    }
}
