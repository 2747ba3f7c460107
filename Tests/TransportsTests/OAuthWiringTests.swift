import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import Storage
import TestSupport
import Testing

@testable import App
@testable import Discogs

/// A tool only a `write` grant sees, to exercise scope filtering and the 403 step-up.
struct WriteTool: Tool {
    let definition = ToolDefinition(
        name: "write_thing",
        title: "Write",
        description: "Needs write.",
        annotations: .init(readOnly: false, openWorld: false),
        requiredScope: "write"
    )
    func call(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolResult { .text("written") }
}

@Suite("OAuth wiring in the composition root", .removesTemporaryFolders)
struct OAuthWiringTests {
    static let base = "http://127.0.0.1:8080"

    /// Mints tokens straight from a second vault on the server's database (same secret, same issuer).
    static func tokens(database: String, scope: String, subject: String = "discogs:77") async throws -> IssuedTokens {
        let vault = TokenVault(
            repositories: .sqlite(try Database(path: database)),
            box: SecretBox(keyMaterial: String(repeating: "s", count: 40)),
            indicator: ResourceIndicator(publicBaseURL: base)
        )
        var metadata = ClientMetadata()
        metadata.redirectURIs = ["http://127.0.0.1:9/cb"]
        metadata.tokenEndpointAuthMethod = "none"
        let client = try await vault.register(try RegistrationPolicy(supportedScopes: ["read", "write", "marketplace"]).validate(metadata))
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let code = try await vault.issueCode(
            CodeBinding(
                clientID: client.clientID,
                subject: subject,
                redirectURI: "http://127.0.0.1:9/cb",
                codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                resource: base + "/mcp",
                scope: scope
            )
        )
        return try await vault.exchangeCode(
            code,
            clientID: client.clientID,
            redirectURI: "http://127.0.0.1:9/cb",
            verifier: verifier,
            resource: base + "/mcp"
        )
    }

    @Test("with consumer credentials: 401 challenge, tools filtered by the grant, 403 insufficient_scope naming the union")
    func scopes() async throws {
        let database = TestServer.temporaryDatabase()
        var configuration = TestServer.configuration(database: database)
        configuration.discogs.consumerKey = "key"
        configuration.discogs.consumerSecret = "secret"
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var dependencies = AppDependencies(logger: logger)
        dependencies.extraTools = [WriteTool()]
        let built = try buildApplication(configuration, dependencies: dependencies)
        let (hub, registry) = (dependencies.listChanges, dependencies.metricsRegistry)
        try await built.application.test(.live) { client in
            let server = TestServer(client: client, port: client.port ?? 0, hub: hub, registry: registry)
            let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{\#(TestServer.meta)}}"#
            let anonymous = try await server.post(list, headers: TestServer.modernHeaders("tools/list"))
            #expect(anonymous.status == .unauthorized)
            // The challenge asks for every scope a person may grant (issue 9): Claude requests exactly it.
            #expect(
                anonymous.headers[.wwwAuthenticate]
                    == #"Bearer resource_metadata="\#(Self.base)/.well-known/oauth-protected-resource/mcp", scope="read write marketplace""#
            )

            let read = try await Self.tokens(database: database, scope: "read")
            var headers = TestServer.modernHeaders("tools/list")
            headers[.authorization] = "Bearer \(read.accessToken)"
            let listed = try await server.post(list, headers: headers)
            #expect(listed.status == .ok)
            let names = String(buffer: listed.body)
            #expect(names.contains("auth_status") && !names.contains("write_thing"))

            var call = TestServer.modernHeaders("tools/call", name: "write_thing")
            call[.authorization] = "Bearer \(read.accessToken)"
            let refused = try await server.post(
                #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"write_thing","arguments":{},\#(TestServer.meta)}}"#,
                headers: call
            )
            #expect(refused.status == .forbidden)
            let challenge = refused.headers[.wwwAuthenticate] ?? ""
            #expect(challenge.hasPrefix(#"Bearer error="insufficient_scope", scope="read write""#))
            #expect(challenge.contains(#"resource_metadata="\#(Self.base)/.well-known/oauth-protected-resource/mcp""#))

            let write = try await Self.tokens(database: database, scope: "read write")
            call[.authorization] = "Bearer \(write.accessToken)"
            let allowed = try await server.post(
                #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"write_thing","arguments":{},\#(TestServer.meta)}}"#,
                headers: call
            )
            #expect(allowed.status == .ok)

            // Discovery is served, with CIMD on and openid-configuration off (RFC 8414 §3; MCP specification 2025-11-25, "Authorization").
            let metadata = try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get)
            #expect(String(buffer: metadata.body).contains(#""client_id_metadata_document_supported":true"#))
            #expect(try await client.execute(uri: "/.well-known/openid-configuration", method: .get).status == .notFound)
        }
    }

    @Test("DISCOGS_MCP_DEFAULT_SCOPES narrows the challenge")
    func narrowedChallenge() async throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        configuration.discogs.consumerKey = "key"
        configuration.discogs.consumerSecret = "secret"
        configuration.access.defaultScopes = ["read"]
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let dependencies = AppDependencies(logger: logger)
        let built = try buildApplication(configuration, dependencies: dependencies)
        try await built.application.test(.live) { client in
            let server = TestServer(client: client, port: client.port ?? 0, hub: dependencies.listChanges, registry: dependencies.metricsRegistry)
            let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{\#(TestServer.meta)}}"#
            let anonymous = try await server.post(list, headers: TestServer.modernHeaders("tools/list"))
            #expect(anonymous.headers[.wwwAuthenticate]?.hasSuffix(#"scope="read""#) == true)
        }
    }

    @Test("single-user HTTP: a non-loopback bind needs the access key; the key needs DISCOGS_TOKEN")
    func singleUserExposure() throws {
        var configuration = TestServer.configuration(database: TestServer.temporaryDatabase())
        configuration.discogs.personalToken = "token"
        configuration.host = "0.0.0.0"
        #expect(throws: ConfigurationError.self) { try checkSingleUserExposure(configuration) }
        configuration.access.accessKey = String(repeating: "k", count: 32)
        try checkSingleUserExposure(configuration)
        configuration.discogs.personalToken = nil
        configuration.discogs.consumerKey = "key"
        #expect(throws: ConfigurationError.self) { try checkSingleUserExposure(configuration) }
    }
}
