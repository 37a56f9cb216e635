#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX thread with a stack of our choosing (Dispatch's worker threads have 512 KiB to
/// 8 MiB, too little for the deepest legal YAML), started at once and joined by its owner.
/// Plain pthreads keep Foundation out of the binary: loading it costs every command ~6 ms.
final class BigStackThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    #if canImport(Glibc)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t? = nil
    #endif

    init(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let status = pthread_create(&thread, &attributes, { raw in
            #if canImport(Glibc)
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            #else
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, box)
        // Out of threads: do the work here rather than lose it.
        if status != 0 {
            let box = Unmanaged<Box>.fromOpaque(box).takeRetainedValue()
            box.body()
            #if canImport(Glibc)
            thread = 0
            #else
            thread = nil
            #endif
        }
    }

    func join() {
        #if canImport(Glibc)
        guard thread != 0 else { return }
        pthread_join(thread, nil)
        #else
        guard let thread else { return }
        pthread_join(thread, nil)
        #endif
    }
}
