/// A stack that hands out its top elements as an exactly-sized array by moving them:
/// no reference counting on the way in or out, one allocation per array. The composer
/// gathers the children of every open collection on it.
final class ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Removes the elements from `start` up and returns them, in order.
    @inline(__always)
    func pop(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0 else { return [] }
        // `reserveCapacity` is specialized for `Element`; `Array(unsafeUninitializedCapacity:)`
        // goes through an unspecialized allocator that looks up the array's generic
        // metadata on every call.
        var result: [Element] = []
        result.reserveCapacity(n)
        var k = start
        while k < count {
            result.append((base + k).move())
            k += 1
        }
        count = start
        return result
    }
}
