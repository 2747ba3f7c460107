import Discogs
import Foundation

/// Counts one tool call's Discogs reads: how many reached Discogs and how many the response cache answered.
///
/// The ranking tools promise to say what they spent of the shared 60-a-minute budget. Reads go
/// through `send` (the client's cache and governor still apply) so each answer's `fromCache` is
/// seen; a read joined to an identical one already in flight counts as upstream.
struct TallyingDiscogsAPI: DiscogsAPI {
    let base: any DiscogsAPI
    let tally = RequestTally()

    func send(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> DiscogsResponse {
        let response = try await base.send(request, as: credential)
        await tally.record(fromCache: response.fromCache)
        return response
    }

    func fetch<T: Decodable & Sendable>(_ request: DiscogsRequest, as credential: DiscogsCredential) async throws -> T {
        try await send(request, as: credential).decode()
    }

    func requestToken(callback: URL?) async throws -> OAuthTokenPair { try await base.requestToken(callback: callback) }

    func accessToken(requestToken: String, secret: String, verifier: String) async throws -> OAuthTokenPair {
        try await base.accessToken(requestToken: requestToken, secret: secret, verifier: verifier)
    }

    func authorizeURL(requestToken: String) -> URL { base.authorizeURL(requestToken: requestToken) }
}

/// The running count behind `TallyingDiscogsAPI`.
actor RequestTally {
    private(set) var upstream = 0
    private(set) var cached = 0

    func record(fromCache: Bool) {
        if fromCache { cached += 1 } else { upstream += 1 }
    }

    /// "Used 7 Discogs requests (3 more answered from cache)." or "Used no Discogs request: 7 answers came from cache."
    func sentence() -> String {
        if upstream == 0 { return "Used no Discogs request: \(Wording.count(cached, "answer")) came from cache." }
        return "Used \(Wording.count(upstream, "Discogs request"))" + (cached > 0 ? " (\(cached) more answered from cache)." : ".")
    }
}
