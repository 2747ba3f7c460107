import Auth
import Foundation
import Storage
import Testing

@Suite("Token lifecycle (pure decisions)")
struct TokenLifecycleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let indicator = Fixtures.indicator

    func code(expiresIn: TimeInterval = 300) -> AuthorizationCodeRecord {
        AuthorizationCodeRecord(
            clientID: "c1",
            subject: "discogs:1",
            redirectURI: Fixtures.redirect,
            codeChallenge: Fixtures.challenge,
            resource: Fixtures.base + "/mcp",
            scope: "read",
            familyID: "fam1",
            createdAt: t0,
            expiresAt: t0.addingTimeInterval(expiresIn)
        )
    }

    func redeem(
        _ use: SingleUse<AuthorizationCodeRecord>,
        at offset: TimeInterval = 10,
        client: String = "c1",
        redirect: String? = Fixtures.redirect,
        verifier: String? = Fixtures.verifier,
        resource: String? = Fixtures.base + "/mcp"
    ) -> TokenLifecycle.CodeDecision {
        TokenLifecycle.redeem(
            use,
            now: t0.addingTimeInterval(offset),
            clientID: client,
            redirectURI: redirect,
            verifier: verifier,
            resource: resource
        )
    }

    @Test("a fresh code with matching bindings issues tokens; resource may be omitted")
    func codeIssue() {
        #expect(redeem(.fresh(code())) == .issue)
        #expect(redeem(.fresh(code()), resource: nil) == .issue)
    }

    @Test("each binding is enforced with the exact RFC 6749 / 8707 error")
    func codeRefusals() {
        func errorCode(_ decision: TokenLifecycle.CodeDecision) -> String? {
            if case .refuse(let error) = decision { return error.code }
            return nil
        }
        #expect(errorCode(redeem(.fresh(code()), at: 300)) == "invalid_grant")  // expired exactly at expiry
        #expect(errorCode(redeem(.fresh(code()), client: "c2")) == "invalid_grant")
        #expect(errorCode(redeem(.fresh(code()), redirect: Fixtures.redirect + "x")) == "invalid_grant")
        #expect(errorCode(redeem(.fresh(code()), redirect: nil)) == "invalid_grant")
        #expect(errorCode(redeem(.fresh(code()), verifier: nil)) == "invalid_grant")
        #expect(errorCode(redeem(.fresh(code()), verifier: String(repeating: "x", count: 43))) == "invalid_grant")
        #expect(errorCode(redeem(.fresh(code()), resource: Fixtures.base + "/sse")) == "invalid_target")
    }

    @Test("a used code is a replay naming the family to revoke")
    func codeReplay() {
        #expect(redeem(.alreadyUsed(code())) == .replay(familyID: "fam1"))
    }

    func refreshRecord(used: Bool = false, revoked: Bool = false, resource: String = Fixtures.base) -> RefreshTokenRecord {
        RefreshTokenRecord(
            familyID: "fam1",
            clientID: "c1",
            subject: "discogs:1",
            resource: resource,
            scope: "read write",
            createdAt: t0,
            expiresAt: t0.addingTimeInterval(1000),
            usedAt: used ? t0 : nil,
            revokedAt: revoked ? t0 : nil
        )
    }

    func refresh(
        _ record: RefreshTokenRecord,
        at offset: TimeInterval = 10,
        client: String = "c1",
        resource: String? = nil,
        scope: Set<String>? = nil
    )
        -> TokenLifecycle.RefreshDecision
    {
        let use: SingleUse<RefreshTokenRecord> = record.usedAt == nil ? .fresh(record) : .alreadyUsed(record)
        return TokenLifecycle.refresh(
            use,
            now: t0.addingTimeInterval(offset),
            clientID: client,
            resource: resource,
            requestedScope: scope,
            indicator: indicator
        )
    }

    @Test("refresh rotates, keeping or narrowing audience and scope")
    func refreshRotate() {
        #expect(refresh(refreshRecord()) == .rotate(audience: Fixtures.base, scope: "read write"))
        #expect(
            refresh(refreshRecord(), resource: Fixtures.base + "/mcp", scope: ["read"]) == .rotate(audience: Fixtures.base + "/mcp", scope: "read")
        )
    }

    @Test("refresh transitions: reuse, revoked, expired, wrong client, wider audience or scope")
    func refreshRefusals() {
        #expect(refresh(refreshRecord(used: true)) == .reuse(familyID: "fam1"))
        #expect(refresh(refreshRecord(used: true, revoked: true)) == .refuse(.invalidGrant("the refresh token has been revoked")))
        #expect(refresh(refreshRecord(revoked: true)) == .refuse(.invalidGrant("the refresh token has been revoked")))
        #expect(refresh(refreshRecord(), at: 1000) == .refuse(.invalidGrant("the refresh token has expired")))
        #expect(refresh(refreshRecord(), client: "c2") == .refuse(.invalidGrant("the refresh token was issued to another client")))
        #expect(
            refresh(refreshRecord(resource: Fixtures.base + "/mcp"), resource: Fixtures.base + "/sse")
                == .refuse(.invalidTarget("resource is outside the original grant"))
        )
        #expect(refresh(refreshRecord(), scope: ["marketplace"]) == .refuse(.invalidScope("requested scope exceeds the original grant")))
    }

    @Test("access decisions: valid, expired, revoked, wrong audience, unknown")
    func access() {
        let record = AccessTokenRecord(
            familyID: "f",
            clientID: "c1",
            subject: "s",
            resource: Fixtures.base + "/mcp",
            scope: "read",
            createdAt: t0,
            expiresAt: t0.addingTimeInterval(60)
        )
        let mcp = Fixtures.base + "/mcp"
        #expect(TokenLifecycle.access(record, now: t0.addingTimeInterval(59), endpoint: mcp, indicator: indicator) == .valid)
        #expect(TokenLifecycle.access(record, now: t0.addingTimeInterval(60), endpoint: mcp, indicator: indicator) == .expired)
        #expect(TokenLifecycle.access(record, now: t0, endpoint: Fixtures.base + "/sse", indicator: indicator) == .wrongAudience)
        var revoked = record
        revoked.revokedAt = t0
        #expect(TokenLifecycle.access(revoked, now: t0, endpoint: mcp, indicator: indicator) == .revoked)
        #expect(TokenLifecycle.access(nil, now: t0, endpoint: mcp, indicator: indicator) == .unknown)
    }
}
