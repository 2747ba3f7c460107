import Auth
import Foundation
import Storage
import TestSupport

/// The test targets' `ManualClock` as the vault reads it: wall-clock dates from `start`, moved by hand.
struct TestClock: Sendable {
    let manual = ManualClock()
    let server: ServerClock

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        server = ServerClock(manual, epoch: start)
    }

    var now: Date { server.date }

    func advance(_ seconds: TimeInterval) {
        manual.advance(by: .milliseconds(Int64(seconds * 1000)))
    }
}

/// A fresh database file in a temporary folder, removed by `cleanup()`.
struct TempDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("auth.sqlite").path }

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("auth-tests-\(UUID().uuidString)")
    }

    func open() throws -> Database { try Database(path: path) }

    func cleanup() { try? FileManager.default.removeItem(at: directory) }
}

enum Fixtures {
    static let base = "http://127.0.0.1:8080"
    static let indicator = ResourceIndicator(publicBaseURL: base)
    static let scopes = ["read", "write", "marketplace"]
    static let redirect = "http://127.0.0.1:33418/callback"
    /// RFC 7636 Appendix B.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    static func vault(
        _ database: Database,
        clock: TestClock,
        lifetimes: TokenLifetimes = TokenLifetimes(),
        secret: String = String(repeating: "s", count: 40)
    )
        -> TokenVault
    {
        TokenVault(
            repositories: .sqlite(database),
            box: SecretBox(keyMaterial: secret),
            indicator: indicator,
            lifetimes: lifetimes,
            clock: clock.server
        )
    }

    static func publicClient(_ vault: TokenVault, redirect: String = redirect) async throws -> String {
        var metadata = ClientMetadata()
        metadata.redirectURIs = [redirect]
        metadata.tokenEndpointAuthMethod = "none"
        metadata.grantTypes = ["authorization_code", "refresh_token"]
        metadata.clientName = "test client"
        let validated = try RegistrationPolicy(supportedScopes: scopes).validate(metadata)
        return try await vault.register(validated).clientID
    }

    static func binding(clientID: String, resource: String = base + "/mcp", scope: String = "read") -> CodeBinding {
        CodeBinding(clientID: clientID, subject: "discogs:42", redirectURI: redirect, codeChallenge: challenge, resource: resource, scope: scope)
    }
}
