/// `Value` → YAML text as `kubectl get -o yaml` prints it: sigs.k8s.io/yaml `JSONToYAML`
/// (yaml.go), i.e. go-yaml v2's `Marshal` of the JSON data (goyaml.v2/encode.go, emitterc.go):
///
/// ```
/// apiVersion: apps/v1          keys sorted as go-yaml sorts them (keyList.Less: digits
/// kind: Deployment             compared as numbers, non-letters before letters)
/// spec:                        2-space indentation
///   containers:
///   - name: web                sequences not indented under their key
///     args: []                 empty collections in flow style
///     env:
///     - name: MODE
///       value: "yes"           quoted when go-yaml would read it as something else
///     command: |-              multi-line strings as literal blocks
///       echo hola
/// ```
///
/// Plain and quoted scalars longer than 80 columns fold at spaces, as libyaml's emitter does
/// (best_width 80). Floats print as JSON would send them, so `1.0` prints `1`.
/// Known gaps (rare in manifests): keys longer than 128 characters or with line breaks are
/// written double-quoted instead of as libyaml's explicit `? key` form.
public enum YAMLWriter {
    /// One document, ending with a newline.
    public static func string(_ value: Value, sortKeys: Bool = true) -> String {
        var emitter = Emitter(sortKeys: sortKeys)
        emitter.document(value)
        return String(decoding: emitter.out, as: UTF8.self)
    }

    /// Several documents separated by `---` lines.
    public static func string(documents: [Value], sortKeys: Bool = true) -> String {
        documents.map { string($0, sortKeys: sortKeys) }.joined(separator: "---\n")
    }

    struct Emitter {
        let sortKeys: Bool
        var out: [UInt8] = []
        /// Characters (not bytes) written since the last line break.
        var column = 0

        init(sortKeys: Bool) { self.sortKeys = sortKeys }

        mutating func document(_ value: Value) {
            switch value {
            case .mapping(let pairs) where !pairs.isEmpty:
                mapping(pairs, indent: 0, inline: false)
            case .sequence(let items) where !items.isEmpty:
                sequence(items, indent: 0, inline: false)
            default:
                scalarOrEmpty(value, indent: 2, space: false)
                newline()
            }
        }

        /// A mapping whose keys start at `indent`; `inline` when the first key follows `- `.
        mutating func mapping(_ pairs: [Value.Pair], indent: Int, inline: Bool) {
            var entries = pairs.map { (key: JSONWriter.keyString($0.key), value: $0.value) }
            if sortKeys { entries.sort { YAMLWriter.goYAMLLess($0.key, $1.key) } }
            for (i, entry) in entries.enumerated() {
                if i > 0 || !inline { pad(indent) }
                ScalarWriter.write(entry.key, context: .simpleKey, indent: indent + 2, into: &self)
                put(":")
                switch entry.value {
                case .mapping(let p) where !p.isEmpty:
                    newline()
                    mapping(p, indent: indent + 2, inline: false)
                case .sequence(let items) where !items.isEmpty:
                    newline()
                    sequence(items, indent: indent, inline: false)
                default:
                    scalarOrEmpty(entry.value, indent: indent + 2, space: true)
                    if !endsWithNewline { newline() }
                }
            }
        }

        /// A block sequence whose `- ` marks sit at `indent`.
        mutating func sequence(_ items: [Value], indent: Int, inline: Bool) {
            for (i, item) in items.enumerated() {
                if i > 0 || !inline { pad(indent) }
                put("-")
                switch item {
                case .mapping(let p) where !p.isEmpty:
                    put(" ")
                    mapping(p, indent: indent + 2, inline: true)
                case .sequence(let s) where !s.isEmpty:
                    put(" ")
                    sequence(s, indent: indent + 2, inline: true)
                default:
                    scalarOrEmpty(item, indent: indent + 2, space: true)
                    if !endsWithNewline { newline() }
                }
            }
        }

        /// Scalars and empty collections; `indent` is where continuation lines start.
        mutating func scalarOrEmpty(_ value: Value, indent: Int, space: Bool) {
            if space { put(" ") }
            switch value {
            case .null: put("null")
            case .bool(let b): put(b ? "true" : "false")
            case .int(let i): put(String(i))
            case .float(let d): put(YAMLWriter.number(d))
            case .string(let s): ScalarWriter.write(s, context: .block, indent: indent, into: &self)
            case .mapping: put("{}")
            case .sequence: put("[]")
            }
        }

        // MARK: Output

        var endsWithNewline: Bool { out.last == UInt8(ascii: "\n") }

        mutating func put(_ s: String) {
            out.append(contentsOf: s.utf8)
            column += s.unicodeScalars.count
        }

        mutating func put(_ byte: UInt8) {
            out.append(byte)
            if byte & 0xC0 != 0x80 { column += 1 }
        }

        mutating func newline() {
            out.append(UInt8(ascii: "\n"))
            column = 0
        }

        mutating func pad(_ indent: Int) {
            while column < indent { out.append(UInt8(ascii: " ")); column += 1 }
        }
    }

    /// A float as kubectl would print it after its JSON round trip: the JSON text, read back
    /// by go-yaml (an int if it looks like one), printed with `FormatFloat(f, 'g', -1, 64)`.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return GoFloat.g(d) }
        let json = GoFloat.json(d)
        if case .int = GoNumber.parseInt(ArraySlice(json.utf8), base: 10) { return json }
        return GoFloat.g(d)
    }
}
