import Synchronization
/// The simulated registry and what each image does (data in `Catalog/CatalogData.swift`,
/// format described there). Parsed once; instructors' extra images are parsed with the same
/// parser and merged (`merging(_:)`).
public struct ImageCatalog: Sendable {
    public struct HTTPPath: Sendable, Hashable {
        public var port: Int
        public var path: String
        public var status: Int
        public var body: String
    }

    public struct Image: Sendable {
        public var repository: String
        public var tags: Set<String> = []
        public var size: Int64 = 10_000_000
        public var pullMilliseconds: Int64 = 1000
        public var startMilliseconds: Int64 = 0
        public var memoryMiB: Int64 = 1
        public var milliCPU: Int64 = 1
        /// CPU each request per second costs, in millicores (milliseconds of CPU per request).
        public var requestMilliCPU: Double = 0.5
        /// Memory each request per second keeps busy (buffers, sessions), in KiB.
        public var requestKiB: Double = 16
        public var ports: [Int] = []
        public var http: [HTTPPath] = []
        public var logs: [String] = []
        public var requiresAny: [String] = []
        public var missingLogs: [String] = []
        public var missingExit: Int = 1
        /// Without a command: exits at once with this code (nil: a server that keeps running).
        public var exitCode: Int?
        public var shell = false
        /// The `/bin/sh` `kubectl exec` finds (`sh` directive): Debian's dash by default.
        public var execShell: ExecShell = .dash
        /// Network tools on the image's PATH besides the shell's basics (`bin` directive).
        public var binaries: Set<String> = []
        /// The body of the 404 an http port answers for an unknown path (`notfound`).
        public var notFound: String?
        /// An argument that moves the listening port (`listen-arg -listen`: `-listen=:8080`).
        public var listenArg: String?
        /// Seconds to exit on SIGTERM in milliseconds; nil ignores SIGTERM.
        public var stopMilliseconds: Int64? = 100
    }

    /// What answers `sh` in the image: Debian's dash, busybox's ash, bash, or no shell at all
    /// (images built `FROM scratch`).
    public enum ExecShell: String, Sendable {
        case dash, ash, bash, none
    }

    /// The images by repository. The standard catalog is parsed on first use, so commands
    /// that never look at an image (`taller k get`) do not pay for it.
    public var images: [String: Image] {
        get {
            switch source {
            case .standard: return ImageCatalog.standardImages
            case .parsed(let images): return images
            }
        }
        set { source = .parsed(newValue) }
    }
    private var source: Source

    private enum Source: Sendable {
        case standard
        case parsed([String: Image])
    }

    /// A static `let` is initialised once, on first use, and read without a lock afterwards.
    private static let standardImages = ImageCatalog.parse(CatalogData.text)

    public static let standard = ImageCatalog(source: .standard)

    private init(source: Source) {
        self.source = source
    }

    public init(text: String) {
        source = .parsed(ImageCatalog.parse(text))
    }

