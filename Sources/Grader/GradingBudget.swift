#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware
import Simulator
import Synchronization
import YAML

/// What one grading of an untrusted submission may use (`taller calificar`). The files are
/// checked before grading (size, count, kind, where they lead); these two are checked while
/// grading, between phases (each file, before and after the steps): the grader has no way to
/// interrupt the simulator in the middle of one `advance`, so a phase already running ends.
public struct GradingBudget: Sendable {
    /// Objects the learner's files may create, counting each replica of a workload as one.
    public var maxObjects: Int
    /// Monotonic clock (`CLOCK_MONOTONIC`, nanoseconds) after which the grading stops.
    public var deadline: UInt64?

    public init(maxObjects: Int = 500, deadline: UInt64? = nil) {
        self.maxObjects = maxObjects
        self.deadline = deadline
    }

    public static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    public var expired: Bool { deadline.map { GradingBudget.now() > $0 } ?? false }

    /// One object, plus the Pods it would make: `spec.replicas` (Deployment, ReplicaSet,
    /// StatefulSet), `spec.maxReplicas` (HorizontalPodAutoscaler), `spec.parallelism` (Job),
    /// and the items of a `List`.
    static func weight(_ value: Value) -> Int {
        if let items = value["items"]?.sequence { return items.reduce(1) { $0 + weight($1) } }
        var n = 1
        for field in ["replicas", "maxReplicas", "parallelism", "completions"] {
            if let count = value["spec"]?[field]?.int { n += Int(min(max(0, count), 1_000_000)) }
        }
        return n
    }
}

extension GradingRun {
    /// Past the deadline: the grading stops with an error for the learner's files.
    mutating func overBudget() -> Bool {
        guard let budget, budget.expired else { return false }
        if !report.errors.contains(where: { $0.text == GraderMessages.timeUp }) {
            report.errors.append(FileProblem(mark: nil, file: submission, text: GraderMessages.timeUp))
        }
        return true
    }
}

/// Each exercise's cluster before the learner's files (nodes, `preparar`, settled), built
/// by the first grading that needs it and copied by the rest. `Cluster` is a value, so a
/// copy is exactly the cluster `buildCluster` would make again.
public final class PreparedClusters: Sendable {
    public struct Entry: Sendable {
        var cluster: Cluster
        var contentErrors: [FileProblem]
    }
    let entries = Mutex<[String: Entry]>([:])

    public init() {}

    func entry(_ exercise: Exercise, build: () -> Entry) -> Entry {
        let key = exercise.folder + "\u{0}" + exercise.id
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let made = build()
        return entries.withLock { entries in
            if let hit = entries[key] { return hit }
            entries[key] = made
            return made
        }
    }
}
