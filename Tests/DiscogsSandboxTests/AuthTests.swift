import DiscogsSandbox
import Foundation
import Testing

/// Credentials over real HTTP: tokens, key/secret, OAuth HMAC-SHA1 and PLAINTEXT, and their failures.
@Suite struct AuthTests {
    /// Alice, the worked HMAC-SHA1 vector: consumer ck123/cs789, token at456/ts012, a private 150-item collection.
    static func alice() -> (SampleAccount.Options, FakeDiscogsConfiguration) {
        (
            SampleAccount.Options(username: "alice", collectionSize: 150, wantlistSize: 5),
            FakeDiscogsConfiguration(publicBaseURL: "https://api.discogs.com")
        )
    }

    static func prepareAlice(_ fake: FakeHarness) async {
        await fake.state.registerConsumer(key: "ck123", secret: "cs789", name: "Vector App")
        await fake.state.registerAccessToken("at456", secret: "ts012", consumerKey: "ck123", username: "alice")
        await fake.state.updateData { $0.users["alice"]?.collectionIsPublic = false }
    }

    static let vectorPath = "/users/alice/collection/folders/0/releases?page=2&per_page=100&sort=added&sort_order=desc"
    static let vectorQuery = [("page", "2"), ("per_page", "100"), ("sort", "added"), ("sort_order", "desc")]

    @Test func rfcVectorSignedRequestIsAcceptedAsTheUser() async throws {
        let (options, configuration) = Self.alice()
        try await FakeHarness.with(options, configuration: configuration) { fake in
            await Self.prepareAlice(fake)
            // Built from the parameters of RFC 5849 §3.4 (HMAC-SHA1); the fake must reach the same signature.
            let header = TestOAuth.hmacHeader(
                method: "GET",
                uri: "https://api.discogs.com/users/alice/collection/folders/0/releases",
                query: Self.vectorQuery,
                consumer: ("ck123", "cs789"),
                token: ("at456", "ts012")
            )
            #expect(header.contains("oauth_signature=\"Lhs%2BmLdrD9Gr%2BF9hS5EJN38WnPI%3D\""))
            let reply = try await fake.send("GET", Self.vectorPath, headers: [("Authorization", header)])
            #expect(reply.status == 200)
            #expect(reply.int("X-Discogs-Ratelimit") == 60)
            let pagination = try #require(reply.json["pagination"] as? [String: Any])
            #expect(pagination["page"] as? Int == 2)
            #expect((reply.json["releases"] as? [Any])?.count == 50)
        }
    }

    @Test func wrongSignatureIsTreatedAsAnonymous() async throws {
        let (options, configuration) = Self.alice()
        try await FakeHarness.with(options, configuration: configuration) { fake in
            await Self.prepareAlice(fake)
            // Signing without the query string is the classic bug (RFC 5849 §3.4.1.3).
            let header = TestOAuth.hmacHeader(
                method: "GET",
                uri: "https://api.discogs.com/users/alice/collection/folders/0/releases",
                query: [],
                consumer: ("ck123", "cs789"),
                token: ("at456", "ts012")
            )
            let reply = try await fake.send("GET", Self.vectorPath, headers: [("Authorization", header)])
            #expect(reply.status == 403)
            #expect((reply.json["message"] as? String)?.contains("authenticate as the owner") == true)
            #expect(reply.int("X-Discogs-Ratelimit") == 25)
            // /oauth/identity has no query string, so the same bug "works" there but as anonymous here: 401.
            let identity = try await fake.send("GET", "/oauth/identity", headers: [("Authorization", header)])
            #expect(identity.status == 401)
        }
    }

