import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The authorization server's HTTP surface: discovery, registration, token and revocation.
///
/// Mounted by the composition root on its router; kept free of transport concerns so tests
/// can mount it on a bare `Router`. No endpoint here ever redirects (clients follow only
/// same-origin, method-preserving redirects on these paths).
public struct OAuthRoutes: Sendable {
    public let vault: TokenVault
    public let indicator: ResourceIndicator
    public let scopes: [String]
    public let registrationPolicy: RegistrationPolicy
    /// Registration bodies above this are refused before parsing (registration is unauthenticated).
    public var maximumRegistrationBytes = 16 * 1024
    public var maximumFormBytes = 16 * 1024
    /// Whether `/.well-known/openid-configuration` repeats the RFC 8414 document.
    ///
    /// Issue 4 asks for it, and MCP 2025-11-25 clients try it after RFC 8414 ("Authorization",
    /// authorization server metadata discovery); but OpenID Connect Discovery 1.0 §3 requires ID
    /// tokens and `jwks_uri`, which this server does not have. Off by default.
    public var serveOpenIDConfiguration = false
    /// The field is always present (issue 4 lists it) but only `true` once client-id metadata
    /// documents are really fetched: RFC 8414 §2 says advertise only what is implemented, and
    /// a client that picks CIMD against a server without it cannot log in.
    public var clientIDMetadataDocumentSupported = false
    public var observer: (any OAuthObserver)?
    /// Called with the subject after a new grant (code exchange): its tool list may have grown
    /// (step-up), so the composition root tells its live sessions and listen streams.
    public var onGrant: (@Sendable (String) async -> Void)?

    public init(vault: TokenVault, scopes: [String]) {
        self.vault = vault
        self.indicator = vault.indicator
        self.scopes = scopes
        self.registrationPolicy = RegistrationPolicy(supportedScopes: scopes)
    }

    public var authorizationServerMetadata: AuthorizationServerMetadata {
        OAuthMetadata.authorizationServer(indicator: indicator, scopes: scopes, clientIDMetadataDocumentSupported: clientIDMetadataDocumentSupported)
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let prm = "/.well-known/oauth-protected-resource"
        for (path, endpoint) in [(prm, String?.none), (prm + "/mcp", "/mcp"), (prm + "/sse", "/sse")] {
            let document = OAuthMetadata.protectedResource(indicator: indicator, endpointPath: endpoint, scopes: scopes)
            router.get(RouterPath(path)) { _, _ in OAuthReplies.metadata(document) }
            router.on(RouterPath(path), method: .options) { _, _ in OAuthReplies.preflight() }
        }
        var asPaths = ["/.well-known/oauth-authorization-server"]
        if serveOpenIDConfiguration { asPaths.append("/.well-known/openid-configuration") }
        let asDocument = authorizationServerMetadata
        for path in asPaths {
            router.get(RouterPath(path)) { _, _ in OAuthReplies.metadata(asDocument) }
            router.on(RouterPath(path), method: .options) { _, _ in OAuthReplies.preflight() }
        }
        router.post("/register") { request, _ in await self.register(request) }
        router.post("/token") { request, _ in await self.token(request) }
        router.post("/revoke") { request, _ in await self.revoke(request) }
    }

    // MARK: Registration

    func register(_ request: Request) async -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maximumRegistrationBytes)
        } catch {
            observer?.oauthFailure("invalid_client_metadata")
            return OAuthReplies.error(
                OAuthError("invalid_client_metadata", "registration body exceeds \(maximumRegistrationBytes) bytes", status: .contentTooLarge)
            )
        }
        let metadata: ClientMetadata
        do {
            metadata = try JSONDecoder().decode(ClientMetadata.self, from: Data(body.readableBytesView))
        } catch {
            observer?.oauthFailure("invalid_client_metadata")
            return OAuthReplies.error(
                .invalidClientMetadata("the body must be a JSON object of RFC 7591 client metadata with correctly typed fields")
            )
        }
        do {
            let validated = try registrationPolicy.validate(metadata)
            let response = OAuthReplies.json(try await vault.register(validated), status: .created)
            observer?.oauthEvent(.registration)
            return response
        } catch let error as OAuthError {
            observer?.oauthFailure(error.code)
            return OAuthReplies.error(error)
        } catch {
            observer?.oauthFailure("server_error")
            return OAuthReplies.error(.serverError("registration could not be stored"))
        }
    }
}
