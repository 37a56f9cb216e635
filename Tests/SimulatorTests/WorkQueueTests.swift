import Testing
@testable import Simulator

/// The controllers' queue against client-go's default controller rate limiter
/// (workqueue/default_rate_limiters.go): per-item 5 ms doubling, and the overall bucket of
/// 10 per second with a burst of 100.
@Suite struct WorkQueueTests {
    func item(_ n: Int, controller: Int = 0) -> WorkQueue.Item {
        WorkQueue.Item(controller: controller, key: ObjectKey(resource: "pods", namespace: "default", name: "p\(n)"))
    }

    @Test func perItemBackOffDoublesAndForgetResets() {
        var q = WorkQueue()
        let now = VirtualTime(milliseconds: 1_000_000)
        for _ in 0..<3 { q.addRateLimited(item(0), now: now); _ = q.pop(dueBy: VirtualTime(milliseconds: now.milliseconds + 100)) }
        q.addRateLimited(item(0), now: now)
        #expect(q.nextDue() == VirtualTime(milliseconds: now.milliseconds + 40))
        q.forget(item(0))
        _ = q.pop(dueBy: VirtualTime(milliseconds: now.milliseconds + 100))
        q.addRateLimited(item(0), now: now)
        #expect(q.nextDue()!.milliseconds >= now.milliseconds + 5)
    }

    /// 100 requests pass with only the 5 ms item delay; the 101st waits for the bucket (100 ms
    /// a token); another controller has its own bucket.
    @Test func bucketAllowsABurstThenTenPerSecond() {
        var q = WorkQueue()
        let now = VirtualTime(milliseconds: 1_000_000)
        for n in 0..<100 { #expect(q.bucketDelay(0, now: now) == 0, "petición \(n)") }
        #expect(q.bucketDelay(0, now: now) == 100)
        #expect(q.bucketDelay(0, now: now) == 200)
        #expect(q.bucketDelay(1, now: now) == 0)
        // After ten quiet seconds the bucket is full again.
        let later = VirtualTime(milliseconds: now.milliseconds + 30_000)
        for _ in 0..<100 { #expect(q.bucketDelay(0, now: later) == 0) }
    }
}
