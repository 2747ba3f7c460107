import Hummingbird

/// An RFC 6749 §5.2 error (plus RFC 7591 / RFC 8707 codes) as the endpoints return it.
///
/// The vault throws these so that the HTTP layer only has to serialize them, and tests can
/// assert the exact code a client would see.
public struct OAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var detail: String
    public var status: HTTPResponse.Status

    public init(_ code: String, _ detail: String, status: HTTPResponse.Status = .badRequest) {
        self.code = code
        self.detail = detail
        self.status = status
    }

    public var description: String { "\(code): \(detail)" }

    public static func invalidRequest(_ detail: String) -> OAuthError { OAuthError("invalid_request", detail) }
    /// 401: Claude re-registers when it sees this for a client we no longer know.
    public static func invalidClient(_ detail: String) -> OAuthError { OAuthError("invalid_client", detail, status: .unauthorized) }
    public static func invalidGrant(_ detail: String) -> OAuthError { OAuthError("invalid_grant", detail) }
    public static func unauthorizedClient(_ detail: String) -> OAuthError { OAuthError("unauthorized_client", detail) }
    public static func unsupportedGrantType(_ detail: String) -> OAuthError { OAuthError("unsupported_grant_type", detail) }
    public static func invalidScope(_ detail: String) -> OAuthError { OAuthError("invalid_scope", detail) }
    public static func invalidTarget(_ detail: String) -> OAuthError { OAuthError("invalid_target", detail) }
    public static func invalidRedirectURI(_ detail: String) -> OAuthError { OAuthError("invalid_redirect_uri", detail) }
    public static func invalidClientMetadata(_ detail: String) -> OAuthError { OAuthError("invalid_client_metadata", detail) }
    public static func serverError(_ detail: String) -> OAuthError { OAuthError("server_error", detail, status: .internalServerError) }
}
