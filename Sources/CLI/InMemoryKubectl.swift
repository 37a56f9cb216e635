import Grader
import Simulator

/// Where a `taller k` verb finds its cluster: the saved one (`ClusterSession`: lock, load,
/// wall clock, save) or one in memory (the grader's `comando` steps).
protocol ClusterAccess {
    /// `readsEvents: false` promises that `body` reads no Event objects (a hint: the session
    /// may then leave a saved cluster's events encoded).
    func run<T>(mutates: Bool, readsEvents: Bool, _ body: (inout Cluster) throws(CLIError) -> T) throws(CLIError) -> T
}

extension ClusterSession: ClusterAccess {}

/// `taller k …` on an in-memory cluster, through the very same verbs (`KubectlCommand.run`),
/// for the grader's `comando: "k …"` steps. After a verb that writes, the controllers settle
/// at the current instant, as `ClusterSession` does; the clock only moves with the steps.
struct InMemoryKubectl: CommandRunner {
    func run(_ words: [String], cluster: inout Cluster) -> CommandOutput {
        let memory = InMemoryCluster(cluster)
        defer { cluster = memory.cluster }
        do throws(KubectlError) {
            let flags = try KubectlFlags.parse(Array(words.first == "k" ? words.dropFirst() : words[...]))
            let output = try KubectlCommand.run(flags, stdin: [], session: memory)
            return CommandOutput(out: output.out, err: output.err, failed: output.failed)
        } catch {
            return CommandOutput(err: error.text, failed: true)
        }
    }
}

/// A cluster held by reference for the length of one verb.
final class InMemoryCluster: ClusterAccess {
    var cluster: Cluster

    init(_ cluster: Cluster) { self.cluster = cluster }

    func run<T>(mutates: Bool, readsEvents: Bool, _ body: (inout Cluster) throws(CLIError) -> T) throws(CLIError) -> T {
        let revision = cluster.api.store.revision
        defer { if mutates || cluster.api.store.revision != revision { cluster.advance() } }
        return try body(&cluster)
    }
}
