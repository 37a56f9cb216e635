import KubeAPI
import Simulator
import YAML

/// `taller cluster reiniciar [--nodos N]`: a fresh cluster (also the way out of a damaged
/// state folder: it never reads the old state).
struct ClusterResetCommand: Command {
    static let path = ["cluster", "reiniciar"]
    static let summary = "empieza con un clúster nuevo (por omisión, un nodo de control y 3 nodos de trabajo)"
    static let signature = Signature(options: [
        .init(name: "--nodos", valueName: "N", help: "cuántos nodos de trabajo (por omisión 3)"),
        .init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp),
    ])
    var workers: Int
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        let word = arguments[option: "--nodos"] ?? String(CourseNodes.defaultWorkers)
        guard let n = Int(word), n >= 0, n <= 5000 else {
            throw .usage(ClusterMessages.badNodeCount(word), usage: Self.usage)
        }
        workers = n
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let cluster = Cluster.interactive(workers: workers)
        try session.replace(with: cluster)
        io.out(ClusterMessages.reset(folder: session.folder.path, workers: workers, time: cluster.now.rfc3339))
    }
}

/// `taller cluster avanzar DURACIÓN`: moves the virtual clock (Go duration syntax).
struct ClusterAdvanceCommand: Command {
    static let path = ["cluster", "avanzar"]
    static let summary = "adelanta el reloj del clúster (30s, 5m, 1h30m) y deja trabajar a los controladores"
    static let signature = Signature(positionals: [.init(name: "DURACIÓN", help: "cuánto tiempo: 30s, 5m, 1h, 1h30m")],
                                     options: [.init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var milliseconds: Int64
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        let text = arguments.positionals[0]
        switch GoDuration.parse(text) {
        case .success(let ms):
            guard ms >= 0 else { throw .usage(ClusterMessages.negativeDuration(text), usage: Self.usage) }
            guard ms <= 7 * 24 * 3_600_000 else { throw .usage(ClusterMessages.tooLong(text), usage: Self.usage) }
            milliseconds = ms
        case .failure(let error):
            throw .usage(ClusterMessages.badDuration(text, error), usage: Self.usage)
        }
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let ms = milliseconds
        let (before, after) = try session.run(mutates: true) { (cluster: inout Cluster) throws(CLIError) -> (String, String) in
            let before = cluster.now.rfc3339
            cluster.advance(by: .milliseconds(ms))
            return (before, cluster.now.rfc3339)
        }
        io.out(ClusterMessages.advanced(from: before, to: after))
    }
}

/// `taller cluster estado`: a short summary.
struct ClusterStatusCommand: Command {
    static let path = ["cluster", "estado"]
    static let summary = "resume el clúster: hora virtual, nodos, pods por fase, deployments y avisos recientes"
    static let signature = Signature(options: [.init(name: "--estado", valueName: "CARPETA", help: ClusterMessages.stateHelp)])
    var session: ClusterSession

    init(_ arguments: ParsedArguments) throws(CLIError) {
        session = ClusterSession(option: arguments[option: "--estado"], environment: arguments.environment)
    }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        let folder = session.folder.path
        let text = try session.run(mutates: false) { (cluster: inout Cluster) throws(CLIError) -> String in
            ClusterSummary.text(cluster, folder: folder)
        }
        io.out(text)
    }
}

/// Go's `time.ParseDuration`: `[-+]` then one or more `number[.fraction]unit`, units ns, us,
/// µs, ms, s, m, h; `0` alone. Whole milliseconds (the virtual clock's resolution).
enum GoDuration {
    enum Failure: Error { case invalid, missingUnit, unknownUnit(String) }

    static func parse(_ text: String) -> Result<Int64, Failure> {
        var s = Substring(text)
        var negative = false
        if let c = s.first, c == "-" || c == "+" { negative = c == "-"; s = s.dropFirst() }
        if s == "0" { return .success(0) }
        guard !s.isEmpty else { return .failure(.invalid) }
        var total = 0.0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else { return .failure(.invalid) }
            s = s.dropFirst(number.count)
            let unit = s.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard !unit.isEmpty else { return .failure(.missingUnit) }
            s = s.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1e-6
            case "us", "µs", "μs": scale = 1e-3
            case "ms": scale = 1
            case "s": scale = 1000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            default: return .failure(.unknownUnit(String(unit)))
            }
            total += value * scale
        }
        guard total < 9.2e15 else { return .failure(.invalid) }
        let ms = Int64(total)
        return .success(negative ? -ms : ms)
    }

    /// Go's `time.Duration.String()` for whole milliseconds: `30s`, `1m0s`, `1h30m0s`, `1.5s`,
    /// `500ms`, `0s`.
    static func string(_ milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        let sign = milliseconds < 0 ? "-" : ""
        let ms = abs(milliseconds)
        if ms < 1000 { return "\(sign)\(ms)ms" }
        let fraction = ms % 1000
        var seconds = String(ms / 1000 % 60)
        if fraction > 0 {
            var digits = String(fraction)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            seconds += "." + digits
        }
        let minutes = ms / 60_000
        if minutes == 0 { return "\(sign)\(seconds)s" }
        if minutes < 60 { return "\(sign)\(minutes)m\(seconds)s" }
        return "\(sign)\(minutes / 60)h\(minutes % 60)m\(seconds)s"
    }
}
