/// What the authorization server reports to the metrics layer.
///
/// Events and failure reasons are small fixed vocabularies, so they make bounded metric labels:
/// never a client id, user or token.
public enum OAuthEvent: String, Sendable, CaseIterable {
    case registration
    case authorizationStarted = "authorization_started"
    case authorizationApproved = "authorization_approved"
    case authorizationDenied = "authorization_denied"
    case tokenIssued = "token_issued"
    case tokenRefreshed = "token_refreshed"
    case tokenRevoked = "token_revoked"
    case sessionLinked = "session_linked"
}

/// Receives OAuth events and failures; `ServerMetrics` is the production observer.
public protocol OAuthObserver: Sendable {
    func oauthEvent(_ event: OAuthEvent)
    /// `reason` is an RFC 6749 error code or one of `OAuthFailure`'s names.
    func oauthFailure(_ reason: String)
}

/// Failure reasons outside the RFC 6749 codes.
public enum OAuthFailure {
    public static let csrf = "csrf"
    public static let loginStateUnknown = "login_state_unknown"
    public static let discogsRequestToken = "discogs_request_token"
    public static let discogsAccessToken = "discogs_access_token"
    public static let discogsIdentity = "discogs_identity"
    public static let discogsDenied = "discogs_denied"
    public static let clientMetadataDocument = "client_metadata_document"
    public static let loginLink = "login_link"
    public static let storage = "storage"
    /// A Discogs account not on `DISCOGS_MCP_ALLOWED_USERS` finished the login and was refused.
    public static let userNotAllowed = "user_not_allowed"
    /// An address started more Discogs logins than its hourly cap.
    public static let loginStartLimited = "login_start_limited"
    /// `/authorize` parameters refused before consent (shown as an error page, never redirected).
    public static let invalidAuthorizationRequest = "invalid_authorization_request"

    /// Every reason a failure may carry, so the label set stays bounded.
    public static let known: Set<String> = [
        csrf, loginStateUnknown, discogsRequestToken, discogsAccessToken, discogsIdentity, discogsDenied, clientMetadataDocument, loginLink,
        storage, userNotAllowed, loginStartLimited, invalidAuthorizationRequest, "invalid_request", "invalid_client", "invalid_grant",
        "unauthorized_client", "unsupported_grant_type", "invalid_scope",
        "invalid_target", "invalid_redirect_uri", "invalid_client_metadata", "server_error", "access_denied", "unsupported_response_type",
    ]
}
