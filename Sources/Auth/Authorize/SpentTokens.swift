import Foundation
import Locking

/// Digests of consent tokens already used, kept until the tokens would have expired anyway.
///
/// In memory on purpose: a token lives ten minutes, so a restart forgets only tokens whose
/// cookies the browser still holds for at most that long. Bounded: past `capacity` live entries
/// new tokens are refused (fail closed) rather than memory growing without limit; reaching it
/// takes that many consent pages loaded within ten minutes, which the per-address limit prevents.
final class SpentTokens: Sendable {
    private let entries = Locked<[String: Date]>([:])
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Records `digest` as spent until `expiry`; false when it was spent already (or the table is full).
    func spend(_ digest: String, until expiry: Date, now: Date) -> Bool {
        entries.withLock { table in
            if table[digest] != nil { return false }
            if table.count >= capacity {
                table = table.filter { $0.value > now }
                if table.count >= capacity { return false }
            }
            table[digest] = expiry
            return true
        }
    }
}
