import KubeAPI
import Simulator
import YAML

/// `--field-selector` (k8s.io/apimachinery/pkg/fields/selector.go: `a=b`, `a==b`, `a!=b`,
/// joined by commas) over the field labels each resource supports (the `*FieldLabel
/// ConversionFunc`s of pkg/apis/*/v1/conversion.go: every resource has metadata.name and
/// metadata.namespace; pods, events, nodes, secrets, namespaces, services, replicasets and
/// jobs add a few). An unsupported label gets the apiserver's `field label not supported`,
/// wrapped as kubectl's resource builder does (cli-runtime resource/visitor.go).
struct FieldSelector {
    struct Requirement {
        var field: String
        var value: String
        var equal: Bool
    }

    var requirements: [Requirement]
    var text: String

    static func parse(_ text: String) throws(KubectlError) -> FieldSelector {
        var requirements: [Requirement] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: true) {
            let chars = Array(term)
            guard let i = chars.firstIndex(where: { $0 == "=" || $0 == "!" }) else {
                throw .message("error: invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let field = String(chars[..<i])
            if chars[i] == "!" {
                guard i + 1 < chars.count, chars[i + 1] == "=" else {
                    throw .message("error: invalid selector: '\(text)'; can't understand '\(term)'")
                }
                requirements.append(Requirement(field: field, value: String(chars[(i + 2)...]), equal: false))
            } else {
                let start = i + 1 < chars.count && chars[i + 1] == "=" ? i + 2 : i + 1
                requirements.append(Requirement(field: field, value: String(chars[start...]), equal: true))
            }
        }
        return FieldSelector(requirements: requirements, text: text)
    }

    /// Field labels beyond metadata.name and metadata.namespace, by resource.
    static let labels: [String: [String]] = [
        "pods": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                 "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        "events": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                   "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                   "reason", "reportingComponent", "source", "type"],
        "nodes": ["spec.unschedulable"],
        "secrets": ["type"],
        "namespaces": ["status.phase"],
        "services": ["spec.clusterIP", "spec.type"],
        "replicasets.apps": ["status.replicas"],
        "jobs.batch": ["status.successful"],
    ]

    /// The objects that match, or kubectl's error for a label the resource lacks.
    func filter(_ objects: [Value], resource: APIResource, labelSelector: String) throws(KubectlError) -> [Value] {
        let allowed = ["metadata.name", "metadata.namespace"] + (Self.labels[resource.groupResource] ?? [])
        for r in requirements where !allowed.contains(r.field) {
            let gvr = "\(resource.group)/\(resource.version), Resource=\(resource.plural)"
            throw .message("Error from server (BadRequest): Unable to find \(goQuote(gvr)) that match label selector \(goQuote(labelSelector)), field selector \(goQuote(text)): field label not supported: \(r.field)")
        }
        return objects.filter { object in
            requirements.allSatisfy { r in (Self.value(of: r.field, in: object) == r.value) == r.equal }
        }
    }

    /// A field label's value as the apiserver compares it (text; booleans and numbers as Go
    /// prints them; missing fields as "").
    static func value(of field: String, in object: Value) -> String {
        // An Event's `source` is its component, else its reportingComponent
        // (pkg/registry/core/event/strategy.go `ToSelectableFields`); only Events have it.
        if field == "source" {
            let component = object["source"]?["component"]?.string ?? ""
            return component.isEmpty ? object["reportingComponent"]?.string ?? "" : component
        }
        var node: Value? = object
        for part in field.split(separator: ".") { node = node?[String(part)] }
        switch node {
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "true" : "false"
        case .int(let i)?: return String(i)
        case .float(let d)?: return String(d)
        default: return field == "spec.unschedulable" || field == "spec.hostNetwork" ? "false" : ""
        }
    }
}

/// `--sort-by=JSONPATH` (k8s.io/kubectl/pkg/cmd/get/sorter.go): a stable sort on the value
/// the path finds in each object, compared as `isLess` compares an unstructured object's
/// values: missing first, then null (an Event of events.k8s.io has `lastTimestamp: null`),
/// numbers by value, two strings that are both quantities as quantities (`100m` < `1`),
/// other strings in natural order (`web-2` < `web-10`, `sortorder.NaturalLess`).
enum SortBy {
    static func sort(_ objects: [Value], by expression: String) throws(KubectlError) -> [Value] {
        let template = expression.hasPrefix("{") ? expression : "{" + expression + "}"
        let path: JSONPath
        do {
            path = try JSONPath(template)
        } catch {
            throw .message("error: \(error.description)")
        }
        var keys: [Value?] = []
        for object in objects {
            let found: [[Value]]? = try? path.findResults(object)
            keys.append(found?.first?.first)
        }
        func less(_ a: Int, _ b: Int) -> Bool {
            guard let x = keys[a] else { return keys[b] != nil || a < b }
            guard let y = keys[b] else { return false }
            if x.isNull || y.isNull { return x.isNull && !y.isNull || (x.isNull && y.isNull && a < b) }
            if let p = x.double, let q = y.double, p != q { return p < q }
            let s = x.string ?? JSONWriter.string(x), t = y.string ?? JSONWriter.string(y)
            if s == t { return a < b }
            if x.string != nil, y.string != nil, let p = try? Quantity(parsing: s), let q = try? Quantity(parsing: t), p != q { return p < q }
            return naturalLess(s, t)
        }
        return objects.indices.sorted(by: less).map { objects[$0] }
    }

    /// github.com/fvbommel/sortorder `NaturalLess`, as kubectl vendors it: runs of digits
    /// compare by value (fewer leading zeros first on a tie), digits before other bytes,
    /// everything else bytewise.
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        var i = 0, j = 0
        while i < x.count && j < y.count {
            let c = x[i], d = y[j]
            let digitC = isDigit(c), digitD = isDigit(d)
            if digitC != digitD { return digitC }
            if !digitC {
                if c != d { return c < d }
                i += 1
                j += 1
                continue
            }
            while i < x.count && x[i] == 48 { i += 1 }
            while j < y.count && y[j] == 48 { j += 1 }
            let startC = i, startD = j
            while i < x.count && isDigit(x[i]) { i += 1 }
            while j < y.count && isDigit(y[j]) { j += 1 }
            if i - startC != j - startD { return i - startC < j - startD }
            if x[startC..<i] != y[startD..<j] { return x[startC..<i].lexicographicallyPrecedes(y[startD..<j]) }
            if startC != startD { return startC < startD }
        }
        return x.count < y.count
    }
}
