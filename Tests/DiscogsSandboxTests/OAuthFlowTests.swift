import DiscogsSandbox
import Foundation
import Testing

/// The three-legged OAuth 1.0a flow against the fake (Discogs API documentation, "Authentication").
@Suite struct OAuthFlowTests {
    static let consumer = (SampleAccount.consumerKey, SampleAccount.consumerSecret)

    static func form(_ text: String) -> [String: String] {
        Dictionary(OAuthSignature.parseForm(text), uniquingKeysWith: { first, _ in first })
    }

    /// Runs request_token with HMAC-SHA1 and the given callback; returns token and secret.
    static func requestToken(_ fake: FakeHarness, callback: String) async throws -> (String, String) {
        let header = TestOAuth.hmacHeader(
            method: "POST",
            uri: fake.base + "/oauth/request_token",
            query: [],
            consumer: consumer,
            token: nil,
            nonce: "n\(Int.random(in: 0...1_000_000))",
            additional: [("oauth_callback", callback)]
        )
        let reply = try await fake.send("POST", "/oauth/request_token", headers: [("Authorization", header)])
        #expect(reply.status == 200)
        let fields = form(reply.text)
        #expect(fields["oauth_callback_confirmed"] == "true")
        return (try #require(fields["oauth_token"]), try #require(fields["oauth_token_secret"]))
    }

    @Test func fullFlowYieldsAWorkingAccessToken() async throws {
        try await FakeHarness.with { fake in
            let (token, secret) = try await Self.requestToken(fake, callback: "http://127.0.0.1:9/discogs/callback?session=s1")
            let page = try await fake.send("GET", "/oauth/authorize?oauth_token=\(token)")
            #expect(page.status == 302)
            let location = try #require(page.header("Location"))
            #expect(location.hasPrefix("http://127.0.0.1:9/discogs/callback?session=s1&oauth_token=\(token)&oauth_verifier="))
            let verifier = try #require(Self.form(String(location.split(separator: "?")[1]))["oauth_verifier"])
            // The verifier travels in a form body, which is part of the signature base string.
            let body = "oauth_verifier=\(verifier)"
            let header = TestOAuth.hmacHeader(
                method: "POST",
                uri: fake.base + "/oauth/access_token",
                query: [("oauth_verifier", verifier)],
                consumer: Self.consumer,
                token: (token, secret),
                nonce: "accessnonce"
            )
            let access = try await fake.send(
                "POST",
                "/oauth/access_token",
                headers: [("Authorization", header)],
                body: body,
                contentType: "application/x-www-form-urlencoded"
            )
            #expect(access.status == 200)
            let fields = Self.form(access.text)
            let accessToken = try #require(fields["oauth_token"])
            let accessSecret = try #require(fields["oauth_token_secret"])
            let identityHeader = TestOAuth.hmacHeader(
                method: "GET",
                uri: fake.base + "/oauth/identity",
                query: [],
                consumer: Self.consumer,
                token: (accessToken, accessSecret),
                nonce: "idnonce"
            )
            let identity = try await fake.send("GET", "/oauth/identity", headers: [("Authorization", identityHeader)])
            #expect(identity.status == 200)
            #expect(identity.json["username"] as? String == fake.user)
            // The request token is spent.
            let again = try await fake.send(
                "POST",
                "/oauth/access_token",
                headers: [("Authorization", header)],
                body: body,
                contentType: "application/x-www-form-urlencoded"
            )
            #expect(again.status == 401)
            #expect(again.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
    }

    @Test func plaintextRequestTokenAndDeniedAuthorization() async throws {
        try await FakeHarness.with { fake in
            let header =
                "OAuth oauth_consumer_key=\"\(SampleAccount.consumerKey)\", oauth_nonce=\"a1b2c3d4e5\", oauth_signature=\"\(SampleAccount.consumerSecret)&\", oauth_signature_method=\"PLAINTEXT\", oauth_timestamp=\"1767225600\", oauth_callback=\"http%3A%2F%2Flocalhost%2Fcb\""
            let reply = try await fake.send("GET", "/oauth/request_token", headers: [("Authorization", header)])
            #expect(reply.status == 200)
            let token = try #require(Self.form(reply.text)["oauth_token"])
            let denied = try await fake.send("GET", "/oauth/authorize?oauth_token=\(token)&decision=deny")
            #expect(denied.status == 302)
            #expect(denied.header("Location") == "http://localhost/cb?denied=\(token)")
            let (second, _) = try await Self.requestToken(fake, callback: "http://localhost/cb")
            await fake.state.setBehaviour { $0.authorizeGrants = false }
            #expect(try await fake.send("GET", "/oauth/authorize?oauth_token=\(second)").header("Location")?.contains("denied=") == true)
        }
    }

    @Test func errorsAreTextPlainAndTokensExpireAfterFifteenMinutes() async throws {
        try await FakeHarness.with { fake in
            let notOAuth = try await fake.send("GET", "/oauth/request_token")
            #expect(notOAuth.status == 400)
            #expect(notOAuth.header("Content-Type")?.hasPrefix("text/plain") == true)
            let unknown = try await fake.send(
                "GET",
                "/oauth/request_token",
                headers: [("Authorization", "OAuth oauth_consumer_key=\"nope\", oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"x%26\"")]
            )
            #expect(unknown.status == 401)
            #expect(unknown.text == "Invalid consumer.")
            let badSignature = TestOAuth.hmacHeader(
                method: "GET",
                uri: "http://elsewhere.invalid/oauth/request_token",
                query: [],
                consumer: Self.consumer,
                token: nil
            )
            #expect(try await fake.send("GET", "/oauth/request_token", headers: [("Authorization", badSignature)]).status == 401)

            let (token, secret) = try await Self.requestToken(fake, callback: "http://localhost/cb")
            let location = try #require(try await fake.send("GET", "/oauth/authorize?oauth_token=\(token)").header("Location"))
            let verifier = try #require(Self.form(String(location.split(separator: "?")[1]))["oauth_verifier"])
            await fake.state.advanceClock(by: 16 * 60)
            let header = TestOAuth.hmacHeader(
                method: "POST",
                uri: fake.base + "/oauth/access_token",
                query: [],
                consumer: Self.consumer,
                token: (token, secret),
                nonce: "late",
                additional: [("oauth_verifier", verifier)]
            )
            let expired = try await fake.send("POST", "/oauth/access_token", headers: [("Authorization", header)])
            #expect(expired.status == 400)
            #expect(expired.text.contains("expired"))
        }
    }
}
