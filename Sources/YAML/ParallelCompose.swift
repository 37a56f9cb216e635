#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

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
/// The nodes are freed on every core too: the documents of a run share a `RunNodes` that
/// also holds their roots, and when the last of those documents goes, it drops the roots
/// in slices at once (a stream's nodes take about as long to free as to compose).
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

        // Each core counts the lines of its run, then composes it knowing the line it starts on.
        let lineCounts = Mutex<[Int]>(Array(repeating: 0, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let count = bytes.withUnsafeBufferPointer { buffer in
                lineBreaks(in: buffer.baseAddress! + skipped, count: n, from: cuts[k], to: cuts[k + 1])
            }
            lineCounts.withLock { $0[k] = count }
        }
        var firstLines = [0]
        for count in lineCounts.withLock({ $0 }).dropLast() { firstLines.append(firstLines[firstLines.count - 1] + count) }

        let results = Mutex<[[Document]?]>(Array(repeating: nil, count: parts))
        let firstLinesOfParts = firstLines
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let part = SourceBuffer(part: bytes, skipped: skipped, from: cuts[k], to: cuts[k + 1], line: firstLinesOfParts[k])
            // Each core checks its own part; an invalid byte anywhere sends the whole input
            // to the one-core path, which reports it.
            var documents: [Document]? = nil
            if part.isValid {
                var fast = FastComposer(source: part, file: file, limits: limits)
                if var composed = (try? fast.documents()) ?? nil {
                    RunNodes.share(&composed, slices: cores * 2)
                    documents = composed
                }
            }
            results.withLock { $0[k] = documents }
        }
        var documents: [Document] = []
        for part in results.withLock({ $0 }) {
            guard let part else { return nil }
            documents.append(contentsOf: part)
        }
        return documents.count <= limits.maxDocuments ? documents : nil
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

    /// Line breaks in bytes `[from, to)` of the `count` bytes at `p`, counted as
    /// `FastComposer` counts lines: LF, CR LF, or a lone CR. `to` starts a line (it follows
    /// an LF), so a CR LF never straddles it.
    static func lineBreaks(in p: UnsafePointer<UInt8>, count n: Int, from: Int, to: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // High bit of each byte of `w` equal to `b` (exact per byte: no carries between bytes).
        @inline(__always) func equal(_ w: UInt64, _ b: UInt64) -> UInt64 {
            let x = w ^ (b &* 0x0101_0101_0101_0101)
            return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
        }
        var count = 0
        var crs: UInt64 = 0
        var k = from
        while k + 8 <= to {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            count += equal(w, 0x0A).nonzeroBitCount
            crs |= equal(w, 0x0D)
            k += 8
        }
        while k < to {
            if p[k] == 0x0A { count += 1 } else if p[k] == 0x0D { crs = 1 }
            k += 1
        }
        guard crs != 0 else { return count }
        // Some CR: count the lone ones one byte at a time.
        for j in from..<to where p[j] == 0x0D && (j + 1 >= n || p[j + 1] != 0x0A) { count += 1 }
        return count
    }
}

/// The roots of one run's documents, which every document of the run refers to: when the
/// last of them goes, the nodes are freed in `slices` parts on every core at once.
final class RunNodes: @unchecked Sendable {
    // Each slice is released by one core, after every document has gone: nothing reads it.
    private let slices: UnsafeMutablePointer<[Node]>
    private let count: Int

    private init(_ roots: [Node], slices: Int) {
        let count = max(1, min(slices, roots.count))
        self.slices = .allocate(capacity: count)
        self.count = count
        for k in 0..<count {
            (self.slices + k).initialize(to: Array(roots[roots.count * k / count ..< roots.count * (k + 1) / count]))
        }
    }

    deinit {
        nonisolated(unsafe) let slices = self.slices
        DispatchQueue.concurrentPerform(iterations: count) { k in _ = (slices + k).move() }
        slices.deallocate()
    }

    /// Makes the documents share one `RunNodes` holding their roots.
    static func share(_ documents: inout [Document], slices: Int) {
        guard slices > 1, !documents.isEmpty else { return }
        let nodes = RunNodes(documents.map(\.root), slices: slices)
        for k in documents.indices { documents[k].runNodes = nodes }
    }
}
