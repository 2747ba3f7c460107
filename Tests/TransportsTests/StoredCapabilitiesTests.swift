import Foundation
import Logging
import MCP
import Storage
import TestSupport
import Testing

@testable import Transports

/// Issue 17 point 4: what a session keeps of `initialize`, in memory and in the database.
@Suite("Stored client capabilities", .removesTemporaryFolders)
struct StoredCapabilitiesTests {
    @Test("a 500 KB capabilities object is kept as its names only, also after a restart restores the session")
    func bounded() async throws {
        let path = TestServer.temporaryDatabase()
        func registry() throws -> SessionRegistry {
            SessionRegistry(
                repository: SQLiteSessionRepository(database: try Database(path: path)),
                listChanges: ListChangeHub(),
                maximumSessions: 10,
                idleTimeout: .seconds(600),
                logger: Logger(label: "test")
            )
        }
        let padding = JSONValue.string(String(repeating: "p", count: 500_000))
        let negotiation = Negotiation(
            revision: .v2025_11_25,
            requestedVersion: "2025-11-25",
            clientInfo: ["name": padding, "version": "1"],
            clientCapabilities: ["sampling": ["huge": padding], "elicitation": [:]]
        )
        let session = try await registry().create(principalID: "discogs:1", transport: .streamableHTTP, negotiation: negotiation)
        #expect(session.clientCapabilities == ["sampling": [:], "elicitation": [:]])
        let stored = try #require(try await SQLiteSessionRepository(database: try Database(path: path)).find(id: session.id))
        #expect(stored.clientCapabilitiesJSON.utf8.count <= Negotiation.maximumCapabilityBytes)
        #expect((stored.clientName?.count ?? 0) <= Negotiation.maximumInfoCharacters)
        let restored = try #require(await registry().lookup(session.id, principalID: "discogs:1"))
        #expect(restored.clientCapabilities == ["sampling": [:], "elicitation": [:]])
    }
}
