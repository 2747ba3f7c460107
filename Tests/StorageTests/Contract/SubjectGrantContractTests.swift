import Foundation
import Storage
import Testing

/// A user's grants taken together (issue 9's permissions), run against SQLite and PostgreSQL alike.
@Suite("Storage contract: subject grants")
struct SubjectGrantContractTests {
    static let now = OAuthContractTests.now

    @Test("revoking a subject ends its tokens only; live grants are told apart from spent and expired ones", arguments: StorageEngine.allCases)
    func revokeSubject(engine: StorageEngine) async throws {
        try await engine.withRepositories { repositories in
            let (tokens, grants) = (repositories.tokens, repositories.grants)
            try await repositories.clients.insert(OAuthContractTests.client("c1"))
            #expect(try await grants.hasLiveGrant(subject: "discogs:42", at: Self.now) == false)
            try await tokens.insertAccess(hash: "a1", TokenContractTests.access(family: "f1", expires: 10))
            try await tokens.insertRefresh(hash: "r1", TokenContractTests.refresh(family: "f1"))
            var other = TokenContractTests.access(family: "f9")
            other.subject = "discogs:7"
            try await tokens.insertAccess(hash: "o1", other)
            #expect(try await grants.hasLiveGrant(subject: "discogs:42", at: Self.now))
            #expect(try await grants.hasLiveGrant(subject: "discogs:42", at: Self.now.addingTimeInterval(100_000)) == false, "all expired")
            #expect(try await grants.revokeSubject("discogs:42", at: Self.now) == 2)
            #expect(try await grants.revokeSubject("discogs:42", at: Self.now) == 0)
            #expect(try await grants.hasLiveGrant(subject: "discogs:42", at: Self.now) == false)
            #expect(try await tokens.findRefresh(hash: "r1")?.revokedAt == Self.now)
            #expect(try await grants.hasLiveGrant(subject: "discogs:7", at: Self.now), "another subject keeps its grant")
        }
    }
}
