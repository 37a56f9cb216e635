import KubeAPI
import Simulator
import YAML

/// `kubectl get` (k8s.io/kubectl/pkg/cmd/get/get.go): tables per type, `-o
/// wide|yaml|json|name|jsonpath=…|custom-columns=…`, `-l`, `-n`, `-A`, `--show-labels`,
/// `-L`, `--no-headers`; names not found are reported after what was found.
enum KubectlGet {
    static let allowedFormats = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"

    static func format(_ flags: KubectlFlags) throws(KubectlError) -> OutputFormat {
        let text = flags.value("output") ?? ""
        guard let format = OutputFormat(text) else {
            throw .message("error: unable to match a printer suitable for the output format \"\(text)\", allowed formats are: \(allowedFormats)")
        }
        return format
    }

    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let format = try format(c.flags)
        let (requests, single) = try KubectlResources.parse(c.args, verb: "get")
        var lists: [GetPrinter.ResourceList] = []
        var notFound: [String] = []
        var named = false
        for request in requests {
            var objects: [Value] = []
            if request.names.isEmpty {
                // get.go ContinueOnError: a type the user may not list is reported at the end.
                do {
                    objects = try KubectlResources.list(cluster, request.resource, flags: c.flags).map(\.value)
                } catch {
                    if case .message(let text) = error, text.hasPrefix("Error from server (Forbidden)") {
                        notFound.append(text)
                        continue
                    }
                    throw error
                }
                if let text = c.flags.value("field-selector") {
                    objects = try FieldSelector.parse(text).filter(objects, resource: request.resource,
                                                                   labelSelector: c.flags.value("selector") ?? "")
                }
            } else {
                named = true
                for name in request.names {
                    do {
                        objects.append(try cluster.api.get(request.resource, namespace: c.namespace, name: name).value)
                    } catch {
                        notFound.append(KubectlMessages.requestError(error))
                    }
                }
            }
            if let expression = c.flags.value("sort-by") { objects = try SortBy.sort(objects, by: expression) }
            lists.append(GetPrinter.ResourceList(resource: request.resource, objects: objects))
        }
        var out = try render(lists, format: format, single: single, named: named, flags: c.flags, now: cluster.now)
        // get.go: `No resources found` only when nothing was found and nothing failed.
        if !notFound.isEmpty && lists.allSatisfy({ $0.objects.isEmpty }) { out.err = "" }
        for line in notFound { out.fail(line) }
        if c.flags.bool("watch"), format == .table || format == .wide, requests.count == 1 {
            out.out += watch(requests[0], c, &cluster, format: format)
            out.err += Messages.watchNote
        }
        return out
    }

    /// `get -w`: after the list, one row per change of an object (its resourceVersion moved,
    /// it appeared, or it went), each row flushed on its own as kubectl's watch printer does
    /// (so columns do not line up with the header). A real watch runs until Ctrl+C; here the
    /// virtual clock moves a second at a time until nothing has changed for 30 s (at most 5 min).
    static func watch(_ request: ResourceRequest, _ c: KubectlContext, _ cluster: inout Cluster, format: OutputFormat) -> String {
        func snapshot(_ cluster: Cluster) -> [String: Value] {
            let objects: [Value]
            if request.names.isEmpty {
                objects = ((try? KubectlResources.list(cluster, request.resource, flags: c.flags)) ?? []).map(\.value)
            } else {
                objects = request.names.compactMap { try? cluster.api.get(request.resource, namespace: c.namespace, name: $0).value }
            }
            return Dictionary(objects.map { ("\($0["metadata"]?["namespace"]?.string ?? "")/\($0["metadata"]?["name"]?.string ?? "")", $0) },
                              uniquingKeysWith: { a, _ in a })
        }
        var seen = snapshot(cluster)
        var out = ""
        var quiet = 0
        let options = GetPrinter.Options(namespace: c.flags.namespace, allNamespaces: c.flags.allNamespaces, wide: format == .wide,
                                         noHeaders: true, showLabels: c.flags.bool("show-labels"), labelColumns: [])
        for _ in 0..<300 {
            cluster.advance(by: .seconds(1))
            let now = snapshot(cluster)
            var changed: [Value] = []
            for key in Set(now.keys).union(seen.keys).sorted() {
                let old = seen[key], new = now[key]
                if old?["metadata"]?["resourceVersion"] != new?["metadata"]?["resourceVersion"] { changed.append(new ?? old!) }
            }
            seen = now
            quiet = changed.isEmpty ? quiet + 1 : 0
            for object in changed {
                let printed = GetPrinter.tables([GetPrinter.ResourceList(resource: request.resource, objects: [object])], options: options,
                                                now: Timestamp(milliseconds: cluster.now.milliseconds))
                out += printed.stdout
            }
            if quiet >= 30 { break }
        }
        return out
    }

    /// `structOrder`: the objects' keys are already in kubectl's Go struct order (objects
    /// kubectl built itself); stored objects print with keys sorted.
    static func render(_ lists: [GetPrinter.ResourceList], format: OutputFormat, single: Bool, named: Bool,
                       flags: KubectlFlags, now: VirtualTime, structOrder: Bool = false) throws(KubectlError) -> KubectlOutput {
        var out = KubectlOutput()
        let items = lists.flatMap(\.objects)
        switch format {
        case .table, .wide:
            let options = GetPrinter.Options(
                namespace: flags.namespace, allNamespaces: flags.allNamespaces, wide: format == .wide,
                noHeaders: flags.bool("no-headers"), showLabels: flags.bool("show-labels"),
                labelColumns: flags.all("label-columns").flatMap { $0.split(separator: ",").map(String.init) })
            let printed = GetPrinter.tables(lists, options: options, now: Timestamp(milliseconds: now.milliseconds))
            out.out = printed.stdout
            if !named { out.err = printed.stderr }
        case .name:
            out.out = ObjectPrinter.names(items)
        case .json:
            if !(named && items.isEmpty) { out.out = ObjectPrinter.json(items, singleItemImplied: single, sortKeys: !structOrder) }
        case .yaml:
            if !(named && items.isEmpty) { out.out = ObjectPrinter.yaml(items, singleItemImplied: single) }
        case .jsonpath(let template):
            out.out = try jsonPath(template, ObjectPrinter.subject(items, singleItemImplied: single))
        case .customColumns(let spec):
            do {
                out.out = try CustomColumns(spec).string(items, noHeaders: flags.bool("no-headers"))
            } catch {
                throw .message("error: \(error.description)")
            }
        }
        return out
    }

    /// cli-runtime printers/jsonpath.go: parse errors and execution errors as kubectl words them
    /// (without the Go dump of the object kubectl appends to execution errors).
    static func jsonPath(_ template: String, _ subject: Value) throws(KubectlError) -> String {
        let path: JSONPath
        do {
            path = try JSONPath(template)
        } catch {
            throw .message("error: error parsing jsonpath \(template), \(error.description)")
        }
        do {
            return try path.execute(subject)
        } catch {
            throw .message("error: error executing jsonpath \(GoText.quote(template)): Error executing template: \(error.description). Printing more information for debugging the template:\n\ttemplate was:\n\t\t\(template)\n")
        }
    }
}

/// Go's `%q` for the plain texts kubectl quotes.
enum GoText {
    static func quote(_ text: String) -> String { goQuote(text) }
}
