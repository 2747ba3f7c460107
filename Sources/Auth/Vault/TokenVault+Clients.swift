import Foundation
import Storage

extension TokenVault {
    /// Stores a validated registration; returns the response, including a secret for confidential clients.
    public func register(_ metadata: ClientMetadata) async throws -> ClientRegistrationResponse {
        let clientID = OpaqueToken.generate(prefix: "mcp_")
        let method = metadata.tokenEndpointAuthMethod ?? "none"
        let secret = method == "none" ? nil : OpaqueToken.generate(prefix: "cs_")
        let issuedAt = now()
        let json = String(decoding: try JSONEncoder().encode(metadata), as: UTF8.self)
        try await repositories.clients.insert(
            OAuthClientRecord(
                clientID: clientID,
                secretHash: secret.map(OpaqueToken.digest),
                authMethod: method,
                redirectURIs: metadata.redirectURIs ?? [],
                metadataJSON: json,
                createdAt: issuedAt
            )
        )
        return ClientRegistrationResponse(
            clientID: clientID,
            clientIDIssuedAt: Int(issuedAt.timeIntervalSince1970),
            clientSecret: secret,
            clientSecretExpiresAt: secret == nil ? nil : 0,
            metadata: metadata
        )
    }

    public func client(id: String) async throws -> OAuthClientRecord? {
        try await resolveClient(id: id)
    }

    /// A registered client, or for an https `client_id` the client its metadata document describes.
    ///
    /// A document client also gets a row in the client table (codes and tokens reference it);
    /// its redirect URIs are always taken from the freshly fetched (or cached) document.
    /// Throws `invalid_client` when a document cannot be used.
    public func resolveClient(id: String) async throws -> OAuthClientRecord? {
        if let documents, ClientMetadataDocuments.isDocumentURL(id, allowHTTP: documents.policy.allowInsecureForTesting) {
            let record = try await documents.client(at: id)
            if try await repositories.clients.find(clientID: id) == nil {
                try await repositories.clients.insert(record)
            }
            return record
        }
        return try await repositories.clients.find(clientID: id)
    }

    /// Turns on Client ID Metadata Documents.
    public func useClientMetadataDocuments(_ documents: ClientMetadataDocuments) {
        self.documents = documents
    }

    /// The registered metadata of a client, for the consent page.
    ///
    /// Stored metadata was validated at registration; an unreadable row shows as empty metadata
    /// (the consent page then falls back to the client id) rather than blocking the login.
    public nonisolated func metadata(of client: OAuthClientRecord) -> ClientMetadata {
        (try? JSONDecoder().decode(ClientMetadata.self, from: Data(client.metadataJSON.utf8))) ?? ClientMetadata()
    }

    /// Authenticates a token or revocation request's client per its registered method.
    ///
    /// Unknown clients get 401 `invalid_client` exactly: Claude re-registers on that answer.
    public func authenticate(_ credentials: ClientCredentials) async throws -> OAuthClientRecord {
        guard let client = try await resolveClient(id: credentials.clientID) else {
            throw OAuthError.invalidClient("unknown client_id; register again")
        }
        switch client.authMethod {
        case "none":
            guard credentials.channel != .basic, credentials.secret == nil else {
                throw OAuthError.invalidClient("this client is public (token_endpoint_auth_method none) and has no secret")
            }
        case "client_secret_basic", "client_secret_post":
            let expected: ClientCredentials.Channel = client.authMethod == "client_secret_basic" ? .basic : .post
            guard credentials.channel == expected else {
                throw OAuthError.invalidClient("this client must authenticate with \(client.authMethod)")
            }
            guard let secret = credentials.secret, let hash = client.secretHash, ConstantTime.equal(OpaqueToken.digest(secret), hash) else {
                throw OAuthError.invalidClient("client authentication failed")
            }
        default:
            throw OAuthError.invalidClient("client has an unsupported authentication method")
        }
        // Registrations nobody uses are purged; a client that authenticates here is in use.
        try await repositories.clients.markUsed(clientID: client.clientID, at: now())
        return client
    }

    /// Exact match against the registered redirect URIs; for loopback IP literals the port may differ (RFC 8252 §7.3).
    public nonisolated static func redirectURIMatches(_ presented: String, registered: [String]) -> Bool {
        if registered.contains(presented) { return true }
        guard var given = URLComponents(string: presented), given.scheme == "http",
            let host = given.host, host == "127.0.0.1" || host == "[::1]" || host == "::1"
        else { return false }
        given.port = nil
        return registered.contains { candidate in
            guard var stored = URLComponents(string: candidate), stored.scheme == "http", stored.host == host else { return false }
            stored.port = nil
            return stored.string == given.string
        }
    }

    /// The client's display name, falling back to its id.
    nonisolated func metadataName(of client: OAuthClientRecord) -> String {
        metadata(of: client).clientName.flatMap { $0.isEmpty ? nil : $0 } ?? client.clientID
    }
}
