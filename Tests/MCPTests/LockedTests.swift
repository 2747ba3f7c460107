import Locking
import Testing

/// `Locked`, the project's lock (a Mutex that ThreadSanitizer can see).
@Suite("Locked")
struct LockedTests {
    /// Held by an object, as the server's types hold their locks.
    final class Counter: Sendable {
        let count = Locked(0)
    }

    @Test("every increment from eight concurrent tasks lands")
    func excludes() async {
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 { counter.count.withLock { $0 += 1 } }
                }
            }
        }
        #expect(counter.count.withLock { $0 } == 80_000)
    }

    @Test("an error thrown inside passes out, what was written before it stays")
    func throwsThrough() {
        struct Refused: Error {}
        let names = Locked<[String]>([])
        #expect(throws: Refused.self) {
            try names.withLock { names in
                names.append("kept")
                throw Refused()
            }
        }
        #expect(names.withLock { $0 } == ["kept"])
        #expect(names.withLock { $0.count } == 1)
    }
}
