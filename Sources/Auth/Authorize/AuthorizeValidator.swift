import Foundation
import Storage

/// Validates `/authorize` parameters in the order RFC 6749 §4.1.2.1 fixes (client and redirect URI first, nothing redirected before they are known good).
public struct AuthorizeValidator: Sendable {
    public let vault: TokenVault
    public let indicator: ResourceIndicator
    public let supportedScopes: [String]
    /// Granted when the request names no scope.
    public let defaultScopes: [String]
    public static let maximumStateLength = 1024

    public init(vault: TokenVault, supportedScopes: [String], defaultScopes: [String]) {
        self.vault = vault
        self.indicator = vault.indicator
        self.supportedScopes = supportedScopes
        self.defaultScopes = defaultScopes
    }

    public func validate(_ parameters: [String: String]) async throws -> AuthorizeOutcome {
        // 1. Client and redirect URI first: until both check out, nothing is redirected.
        let client: OAuthClientRecord
        let redirectURI: String
        switch try await clientAndRedirect(parameters) {
        case .success(let checked): (client, redirectURI) = checked
        case .failure(let page): return page.outcome
        }
        // No error is redirected before the person has seen the consent page (RFC 9700 §4.11): any
        // client may register any https redirect URI, so an automatic error redirect would make
        // this server an open redirector for phishing links. The person sees the error instead.
        func fail(_ error: OAuthError) -> AuthorizeOutcome {
            .errorPage(
                status: 400,
                message:
                    "\(vault.metadataName(of: client)) sent an authorization request this server cannot accept (\(error.code): \(error.detail)). Nothing was shared; start the connection again from your MCP client, and if this keeps happening, report it to the client's developer."
            )
        }

        // 2. Everything else is checked next, still without redirecting.
        guard parameters["response_type"] == "code" else {
            return fail(OAuthError("unsupported_response_type", "response_type must be code"))
        }
        let challenge: String
        do {
            challenge = try PKCE.validateChallenge(parameters["code_challenge"], method: parameters["code_challenge_method"])
        } catch {
            return fail(.invalidRequest(error.description))
        }
        guard let state = parameters["state"], !state.isEmpty, state.count <= Self.maximumStateLength else {
            return fail(.invalidRequest("state is required (at most \(Self.maximumStateLength) characters)"))
        }
        let resource: String
        let scopes: [String]
        switch resourceAndScopes(parameters) {
        case .success(let checked): (resource, scopes) = checked
        case .failure(let error): return fail(error)
        }
        let name = vault.metadataName(of: client)
        return .consent(
            AuthorizationRequest(
                client: client,
                clientName: name,
                redirectURI: redirectURI,
                codeChallenge: challenge,
                state: state,
                resource: resource,
                scopes: scopes
            )
        )
    }

    /// An error page shown instead of redirecting (the client or its redirect URI is not known good).
    private struct ErrorPage: Error {
        let message: String
        var outcome: AuthorizeOutcome { .errorPage(status: 400, message: message) }
    }

    /// The registered (or metadata-document) client and a redirect URI it registered; a failure
    /// other than the document's (`OAuthError`) is thrown, as the vault threw it.
    private func clientAndRedirect(_ parameters: [String: String]) async throws -> Result<(OAuthClientRecord, String), ErrorPage> {
        guard let clientID = parameters["client_id"], !clientID.isEmpty else {
            return .failure(ErrorPage(message: "The request has no client_id. Start the connection again from your MCP client."))
        }
        let resolved: OAuthClientRecord?
        do {
            resolved = try await vault.resolveClient(id: clientID)
        } catch let error as OAuthError {
            return .failure(ErrorPage(message: "The client's metadata document cannot be used: \(error.detail)."))
        }
        guard let client = resolved else {
            return .failure(
                ErrorPage(
                    message: "This client is not registered here (unknown client_id). Remove and re-add the connector so it can register again."
                )
            )
        }
        guard let redirectURI = parameters["redirect_uri"], !redirectURI.isEmpty else {
            return .failure(ErrorPage(message: "The request has no redirect_uri."))
        }
        guard TokenVault.redirectURIMatches(redirectURI, registered: client.redirectURIs) else {
            return .failure(ErrorPage(message: "The redirect_uri does not match any URI this client registered, so the request was stopped."))
        }
        return .success((client, redirectURI))
    }

    /// The canonical resource (default: the base) and the granted scopes (default: `defaultScopes`).
    private func resourceAndScopes(_ parameters: [String: String]) -> Result<(String, [String]), OAuthError> {
        var resource = indicator.base
        if let raw = parameters["resource"] {
            guard let canonical = indicator.canonicalize(raw) else {
                return .failure(.invalidTarget("resource must be one of \(indicator.all.joined(separator: ", "))"))
            }
            resource = canonical
        }
        let requested = ScopeList.parse(parameters["scope"])
        let unknown = requested.subtracting(supportedScopes)
        guard unknown.isEmpty else {
            return .failure(
                .invalidScope("unsupported scope: \(unknown.sorted().joined(separator: " ")); supported: \(supportedScopes.joined(separator: " "))")
            )
        }
        return .success((resource, requested.isEmpty ? defaultScopes : supportedScopes.filter(requested.contains)))
    }

    /// Appends query parameters to a redirect URI, keeping any query it already has.
    public static func redirectURL(_ base: String, _ parameters: [String: String?]) -> String {
        let query = parameters.compactMap { key, value in value.map { "\(key)=\(FormBody.encode($0))" } }.sorted().joined(separator: "&")
        return base + (base.contains("?") ? "&" : "?") + query
    }
}
