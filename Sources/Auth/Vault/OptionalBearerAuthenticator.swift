import Foundation

/// `/sse` and `/messages`: a bearer gets the full principal, no `Authorization` at all an
/// anonymous session (older clients without OAuth), and a bad bearer still the 401 challenge.
public struct OptionalBearerAuthenticator: Authenticator {
    public let bearer: BearerAuthenticator

    public init(bearer: BearerAuthenticator) {
        self.bearer = bearer
    }

    public func authenticate(authorization: String?) async -> Authentication {
        guard let authorization, !authorization.trimmingCharacters(in: .whitespaces).isEmpty else { return .authenticated(.anonymous) }
        return await bearer.authenticate(authorization: authorization)
    }
}
