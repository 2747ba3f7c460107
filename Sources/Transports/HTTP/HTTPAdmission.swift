import Auth
import HTTPTypes
import Hummingbird
import MCP
import NIOCore

/// The checks every MCP HTTP request passes before protocol logic runs, in the order the
/// specification gives: authentication, Origin, then (for POSTs) media type and body size.
struct HTTPAdmission: Sendable {
    let authenticator: any Authenticator
    let configuration: HTTPTransportConfiguration
    let limiter: RateLimiter<ContinuousClock>?
    /// Builds the 403 `WWW-Authenticate` for a grant missing `scopes`; nil where scopes are not OAuth grants.
    var scopeChallenge: (@Sendable (_ scopes: [String]) -> String)? = nil

    /// Authenticates, checks the Origin and the caller's rate limit; a `Response` means the request was refused.
    func admit(_ request: Request, remoteIP: String?) async -> Admission<Caller> {
        switch await authenticator.authenticate(authorization: request.headers[.authorization]) {
        case .challenge(let header, let reason):
            return .refused(HTTPReplies.challenge(header, reason: reason))
        case .authenticated(let principal):
            guard configuration.origins.allows(request.headers[.origin]) else {
                return .refused(HTTPReplies.forbiddenOrigin())
            }
            let caller = Caller(principal)
            if let limiter, let retryAfter = await limiter.check(Self.bucket(caller, remoteIP: remoteIP)) {
                return .refused(HTTPReplies.rateLimited(retryAfter: retryAfter))
            }
            return .admitted(caller)
        }
    }

    /// Anonymous callers share one principal, so they are told apart (and limited) by address.
    static func bucket(_ caller: Caller, remoteIP: String?) -> RateLimitBucket {
        caller.isAuthenticated ? .principal(caller.principalID) : .ip(remoteIP ?? "unknown")
    }

    /// Charges the messages of a batch beyond the first (which `admit` already paid for); a
    /// `Response` (429) means the batch is refused as a whole.
    func chargeBatch(_ items: Int, caller: Caller, remoteIP: String?) async -> Response? {
        guard items > 1, let limiter, let retryAfter = await limiter.check(Self.bucket(caller, remoteIP: remoteIP), cost: items - 1) else {
            return nil
        }
        return HTTPReplies.rateLimited(retryAfter: retryAfter)
    }

    /// `admit` plus the POST checks; returns the caller and the collected body.
    func admitPost(_ request: inout Request, remoteIP: String?) async -> Admission<(Caller, ByteBuffer)> {
        let caller: Caller
        switch await admit(request, remoteIP: remoteIP) {
        case .refused(let response): return .refused(response)
        case .admitted(let value): caller = value
        }
        let contentType = request.headers[.contentType]
        guard HTTPReplies.isJSONContentType(contentType) else {
            return .refused(HTTPReplies.unsupportedMediaType(contentType))
        }
        let limit = configuration.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return .refused(HTTPReplies.tooLarge(limit: limit))
        }
        do {
            let body = try await request.collectBody(upTo: limit)
            return .admitted((caller, body))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return .refused(HTTPReplies.tooLarge(limit: limit))
        } catch {
            return .refused(HTTPReplies.error(.invalidRequest("the body could not be read"), status: .badRequest))
        }
    }
}

/// The outcome of the admission checks.
enum Admission<Value: Sendable>: Sendable {
    case admitted(Value)
    case refused(Response)
}
