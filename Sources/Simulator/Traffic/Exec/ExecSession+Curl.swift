/// `curl` as Debian bookworm ships it (7.88.1: the nginx image's): lib/connect.c,
/// lib/multi.c `multi_handle_timeout`, lib/strerror.c, src/tool_operate.c.
///
/// The body goes to standard output; without `-s` (and with standard output not a terminal,
/// as under `kubectl exec` without `-t`) standard error gets the progress meter
/// (lib/progress.c). Errors, which `-s` hides unless `-S`: `curl: (6) Could not resolve host:
/// web`; `curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server`
/// (refused); `curl: (28) Connection timed out after 5001 milliseconds` (dropped, with `-m 5`
/// or `--connect-timeout 5`; without them the kernel's 127 s end the wait with `(28) Failed to
/// connect … Couldn't connect to server`); `curl: (52) Empty reply from server`; with `-f`,
/// `curl: (22) The requested URL returned error: 404`. The exit code is the number in brackets.
/// `-w '%{http_code}'` prints the status after the body; `-o FILE` keeps the body out of the
/// terminal; `-H 'Host: …'` sets the header; `-k` accepts the Ingress controller's
/// self-signed certificates (without it: `(60) SSL certificate problem`).
extension ExecSession {
    mutating func curl(_ args: [String], cluster: inout Cluster) -> Output {
        var silent = false, showError = false, fail = false, insecure = false, include = false
        var maxTime: Int?, format: String?, outputFile: String?, hostHeader: String?, urls: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            func next() -> String { defer { i += 1 }; return i < args.count ? args[i] : "" }
            if a.hasPrefix("--") {
                let (name, inline) = ExecSession.longOption(a)
                switch name {
                case "silent": silent = true
                case "show-error": showError = true
                case "fail": fail = true
                case "insecure": insecure = true
                case "include", "head": include = true
                case "max-time", "connect-timeout": maxTime = Int(Double(inline ?? next()) ?? 0)
                case "write-out": format = inline ?? next()
                case "output": outputFile = inline ?? next()
                case "header": let h = inline ?? next(); if h.lowercased().hasPrefix("host:") { hostHeader = String(h.dropFirst(5)).trimmingSpaces }
                case "request", "user-agent", "data", "resolve": if inline == nil { _ = next() }
                default: break
                }
                continue
            }
            if a.hasPrefix("-"), a.count > 1 {
                var letters = Substring(a.dropFirst())
                while let c = letters.popFirst() {
                    switch c {
                    case "s": silent = true
                    case "S": showError = true
                    case "f": fail = true
                    case "k": insecure = true
                    case "i", "I": include = true
                    case "m", "w", "o", "H", "X", "A", "d":
                        let v = letters.isEmpty ? next() : String(letters)
                        letters = ""
                        switch c {
                        case "m": maxTime = Int(Double(v) ?? 0)
                        case "w": format = v
                        case "o": outputFile = v
                        case "H": if v.lowercased().hasPrefix("host:") { hostHeader = String(v.dropFirst(5)).trimmingSpaces }
                        default: break
                        }
                    default: break
                    }
                }
                continue
            }
            urls.append(a)
        }
        var o = Output()
        func error(_ code: Int32, _ text: String) -> Output {
            if !silent || showError { o.err += "curl: (\(code)) \(text)\n" }
            o.code = code
            return o
        }
        guard let url = urls.first else {
            o.err = "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n"
            o.code = 2
            return o
        }
        guard var request = TrafficRequest.parse(url) else { return error(1, "Protocol \"\(url.prefix { $0 != ":" })\" not supported or disabled in libcurl") }
        request.hostHeader = hostHeader
        let result = cluster.send(request, from: .pod(pod.key))
        let limit = maxTime.map { $0 > 0 ? $0 : 0 } ?? 0
        switch result.failure {
        case .badAddress?: return error(6, "Could not resolve host: \(request.host)")
        case .dnsTimeout?:
            return limit > 0 ? error(28, "Resolving timed out after \(limit * 1000 + 1) milliseconds") : error(6, "Could not resolve host: \(request.host)")
        case .refused?: return error(7, "Failed to connect to \(request.host) port \(request.port) after 0 ms: Couldn't connect to server")
        case .unreachable?: return error(7, "Failed to connect to \(request.host) port \(request.port) after 3060 ms: Couldn't connect to server")
        case .timedOut?:
            if limit > 0 && limit < ExecSession.synTimeoutSeconds { return error(28, "Connection timed out after \(limit * 1000 + 1) milliseconds") }
            return error(28, "Failed to connect to \(request.host) port \(request.port) after 127001 ms: Couldn't connect to server")
        case .emptyReply?: return error(52, "Empty reply from server")
        case .tlsToPod?: return error(35, "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number")
        case nil: break
        }
        if request.https && !insecure {
            o.code = 60
            if !silent || showError { o.err += "curl: (60) SSL certificate problem: self-signed certificate\n" + ExecSession.curlCertificateHelp }
            return o
        }
        if fail && result.status >= 400 { return error(22, "The requested URL returned error: \(result.status)") }
        var body = ""
        if include {
            body += "HTTP/1.1 \(result.status) \(HTTPText.reason(result.status))\r\n"
            if let location = result.location { body += "Location: \(location)\r\n" }
            body += "Content-Length: \(result.body.utf8.count)\r\n\r\n"
        }
        body += result.body
        if outputFile == nil || outputFile == "-" { o.out += body }
        if !silent { o.err += ExecSession.curlProgress(bytes: result.body.utf8.count) }
        if let format {
            o.out += ExecSession.writeOut(format, status: result.status, ip: result.ip ?? "", size: result.body.utf8.count)
        }
        return o
    }

    static let curlCertificateHelp = """
    More details here: https://curl.se/docs/sslcerts.html

    curl failed to verify the legitimacy of the server and therefore could not
    establish a secure connection to it. To learn more about this situation and
    how to fix it, please visit the web page mentioned above.

    """

    /// `-w`: `%{http_code}`, `%{remote_ip}`, `%{size_download}`, `\n`.
    static func writeOut(_ format: String, status: Int, ip: String, size: Int) -> String {
        format.replacingAll("%{http_code}", with: String(format: status))
            .replacingAll("%{response_code}", with: String(format: status))
            .replacingAll("%{remote_ip}", with: ip)
            .replacingAll("%{size_download}", with: String(size))
            .replacingAll("\\n", with: "\n")
    }

    /// lib/progress.c's meter for a transfer done at once (no `\r`: the lines as a terminal
    /// leaves them). The speed is that of a transfer of one millisecond.
    static func curlProgress(bytes: Int) -> String {
        let size = max5(bytes), speed = max5(bytes * 1000)
        return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
            + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
            + "100 \(size)  100 \(size)    0     0  \(speed)      0 --:--:-- --:--:-- --:--:-- \(speed)\n"
    }

    /// `max5data`: five columns, `k`/`M` past 99999.
    static func max5(_ n: Int) -> String {
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, 5 - s.count)) + s }
        if n < 100_000 { return pad(String(n)) }
        if n < 10_000 * 1024 { return pad("\(n / 1024)k") }
        if n < 100 * 1024 * 1024 { return pad("\(n / (1024 * 1024)).\(n % (1024 * 1024) * 10 / (1024 * 1024))M") }
        return pad("\(n / (1024 * 1024))M")
    }
}

private extension String {
    init(format status: Int) { self = status == 0 ? "000" : String(status) }
}