    static func parse(_ text: String) -> [String: Image] {
        var images: [String: Image] = [:]
        var current: Image?
        func flush() { if let c = current { images[c.repository] = c } }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("#") || line.trimmingSpaces.isEmpty { continue }
            let (word, rest) = line.firstWord
            if word == "image" {
                flush()
                current = Image(repository: rest)
                continue
            }
            guard current != nil else { continue }
            switch word {
            case "tags": current!.tags = Set(rest.split(separator: " ").map(String.init))
            case "size": current!.size = Int64(rest) ?? current!.size
            case "pull": current!.pullMilliseconds = ImageCatalog.millis(rest) ?? 1000
            case "start": current!.startMilliseconds = ImageCatalog.millis(rest) ?? 0
            case "memory": current!.memoryMiB = Int64(rest) ?? 1
            case "cpu": current!.milliCPU = Int64(rest) ?? 1
            case "request-cpu": current!.requestMilliCPU = Double(rest) ?? 0.5
            case "request-memory": current!.requestKiB = Double(rest) ?? 16
            case "port": if let p = Int(rest) { current!.ports.append(p) }
            case "http":
                let parts = rest.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                if parts.count >= 3, let port = Int(parts[0]), let status = Int(parts[2]) {
                    current!.http.append(HTTPPath(port: port, path: parts[1], status: status,
                                                  body: ImageCatalog.unescape(parts.count > 3 ? parts[3] : "")))
                }
            case "notfound": current!.notFound = ImageCatalog.unescape(rest)
            case "sh": current!.execShell = ExecShell(rawValue: rest) ?? .dash
            case "bin": current!.binaries.formUnion(rest.split(separator: " ").map(String.init))
            case "listen-arg": current!.listenArg = rest
            case "log": current!.logs.append(rest)
            case "requires": current!.requiresAny = rest.split(separator: "|").map(String.init)
            case "missing-log": current!.missingLogs.append(line.count > 12 ? String(line.dropFirst(12)) : "")
            case "missing-exit": current!.missingExit = Int(rest) ?? 1
            case "exit": current!.exitCode = Int(rest) ?? 0
            case "shell": current!.shell = true
            case "stop": current!.stopMilliseconds = rest == "ignore" ? nil : ImageCatalog.millis(rest)
            default: continue
            }
        }
        flush()
        return images
    }

    /// Adds (or replaces) the images described in `text`.
    public func merging(_ text: String) -> ImageCatalog {
        var merged = self
        for (k, v) in ImageCatalog(text: text).images { merged.images[k] = v }
        return merged
    }

    /// `\n` in a body is a newline, `\\` a backslash.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = "", escaped = false
        for c in s {
            if escaped { out.append(c == "n" ? "\n" : c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    static func millis(_ s: String) -> Int64? { Double(s).map { Int64(($0 * 1000).rounded()) } }

    /// An image reference split as the kubelet and containerd see it.
    public struct Reference: Sendable, Hashable {
        /// The repository as the catalog names it (`nginx`, `prom/prometheus`).
        public var repository: String
        public var tag: String
        public var digest: String?
        /// containerd's fully qualified name (`docker.io/library/nginx:1.27`).
        public var fullName: String
        /// The image's repo digest as containerd reports it in a container's `imageID` and a
        /// node's `status.images` (`docker.io/library/nginx@sha256:…`): the digest written in
        /// the reference, or a stable fake one for a tag (`PodSync.digest`).
        public var imageID: String
    }

    /// Parses `nginx`, `nginx:1.27`, `docker.io/library/nginx:1.27`, `nginx@sha256:…`
    /// (reference.ParseNormalizedNamed: a first component with a dot or colon, or `localhost`,
    /// is a registry; otherwise `docker.io`, and `library/` for single names).
    public static func reference(_ image: String) -> Reference {
        // Pods name few distinct images and the kubelet, the metrics and the HPA ask again at
        // every sync: parse each once per process.
        if let known = referenceCache.withLock({ $0[image] }) { return known }
        let parsed = parseReference(image)
        referenceCache.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[image] = parsed
        }
        return parsed
    }

    private static let referenceCache = Mutex<[String: Reference]>([:])

    static func parseReference(_ image: String) -> Reference {
        var name = image, digest: String?
        if let at = name.firstIndex(of: "@") {
            digest = String(name[name.index(after: at)...])
            name = String(name[..<at])
        }
        var tag = "latest"
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = String(name[..<colon])
        }
        var repository = name
        let first = name.split(separator: "/").first.map(String.init) ?? name
        var host = "docker.io"
        var path = name
        if name.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost") {
            host = first
            path = String(name.dropFirst(first.count + 1))
        }
        if host == "docker.io" {
            if path.hasPrefix("library/") { path = String(path.dropFirst(8)) }
            repository = path
            if !path.contains("/") { path = "library/" + path }
        }
        let full = host + "/" + path + (digest == nil ? ":" + tag : "@" + digest!)
        let imageID = digest.map { host + "/" + path + "@" + $0 } ?? host + "/" + path + "@sha256:" + PodSync.digest(full)
        return Reference(repository: repository, tag: tag, digest: digest, fullName: full, imageID: imageID)
    }

    public enum PullResult: Sendable, Equatable {
        case found(Image)
        case repositoryMissing
        case tagMissing
        public static func == (a: PullResult, b: PullResult) -> Bool {
            switch (a, b) {
            case (.found(let x), .found(let y)): x.repository == y.repository
            case (.repositoryMissing, .repositoryMissing), (.tagMissing, .tagMissing): true
            default: false
            }
        }
    }

    public func resolve(_ image: String) -> PullResult {
        let ref = ImageCatalog.reference(image)
        guard let found = images[ref.repository] else { return .repositoryMissing }
        if ref.digest != nil || found.tags.contains(ref.tag) { return .found(found) }
        return .tagMissing
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }

    var firstWord: (String, String) {
        guard let space = firstIndex(of: " ") else { return (self, "") }
        return (String(self[..<space]), String(self[index(after: space)...]))
    }
}
