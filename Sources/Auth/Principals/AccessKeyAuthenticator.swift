import Foundation

/// Single-user HTTP beyond loopback: every request must carry `Authorization: Bearer <key>`.
///
/// With only `DISCOGS_TOKEN` the server acts as the operator's account for whoever can reach
/// it, which is why that mode is loopback-only; a static key the operator configures
/// (`DISCOGS_MCP_ACCESS_KEY`) makes "can reach it" no longer enough, so the server may bind any
/// address, e.g. in a container or behind a TLS proxy (issue 9). Compared in constant time.
public struct AccessKeyAuthenticator: Authenticator {
    public let principal: Principal
    private let key: String

    public init(key: String, principal: Principal) {
        self.key = key
        self.principal = principal
    }

    public func authenticate(authorization: String?) async -> Authentication {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            return .challenge(wwwAuthenticate: #"Bearer realm="discogs-mcp""#, reason: "this server needs its access key as a bearer token")
        }
        let presented = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard ConstantTime.equal(presented, key) else {
            return .challenge(
                wwwAuthenticate: #"Bearer realm="discogs-mcp", error="invalid_token", error_description="the access key is wrong""#,
                reason: "the access key is wrong"
            )
        }
        return .authenticated(principal)
    }
}
