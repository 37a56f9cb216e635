import YAML

/// What a started container does, derived from its image's catalog entry, its
/// `command`/`args` and its environment: the lines it prints (milliseconds after start), when
/// its ports answer, when and how it exits. Pure and deterministic, so logs are recomputed
/// whenever they are asked for instead of being stored.
struct ContainerProgram: Sendable {
    var lines: [(ms: Int64, text: String)] = []
    /// Exit instant and code; nil for a process that keeps running.
    var exit: (ms: Int64, code: Int, reason: String)?
    /// When the ports answer; nil when it never listens.
    var servesAfter: Int64?
    var image: ImageCatalog.Image
    var files: [String: [(from: Int64, to: Int64?)]] = [:]

    static let mebibyte: Int64 = 1024 * 1024
    static let shells: Set<String> = ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env"]
    static let shellBuiltins: Set<String> = ["echo", "sleep", "date", "exit", "true", "false", "printenv", "env", "touch", "cat", "hostname"]

    init(container: Value, image: ImageCatalog.Image, env: [String: String], podIP: String, startedAt: VirtualTime, horizon: Int64,
         tools: ShellScript.Tool? = nil) {
        self.image = image
        let command = (container["command"]?.sequence ?? []).compactMap(\.string)
        let args = (container["args"]?.sequence ?? []).compactMap(\.string)
        var words: [String] = []
        if !command.isEmpty { words = command + args } else if image.shell { words = args }
        let first = words.first ?? ""
        let firstName = String(first.split(separator: "/").last ?? "")
        if !words.isEmpty && (image.shell || ContainerProgram.shells.contains(first) || ContainerProgram.shellBuiltins.contains(firstName)) {
            let script: ShellScript
            if ContainerProgram.shells.contains(first), let c = words.firstIndex(of: "-c"), c + 1 < words.count {
                script = ShellScript(words[(c + 1)...].joined(separator: " "))
            } else {
                script = ShellScript(words.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " "))
            }
            let timeline = script.run(env: env, start: startedAt, horizon: horizon, tools: tools)
            lines = timeline.lines
            files = timeline.files
            if let e = timeline.exit { exit = (e.ms, e.code, e.code == 0 ? "Completed" : "Error") }
        } else if !image.requiresAny.isEmpty && !image.requiresAny.contains(where: { !(env[$0] ?? "").isEmpty }) {
            lines = image.missingLogs.map { (0, $0) }
            exit = (1000, image.missingExit, "Error")
        } else if let code = image.exitCode, words.isEmpty {
            exit = (0, code, code == 0 ? "Completed" : "Error")
        } else {
            servesAfter = image.startMilliseconds
            lines = image.logs.map { (image.startMilliseconds, $0.replacingAll("{ip}", with: podIP)) }
        }
        // OOMKilled: the process grows past its memory limit while starting.
        if let limit = container["resources"]?["limits"]?["memory"], PodResources.units(limit) > 0,
           PodResources.units(limit) < image.memoryMiB * ContainerProgram.mebibyte {
            let at = max(image.startMilliseconds / 2, 100)
            if exit == nil || exit!.ms > at {
                exit = (at, 137, "OOMKilled")
                lines = lines.filter { $0.ms < at }
                servesAfter = nil
            }
        }
    }

    /// The HTTP answer for a probe, or a connection error.
    enum Answer: Equatable {
        case status(Int)
        case refused
    }

    func answer(port: Int, path: String, atMs t: Int64) -> Answer {
        guard let serves = servesAfter, t >= serves, image.ports.contains(port) else { return .refused }
        // An exact path first, then the catalog's `*` (an image that answers any path, such as
        // hashicorp/http-echo), as the traffic engine serves it (TrafficEngine+Serve.swift);
        // 404 if the port declares other paths, 200 if it declares none. A loop, not
        // `filter`: probes ask this on every tick.
        let clean = path.utf8.contains(UInt8(ascii: "?")) ? String(path.prefix { $0 != "?" }) : path
        var declared = false
        var any: Int?
        for p in image.http where p.port == port {
            if p.path == clean { return .status(p.status) }
            if any == nil, p.path == "*" { any = p.status }
            declared = true
        }
        return .status(any ?? (declared ? 404 : 200))
    }

    func fileExists(_ path: String, atMs t: Int64) -> Bool {
        (files[path] ?? []).contains { $0.from <= t && ($0.to.map { t < $0 } ?? true) }
    }
}
