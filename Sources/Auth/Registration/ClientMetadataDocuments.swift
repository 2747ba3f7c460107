import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Storage

/// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): an https
/// `client_id` is the URL of the client's metadata, fetched instead of registered.
///
/// The fetch is the SSRF surface of an unauthenticated endpoint, so it is fenced: https only;
/// the host is resolved once and every address it has must be public (`SpecialPurposeAddresses`),
/// since the connection could otherwise land on the one private record of a mixed answer; the
/// connection then goes to a vetted address (pinned: the HTTP client never resolves the name
/// again, so a rebinding name cannot swap in another address; TLS still verifies the name).
/// Redirects are not followed at all, a short timeout and a size cap apply. Errors never name
/// a resolved address, and say the same whether a name is missing or private, so callers learn
/// nothing about internal names. The document must name itself as `client_id` exactly. Results
/// are cached.
public actor ClientMetadataDocuments {
    public struct Policy: Sendable {
        public var timeout: Duration = .seconds(5)
        public var maximumBytes = 32 * 1024
        public var cacheLifetime: TimeInterval = 300
        /// Tests only: allow http URLs and loopback/private addresses (a local document server).
        public var allowInsecureForTesting = false
        /// Where host names are looked up (tests serve chosen records; operators may pin names).
        public var resolver: any HostResolver = SystemHostResolver()
        /// How many vetted addresses are tried when connecting fails.
        public var maximumAttempts = 3

        public init() {}
    }

    public let policy: Policy
    private var cache: [String: (record: OAuthClientRecord, expires: Date)] = [:]

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Kept for the owner's lifecycle; each fetch closes its own pinned HTTP client.
    public func shutdown() async throws {}

    /// Whether a `client_id` is meant as a metadata document URL (https with a path).
    public nonisolated static func isDocumentURL(_ clientID: String, allowHTTP: Bool = false) -> Bool {
        guard let url = URLComponents(string: clientID), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return (scheme == "https" || allowHTTP && scheme == "http") && url.path.count > 1
    }

    /// The client described by the document at `url`, or an `invalid_client` error saying why not.
    public func client(at url: String) async throws -> OAuthClientRecord {
        if let cached = cache[url], Date() < cached.expires { return cached.record }
        guard Self.isDocumentURL(url, allowHTTP: policy.allowInsecureForTesting), let components = URLComponents(string: url),
            components.fragment == nil, components.user == nil, components.password == nil, let host = URL(string: url)?.host
        else {
            throw OAuthError.invalidClient("a URL client_id must be an https URL with a path, no fragment and no credentials")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses = try await vettedAddresses(of: bare)
        let deadline = ContinuousClock.now + policy.timeout
        for address in addresses.prefix(max(1, policy.maximumAttempts)) where ContinuousClock.now < deadline {
            let body: ByteBuffer
            do {
                body = try await fetch(url, host: host, pinnedTo: address)
            } catch is Unreachable {
                continue  // the next vetted address may answer
            }
            let record = try Self.record(from: Data(body.readableBytesView), url: url)
            cache[url] = (record, Date().addingTimeInterval(policy.cacheLifetime))
            if cache.count > 1000 { cache = cache.filter { Date() < $0.value.expires } }
            return record
        }
        throw OAuthError.invalidClient("the client metadata document could not be fetched")
    }

    /// The connection or the exchange failed (as opposed to an answer we refuse).
    struct Unreachable: Error {}

    /// Resolves `host` once and returns its addresses if every one of them is public.
    func vettedAddresses(of host: String) async throws -> [IPAddress] {
        let unusable = OAuthError.invalidClient(
            "the client_id host must resolve, and to public addresses only: metadata documents are fetched only from public hosts"
        )
        let addresses: [IPAddress]
        do {
            addresses = try await policy.resolver.addresses(of: host)
        } catch {
            throw unusable
        }
        guard !addresses.isEmpty else { throw unusable }
        if !policy.allowInsecureForTesting, addresses.contains(where: { !SpecialPurposeAddresses.isPublic($0) }) {
            throw unusable
        }
        return addresses
    }

    /// GETs `url` over a connection to `address`, with the URL's own Host header and TLS name.
    private func fetch(_ url: String, host: String, pinnedTo address: IPAddress) async throws -> ByteBuffer {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(3), read: TimeAmount(policy.timeout))
        )
        // AsyncHTTPClient connects to the override and keeps the URL's host for Host, SNI and
        // certificate verification: the equivalent of curl's --resolve.
        if IPAddress(host) == nil { configuration.dnsOverride = [host: address.description] }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let body = try await fetch(url, with: httpClient)
            try? await httpClient.shutdown()
            return body
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    private func fetch(_ url: String, with httpClient: HTTPClient) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(policy.timeout))
            guard response.status.code == 200 else {
                throw OAuthError.invalidClient("the client metadata document answered HTTP \(response.status.code) (redirects are not followed)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > policy.maximumBytes {
                throw OAuthError.invalidClient("the client metadata document is larger than \(policy.maximumBytes) bytes")
            }
            do {
                return try await response.body.collect(upTo: policy.maximumBytes)
            } catch {
                throw OAuthError.invalidClient("the client metadata document is larger than \(policy.maximumBytes) bytes")
            }
        } catch let error as OAuthError {
            throw error
        } catch {
            throw Unreachable()
        }
    }

    /// Validates a fetched document: self-naming `client_id`, acceptable redirect URIs, a public client.
    static func record(from data: Data, url: String) throws -> OAuthClientRecord {
        struct Named: Decodable {
            var clientID: String?
            enum CodingKeys: String, CodingKey { case clientID = "client_id" }
        }
        let named: Named
        let metadata: ClientMetadata
        do {
            named = try JSONDecoder().decode(Named.self, from: data)
            metadata = try JSONDecoder().decode(ClientMetadata.self, from: data)
        } catch {
            throw OAuthError.invalidClient("the client metadata document is not a JSON object of client metadata")
        }
        guard named.clientID == url else {
            throw OAuthError.invalidClient("the client metadata document's client_id must equal its URL exactly")
        }
        guard let uris = metadata.redirectURIs, !uris.isEmpty, uris.count <= RegistrationPolicy.maximumRedirectURIs else {
            throw OAuthError.invalidClient("the client metadata document must list redirect_uris")
        }
        for uri in uris {
            do { try RegistrationPolicy.checkRedirectURI(uri) } catch let error as OAuthError { throw OAuthError.invalidClient(error.detail) }
        }
        let method = metadata.tokenEndpointAuthMethod ?? "none"
        guard method == "none" else {
            throw OAuthError.invalidClient("metadata-document clients are public here: token_endpoint_auth_method must be none")
        }
        var stored = metadata
        stored.tokenEndpointAuthMethod = "none"
        let json = String(decoding: (try? JSONEncoder().encode(stored)) ?? Data("{}".utf8), as: UTF8.self)
        return OAuthClientRecord(clientID: url, secretHash: nil, authMethod: "none", redirectURIs: uris, metadataJSON: json, createdAt: Date())
    }
}
