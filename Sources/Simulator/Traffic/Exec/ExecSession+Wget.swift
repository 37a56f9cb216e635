/// busybox `wget` (networking/wget.c, libbb/progress.c), the HTTP client of busybox and
/// Alpine images.
///
/// `wget -qO- http://web` prints the body alone. Without `-q`, standard error gets
/// `Connecting to web (10.96.45.12:80)`, `writing to stdout` (or `saving to 'index.html'`),
/// the progress line as it looks without a terminal (`%-20.20s`, percentage, a bar of
/// 80 − 48 stars, the size in 5 columns, ETA) and `written to stdout` (`'index.html' saved`).
/// Errors: `wget: bad address 'web'` (the name did not resolve, or the resolver timed out),
/// `wget: can't connect to remote host (IP): Connection refused` (no one listens, or a
/// Service without endpoints), `… Connection timed out` (dropped: the kernel gives up after
/// its SYN retries, 127 s, before wget's default 900 s `-T`), `wget: download timed out`
/// (dropped, with `-T` shorter than that), `wget: server returned error: HTTP/1.1 404 Not
/// Found` (any status but 200–204 and 300–303). All exit 1.
extension ExecSession {
    /// Linux's `tcp_syn_retries` (6): 1 + 2 + … + 64 s until connect() fails with ETIMEDOUT.
    static let synTimeoutSeconds = 127

    mutating func wget(_ args: [String], cluster: inout Cluster) -> Output {
        var quiet = false, output: String?, timeout = 900, urls: [String] = [], hostHeader: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            if a == "--" { urls += args[i...]; break }
            if a.hasPrefix("--") {
                let (name, inline) = ExecSession.longOption(a)
                switch name {
                case "quiet": quiet = true
                case "output-document": output = inline ?? (i < args.count ? args[i] : nil); if inline == nil { i += 1 }
                case "timeout": timeout = Int(inline ?? (i < args.count ? args[i] : "")) ?? timeout; if inline == nil { i += 1 }
                case "header":
                    let h = inline ?? (i < args.count ? args[i] : "")
                    if inline == nil { i += 1 }
                    if h.lowercased().hasPrefix("host:") { hostHeader = String(h.dropFirst(5)).trimmingSpaces }
                case "user-agent", "tries", "post-data": if inline == nil { i += 1 }
                default: break
                }
                continue
            }
            if a.hasPrefix("-"), a.count > 1 {
                var letters = Substring(a.dropFirst())
                while let c = letters.popFirst() {
                    switch c {
                    case "q": quiet = true
                    case "O", "T", "U", "t", "Y", "P":
                        let v = letters.isEmpty ? (i < args.count ? args[i] : "") : String(letters)
                        if letters.isEmpty { i += 1 }
                        letters = ""
                        if c == "O" { output = v }
                        if c == "T" { timeout = Int(v) ?? timeout }
                    default: break
                    }
                }
                continue
            }
            urls.append(a)
        }
        var o = Output()
        guard !urls.isEmpty else {
            o.err = "BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n"
            o.code = 1
            return o
        }
        for url in urls {
            guard var request = TrafficRequest.parse(url) else {
                o.err += "wget: not an http or ftp url: \(url)\n"
                o.code = 1
                return o
            }
            request.hostHeader = hostHeader
            // busybox keeps an explicit port in the host it prints (parse_url).
            let shownHost = url.contains("://\(request.host):") || url.hasPrefix("\(request.host):") ? "\(request.host):\(request.port)" : request.host
            let result = cluster.send(request, from: .pod(pod.key))
            guard let ip = result.ip, result.failure != .badAddress, result.failure != .dnsTimeout else {
                o.err += "wget: bad address '\(shownHost)'\n"
                o.code = 1
                return o
            }
            if !quiet { o.err += "Connecting to \(shownHost) (\(ip):\(request.port))\n" }
            if request.https, !args.contains("--no-check-certificate") { o.err += "wget: note: TLS certificate validation not implemented\n" }
            if let failure = result.failure {
                switch failure {
                case .refused: o.err += "wget: can't connect to remote host (\(ip)): Connection refused\n"
                case .unreachable: o.err += "wget: can't connect to remote host (\(ip)): No route to host\n"
                case .timedOut:
                    o.err += timeout > 0 && timeout < ExecSession.synTimeoutSeconds ? "wget: download timed out\n"
                        : "wget: can't connect to remote host (\(ip)): Connection timed out\n"
                default: o.err += "wget: error getting response\n"
                }
                o.code = 1
                return o
            }
            guard (200...204).contains(result.status) || (300...303).contains(result.status) else {
                o.err += "wget: server returned error: HTTP/1.1 \(result.status) \(HTTPText.reason(result.status))\n"
                o.code = 1
                return o
            }
            let toStdout = output == "-"
            let file = output ?? ExecSession.wgetFileName(request.path)
            if !quiet { o.err += toStdout ? "writing to stdout\n" : "saving to '\(file)'\n" }
            if toStdout { o.out += result.body }
            if !quiet {
                o.err += ExecSession.progressLine(name: toStdout ? "-" : String(file.split(separator: "/").last ?? ""), bytes: result.body.utf8.count)
                o.err += toStdout ? "written to stdout\n" : "'\(file)' saved\n"
            }
        }
        return o
    }

    /// `--name=value` → (name, value); `--name` → (name, nil).
    static func longOption(_ a: String) -> (String, String?) {
        let body = a.dropFirst(2)
        guard let eq = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<eq]), String(body[body.index(after: eq)...]))
    }

    /// The last path component, or `index.html`.
    static func wgetFileName(_ path: String) -> String {
        let clean = path.prefix { $0 != "?" }
        let last = clean.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        return last.isEmpty ? "index.html" : last
    }

    /// `bb_progress_update` without a terminal (notty: no `\r`, a newline at the end) for a
    /// download that completed within the first second.
    static func progressLine(name: String, bytes: Int) -> String {
        let padded = String((name + String(repeating: " ", count: 20)).prefix(20))
        let size = bytes < 100_000 ? String(repeating: " ", count: max(0, 5 - String(bytes).count)) + String(bytes) : ExecSession.scaled(bytes)
        guard bytes > 0 else { return "\(padded) \(size) --:--:-- ETA\n" }
        return "\(padded) 100% |\(String(repeating: "*", count: 32))| \(size)  0:00:00 ETA\n"
    }

    /// `smart_ulltoa5` for sizes past 99999: three or four digits and a unit.
    static func scaled(_ n: Int) -> String {
        var v = Double(n)
        for unit in ["k", "M", "G", "T"] {
            v /= 1024
            if v < 1000 { let s = v < 10 ? String(Int(v * 10) / 10) + "." + String(Int(v * 10) % 10) : String(Int(v)); return String(repeating: " ", count: max(0, 4 - s.count)) + s + unit }
        }
        return "  big"
    }
}
