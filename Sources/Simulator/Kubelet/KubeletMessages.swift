/// Texts of the simulated kubelet. Event reasons and messages are upstream's, in English, as
/// a real cluster shows them (pkg/kubelet/events/event.go, pkg/kubelet/images/image_manager.go,
/// pkg/kubelet/kuberuntime/kuberuntime_container.go, pkg/kubelet/prober/prober.go); the
/// Spanish explanations a learner reads beside them live here too.
enum KubeletMessages {
    // image_manager.go
    static func pulling(_ image: String) -> String { "Pulling image \"\(image)\"" }
    static func pulled(_ image: String, ms: Int64, size: Int64) -> String {
        let d = goDuration(ms)
        return "Successfully pulled image \"\(image)\" in \(d) (\(d) including waiting). Image size: \(size) bytes."
    }
    static func alreadyPresent(_ image: String) -> String { "Container image \"\(image)\" already present on machine" }
    static func failedToPull(_ image: String, _ error: String) -> String { "Failed to pull image \"\(image)\": \(error)" }
    static func backOffPull(_ image: String) -> String { "Back-off pulling image \"\(image)\"" }
    /// containerd's errors through CRI for a repository that does not exist and a missing tag.
    static func accessDenied(_ full: String) -> String {
        "failed to pull and unpack image \"\(full)\": failed to resolve reference \"\(full)\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
    }
    static func notFound(_ full: String) -> String {
        "rpc error: code = NotFound desc = failed to pull and unpack image \"\(full)\": failed to resolve reference \"\(full)\": \(full): not found"
    }
    // kuberuntime_container.go
    static func created(_ c: String) -> String { "Created container: \(c)" }
    static func started(_ c: String) -> String { "Started container \(c)" }
    static func stopping(_ c: String) -> String { "Stopping container \(c)" }
    // kuberuntime_manager.go computePodActions: "Container %s definition changed", then
    // ", will be restarted" for a container that is started again.
    static func definitionChanged(_ c: String) -> String { "Container \(c) definition changed, will be restarted" }
    static func failedProbe(_ c: String, _ probe: String) -> String { "Container \(c) failed \(probe) probe, will be restarted" }
    /// computeInitContainerActions: the kill of a sidecar whose probe failed.
    static func initFailedProbe(_ c: String, _ probe: String) -> String { "Init container \(c) failed \(probe) probe" }
    // kuberuntime_manager.go doBackOff
    static func backOffRestart(_ c: String, pod: String) -> String { "Back-off restarting failed container \(c) in pod \(pod)" }
    static func crashLoopMessage(_ c: String, pod: String, seconds: Int64) -> String {
        "back-off \(goDuration(seconds * 1000)) restarting failed container=\(c) pod=\(pod)"
    }
    // kubelet_pods.go makeEnvironmentVariables
    static func configMapNotFound(_ name: String) -> String { "configmap \"\(name)\" not found" }
    static func secretNotFound(_ name: String) -> String { "secret \"\(name)\" not found" }
    static func keyNotFound(_ key: String, kind: String, namespace: String, name: String) -> String {
        "couldn't find key \(key) in \(kind) \(namespace)/\(name)"
    }
    // prober.go
    static func probeFailed(_ kind: String, _ output: String) -> String { "\(kind) probe failed: \(output)" }
    static func httpStatus(_ code: Int) -> String { "HTTP probe failed with statuscode: \(code)" }
    static func refusedHTTP(ip: String, port: Int, path: String) -> String {
        "Get \"http://\(ip):\(port)\(path)\": dial tcp \(ip):\(port): connect: connection refused"
    }
    static func refusedTCP(ip: String, port: Int) -> String { "dial tcp \(ip):\(port): connect: connection refused" }
    static func catFailed(_ file: String) -> String { "cat: can't open '\(file)': No such file or directory" }

    /// Go's `time.Duration.String` for whole milliseconds: `1.2s`, `812ms`, `5m0s`.
    static func goDuration(_ ms: Int64) -> String {
        if ms == 0 { return "0s" }
        // Written byte by byte (every pull message has two): `812ms`, `1.2s`, `5m0s`, `1h2m3.04s`.
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func decimal(_ n: Int64) {
            var digits: [UInt8] = []
            var n = n
            repeat { digits.append(UInt8(48 + n % 10)); n /= 10 } while n > 0
            out.append(contentsOf: digits.reversed())
        }
        if ms < 1000 {
            decimal(ms)
            out.append(contentsOf: [109, 115])
            return String(decoding: out, as: UTF8.self)
        }
        let totalSeconds = ms / 1000, fraction = ms % 1000, minutes = totalSeconds / 60
        if minutes >= 60 { decimal(minutes / 60); out.append(104) }
        if minutes > 0 { decimal(minutes % 60); out.append(109) }
        decimal(totalSeconds % 60)
        if fraction > 0 {
            // Three digits without their trailing zeros: .2, .04, .123.
            var f = [UInt8(48 + fraction / 100), UInt8(48 + fraction / 10 % 10), UInt8(48 + fraction % 10)]
            while f.last == 48 { f.removeLast() }
            out.append(46)
            out.append(contentsOf: f)
        }
        out.append(115)
        return String(decoding: out, as: UTF8.self)
    }
}
