#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the hidden `bench` commands measure and print.
enum BenchFigures {
    /// A duration in seconds.
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The process's peak resident memory (`getrusage`), in MiB (Linux reports KiB).
    static func peakMemoryMiB() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss / 1024)
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss / (1024 * 1024))
        #endif
    }
}
