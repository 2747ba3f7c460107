// Does ThreadSanitizer see Synchronization.Mutex? Four threads share a dictionary only through
// Mutex.withLock, which is race-free; a ThreadSanitizer report here means the detector cannot see
// the lock (on Linux the Mutex locks inside libswiftSynchronization, which is not instrumented),
// which is why the project locks through Locking's `Locked` (it annotates each acquire and release).
// scripts/check-imports refuses a Mutex outside Sources/Locking. Build and run:
//   swiftc -sanitize=thread scripts/tsan/MutexProbe.swift -o /tmp/probe && /tmp/probe
import Foundation
import Synchronization

final class Handle: Sendable {
    let value: Int
    init(value: Int) { self.value = value }
}

let cache = Mutex<[Int: Handle]>([:])
let done = DispatchGroup()
for _ in 0..<4 {
    done.enter()
    Thread {
        for index in 0..<2_000 {
            let handle = cache.withLock { cache in
                if let existing = cache[index % 50] { return existing }
                let made = Handle(value: index)
                cache[index % 50] = made
                return made
            }
            _ = handle.value
        }
        done.leave()
    }.start()
}
done.wait()
print("handles: \(cache.withLock { $0.count })")
