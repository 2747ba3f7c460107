import Foundation
import Testing

@testable import Discogs

@Suite("Decoded-answer memo")
struct DecodedMemoTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a value lives until its cache entry expires, and only as the type it was stored as")
    func expiry() {
        var memo = DecodedMemo(capacity: 16)
        memo.store("release", key: "k", path: "/releases/1", scope: "database", expiresAt: now.addingTimeInterval(60))
        #expect(memo.value("k", as: String.self, now: now) == "release")
        #expect(memo.value("k", as: Int.self, now: now) == nil)
        memo.store("release", key: "k", path: "/releases/1", scope: "database", expiresAt: now.addingTimeInterval(60))
        #expect(memo.value("k", as: String.self, now: now.addingTimeInterval(60)) == nil)
        #expect(memo.count == 0)
    }

    @Test("writes and revocations drop what they make stale")
    func invalidation() {
        var memo = DecodedMemo(capacity: 16)
        let later = now.addingTimeInterval(60)
        memo.store(1, key: "a", path: "/users/ann/collection/folders", scope: "token:a", expiresAt: later)
        memo.store(2, key: "b", path: "/users/ann/wants", scope: "token:a", expiresAt: later)
        memo.store(3, key: "c", path: "/releases/9", scope: "database", expiresAt: later)
        memo.invalidate(pathPrefix: "/users/ann/collection")
        #expect(memo.value("a", as: Int.self, now: now) == nil)
        #expect(memo.value("b", as: Int.self, now: now) == 2)
        memo.invalidate(scope: "token:a")
        #expect(memo.value("b", as: Int.self, now: now) == nil)
        #expect(memo.value("c", as: Int.self, now: now) == 3)
    }

    @Test("when full, the least recently used entries go first")
    func eviction() {
        var memo = DecodedMemo(capacity: 8)
        let later = now.addingTimeInterval(60)
        for n in 0..<8 { memo.store(n, key: "k\(n)", path: "/p\(n)", scope: "s", expiresAt: later) }
        _ = memo.value("k0", as: Int.self, now: now)
        memo.store(8, key: "k8", path: "/p8", scope: "s", expiresAt: later)
        #expect(memo.count == 8)
        #expect(memo.value("k0", as: Int.self, now: now) == 0)
        #expect(memo.value("k1", as: Int.self, now: now) == nil)
        #expect(memo.value("k8", as: Int.self, now: now) == 8)
    }
}
