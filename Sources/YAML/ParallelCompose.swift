#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Large multi-document streams (a `helm template` output, a whole class's manifests) are
/// composed on every core: the input is cut at `---` lines into a few runs of consecutive
/// documents per core, each run is composed by its own
/// `FastComposer` over its own copy of the bytes, and the results are joined in order.
/// Documents do not share anchors or tags, so each is the same as when composed alone;
/// marks keep their place in the whole input. Whenever a run would need the full parser's
/// judgement across documents (a directive, an error, too many documents), the caller
/// composes the whole stream in one piece, so results and errors never depend on the
/// number of cores.
///
/// The nodes are freed on every core too: the documents share a `StreamNodes` that also
/// holds their roots, and when the last of them goes, it drops the roots of each core's
/// runs on a core of its own (a stream's nodes take about a third as long to free as to
/// compose).
enum ParallelCompose {
    /// Below this size one core is faster than starting threads.
    static let minimumBytes = 1 << 20

    static let runsPerCore = 4
    static let minimumRunBytes = 1 << 16

    static var cores: Int { min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8) }

    /// Reads `bytes` in place (no copy of the whole input on this thread); each part is
    /// copied and checked where it is composed. The caller has checked the input's size.
    static func documents(_ bytes: [UInt8], file: String, limits: YAMLLimits,
                          minimumBytes: Int = ParallelCompose.minimumBytes) -> [Document]? {
        let cores = Self.cores
        // A byte-order mark is dropped, as `SourceBuffer` drops it.
        let skipped = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let n = bytes.count - skipped
        guard cores > 1, n >= minimumBytes else { return nil }
        // Runs of about the same number of bytes, each starting at a `---` line (where
        // `FastComposer.splitDocuments` starts a document too), found near the ideal cuts
        // without reading the whole input on this thread. A few runs per core, handed out
        // as cores become free: a core busy with another program then holds up only a
        // small run.
        let runs = max(cores, min(cores * runsPerCore, n / minimumRunBytes))
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress! + skipped
            for k in 1..<runs {
                let cut = documentStart(in: p, count: n, from: max(n * k / runs, starts[starts.count - 1] + 1))
                if cut >= n { break }
                starts.append(cut)
            }
        }
        guard starts.count > 1 else { return nil }
        starts.append(n)
        let parts = starts.count - 1
        let cuts = starts

        // Two rounds on every core. First each run is copied, checked and cut into documents,
        // which counts its lines; then, knowing the line each run starts on, it is composed.
        // Each slot of `state` is written by one core at a time, and read after the round.
        let state = RunState(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let part = SourceBuffer(part: bytes, skipped: skipped, from: cuts[k], to: cuts[k + 1], line: 0)
            // An invalid byte anywhere sends the whole input to the one-core path, which
            // reports it; so does a directive (no chunks).
            guard part.isValid, let split = FastComposer(source: part, file: file, limits: limits).splitDocumentsCountingLines() else { return }
            state.runs[k] = Run(source: part, chunks: split.chunks, lines: split.lines)
        }
        var firstLine = 0
        for k in 0..<parts {
            guard let run = state.runs[k] else { return nil }
            state.runs[k]!.firstLine = firstLine
            firstLine += run.lines
        }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let run = state.runs[k]!
            let chunks = run.chunks.map { FastComposer.Chunk(start: $0.start, end: $0.end, line: $0.line + run.firstLine, endsWithDocumentEnd: $0.endsWithDocumentEnd) }
            var fast = FastComposer(source: run.source, file: file, limits: limits)
            state.documents[k] = (try? fast.documents(chunks)) ?? nil
            state.threads[k] = currentThread()
        }
        var documents: [Document] = []
        for k in 0..<parts {
            guard let part = state.documents[k] else { return nil }
            documents.append(contentsOf: part)
        }
        guard documents.count <= limits.maxDocuments else { return nil }
        StreamNodes.share(&documents, runs: (0..<parts).map { state.documents[$0]!.map(\.root) },
                          threads: Array(UnsafeBufferPointer(start: state.threads, count: parts)))
        return documents
    }

    private struct Run {
        var source: SourceBuffer
        var chunks: [FastComposer.Chunk]
        var lines: Int
        var firstLine = 0
    }

    /// What the rounds hand each other: plain buffers, each slot written by one core (no
    /// array's shared bookkeeping is touched from two threads), and read after the round.
    private final class RunState: @unchecked Sendable {
        let count: Int
        let runs: UnsafeMutablePointer<Run?>
        let documents: UnsafeMutablePointer<[Document]?>
        let threads: UnsafeMutablePointer<UInt>
        init(count: Int) {
            self.count = count
            runs = .allocate(capacity: count)
            runs.initialize(repeating: nil, count: count)
            documents = .allocate(capacity: count)
            documents.initialize(repeating: nil, count: count)
            threads = .allocate(capacity: count)
            threads.initialize(repeating: 0, count: count)
        }
        deinit {
            runs.deinitialize(count: count)
            runs.deallocate()
            documents.deinitialize(count: count)
            documents.deallocate()
            threads.deallocate()
        }
    }

    /// The calling thread, to tell which runs were composed (so allocated) on the same one.
    static func currentThread() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    /// The first offset at or after `from` in the `n` bytes at `p` where a line starts with
    /// `---` and a blank, a line break or the end; `n` if there is none.
    static func documentStart(in p: UnsafePointer<UInt8>, count n: Int, from: Int) -> Int {
        // Past the end reads as 0, as in `SourceBuffer`'s padding.
        @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }
        var k = from
        while k < n {
            guard let found = memchr(p + k, 0x0A, n - k) else { return n }
            k = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p + 1
            if at(k) == UInt8(ascii: "-") && at(k + 1) == at(k) && at(k + 2) == at(k) && FastComposer.isBlankOrBreakOrEnd(at(k + 3)) {
                return k
            }
        }
        return n
    }

}

/// The roots of a stream's documents composed on several cores, which every one of those
/// documents refers to: when the last of them goes, the nodes are freed on every core at
/// once, each core freeing the runs one thread composed (so the memory of one allocator
/// arena: two threads freeing into the same arena would wait on its lock).
///
/// A document kept alive keeps the stream's nodes alive with it (its copies, `root` and
/// the nodes inside, do not).
final class StreamNodes: @unchecked Sendable {
    // Each group is released by one core, after every document has gone: nothing reads it.
    private let groups: UnsafeMutablePointer<[[Node]]>
    private let count: Int

    private init(_ groups: [[[Node]]]) {
        count = groups.count
        self.groups = .allocate(capacity: count)
        self.groups.initialize(from: groups, count: count)
    }

    deinit {
        nonisolated(unsafe) let groups = self.groups
        if count == 1 {
            groups.deinitialize(count: 1)
        } else {
            DispatchQueue.concurrentPerform(iterations: count) { k in _ = (groups + k).move() }
        }
        groups.deallocate()
    }

    /// Makes the documents share one `StreamNodes` holding the roots of `runs` (the roots
    /// of each run's documents), grouped by the thread in `threads` that composed each run.
    static func share(_ documents: inout [Document], runs: [[Node]], threads: [UInt]) {
        guard !documents.isEmpty else { return }
        var groups: [[[Node]]] = []
        var groupOfThread: [UInt: Int] = [:]
        for (k, roots) in runs.enumerated() {
            if let g = groupOfThread[threads[k]] {
                groups[g].append(roots)
            } else {
                groupOfThread[threads[k]] = groups.count
                groups.append([roots])
            }
        }
        let nodes = StreamNodes(groups)
        for k in documents.indices { documents[k].streamNodes = nodes }
    }
}
