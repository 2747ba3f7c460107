// Does ThreadSanitizer see Synchronization.Mutex? Four threads share a dictionary only through
// Mutex.withLock, which is race-free; a ThreadSanitizer report here means the detector cannot see
// the lock (on Linux the Mutex locks inside libswiftSynchronization, which is not instrumented),
// so scripts/sanitize suppresses reports in the files that hold a Mutex. Built and run by scripts/sanitize.
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
