/// The scanner's token queue: a growable buffer of plain-data `Token`s with no
/// copy-on-write or uniqueness checks on the hot path. Tokens are appended at the back,
/// taken from the front, and now and then inserted a few places back (KEY and block
/// starts found after their scalar). When it runs empty it starts again at the front.
struct TokenQueue {
    /// Frees the buffer when the queue goes away (a struct has no deinit).
    private final class Owner {
        let base: UnsafeMutablePointer<Token>
        init(_ base: UnsafeMutablePointer<Token>) { self.base = base }
        deinit { base.deallocate() }
    }

    private var base: UnsafeMutablePointer<Token>
    private var owner: Owner
    private var capacity: Int
    private var head = 0
    private var tail = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        owner = Owner(base)
    }

    var count: Int { tail - head }
    var isEmpty: Bool { head == tail }

    /// The front token; the queue must not be empty.
    var first: Token {
        @inline(__always) get { base[head] }
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        if tail == capacity { makeRoom() }
        (base + tail).initialize(to: token)
        tail += 1
    }

    /// Inserts `token` so that it becomes the `offset`-th token from the front.
    mutating func insert(_ token: Token, at offset: Int) {
        if tail == capacity { makeRoom() }
        let position = head + offset
        if position < tail {
            (base + position + 1).update(from: base + position, count: tail - position)
        }
        (base + position).initialize(to: token)
        tail += 1
    }

    @inline(__always)
    mutating func removeFirst() {
        head += 1
        if head == tail {
            head = 0
            tail = 0
        }
    }

    private mutating func makeRoom() {
        if head > 0 {
            (base).update(from: base + head, count: tail - head)
            tail -= head
            head = 0
            if tail < capacity { return }
        }
        let bigger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        bigger.initialize(from: base, count: tail)
        base = bigger
        owner = Owner(bigger)
        capacity *= 2
    }
}
