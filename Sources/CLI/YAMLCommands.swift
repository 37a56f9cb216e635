import YAML

/// `taller yaml eventos ARCHIVO`: the parser's event stream, in the yaml-test-suite notation.
struct YAMLEventsCommand: Command {
    static let path = ["yaml", "eventos"]
    static let summary = Messages.eventsSummary
    static let signature = Signature(positionals: [.init(name: "ARCHIVO", help: Messages.fileHelp)])
    var file: String

    init(_ arguments: ParsedArguments) throws(CLIError) { file = arguments.positionals[0] }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (bytes, name) = try FileInput.read(file, io: &io)
        do {
            io.out(EventNotation.text(try YAML.events(bytes, file: name)))
        } catch {
            throw .yaml(error, source: bytes)
        }
    }
}

/// `taller yaml json [--esquema core|kubernetes] ARCHIVO`: one line of JSON per document.
struct YAMLJSONCommand: Command {
    static let path = ["yaml", "json"]
    static let summary = Messages.jsonSummary
    static let signature = Signature(
        positionals: [.init(name: "ARCHIVO", help: Messages.fileHelp)],
        options: [.init(name: "--esquema", valueName: "ESQUEMA", help: Messages.schemaHelp, allowed: ["core", "kubernetes"])]
    )
    var file: String
    var schema: Schema

    init(_ arguments: ParsedArguments) throws(CLIError) {
        file = arguments.positionals[0]
        schema = arguments[option: "--esquema"] == "core" ? .core : .kubernetes
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (bytes, name) = try FileInput.read(file, io: &io)
        do {
            // Go's json.Marshal order (sorted keys): what kubectl sends to the apiserver.
            for value in try YAML.load(bytes, file: name, schema: schema) { io.out(JSONWriter.string(value) + "\n") }
        } catch {
            throw .yaml(error, source: bytes)
        }
    }
}

/// `taller yaml medir ARCHIVO [--veces N]` (hidden): composes the file N times, with marks,
/// and prints MB/s and the node count. `scripts/bench-yaml.sh` compares it with PyYAML.
struct YAMLMeasureCommand: Command {
    static let path = ["yaml", "medir"]
    static let summary = Messages.measureSummary
    static let hidden = true
    static let signature = Signature(
        positionals: [.init(name: "ARCHIVO", help: Messages.fileHelp)],
        options: [.init(name: "--veces", valueName: "N", help: Messages.timesHelp),
                  .init(name: "--nucleos", valueName: "1|todos", help: Messages.coresHelp, allowed: ["1", "todos"])]
    )
    var file: String
    var times: Int
    var parallel: Bool

    init(_ arguments: ParsedArguments) throws(CLIError) {
        file = arguments.positionals[0]
        let word = arguments[option: "--veces"] ?? "5"
        guard let n = Int(word), n > 0 else { throw .usage(Messages.invalidNumber(word, for: "--veces"), usage: Self.usage) }
        times = n
        parallel = arguments[option: "--nucleos"] != "1"
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let (bytes, name) = try FileInput.read(file, io: &io)
        // Only composing (and freeing what the previous pass built) is timed; nodes are
        // counted afterwards, as the PyYAML side of scripts/bench-yaml.sh does.
        var documents: [Document] = []
        let clock = ContinuousClock()
        let start = clock.now
        do {
            for _ in 0..<times {
                documents = try YAML.compose(bytes, file: name, parallel: parallel)
            }
        } catch {
            throw .yaml(error, source: bytes)
        }
        let elapsed = start.duration(to: clock.now)
        let nodes = documents.reduce(0) { $0 + Self.count($1.root) }
        let seconds = BenchFigures.seconds(elapsed)
        io.out(Messages.measured(bytes: bytes.count, times: times, seconds: seconds, nodes: nodes))
    }

    static func count(_ node: Node) -> Int {
        switch node.content {
        case .scalar: return 1
        case .sequence(let items, _): return items.reduce(1) { $0 + count($1) }
        case .mapping(let pairs, _): return pairs.reduce(1) { $0 + count($1.key) + count($1.value) }
        }
    }
}
