import Foundation
import Locking
import Logging
import Prometheus
import TestSupport
import Testing

@testable import App

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 point 6: memory a burst of closed streams freed goes back to the system.
@Suite("Heap trim", .serialized)
struct HeapTrimTests {
    static let start = ContinuousClock.now
    static func at(_ seconds: Int) -> ContinuousClock.Instant { start + .seconds(seconds) }
    static let mebibyte = 1 << 20

    @Test("the policy trims once slack grew by the threshold over the lowest seen, at most once per interval")
    func policy() {
        var policy = HeapTrimPolicy(threshold: 4 * Self.mebibyte, minimumInterval: .seconds(5))
        func decide(_ mebibytes: Int, at second: Int) -> Bool { policy.shouldTrim(slack: mebibytes * Self.mebibyte, at: Self.at(second)) }
        #expect(!decide(20, at: 0), "the first sample is the baseline")
        #expect(!decide(23, at: 1), "3 MiB of growth is below the threshold")
        #expect(!decide(12, at: 2), "less slack lowers the baseline")
        #expect(policy.baseline == 12 * Self.mebibyte)
        #expect(decide(16, at: 3), "4 MiB over the lowest")
        policy.trimmed(slackAfter: 13 * Self.mebibyte, at: Self.at(3))
        #expect(policy.baseline == 13 * Self.mebibyte, "the slack a trim leaves is the new baseline")
        #expect(!decide(300, at: 7), "not twice within 5 s")
        #expect(decide(300, at: 8))
    }

    /// A heap whose numbers the test sets; a trim leaves `afterTrim` resident.
    final class FakeHeap: HeapAllocator {
        let state = Locked<(usage: HeapUsage, afterTrim: Int, trims: Int, looks: Int)>((HeapUsage(resident: 0, inUse: 0), 0, 0, 0))
        func usage() -> HeapUsage? {
            state.withLock {
                $0.looks += 1
                return $0.usage
            }
        }
        func trim() -> Bool {
            state.withLock {
                $0.usage.resident = $0.afterTrim
                $0.trims += 1
            }
            return true
        }
        func set(resident: Int, inUse: Int, afterTrim: Int) {
            state.withLock {
                $0.usage = HeapUsage(resident: resident, inUse: inUse)
                $0.afterTrim = afterTrim
            }
        }
        var trims: Int { state.withLock { $0.trims } }
        var looks: Int { state.withLock { $0.looks } }
    }

    @Test("the trimmer trims when the policy says so and counts what it gave back")
    func trimmer() {
        let heap = FakeHeap()
        let registry = PrometheusCollectorRegistry()
        let trimmer = HeapTrimmer(
            heap: heap,
            policy: HeapTrimmer.defaultPolicy,
            metrics: ServerMetrics(registry: registry),
            logger: Logger(label: "test")
        )
        var policy = trimmer.policy
        func check(at second: Int) -> Int? { trimmer.check(&policy, now: Self.at(second)) }
        heap.set(resident: 70 * Self.mebibyte, inUse: 60 * Self.mebibyte, afterTrim: 70 * Self.mebibyte)
        #expect(check(at: 0) == nil, "10 MiB of slack at rest is the baseline")
        // 5,000 streams opened and closed: live allocations back to 60 MiB, 250 MiB more resident.
        heap.set(resident: 320 * Self.mebibyte, inUse: 60 * Self.mebibyte, afterTrim: 72 * Self.mebibyte)
        #expect(check(at: 1) == 248 * Self.mebibyte)
        #expect(heap.trims == 1)
        #expect(check(at: 2) == nil, "nothing new to give back")
        let text = registry.emitToString()
        #expect(text.contains("discogs_mcp_heap_trims_total 1"))
        #expect(text.contains("discogs_mcp_heap_trimmed_bytes_total \(248 * Self.mebibyte)"))
    }

    @Test("the service looks at the heap every interval of its clock", .timeLimit(.minutes(1)))
    func service() async throws {
        let heap = FakeHeap()
        heap.set(resident: 70 * Self.mebibyte, inUse: 60 * Self.mebibyte, afterTrim: 70 * Self.mebibyte)
        let clock = ManualClock()
        let trimmer = HeapTrimmer(
            heap: heap,
            policy: HeapTrimPolicy(threshold: Self.mebibyte, minimumInterval: .zero),
            metrics: nil,
            logger: Logger(label: "test")
        )
        let running = Task { try await HeapTrimService(trimmer: trimmer, interval: .seconds(1), clock: clock).run() }
        defer { running.cancel() }
        // The service sleeps on the clock between looks: a new sleeper means the last look is done.
        await clock.sleepers(1)
        clock.advance(by: .seconds(1))
        await clock.sleepers(1)
        #expect(heap.looks == 1, "a look after the first interval")
        heap.set(resident: 200 * Self.mebibyte, inUse: 60 * Self.mebibyte, afterTrim: 70 * Self.mebibyte)
        #expect(heap.trims == 0)
        clock.advance(by: .seconds(1))
        await clock.sleepers(1)
        #expect(heap.trims == 1)
    }

    #if canImport(Glibc)
    @Test(
        "glibc keeps fragmented freed memory resident until malloc_trim gives it back",
        .enabled(if: HeapSettings.glibcMalloc, "malloc is not glibc's (a sanitizer build)")
    )
    func glibc() throws {
        let heap = GlibcHeap()
        let baseline = try #require(heap.usage())
        // 48 MB in 4 KB blocks on another thread (its own arena, as NIO's threads have), one block
        // in 16 kept so the free space is fragmented and glibc's own top-of-heap trimming cannot return it.
        let kept = Locked<[UInt]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            var blocks: [UnsafeMutableRawPointer] = []
            for _ in 0..<12_000 {
                guard let block = malloc(4000) else { continue }
                memset(block, 1, 4000)
                blocks.append(block)
            }
            for (index, block) in blocks.enumerated() {
                if index % 16 == 0 { kept.withLock { $0.append(UInt(bitPattern: block)) } } else { free(block) }
            }
        }
        thread.start()
        done.wait()
        defer { for address in kept.withLock({ $0 }) { free(UnsafeMutableRawPointer(bitPattern: address)) } }
        let freed = try #require(heap.usage())
        // 45 MB freed; other tests run in this process at the same time, so ask for 20 MiB of it.
        #expect(freed.slack - baseline.slack > 20 * Self.mebibyte, "freed but resident: \(freed) vs \(baseline)")
        #expect(heap.trim())
        let trimmed = try #require(heap.usage())
        #expect(freed.slack - trimmed.slack > 20 * Self.mebibyte, "given back: \(trimmed) vs \(freed)")
    }
    #endif
}
