#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Large multi-document streams (a `helm template` output, a whole class's manifests) are
/// composed on every core: the documents are cut into as many runs of consecutive
/// documents as there are cores, each run is composed by its own `FastComposer` over its
/// own copy of the bytes, and the results are joined in order. Documents do not share
/// anchors or tags, so each is the same as when composed alone; marks keep their place in
/// the whole input. Whenever a run would need the full parser's judgement across
/// documents (a directive, an error, too many documents), the caller composes the whole
/// stream in one piece, so results and errors never depend on the number of cores.
enum ParallelCompose {
    /// Below this size one core is faster than starting threads.
    static let minimumBytes = 1 << 20

    /// `source` may be unchecked (`SourceBuffer(bytes:file:limits:check: false)`): each part
    /// is checked where it is composed.
    static func documents(_ bytes: [UInt8], source: SourceBuffer, file: String, limits: YAMLLimits,
                          minimumBytes: Int = ParallelCompose.minimumBytes) -> [Document]? {
        let cores = min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8)
        guard cores > 1, source.count >= minimumBytes else { return nil }
        guard let chunks = FastComposer(source: source, file: file, limits: limits).splitDocuments(),
              chunks.count >= cores else { return nil }
        // Consecutive runs of chunks of about the same number of bytes.
        var runs: [FastComposer.Chunk] = []
        var first = chunks[0]
        let share = source.count / cores
        for chunk in chunks.dropFirst() {
            if chunk.start - first.start >= share && runs.count < cores - 1 {
                runs.append(FastComposer.Chunk(start: first.start, end: chunk.start, line: first.line))
                first = chunk
            }
        }
        runs.append(FastComposer.Chunk(start: first.start, end: source.count, line: first.line))

        let parts = runs
        let results = Mutex<[[Document]?]>(Array(repeating: nil, count: parts.count))
        let skipped = source.skipped
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            let run = parts[k]
            let part = SourceBuffer(part: bytes, skipped: skipped, from: run.start, to: run.end, line: run.line)
            // Each core checks its own part; an invalid byte anywhere sends the whole input
            // to the one-core path, which reports it.
            var documents: [Document]? = nil
            if part.isValid {
                var fast = FastComposer(source: part, file: file, limits: limits)
                documents = (try? fast.documents()) ?? nil
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
}