    @Test func plaintextSignaturesInBothEncodingsAndQueryForms() async throws {
        try await FakeHarness.with { fake in
            let key = SampleAccount.consumerKey
            let token = SampleAccount.accessToken
            for signature in [
                "\(SampleAccount.consumerSecret)&\(SampleAccount.accessTokenSecret)",
                "\(SampleAccount.consumerSecret)%26\(SampleAccount.accessTokenSecret)",
            ] {
                let header =
                    "OAuth oauth_consumer_key=\"\(key)\", oauth_token=\"\(token)\", oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"\(signature)\", oauth_timestamp=\"1767225600\", oauth_nonce=\"abc123\""
                let reply = try await fake.send("GET", "/oauth/identity", headers: [("Authorization", header)])
                #expect(reply.status == 200)
                #expect(reply.json["username"] as? String == fake.user)
                #expect(reply.json["consumer_name"] as? String == SampleAccount.consumerName)
            }
            let byQuery = try await fake.send("GET", "/users/\(fake.user)/collection/folders?token=\(SampleAccount.personalToken)")
            #expect((byQuery.json["folders"] as? [Any])?.count == 7)
            let appQuery = try await fake.send("GET", "/database/search?q=the&key=\(key)&secret=\(SampleAccount.consumerSecret)")
            #expect(appQuery.status == 200)
            #expect(appQuery.int("X-Discogs-Ratelimit") == 60)
        }
    }

    @Test func tiersAndOwnership() async throws {
        try await FakeHarness.with { fake in
            let path = "/users/\(fake.user)/collection/folders/1/releases"
            #expect(try await fake.get(path).status == 200)
            #expect(try await fake.get(path, token: nil).status == 403)
            let other = try await fake.get(path, token: SampleAccount.otherPersonalToken)
            #expect(other.status == 403)
            let app = try await fake.send(
                "GET",
                path,
                headers: [("Authorization", "Discogs key=\(SampleAccount.consumerKey), secret=\(SampleAccount.consumerSecret)")]
            )
            #expect(app.status == 403)
            #expect(
                try await fake.send(
                    "GET",
                    "/oauth/identity",
                    headers: [("Authorization", "Discogs key=\(SampleAccount.consumerKey), secret=\(SampleAccount.consumerSecret)")]
                ).status == 401
            )
            #expect(try await fake.get("/database/search?q=x", token: nil).status == 401)
            #expect(try await fake.get("/oauth/identity", token: "no-such-token").status == 401)
            let badSecret = try await fake.send("GET", "/", headers: [("Authorization", "Discogs key=\(SampleAccount.consumerKey), secret=wrong")])
            #expect(badSecret.status == 401)
            // A nonce over 64 characters or a millisecond timestamp degrades to anonymous (as the live Discogs API does, RFC 5849 §3.3).
            for (nonce, timestamp) in [(String(repeating: "n", count: 65), "1767225600"), ("abc", "1767225600000")] {
                let header =
                    "OAuth oauth_consumer_key=\"\(SampleAccount.consumerKey)\", oauth_token=\"\(SampleAccount.accessToken)\", oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"\(SampleAccount.consumerSecret)&\(SampleAccount.accessTokenSecret)\", oauth_timestamp=\"\(timestamp)\", oauth_nonce=\"\(nonce)\""
                #expect(try await fake.send("GET", "/oauth/identity", headers: [("Authorization", header)]).status == 401)
            }
        }
    }

    @Test func userAgentIsRequired() async throws {
        try await FakeHarness.with { fake in
            let reply = try await fake.send("GET", "/", headers: [("User-Agent", "")])
            #expect(reply.status == 403)
            #expect(reply.header("X-Discogs-Ratelimit") != nil)
        }
    }

    @Test func imagesAreEmptyForAnonymousAndServedWithoutAuth() async throws {
        try await FakeHarness.with { fake in
            let releaseID = try #require(await fake.state.data.instances[fake.user]?.first?.releaseID)
            let anonymous = try await fake.get("/releases/\(releaseID)", token: nil)
            #expect(anonymous.json["thumb"] as? String == "")
            let signedIn = try await fake.get("/releases/\(releaseID)")
            let url = try #require(signedIn.json["thumb"] as? String)
            #expect(url.hasPrefix(fake.base + "/images/"))
            let image = try await fake.send("GET", url, headers: [("User-Agent", "")])
            #expect(image.status == 200)
            #expect(image.header("Content-Type") == "image/png")
            #expect(Array(image.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(image.header("X-Discogs-Ratelimit") == nil)
        }
    }
}
