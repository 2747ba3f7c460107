import Foundation
import Storage

extension DiscogsClient {
    /// Cacheable reads are answered from already-decoded values while their cache entry lives.
    public func fetch<T: Decodable & Sendable>(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> T {
        guard request.isIdempotentRead, let kind = request.cacheKind, cache != nil else {
            return try await send(request, as: credential).decode()
        }
        let scope = cacheScope(request, credential)
        let key = cacheKey(request, scope: scope)
        if let value = memo.value(key, as: T.self, now: clock.date) {
            observer?.cacheLookup(kind: kind, hit: true)
            return value
        }
        let response = try await send(request, as: credential)
        let value: T
        do {
            value = try response.decode()
        } catch {
            // A truncated or garbled 200 was cached as it came: drop it, or every read until it
            // expires repeats the failure (a fault run saw 180 such answers from one bad body).
            await forgetCachedAnswers(path: request.path)
            throw error
        }
        if let expiresAt = response.cacheExpiresAt {
            memo.store(value, key: key, path: request.path, scope: scope, expiresAt: expiresAt)
        }
        return value
    }

    /// Whose cached answers a read may share: everyone's for database objects, the caller's otherwise.
    func cacheScope(_ request: DiscogsRequest, _ credential: DiscogsCredential) -> String {
        request.cacheKind?.scope(for: credential) ?? credential.identity
    }

    func cacheKey(_ request: DiscogsRequest, scope: String) -> String {
        "\(scope) GET \(request.pathAndQuery)"
    }
}
