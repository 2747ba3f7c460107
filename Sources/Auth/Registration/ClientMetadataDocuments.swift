import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Storage

/// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): an https
/// `client_id` is the URL of the client's metadata, fetched instead of registered.
///
/// The fetch is the SSRF surface of an unauthenticated endpoint, so it is fenced: https only,
/// the host's addresses are resolved first and private, loopback, link-local and other
/// non-public ranges are refused, redirects are not followed at all, a short timeout and a
/// size cap apply. The document must name itself as `client_id` exactly. Results are cached.
public actor ClientMetadataDocuments {
    public struct Policy: Sendable {
        public var timeout: Duration = .seconds(5)
        public var maximumBytes = 32 * 1024
        public var cacheLifetime: TimeInterval = 300
        /// Tests only: allow http URLs and loopback/private addresses (a local document server).
        public var allowInsecureForTesting = false

        public init() {}
    }

    public let policy: Policy
    private let httpClient: HTTPClient
    private var cache: [String: (record: OAuthClientRecord, expires: Date)] = [:]

    public init(policy: Policy = Policy()) {
        self.policy = policy
        let timeout = HTTPClient.Configuration.Timeout(connect: .seconds(3), read: TimeAmount(policy.timeout))
        httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout)
        )
    }

    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Whether a `client_id` is meant as a metadata document URL (https with a path).
    public nonisolated static func isDocumentURL(_ clientID: String, allowHTTP: Bool = false) -> Bool {
        guard let url = URLComponents(string: clientID), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return (scheme == "https" || allowHTTP && scheme == "http") && url.path.count > 1
    }

    /// The client described by the document at `url`, or an `invalid_client` error saying why not.
    public func client(at url: String) async throws -> OAuthClientRecord {
        if let cached = cache[url], Date() < cached.expires { return cached.record }
        guard Self.isDocumentURL(url, allowHTTP: policy.allowInsecureForTesting), let components = URLComponents(string: url),
            components.fragment == nil, components.user == nil, components.password == nil, let host = components.host
        else {
            throw OAuthError.invalidClient("a URL client_id must be an https URL with a path, no fragment and no credentials")
        }
        if !policy.allowInsecureForTesting {
            let addresses = try await Self.resolve(host: host, port: components.port ?? 443)
            guard !addresses.isEmpty else { throw OAuthError.invalidClient("the client_id host \(host) does not resolve") }
            if let blocked = addresses.first(where: Self.isNonPublic) {
                throw OAuthError.invalidClient("the client_id host resolves to a non-public address (\(blocked)); metadata documents are fetched only from public hosts")
            }
        }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let body: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(policy.timeout))
            guard response.status.code == 200 else {
                throw OAuthError.invalidClient("the client metadata document answered HTTP \(response.status.code) (redirects are not followed)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > policy.maximumBytes {
                throw OAuthError.invalidClient("the client metadata document is larger than \(policy.maximumBytes) bytes")
            }
            do {
                body = try await response.body.collect(upTo: policy.maximumBytes)
            } catch {
                throw OAuthError.invalidClient("the client metadata document is larger than \(policy.maximumBytes) bytes")
            }
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError.invalidClient("the client metadata document could not be fetched")
        }
        let record = try Self.record(from: Data(body.readableBytesView), url: url)
        cache[url] = (record, Date().addingTimeInterval(policy.cacheLifetime))
        if cache.count > 1000 { cache = cache.filter { Date() < $0.value.expires } }
        return record
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

    /// The host's addresses (an IP literal is its own answer), resolved off the cooperative pool.
    static func resolve(host: String, port: Int) async throws -> [SocketAddress] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let literal = try? SocketAddress(ipAddress: bare, port: port) { return [literal] }
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                [try SocketAddress.makeAddressResolvingHost(bare, port: port)]
            }
        } catch {
            throw OAuthError.invalidClient("the client_id host \(host) does not resolve")
        }
    }

    /// Loopback, private, link-local, CGNAT, multicast, unspecified and IPv4-mapped forms of those.
    static func isNonPublic(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress?.lowercased() else { return true }
        if ip.contains(":") {
            if ip == "::1" || ip == "::" { return true }
            if ip.hasPrefix("::ffff:") { return isNonPublicV4(String(ip.dropFirst(7))) }
            let first = ip.split(separator: ":").first.flatMap { UInt16($0, radix: 16) } ?? 0
            return first & 0xFE00 == 0xFC00 || first & 0xFFC0 == 0xFE80 || first & 0xFF00 == 0xFF00
        }
        return isNonPublicV4(ip)
    }

    static func isNonPublicV4(_ ip: String) -> Bool {
        let octets = ip.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return true }
        let (a, b) = (octets[0], octets[1])
        return a == 0 || a == 10 || a == 127 || a >= 224 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
            || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b))
    }
}
