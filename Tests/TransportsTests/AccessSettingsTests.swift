import Foundation
import TestSupport
import Testing

@testable import App

@Suite("Access settings: default scopes, allow-list, access key, login limits", .removesTemporaryFolders)
struct AccessSettingsTests {
    static func resolve(_ environment: [String: String]) throws -> ServerConfiguration {
        var environment = environment
        environment["DISCOGS_MCP_DATABASE"] = TestServer.temporaryDatabase()
        return try ServerConfiguration.resolve(flags: [:], environment: environment)
    }

    @Test("defaults: every scope asked for, anyone may sign in, no key, 10-minute links, 20 login starts an hour")
    func defaults() throws {
        let access = try Self.resolve([:]).access
        #expect(access.defaultScopes == ["read", "write", "marketplace"])
        #expect(access.allowedUsers.isEmpty && access.accessKey == nil)
        #expect(access.loginLinkLifetime == 600 && access.loginStartsPerHour == 20)
    }

    @Test("values are parsed and normalised")
    func parsed() throws {
        let access = try Self.resolve([
            "DISCOGS_MCP_DEFAULT_SCOPES": "marketplace, read", "DISCOGS_MCP_ALLOWED_USERS": " Crate_Digger ,alice,, ",
            "DISCOGS_MCP_ACCESS_KEY": String(repeating: "k", count: 32), "DISCOGS_MCP_LOGIN_LINK_SECONDS": "3",
        ]).access
        #expect(access.defaultScopes == ["read", "marketplace"])
        #expect(access.allowedUsers == ["crate_digger", "alice"])
        #expect(access.accessKey?.count == 32 && access.loginLinkLifetime == 3)
    }

    @Test(
        "invalid values stop start-up naming the setting",
        arguments: [
            ("DISCOGS_MCP_DEFAULT_SCOPES", "write"), ("DISCOGS_MCP_DEFAULT_SCOPES", "read admin"), ("DISCOGS_MCP_ACCESS_KEY", "short"),
            ("DISCOGS_MCP_ACCESS_KEY", String(repeating: "k", count: 31) + " x"), ("DISCOGS_MCP_LOGIN_LINK_SECONDS", "601"),
            ("DISCOGS_MCP_LOGIN_LINK_SECONDS", "0"), ("DISCOGS_MCP_LOGIN_STARTS_PER_HOUR", "0"),
        ]
    )
    func invalid(_ name: String, _ value: String) {
        do {
            _ = try Self.resolve([name: value])
            Issue.record("\(name)=\(value) must be refused")
        } catch let error as ConfigurationError {
            #expect(error.setting == name)
            #expect(!error.description.contains(String(repeating: "k", count: 31)), "the key is never echoed")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
