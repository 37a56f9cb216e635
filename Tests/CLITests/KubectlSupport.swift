#if canImport(Glibc)
import Glibc
#endif
@testable import CLI

/// A temporary state folder and a clock that stands still, so every `taller k` run in a
/// test is deterministic. `run` drives `Taller.run` in-process.
struct KubectlHarness {
    let folder: String
    var wallClock: Int64?

    init(wallClock: Int64? = nil) {
        var template = Array("/tmp/taller-k-XXXXXX".utf8CString)
        folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/estado"
        self.wallClock = wallClock
    }

    var workDirectory: String { String(folder.dropLast("/estado".count)) }

    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    @discardableResult
    func run(_ args: [String], stdin: String = "") -> Result {
        var io = CapturedStreams(stdin: Array(stdin.utf8))
        let clock = wallClock
        let environment = CommandEnvironment(stateVariable: folder, wallClock: { clock })
        let code = Taller.run(args, io: &io, environment: environment)
        return Result(code: code, out: io.stdout, err: io.stderr)
    }

    /// `taller k ARGS…`.
    @discardableResult
    func k(_ args: String..., stdin: String = "") -> Result { run(["k"] + args, stdin: stdin) }

    /// Writes `text` to a file in the work folder and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let path = workDirectory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return path
    }
}

func deploymentManifest(name: String = "web", replicas: Int = 3, image: String = "nginx:1.25", templateApp: String = "web") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: \(name)
      labels: {app: \(name)}
    spec:
      replicas: \(replicas)
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: \(templateApp)}
        spec:
          containers:
          - name: web
            image: \(image)
            ports:
            - containerPort: 80

    """
}
