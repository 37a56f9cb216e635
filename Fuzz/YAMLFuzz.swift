// libFuzzer entry for the YAML module. Not part of the package: `scripts/fuzz-yaml.sh`
// compiles it together with Sources/YAML/*.swift into one module, with
// `swiftc -sanitize=fuzzer,address -parse-as-library -O`.
//
// Every input goes through the event stream, the composer (nodes with marks), the loader
// with both schemas (once `YAML.load` exists; the script defines YAML_HAS_LOAD), and the
// error renderer with its kubectl line and hints. Any crash, sanitizer report, hang or
// runaway allocation is a bug: the YAML layer must turn every input into values or a YAMLError.

@_cdecl("LLVMFuzzerTestOneInput")
public func yamlFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 128, maxDocuments: 1_000, maxExpandedNodes: 100_000)
    var errors: [YAMLError] = []
    do {
        let events = try YAML.events(bytes, file: "fuzz.yaml", limits: limits)
        _ = EventNotation.text(events)
    } catch {
        errors.append(error)
    }
    // The fast path and the full parser must agree on every input: same documents, nodes,
    // styles and marks, or the same error at the same place.
    let fast = outcome { () throws(YAMLError) in try YAML.compose(bytes, file: "fuzz.yaml", limits: limits) }
    let full = outcome { () throws(YAMLError) in try YAML.composeWithFullParser(bytes, file: "fuzz.yaml", limits: limits) }
    precondition(fast == full, "fast path and full parser disagree:\n\(fast)\n---\n\(full)")
    // And split across cores, as large streams are (forced on for any size here).
    let parallel = outcome { () throws(YAMLError) in try YAML.compose(bytes, file: "fuzz.yaml", limits: limits, parallelFrom: 1) }
    precondition(parallel == full, "parallel composition and full parser disagree:\n\(parallel)\n---\n\(full)")
    do {
        _ = try YAML.compose(bytes, file: "fuzz.yaml", limits: limits)
    } catch {
        errors.append(error)
    }
    #if YAML_HAS_LOAD
    for schema in [Schema.core, .kubernetes] {
        do {
            for value in try YAML.load(bytes, file: "fuzz.yaml", schema: schema, limits: limits) {
                _ = JSONWriter.string(value)
                _ = YAMLWriter.string(value)
            }
        } catch {
            errors.append(error)
        }
    }
    #endif
    for error in errors {
        let text = error.rendered(source: bytes)
        precondition(text.hasPrefix(error.focus.description), "render must start with file:line:column")
        _ = error.summary
    }
    return 0
}

private func outcome(_ compose: () throws(YAMLError) -> [Document]) -> String {
    do {
        var out = ""
        for doc in try compose() {
            out += "D\(doc.explicitStart)\(doc.explicitEnd)\(doc.mark)\n"
            dump(doc.root, into: &out)
        }
        return out
    } catch {
        return "E \(error.kind) \(error.mark)"
    }
}

private func dump(_ node: Node, into out: inout String) {
    out += "\(node.mark)|\(node.tag ?? "")|\(node.anchor ?? "")|\(node.aliasMark.map(String.init(describing:)) ?? "")|"
    switch node.content {
    case .scalar(let s, let style): out += "S\(style)\(s.debugDescription)\n"
    case .sequence(let items, let style):
        out += "Q\(style)\n"
        for item in items { dump(item, into: &out) }
        out += "q\n"
    case .mapping(let pairs, let style):
        out += "M\(style)\n"
        for pair in pairs { dump(pair.key, into: &out); dump(pair.value, into: &out) }
        out += "m\n"
    }
}
